// Parameter checks shared by the distribution factories and validateDistribution.
// Each throws a RangeError whose message names the field (a dotted path) and the offending value.

/** Renders a value for an error message: numbers as `String(n)` (NaN, -5, Infinity), other values as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number' || value === undefined || typeof value === 'function') return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}

/** Throws unless `value` is a finite number; returns it typed as a number. */
export function requireFinite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${field} must be a finite number (got ${formatValue(value)})`);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(field: string, value: unknown): number {
  const n = requireFinite(field, value);
  if (!(n > 0)) throw new RangeError(`${field} must be > 0 (got ${n})`);
  return n;
}

/** Throws unless `value` is a finite number >= 0. */
export function requireNonNegative(field: string, value: unknown): number {
  const n = requireFinite(field, value);
  if (!(n >= 0)) throw new RangeError(`${field} must be >= 0 (got ${n})`);
  return n;
}

/** Throws unless `value` is an integer >= 1 (a safe integer, so `k` exponentials can be summed). */
export function requirePositiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${field} must be a positive integer (got ${formatValue(value)})`);
  }
  return value;
}

/**
 * Throws unless `value` is a finite number >= `bound` (or > `bound` when `strict`), naming the
 * other field: e.g. `uniform.max must be >= min (5) (got 3)`.
 */
export function requireAtLeast(
  field: string,
  value: unknown,
  boundName: string,
  bound: number,
  strict = false,
): number {
  const n = requireFinite(field, value);
  if (strict ? !(n > bound) : !(n >= bound)) {
    throw new RangeError(`${field} must be ${strict ? '>' : '>='} ${boundName} (${bound}) (got ${n})`);
  }
  return n;
}

/** Throws unless `value` is an array with at least one element. */
export function requireNonEmptyArray(field: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new RangeError(`${field} must be an array (got ${formatValue(value)})`);
  if (value.length === 0) throw new RangeError(`${field} must not be empty (got [])`);
  return value as readonly unknown[];
}

/** Throws unless `value` is a non-null object (and not an array). */
export function requireObject(field: string, value: unknown): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RangeError(`${field} must be an object (got ${formatValue(value)})`);
  }
  return value;
}
