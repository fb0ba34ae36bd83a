// Looks up the columns a layout names by key, so that a typo or a column without the format fails loudly.

import type { Column, ColumnTable } from '../columns/Column.js';

/**
 * The columns of `table` with `keys`, in the order of `keys`.
 * @throws {Error} naming the key if the table has no such column, or if it has no entry for `format`.
 */
export function pickColumns<Row>(
  table: ColumnTable<Row>,
  keys: readonly string[],
  format: 'text' | 'csv' | 'metric',
): Column<Row>[] {
  return keys.map((key) => {
    const column = table.columns.find((c) => c.key === key);
    if (column === undefined) throw new Error(`no column '${key}' in the table`);
    if (column[format] === undefined) throw new Error(`column '${key}' has no ${format} format`);
    return column;
  });
}
