// A small plain-text table renderer for terminal output: a header row, a rule, padded columns; a control character in
// a cell (a newline in a traffic source's name) is escaped, so that every row stays one line.
import { maxOf } from '@meshsim/mesh';

/** One column of a {@link formatTable} table. */
export interface TableColumn {
  /** Header text; put the unit in it, e.g. `p99 (ms)`. */
  header: string;
  /**
   * Alignment of the header and the cells.
   * @defaultValue `'right'` when every non-empty cell of the column looks like a number, else `'left'`
   */
  align?: 'left' | 'right';
}

/** Options of {@link formatTable}. */
export interface FormatTableOptions {
  /** A line printed above the table. */
  title?: string;
  /** Text printed before every line (e.g. two spaces to indent the table). @defaultValue `''` */
  indent?: string;
  /** Spaces between columns. @defaultValue `2` */
  gap?: number;
}

// A cell "looks like a number" if it is a formatted number (signs, digits, separators, a unit-less
// suffix such as `k`) or the placeholder for a missing value.
const NUMERIC_CELL = /^(?:[-+]?[\d,]*\.?\d+(?:e[-+]?\d+)?\s?[kMG%]?|–|-|∞)$/;

/**
 * Renders rows of pre-formatted cells as an aligned plain-text table. Columns are as wide as their
 * widest cell or header; numeric columns are right-aligned. Lines carry no trailing spaces and the
 * result ends with a newline.
 *
 * @param columns - The columns, in order.
 * @param rows - One array of cells per row; missing cells render empty, extra cells are ignored.
 * @throws {RangeError} if `columns` is empty.
 * @example
 * ```ts
 * formatTable([{ header: 'service' }, { header: 'p99 (ms)' }], [['checkout', '12.5']]);
 * // service   p99 (ms)\n--------  --------\ncheckout      12.5\n
 * ```
 */
export function formatTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: FormatTableOptions = {},
): string {
  if (columns.length === 0) throw new RangeError('formatTable: columns must not be empty');
  const indent = options.indent ?? '';
  const gap = ' '.repeat(options.gap ?? 2);
  const cells = rows.map((row) => columns.map((_, i) => escapeControls(row[i] ?? '')));
  const widths = columns.map((column, i) =>
    Math.max(
      textWidth(escapeControls(column.header)),
      maxOf(
        cells.map((row) => textWidth(row[i] ?? '')),
        0,
      ),
    ),
  );
  const aligns = columns.map(
    (column, i) =>
      column.align ??
      (cells.some((row) => (row[i] ?? '') !== '') &&
      cells.every((row) => (row[i] ?? '') === '' || NUMERIC_CELL.test(row[i] ?? ''))
        ? 'right'
        : 'left'),
  );
  const line = (values: readonly string[]): string =>
    (
      indent +
      values
        .map((value, i) => pad(value, widths[i] ?? 0, aligns[i] ?? 'left'))
        .join(gap)
        .trimEnd()
    ).trimEnd();

  const out: string[] = [];
  if (options.title !== undefined) out.push(indent + options.title);
  out.push(line(columns.map((column) => escapeControls(column.header))));
  out.push(line(widths.map((width) => '-'.repeat(width))));
  for (const row of cells) out.push(line(row));
  return out.join('\n') + '\n';
}

// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A table cell — or any line of text output that can hold a name from the scenario (a warning, an assumption, a
 * diagnosis' reason, a stopped run's message) — on one line: a line feed, carriage return or tab as
 * `\n`, `\r`, `\t`, any other control character (C0, DEL, C1) as `\xHH`, so that a name cannot forge lines. Backslashes
 * are left as they are: the text is for reading, the data formats (JSON, CSV) keep names exactly.
 *
 * @example
 * ```ts
 * escapeControls('multi\nline'); // 'multi\\nline'
 * ```
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Display width of a string, counted in code points (the tables use no wide characters). */
function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}
