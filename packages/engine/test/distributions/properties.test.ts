import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSampler,
  distributionMean,
  exponential,
  RandomStreams,
  scaleDistribution,
  validateDistribution,
} from '../../src/index.js';
import type { DistributionSpec } from '../../src/index.js';
import { normalQuantile } from '../../src/distributions/special.js';

const positive = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });

/** Valid specs of the non-negative families with random parameters (kept where float64 draws stay finite). */
const leaf: fc.Arbitrary<DistributionSpec> = fc.oneof(
  positive(0, 1e6).map((value): DistributionSpec => ({ kind: 'constant', value })),
  fc
    .tuple(positive(0, 1e6), positive(0, 1e6))
    .map(([a, b]): DistributionSpec => ({ kind: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
  positive(1e-6, 1e6).map((mean): DistributionSpec => ({ kind: 'exponential', mean })),
  fc
    .tuple(positive(-10, 10), positive(0, 3))
    .map(([mu, sigma]): DistributionSpec => ({ kind: 'lognormal', mu, sigma })),
  fc
    .tuple(positive(1e-3, 1e4), positive(1.001, 100))
    .map(([median, ratio]): DistributionSpec => ({ kind: 'lognormal', median, p99: median * ratio })),
  fc
    .tuple(positive(0.05, 50), positive(1e-3, 1e4))
    .map(([shape, scale]): DistributionSpec => ({ kind: 'gamma', shape, scale })),
  fc
    .tuple(fc.integer({ min: 1, max: 60 }), positive(1e-3, 1e4))
    .map(([k, mean]): DistributionSpec => ({ kind: 'erlang', k, mean })),
  fc
    .tuple(positive(1e-3, 1e4), positive(0.1, 10))
    .map(([scale, shape]): DistributionSpec => ({ kind: 'pareto', scale, shape })),
  fc
    .tuple(positive(1e-3, 1e4), positive(0.1, 10))
    .map(([scale, shape]): DistributionSpec => ({ kind: 'weibull', scale, shape })),
  fc
    .array(positive(0, 1e6), { minLength: 1, maxLength: 20 })
    .map((samples): DistributionSpec => ({ kind: 'empirical', samples })),
  fc
    .array(
      fc.record({
        lower: positive(0, 1e3),
        width: positive(0, 1e3),
        count: fc.integer({ min: 0, max: 100 }),
      }),
      { minLength: 1, maxLength: 10 },
    )
    .filter((bins) => bins.some((b) => b.count > 0))
    .map((bins): DistributionSpec => ({
      kind: 'empirical',
      bins: bins.map((b) => ({ lower: b.lower, upper: b.lower + b.width, count: b.count })),
    })),
);

const nonNegativeSpec: fc.Arbitrary<DistributionSpec> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.record({ weight: positive(0.01, 10), dist: leaf }), { minLength: 1, maxLength: 4 })
      .map((components): DistributionSpec => ({ kind: 'mixture', components })),
  },
);

describe('distribution properties', () => {
  it('every sampler of a non-negative family with valid random params returns finite numbers >= 0', () => {
    fc.assert(
      fc.property(nonNegativeSpec, fc.integer(), (spec, seed) => {
        const sampler = createSampler(spec, RandomStreams.create(seed, 'property'));
        for (let i = 0; i < 200; i++) {
          const x = sampler();
          expect(Number.isFinite(x) && x >= 0, `${JSON.stringify(spec)} drew ${x}`).toBe(true);
        }
        expect(distributionMean(spec)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('valid specs survive a JSON round trip: same validation, same draws', () => {
    fc.assert(
      fc.property(nonNegativeSpec, fc.integer(), (spec, seed) => {
        const parsed = JSON.parse(JSON.stringify(spec)) as DistributionSpec;
        validateDistribution(parsed);
        const a = createSampler(spec, RandomStreams.create(seed, 'json'));
        const b = createSampler(parsed, RandomStreams.create(seed, 'json'));
        for (let i = 0; i < 20; i++) expect(b()).toBe(a());
      }),
    );
  });

  it('scaleDistribution(spec, f) multiplies distributionMean by f', () => {
    fc.assert(
      fc.property(nonNegativeSpec, positive(0.01, 100), (spec, f) => {
        const before = distributionMean(spec);
        const after = distributionMean(scaleDistribution(spec, f));
        if (before === Infinity) expect(after).toBe(Infinity);
        else expect(Math.abs(after - f * before)).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, f * before));
      }),
    );
  });

  it('exponential rejects every mean that is not a finite number > 0, quoting the value', () => {
    const invalid = fc.oneof(fc.double({ max: 0 }), fc.constantFrom(NaN, Infinity, -Infinity));
    fc.assert(
      fc.property(invalid, (mean) => {
        expect(() => exponential(mean, RandomStreams.create(1, 'x'))).toThrow(
          new RegExp(`^exponential\\.mean must be .* \\(got ${String(mean).replace(/[.+]/g, '\\$&')}\\)$`),
        );
      }),
    );
  });

  it('normalQuantile is increasing and antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        (p, r) => {
          const [lo, hi] = p < r ? [p, r] : [r, p];
          expect(normalQuantile(lo)).toBeLessThanOrEqual(normalQuantile(hi));
          expect(Math.abs(normalQuantile(1 - p) + normalQuantile(p))).toBeLessThanOrEqual(
            1e-6 * Math.max(1, -normalQuantile(p)),
          );
        },
      ),
    );
  });
});
