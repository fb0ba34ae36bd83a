// Parameter checks shared by the distribution factories and validateDistribution.
// Each throws a DistributionParamError (a RangeError) naming the field (a dotted path) and the offending value.

import { DistributionParamError } from './DistributionParamError.js';

/** Throws unless `value` is a finite number; returns it typed as a number. */
export function requireFinite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DistributionParamError(field, 'must be a finite number', value);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(field: string, value: unknown): number {
  const n = requireFinite(field, value);
  if (!(n > 0)) throw new DistributionParamError(field, 'must be > 0', n);
  return n;
}

/** Throws unless `value` is a finite number >= 0. */
export function requireNonNegative(field: string, value: unknown): number {
  const n = requireFinite(field, value);
  if (!(n >= 0)) throw new DistributionParamError(field, 'must be >= 0', n);
  return n;
}

/** Throws unless `value` is an integer >= 1 (a safe integer, so `k` exponentials can be summed). */
export function requirePositiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new DistributionParamError(field, 'must be a positive integer', value);
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
    throw new DistributionParamError(field, `must be ${strict ? '>' : '>='} ${boundName} (${bound})`, n, {
      field: boundName,
      value: bound,
      strict,
    });
  }
  return n;
}

/** Throws unless `value` is an array with at least one element. */
export function requireNonEmptyArray(field: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new DistributionParamError(field, 'must be an array', value);
  if (value.length === 0) throw new DistributionParamError(field, 'must not be empty', value);
  return value as readonly unknown[];
}

/** Throws unless `value` is a non-null object (and not an array). */
export function requireObject(field: string, value: unknown): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DistributionParamError(field, 'must be an object', value);
  }
  return value;
}
