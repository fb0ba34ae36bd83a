// Lays out rows as CSV (RFC 4180 quoting, `\n` line ends): every column of the table with a CSV name,
// in table order, each cell by the one rule of meshsim's CSV files (`csvNumber`, `csvText` of @meshsim/analysis).

import { csvNumber, csvText } from '@meshsim/analysis';

import type { CellValue, Column, ColumnContext, ColumnTable } from '../columns/Column.js';

/**
 * CSV text of `rows`: a header row of the CSV names, then one line per row, ending with a newline.
 * A null value is the column's `missing` cell (empty by default); NaN and ±Infinity are empty.
 */
export function csvTable<Row>(table: ColumnTable<Row>, rows: readonly Row[], context: ColumnContext): string {
  const columns = table.columns.filter((column) => column.csv !== undefined);
  const lines = [
    columns.map((column) => csvText(column.csv?.name ?? column.key)),
    ...rows.map((row) => columns.map((column) => csvCell(column, column.read(row, context)))),
  ];
  return lines.map((cells) => cells.join(',')).join('\n') + '\n';
}

function csvCell<Row>(column: Column<Row>, value: CellValue): string {
  if (value === null) return column.csv?.missing ?? '';
  return typeof value === 'string' ? csvText(value) : csvNumber(value);
}
