// Renders user input for error messages: short, unambiguous, and safe for any value.

/** Shows a value as it appears in an error's `(got …)`: strings JSON-quoted, long values truncated. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (typeof value === 'function' || typeof value === 'symbol') return typeof value;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `reason (got value)`: the shape of every value-related reason. */
export function got(reason: string, value: unknown): string {
  return `${reason} (got ${show(value)})`;
}

/**
 * A value as plain text inside a message (`duration 45s`): strings and numbers as written, anything else as
 * {@link show} renders it — never through the value's own `toString`, which input such as
 * `{ toString: null }` breaks.
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return show(value);
}
