import { describe, expect, it } from 'vitest';
import { createSampler, distributionMean, distributionQuantile, scaleDistribution } from '../../src/index.js';
import type { DistributionSpec } from '../../src/index.js';
import { draw, expectRangeError, stream } from './stats.js';

const SPECS: DistributionSpec[] = [
  { kind: 'constant', value: 3 },
  { kind: 'uniform', min: -2, max: 8 },
  { kind: 'exponential', mean: 8 },
  { kind: 'normal', mean: 10, stdDev: 2 },
  { kind: 'lognormal', mu: 1, sigma: 0.6 },
  { kind: 'lognormal', median: 4, p99: 30 },
  { kind: 'gamma', shape: 0.7, scale: 3 },
  { kind: 'erlang', k: 4, mean: 6 },
  { kind: 'erlang', k: 20, mean: 6 },
  { kind: 'pareto', scale: 2, shape: 4 },
  { kind: 'weibull', scale: 3, shape: 1.5 },
  { kind: 'empirical', samples: [1, 2, 2, 3, 10] },
  {
    kind: 'empirical',
    bins: [
      { lower: 0, upper: 10, count: 60 },
      { lower: 20, upper: 100, count: 40 },
    ],
  },
  {
    kind: 'mixture',
    components: [
      { weight: 0.9, dist: { kind: 'exponential', mean: 5 } },
      { weight: 0.1, dist: { kind: 'lognormal', median: 50, p99: 200 } },
    ],
  },
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('scaleDistribution', () => {
  it('scaleDistribution rejects a factor that is not finite and > 0', () => {
    const spec: DistributionSpec = { kind: 'exponential', mean: 1 };
    expectRangeError(() => scaleDistribution(spec, 0), 'scaleDistribution.factor must be > 0 (got 0)');
    expectRangeError(() => scaleDistribution(spec, -2), 'scaleDistribution.factor must be > 0 (got -2)');
    expectRangeError(
      () => scaleDistribution(spec, Infinity),
      'scaleDistribution.factor must be a finite number (got Infinity)',
    );
  });

  it('scaleDistribution multiplies value parameters, adds ln(factor) to mu, and keeps shapes, k, counts, weights', () => {
    expect(scaleDistribution({ kind: 'lognormal', mu: 1, sigma: 0.5 }, 2)).toEqual({
      kind: 'lognormal',
      mu: 1 + Math.LN2,
      sigma: 0.5,
    });
    expect(scaleDistribution({ kind: 'lognormal', median: 4, p99: 30 }, 2)).toEqual({
      kind: 'lognormal',
      median: 8,
      p99: 60,
    });
    expect(scaleDistribution({ kind: 'normal', mean: 10, stdDev: 2 }, 3)).toEqual({
      kind: 'normal',
      mean: 30,
      stdDev: 6,
    });
    expect(scaleDistribution({ kind: 'gamma', shape: 2, scale: 3 }, 2)).toEqual({
      kind: 'gamma',
      shape: 2,
      scale: 6,
    });
    expect(scaleDistribution({ kind: 'erlang', k: 3, mean: 9 }, 2)).toEqual({
      kind: 'erlang',
      k: 3,
      mean: 18,
    });
    expect(scaleDistribution({ kind: 'empirical', bins: [{ lower: 1, upper: 2, count: 7 }] }, 10)).toEqual({
      kind: 'empirical',
      bins: [{ lower: 10, upper: 20, count: 7 }],
    });
  });

  for (const spec of SPECS) {
    const label = JSON.stringify(spec).slice(0, 60);
    it(`scaleDistribution(${label}, f) scales the mean, quantiles and every draw by f, without mutating the input`, () => {
      const f = 2.5;
      const before = JSON.stringify(spec);
      const scaled = scaleDistribution(deepFreeze(spec), f);
      expect(JSON.stringify(spec)).toBe(before);
      expect(distributionMean(scaled)).toBeCloseTo(f * distributionMean(spec), 9);
      const q = distributionQuantile(spec, 0.9);
      if (q !== undefined) expect(distributionQuantile(scaled, 0.9)).toBeCloseTo(f * q, 9);
      const original = draw(createSampler(spec, stream('scale')), 2000);
      const bigger = draw(createSampler(scaled, stream('scale')), 2000);
      for (let i = 0; i < original.length; i++) {
        const expected = f * (original[i] as number);
        expect(Math.abs((bigger[i] as number) - expected)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(expected)),
        );
      }
    });
  }
});
