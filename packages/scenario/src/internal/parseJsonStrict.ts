// Parses JSON strictly (RFC 8259, with JSON.parse) and, when it is invalid, says where: the offset of
// the first error and JSON.parse's reason. JSON.parse names a position for most errors but not all
// (Node 20 says "Unexpected token ']', …" without one), so a small scanner finds the offset itself.

/** What {@link parseJsonStrict} found: the value, or the first error with its offset in the text. */
export type StrictJson =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'error'; readonly offset: number; readonly reason: string };

/**
 * Parses `text` as JSON: no trailing commas, comments, single quotes, NaN or anything else JSON does not
 * allow. A byte-order mark must have been removed first.
 *
 * @param text - The file contents.
 * @returns The parsed value, or the offset (0-based, in UTF-16 code units) of the first error and its
 *   reason as JSON.parse words it, without the position (`Expected double-quoted property name`); a
 *   trailing comma and a comment are named as such.
 */
export function parseJsonStrict(text: string): StrictJson {
  try {
    return { kind: 'value', value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { reason, offset } = reasonAndOffset(message, text);
    const note = text.startsWith('//', offset) || text.startsWith('/*', offset) ? COMMENT_NOTE : '';
    return { kind: 'error', offset, reason: printable(reason) + trailingCommaNote(text, offset) + note };
  }
}

/** The first syntax error of strict JSON text, where it is and why (see {@link findJsonSyntaxError}). */
export interface JsonSyntaxError {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units from the start of the line. */
  readonly column: number;
  /** JSON.parse's reason, without its position (`Expected double-quoted property name`). */
  readonly reason: string;
}

/**
 * The first syntax error of `text` read as strict JSON (RFC 8259), or null when it is valid: what the scenario
 * loader reports for a `.json` scenario file, for other readers of JSON (the importer's `--graph` fragment) to report
 * the same way. A leading byte-order mark is ignored. Duplicate keys are valid here, as for JSON.parse.
 *
 * @param text - The file contents.
 * @example
 * ```ts
 * findJsonSyntaxError('{\n  "seed": 1,\n}'); // { line: 3, column: 1, reason: "Expected double-quoted property name (a trailing comma: …)" }
 * ```
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = parseJsonStrict(body);
  return parsed.kind === 'value' ? null : { ...lineAndColumn(body, parsed.offset), reason: parsed.reason };
}

/** The 1-based line and column of `offset` in `text` (lines end at `\n`; a `\r` before it is the line's). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON.parse's reason and the error's offset. Node 20 writes `<reason> in JSON at position <n>` (newer
 * versions add ` (line l column c)`; past the document: `… after JSON at position <n>`), `Unexpected end
 * of JSON input`, or `Unexpected token 'x', "…" is not valid JSON` with an excerpt and no position; the
 * offset then comes from {@link jsonErrorOffset}.
 */
function reasonAndOffset(message: string, text: string): { reason: string; offset: number } {
  const positioned = /^(.*?)(?: in JSON)? at position (\d+)/s.exec(message);
  if (positioned !== null) {
    return { reason: positioned[1] as string, offset: Math.min(Number(positioned[2]), text.length) };
  }
  const excerpt = /^(.*?), (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  return { reason: excerpt === null ? message : (excerpt[1] as string), offset: jsonErrorOffset(text) };
}

/** `text` on one line: control characters (a newline JSON.parse quotes as the unexpected token) escaped. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f]/g, (char) => JSON.stringify(char).slice(1, -1));
}

/** Said of an error where a comment starts. */
const COMMENT_NOTE = ' (JSON has no comments: a YAML scenario file can have them)';

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/** ` (a trailing comma: …)` when the error follows a comma that closes nothing but `}` or `]`. */
function trailingCommaNote(text: string, offset: number): string {
  let before = offset - 1;
  while (before >= 0 && isJsonSpace(text[before])) before--;
  if (text[before] !== ',') return '';
  let after = offset;
  while (after < text.length && isJsonSpace(text[after])) after++;
  const next = text[after];
  return next === '}' || next === ']' ? ` (a trailing comma: JSON allows none before '}' or ']')` : '';
}

/** What the scanner expects next. */
type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after-value';

/**
 * The offset of the first error in `text` (invalid JSON), where JSON.parse reports it: the first
 * character that cannot continue a valid document, or the end of the text when it stops short.
 * Iterative (a stack of open brackets), so no nesting overflows the call stack.
 *
 * @param text - Text that JSON.parse refused.
 */
export function jsonErrorOffset(text: string): number {
  const closers: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (isJsonSpace(text[i])) i++;
    const char = text[i];
    if (char === undefined) return text.length;
    switch (expect) {
      case 'value':
      case 'value-or-close':
      case 'key':
      case 'key-or-close': {
        const isKey = expect === 'key' || expect === 'key-or-close';
        if (expect.endsWith('-or-close') && char === closers[closers.length - 1]) {
          closers.pop();
          i++;
          expect = 'after-value';
          break;
        }
        if (isKey) {
          if (char !== '"') return i;
          const end = stringEnd(text, i);
          if (typeof end !== 'number') return end.error;
          i = end;
          expect = 'colon';
          break;
        }
        if (char === '{' || char === '[') {
          closers.push(char === '{' ? '}' : ']');
          i++;
          expect = char === '{' ? 'key-or-close' : 'value-or-close';
          break;
        }
        const end =
          char === '"'
            ? stringEnd(text, i)
            : char === '-' || isDigit(char)
              ? numberEnd(text, i)
              : literalEnd(text, i);
        if (typeof end !== 'number') return end.error;
        i = end;
        expect = 'after-value';
        break;
      }
      case 'colon':
        if (char !== ':') return i;
        i++;
        expect = 'value';
        break;
      case 'after-value': {
        const closer = closers[closers.length - 1];
        if (closer === undefined) return i; // something after the document
        if (char === ',') {
          i++;
          expect = closer === '}' ? 'key' : 'value';
        } else if (char === closer) {
          closers.pop();
          i++;
        } else {
          return i;
        }
        break;
      }
    }
  }
}

/** Where a token scanned from `start` ends, or the offset of the error in it. */
type TokenEnd = number | { readonly error: number };

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isHex(char: string | undefined): boolean {
  return char !== undefined && /^[0-9a-fA-F]$/.test(char);
}

/** The end of the string starting at `start` (its opening quote), or the offset of the error. */
function stringEnd(text: string, start: number): TokenEnd {
  let i = start + 1;
  for (;;) {
    const char = text[i];
    if (char === undefined) return { error: text.length };
    if (char === '"') return i + 1;
    if (char < ' ') return { error: i };
    if (char === '\\') {
      const escaped = text[i + 1];
      if (escaped === 'u') {
        for (let k = 2; k < 6; k++) if (!isHex(text[i + k])) return { error: i + k };
        i += 6;
        continue;
      }
      if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) return { error: i + 1 };
      i += 2;
      continue;
    }
    i++;
  }
}

/** The end of the number starting at `start`, or the offset of the error. */
function numberEnd(text: string, start: number): TokenEnd {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (isDigit(text[i])) while (isDigit(text[i])) i++;
  else return { error: i };
  if (text[i] === '.') {
    i++;
    if (!isDigit(text[i])) return { error: i };
    while (isDigit(text[i])) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text[i])) return { error: i };
    while (isDigit(text[i])) i++;
  }
  return i;
}

/** The end of `true`, `false` or `null` starting at `start`, or the offset of the error. */
function literalEnd(text: string, start: number): TokenEnd {
  const word = ['true', 'false', 'null'].find((w) => w[0] === text[start]);
  if (word === undefined) return { error: start };
  for (let k = 1; k < word.length; k++) if (text[start + k] !== word[k]) return { error: start + k };
  return start + word.length;
}
