// Validation of numeric policy parameters: the error names the field (with its config path) and value.

/** Constraints on one numeric field. */
export interface NumberRule {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  minExclusive?: boolean;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Whether the value must be an integer. */
  integer?: boolean;
  /** Whether `Infinity` is allowed (e.g. "no limit"). */
  allowInfinity?: boolean;
}

/**
 * Throws a RangeError naming `path` and `value` unless `value` is a finite number meeting `rule`.
 * Example message: `destination.retryBudget.retryRatio must be ≥ 0 (got -1)`.
 */
export function requireNumber(path: string, value: number, rule: NumberRule): void {
  const problems: string[] = [];
  if (rule.allowInfinity === true && value === Infinity) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) problems.push('a finite number');
  else {
    if (rule.integer === true && !Number.isInteger(value)) problems.push('an integer');
    if (rule.min !== undefined) {
      if (rule.minExclusive === true ? value <= rule.min : value < rule.min) {
        problems.push(`${rule.minExclusive === true ? '>' : '≥'} ${rule.min}`);
      }
    }
    if (rule.max !== undefined && value > rule.max) problems.push(`≤ ${rule.max}`);
  }
  if (problems.length > 0) {
    throw new RangeError(`${path} must be ${problems.join(' and ')} (got ${String(value)})`);
  }
}
