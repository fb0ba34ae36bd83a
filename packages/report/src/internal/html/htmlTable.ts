// Lays out rows as an HTML table from the columns a section picks, with the same headers (units included)
// and number formats as the text tables; or from cells already formatted (the comparison's and the replications').

import type { ColumnContext, ColumnTable } from '../../columns/Column.js';
import { pickColumns } from '../pickColumns.js';
import { textCell } from '../textTable.js';
import { escapeHtml } from './escapeHtml.js';

/**
 * An HTML table of `rows` with the columns of `table` named by `keys`, in that order; number columns
 * are right-aligned (class `num`), the first column heads its row.
 * @throws {Error} if a key names no column of the table, or a column without a text format.
 */
export function htmlTable<Row>(
  table: ColumnTable<Row>,
  keys: readonly string[],
  rows: readonly Row[],
  context: ColumnContext,
  caption: string,
): string {
  const columns = pickColumns(table, keys, 'text');
  const numeric = columns.map(
    (column) => (column.text?.align ?? (column.text?.format === undefined ? 'left' : 'right')) === 'right',
  );
  const cls = (i: number): string => (numeric[i] === true ? ' class="num"' : '');
  const head = columns
    .map((column, i) => `<th scope="col"${cls(i)}>${escapeHtml(column.text?.header ?? column.key)}</th>`)
    .join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((column, i) => {
        const text = escapeHtml(textCell(column, column.read(row, context)));
        return i === 0 ? `<th scope="row"${cls(i)}>${text}</th>` : `<td${cls(i)}>${text}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return (
    `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(caption)}">` +
    `<table><caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`
  );
}

/**
 * A table of text cells with a header row and rows whose first cell heads the row; every other cell is a number
 * (right-aligned).
 */
export function rowHeadedTable(
  caption: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const head = header.map(
    (cell, i) => `<th scope="col"${i === 0 ? '' : ' class="num"'}>${escapeHtml(cell)}</th>`,
  );
  const body = rows.map(
    (row) =>
      `<tr>${row
        .map((cell, i) =>
          i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td class="num">${escapeHtml(cell)}</td>`,
        )
        .join('')}</tr>`,
  );
  return (
    `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(caption)}">` +
    `<table><caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head.join('')}</tr></thead>\n` +
    `<tbody>\n${body.join('\n')}\n</tbody></table></div>`
  );
}
