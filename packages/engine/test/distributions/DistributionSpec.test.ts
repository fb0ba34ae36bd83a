import { describe, expect, it } from 'vitest';
import {
  DISTRIBUTION_KINDS,
  constant,
  createSampler,
  describeDistribution,
  distributionMean,
  distributionQuantile,
  empiricalFromBins,
  empiricalFromSamples,
  erlang,
  exponential,
  gamma,
  lognormal,
  lognormalFromMedianP99,
  mixture,
  normal,
  pareto,
  uniform,
  validateDistribution,
  weibull,
} from '../../src/index.js';
import type { DistributionSpec, Random, Sampler } from '../../src/index.js';
import {
  draw,
  expectMean,
  expectQuantiles,
  expectRangeError,
  expectSameSequence,
  mean,
  stream,
  variance,
} from './stats.js';

const BINS = [
  { lower: 0, upper: 10, count: 60 },
  { lower: 10, upper: 20, count: 0 },
  { lower: 20, upper: 100, count: 40 },
];

/** One spec of every kind and form, with the factory call it should be equivalent to. */
const EVERY_KIND: { name: string; spec: DistributionSpec; direct: (r: Random) => Sampler }[] = [
  { name: 'constant', spec: { kind: 'constant', value: 3 }, direct: () => constant(3) },
  { name: 'uniform', spec: { kind: 'uniform', min: 2, max: 8 }, direct: (r) => uniform(2, 8, r) },
  { name: 'exponential', spec: { kind: 'exponential', mean: 8 }, direct: (r) => exponential(8, r) },
  { name: 'normal', spec: { kind: 'normal', mean: 10, stdDev: 2 }, direct: (r) => normal(10, 2, r) },
  {
    name: 'lognormal(mu, sigma)',
    spec: { kind: 'lognormal', mu: 1, sigma: 0.6 },
    direct: (r) => lognormal(1, 0.6, r),
  },
  {
    name: 'lognormal(median, p99)',
    spec: { kind: 'lognormal', median: 4, p99: 30 },
    direct: (r) => lognormalFromMedianP99(4, 30, r),
  },
  { name: 'gamma', spec: { kind: 'gamma', shape: 0.7, scale: 3 }, direct: (r) => gamma(0.7, 3, r) },
  { name: 'erlang', spec: { kind: 'erlang', k: 4, mean: 6 }, direct: (r) => erlang(4, 6, r) },
  { name: 'pareto', spec: { kind: 'pareto', scale: 2, shape: 4 }, direct: (r) => pareto(2, 4, r) },
  { name: 'weibull', spec: { kind: 'weibull', scale: 3, shape: 1.5 }, direct: (r) => weibull(3, 1.5, r) },
  {
    name: 'empirical(samples)',
    spec: { kind: 'empirical', samples: [1, 2, 2, 3, 10] },
    direct: (r) => empiricalFromSamples([1, 2, 2, 3, 10], r),
  },
  {
    name: 'empirical(bins)',
    spec: { kind: 'empirical', bins: BINS },
    direct: (r) => empiricalFromBins(BINS, r),
  },
  {
    name: 'mixture',
    spec: {
      kind: 'mixture',
      components: [
        { weight: 0.9, dist: { kind: 'exponential', mean: 5 } },
        { weight: 0.1, dist: { kind: 'lognormal', median: 50, p99: 200 } },
      ],
    },
    direct: (r) =>
      mixture(
        [
          { weight: 0.9, sampler: exponential(5, r) },
          { weight: 0.1, sampler: lognormalFromMedianP99(50, 200, r) },
        ],
        r,
      ),
  },
];

describe('validateDistribution', () => {
  it('validateDistribution names the failing field under the given path, with its value', () => {
    expectRangeError(
      () => validateDistribution({ kind: 'exponential', mean: 0 }, 'services.a.serviceTime'),
      'services.a.serviceTime.mean must be > 0 (got 0)',
    );
    expectRangeError(
      () => validateDistribution({ kind: 'uniform', min: 5, max: 1 }),
      'dist.max must be >= min (5) (got 1)',
    );
    expectRangeError(
      () => validateDistribution({ kind: 'erlang', k: 2.5, mean: 1 }),
      'dist.k must be a positive integer (got 2.5)',
    );
  });

  it('validateDistribution names mixture components by index: path.components[i].dist.field', () => {
    const spec: DistributionSpec = {
      kind: 'mixture',
      components: [
        { weight: 1, dist: { kind: 'constant', value: 1 } },
        { weight: 1, dist: { kind: 'exponential', mean: 2 } },
        { weight: 1, dist: { kind: 'exponential', mean: -1 } },
      ],
    };
    expectRangeError(() => validateDistribution(spec), 'dist.components[2].dist.mean must be > 0 (got -1)');
    const nested: DistributionSpec = {
      kind: 'mixture',
      components: [{ weight: 1, dist: { kind: 'mixture', components: [{ weight: -2, dist: spec }] } }],
    };
    expectRangeError(
      () => validateDistribution(nested, 'x'),
      'x.components[0].dist.components[0].weight must be >= 0 (got -2)',
    );
  });

  it('validateDistribution rejects malformed JSON data: wrong types, unknown kinds, non-objects', () => {
    const bad = (value: unknown): DistributionSpec => value as DistributionSpec;
    expectRangeError(
      () => validateDistribution(bad({ kind: 'exponential', mean: '5' })),
      'dist.mean must be a finite number (got "5")',
    );
    expectRangeError(
      () => validateDistribution(bad({ kind: 'exponential' })),
      'dist.mean must be a finite number (got undefined)',
    );
    expectRangeError(
      () => validateDistribution(bad({ kind: 'poisson', mean: 1 })),
      `dist.kind must be one of ${DISTRIBUTION_KINDS.join(', ')} (got "poisson")`,
    );
    expectRangeError(() => validateDistribution(bad(null), 'a.b'), 'a.b must be an object (got null)');
    expectRangeError(
      () => validateDistribution(bad({ kind: 'mixture', components: {} })),
      'dist.components must be an array (got {})',
    );
    expectRangeError(
      () => validateDistribution(bad({ kind: 'empirical', bins: [{ lower: 0, upper: 1 }] })),
      'dist.bins[0].count must be a finite number (got undefined)',
    );
  });

  it('validateDistribution requires exactly one lognormal form and one empirical form', () => {
    const bad = (value: unknown): DistributionSpec => value as DistributionSpec;
    expectRangeError(
      () => validateDistribution(bad({ kind: 'lognormal', mu: 1, sigma: 1, median: 3, p99: 9 })),
      'dist must give either mu and sigma or median and p99, not both',
    );
    expectRangeError(
      () => validateDistribution(bad({ kind: 'lognormal', p99: 9 })),
      'dist.median must be a finite number (got undefined)',
    );
    expectRangeError(
      () => validateDistribution({ kind: 'lognormal', median: 5, p99: 5 }),
      'dist.p99 must be > median (5) (got 5)',
    );
    expectRangeError(
      () => validateDistribution(bad({ kind: 'empirical', samples: [1], bins: BINS })),
      'dist must give either samples or bins, not both',
    );
  });

  it('validateDistribution accepts one valid spec of every kind and form', () => {
    for (const { spec } of EVERY_KIND) expect(() => validateDistribution(spec)).not.toThrow();
    expect(new Set(EVERY_KIND.map((c) => c.spec.kind))).toEqual(new Set(DISTRIBUTION_KINDS));
  });
});

describe('createSampler', () => {
  it('createSampler validates first, naming fields under its path', () => {
    expectRangeError(
      () => createSampler({ kind: 'gamma', shape: 0, scale: 1 }, stream('v'), 'services.db.serviceTime'),
      'services.db.serviceTime.shape must be > 0 (got 0)',
    );
    expectRangeError(
      () => createSampler({ kind: 'gamma', shape: 1, scale: 0 }, stream('v')),
      'dist.scale must be > 0 (got 0)',
    );
  });

  for (const { name, spec, direct } of EVERY_KIND) {
    it(`createSampler(${name}) draws the same sequence as the direct factory on the same stream`, () => {
      expectSameSequence(
        createSampler(spec, stream(`equivalence/${name}`)),
        direct(stream(`equivalence/${name}`)),
      );
    });
  }

  it('createSampler gives identical draws for a spec and its JSON round trip', () => {
    for (const { name, spec } of EVERY_KIND) {
      const parsed = JSON.parse(JSON.stringify(spec)) as DistributionSpec;
      expectSameSequence(
        createSampler(spec, stream(`json/${name}`)),
        createSampler(parsed, stream(`json/${name}`)),
      );
    }
  });
});

describe('distributionMean', () => {
  for (const { name, spec } of EVERY_KIND) {
    it(`distributionMean(${name}) matches the sample mean of 2·10^5 draws within 5 standard errors`, () => {
      const xs = draw(createSampler(spec, stream(`mean/${name}`)), 200_000);
      const expected = distributionMean(spec);
      if (spec.kind === 'constant') expect(mean(xs)).toBe(expected);
      else expectMean(xs, expected, Math.sqrt(variance(xs)));
    });
  }

  it('distributionMean is exact for the closed forms and Infinity for pareto with shape <= 1', () => {
    expect(distributionMean({ kind: 'pareto', scale: 2, shape: 1 })).toBe(Infinity);
    expect(distributionMean({ kind: 'pareto', scale: 2, shape: 0.5 })).toBe(Infinity);
    expect(distributionMean({ kind: 'pareto', scale: 2, shape: 3 })).toBe(3);
    expect(distributionMean({ kind: 'weibull', scale: 3, shape: 1 })).toBeCloseTo(3, 12);
    expect(distributionMean({ kind: 'weibull', scale: 3, shape: 0.5 })).toBeCloseTo(6, 12);
    expect(distributionMean({ kind: 'gamma', shape: 2.5, scale: 4 })).toBe(10);
    expect(distributionMean({ kind: 'lognormal', mu: 1, sigma: 2 })).toBeCloseTo(Math.exp(3), 12);
    expect(distributionMean({ kind: 'empirical', samples: [1, 2, 2, 3, 10] })).toBe(3.6);
    expect(distributionMean({ kind: 'empirical', bins: BINS })).toBe(0.6 * 5 + 0.4 * 60);
  });

  it('distributionMean of a mixture is the weighted mean; zero-weight components are ignored even if infinite', () => {
    const infinite: DistributionSpec = { kind: 'pareto', scale: 1, shape: 0.5 };
    expect(
      distributionMean({
        kind: 'mixture',
        components: [
          { weight: 3, dist: { kind: 'constant', value: 10 } },
          { weight: 1, dist: { kind: 'exponential', mean: 2 } },
          { weight: 0, dist: infinite },
        ],
      }),
    ).toBe(8);
    expect(
      distributionMean({
        kind: 'mixture',
        components: [
          { weight: 1, dist: { kind: 'constant', value: 10 } },
          { weight: 0.01, dist: infinite },
        ],
      }),
    ).toBe(Infinity);
  });

  it('distributionMean validates its spec', () => {
    expectRangeError(
      () => distributionMean({ kind: 'exponential', mean: -1 }),
      'dist.mean must be > 0 (got -1)',
    );
  });
});

describe('distributionQuantile', () => {
  it('distributionQuantile has the closed forms of constant, uniform, exponential, normal, lognormal, weibull, pareto', () => {
    expect(distributionQuantile({ kind: 'constant', value: 3 }, 0.9)).toBe(3);
    expect(distributionQuantile({ kind: 'uniform', min: 2, max: 8 }, 0.25)).toBe(3.5);
    expect(distributionQuantile({ kind: 'exponential', mean: 8 }, 0.5)).toBeCloseTo(8 * Math.LN2, 12);
    expect(distributionQuantile({ kind: 'normal', mean: 10, stdDev: 2 }, 0.975)).toBeCloseTo(
      13.919927969080108,
      12,
    );
    expect(distributionQuantile({ kind: 'lognormal', mu: 1, sigma: 0.5 }, 0.5)).toBeCloseTo(Math.E, 12);
    expect(distributionQuantile({ kind: 'weibull', scale: 3, shape: 2 }, 1 - Math.exp(-1))).toBeCloseTo(
      3,
      12,
    );
    expect(distributionQuantile({ kind: 'pareto', scale: 2, shape: 1 }, 0.5)).toBeCloseTo(4, 12);
  });

  it('distributionQuantile of lognormal(median, p99) returns the median at 0.5 and the p99 at 0.99', () => {
    const spec: DistributionSpec = { kind: 'lognormal', median: 4, p99: 30 };
    expect(distributionQuantile(spec, 0.5)).toBeCloseTo(4, 12);
    expect(distributionQuantile(spec, 0.99)).toBeCloseTo(30, 12);
  });

  it('distributionQuantile is the lower/upper bound at q = 0 and 1 (Infinity for unbounded families)', () => {
    expect(distributionQuantile({ kind: 'exponential', mean: 8 }, 0)).toBe(0);
    expect(distributionQuantile({ kind: 'exponential', mean: 8 }, 1)).toBe(Infinity);
    expect(distributionQuantile({ kind: 'pareto', scale: 2, shape: 3 }, 0)).toBe(2);
    expect(distributionQuantile({ kind: 'lognormal', median: 4, p99: 30 }, 0)).toBe(0);
    expect(distributionQuantile({ kind: 'normal', mean: 1, stdDev: 0 }, 1)).toBe(1);
    expect(distributionQuantile({ kind: 'uniform', min: 2, max: 8 }, 1)).toBe(8);
  });

  it('distributionQuantile is undefined without a closed form (gamma, erlang, empirical, mixture)', () => {
    for (const { spec } of EVERY_KIND.filter((c) =>
      ['gamma', 'erlang', 'empirical', 'mixture'].includes(c.spec.kind),
    )) {
      expect(distributionQuantile(spec, 0.5)).toBeUndefined();
    }
  });

  it('distributionQuantile rejects q outside [0, 1] and invalid specs', () => {
    expectRangeError(
      () => distributionQuantile({ kind: 'exponential', mean: 1 }, 1.5),
      'distributionQuantile: q must be in [0, 1] (got 1.5)',
    );
    expectRangeError(
      () => distributionQuantile({ kind: 'exponential', mean: 1 }, NaN),
      'distributionQuantile: q must be in [0, 1] (got NaN)',
    );
    expectRangeError(
      () => distributionQuantile({ kind: 'pareto', scale: 0, shape: 1 }, 0.5),
      'dist.scale must be > 0 (got 0)',
    );
  });

  it('distributionQuantile agrees with the empirical CDF of createSampler draws for every closed-form kind', () => {
    for (const { name, spec } of EVERY_KIND) {
      if (spec.kind === 'constant' || distributionQuantile(spec, 0.5) === undefined) continue;
      const xs = draw(createSampler(spec, stream(`quantile/${name}`)), 100_000);
      expectQuantiles(xs, (q) => distributionQuantile(spec, q) as number, [0.05, 0.5, 0.9, 0.99]);
    }
  });
});

describe('describeDistribution', () => {
  it('describeDistribution gives short human labels', () => {
    expect(describeDistribution({ kind: 'exponential', mean: 8 })).toBe('exponential(mean 8)');
    expect(describeDistribution({ kind: 'lognormal', median: 4, p99: 30 })).toBe(
      'lognormal(median 4, p99 30)',
    );
    expect(describeDistribution({ kind: 'lognormal', mu: 0.1 + 0.2, sigma: 1 })).toBe(
      'lognormal(mu 0.3, sigma 1)',
    );
    expect(describeDistribution({ kind: 'constant', value: 5 })).toBe('constant(5)');
    expect(describeDistribution({ kind: 'uniform', min: 1, max: 2.5 })).toBe('uniform(min 1, max 2.5)');
    expect(describeDistribution({ kind: 'normal', mean: 10, stdDev: 2 })).toBe('normal(mean 10, stdDev 2)');
    expect(describeDistribution({ kind: 'gamma', shape: 2, scale: 3 })).toBe('gamma(shape 2, scale 3)');
    expect(describeDistribution({ kind: 'erlang', k: 3, mean: 9 })).toBe('erlang(k 3, mean 9)');
    expect(describeDistribution({ kind: 'pareto', scale: 1, shape: 2.5 })).toBe('pareto(scale 1, shape 2.5)');
    expect(describeDistribution({ kind: 'weibull', scale: 1, shape: 1.5 })).toBe(
      'weibull(scale 1, shape 1.5)',
    );
    expect(describeDistribution({ kind: 'empirical', samples: [1, 2, 3] })).toBe('empirical(3 samples)');
    expect(describeDistribution({ kind: 'empirical', bins: BINS })).toBe('empirical(3 bins)');
    expect(
      describeDistribution({
        kind: 'mixture',
        components: [
          { weight: 0.9, dist: { kind: 'exponential', mean: 5 } },
          { weight: 0.1, dist: { kind: 'constant', value: 100 } },
        ],
      }),
    ).toBe('mixture(0.9 × exponential(mean 5), 0.1 × constant(100))');
  });
});
