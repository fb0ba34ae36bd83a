// Lays out rows as CSV (RFC 4180 quoting, `\n` line ends): every column of the table with a CSV name,
// in table order, numbers rounded to CSV_DECIMALS.

import type { CellValue, Column, ColumnContext, ColumnTable } from '../columns/Column.js';
import { round } from './format.js';

/** Decimal places kept for non-integer numbers in CSV output. */
export const CSV_DECIMALS = 6;

/**
 * CSV text of `rows`: a header row of the CSV names, then one line per row, ending with a newline.
 * A null value is the column's `missing` cell (empty by default); NaN and ±Infinity are empty.
 */
export function csvTable<Row>(table: ColumnTable<Row>, rows: readonly Row[], context: ColumnContext): string {
  const columns = table.columns.filter((column) => column.csv !== undefined);
  const lines = [
    columns.map((column) => quote(column.csv?.name ?? column.key)),
    ...rows.map((row) => columns.map((column) => csvCell(column, column.read(row, context)))),
  ];
  return lines.map((cells) => cells.join(',')).join('\n') + '\n';
}

function csvCell<Row>(column: Column<Row>, value: CellValue): string {
  if (value === null) return column.csv?.missing ?? '';
  if (typeof value === 'string') return quote(value);
  const rounded = round(value, CSV_DECIMALS);
  return rounded === null ? '' : String(rounded);
}

/** A text cell, quoted when it holds a comma, a double quote or a line break (quotes doubled). */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
