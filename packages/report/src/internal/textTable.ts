// Lays out rows as a text table from the columns a text section picks (headers, formatting, alignment).

import type { CellValue, Column, ColumnContext, ColumnTable } from '../columns/Column.js';
import { formatTable } from './formatTable.js';
import type { FormatTableOptions } from './formatTable.js';
import { MISSING } from './format.js';
import { pickColumns } from './pickColumns.js';

/** The text cell of `value` in `column`: `–` for null, a text as it is, a number through the formatter. */
export function textCell<Row>(column: Column<Row>, value: CellValue): string {
  if (value === null) return MISSING;
  if (typeof value === 'string') return value;
  const format = column.text?.format;
  return format === undefined ? String(value) : format(value);
}

/**
 * A text table of `rows` with the columns of `table` named by `keys`, in that order.
 * @throws {Error} if a key names no column of the table, or a column without a text format.
 */
export function textTable<Row>(
  table: ColumnTable<Row>,
  keys: readonly string[],
  rows: readonly Row[],
  context: ColumnContext,
  options: FormatTableOptions = {},
): string {
  const columns = pickColumns(table, keys, 'text');
  return formatTable(
    columns.map((column) => ({
      header: column.text?.header ?? column.key,
      align: column.text?.align ?? (column.text?.format === undefined ? 'left' : 'right'),
    })),
    rows.map((row) => columns.map((column) => textCell(column, column.read(row, context)))),
    options,
  );
}
