// validateDistribution reports the field, the rule and the value apart (DistributionParamError), so a
// caller can word them its own way; the message stays `<field> <rule> (got <value>)`.

import { describe, expect, it } from 'vitest';
import { DistributionParamError, validateDistribution } from '../../src/index.js';
import type { DistributionSpec } from '../../src/index.js';

function errorOf(spec: DistributionSpec, path = 'd'): DistributionParamError {
  try {
    validateDistribution(spec, path);
  } catch (error) {
    if (error instanceof DistributionParamError) return error;
    throw error;
  }
  throw new Error('expected a DistributionParamError');
}

describe('DistributionParamError', () => {
  it('is a RangeError named after its class, with the field, the rule and the value', () => {
    const error = errorOf({ kind: 'exponential', mean: 0 });
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('DistributionParamError');
    expect([error.field, error.rule, error.value, error.bound]).toEqual([
      'd.mean',
      'must be > 0',
      0,
      undefined,
    ]);
    expect(error.message).toBe('d.mean must be > 0 (got 0)');
  });

  it('names the other field of an ordering rule (uniform max >= min, lognormal p99 > median)', () => {
    const uniform = errorOf({ kind: 'uniform', min: 5, max: 3 });
    expect(uniform.bound).toEqual({ field: 'min', value: 5, strict: false });
    expect(uniform.message).toBe('d.max must be >= min (5) (got 3)');
    expect(errorOf({ kind: 'lognormal', median: 4, p99: 3 }).bound).toEqual({
      field: 'median',
      value: 4,
      strict: true,
    });
  });

  it('reports a rule over a list at the list, with the total as the value', () => {
    const error = errorOf({
      kind: 'mixture',
      components: [{ weight: 0, dist: { kind: 'constant', value: 1 } }],
    });
    expect([error.field, error.rule, error.value]).toEqual([
      'd.components',
      'total weight must be a finite number > 0',
      0,
    ]);
  });
});
