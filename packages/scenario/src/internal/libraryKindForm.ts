// The reason for an object written in the library's `{ kind: X, …params }` form where a scenario names the kind as
// its key (`{ X: { …params } }`): one error with the rewrite, instead of one "unknown field" per key.

/** A value as a scenario would write it in a YAML flow mapping: plain strings and numbers bare. */
function flowValue(value: unknown): string {
  if (typeof value === 'string') return /^[\w.+-]+$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flowValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, inner]) => `${key}: ${flowValue(inner)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/**
 * When `input` is `{ kind: X, … }` with X one of the object's `known` keys and `kind` among its unknown `keys`, the
 * reason to report at the object: `is the library's { kind: … } form; a scenario names the kind as the key: { X: { …
 * } }`; else undefined.
 */
export function libraryKindForm(
  input: unknown,
  keys: readonly string[],
  known: ReadonlySet<string> | undefined,
): string | undefined {
  if (known === undefined || !keys.includes('kind')) return undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const { kind, ...params } = input as Record<string, unknown>;
  if (typeof kind !== 'string' || !known.has(kind)) return undefined;
  return (
    `is the library's { kind: ${kind}, … } form; a scenario names the kind as the key: ` +
    `{ ${kind}: ${flowValue(params)} }`
  );
}
