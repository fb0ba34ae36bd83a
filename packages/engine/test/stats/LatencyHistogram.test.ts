// Unit tests of LatencyHistogram: exact moments, quantile accuracy against d3-array's exact sample
// quantiles on 2·10^5-value samples, errors, underflow/overflow, merge, reset/clone, JSON and memory.

import { quantileSorted } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram, RandomStreams } from '../../src/index.js';
import type { LatencyHistogramJSON, Random } from '../../src/index.js';

const QS = [0.01, 0.1, 0.5, 0.9, 0.99, 0.999] as const;
const N = 200_000;

function standardNormal(random: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function sample(n: number, draw: () => number): Float64Array {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = draw();
  return values;
}

/** Largest relative error of the histogram's quantiles against d3's exact quantiles of `values`. */
function worstRelativeError(values: Float64Array, histogram: LatencyHistogram): number {
  // Typed-array sort is numeric and fast; d3's typings want a plain array.
  const sorted = Array.from(Float64Array.from(values).sort());
  let worst = 0;
  for (const q of QS) {
    const exact = quantileSorted(sorted, q) as number;
    worst = Math.max(worst, Math.abs(histogram.quantile(q) - exact) / exact);
  }
  return worst;
}

function histogramOf(values: ArrayLike<number>, options = {}): LatencyHistogram {
  const histogram = new LatencyHistogram(options);
  for (let i = 0; i < values.length; i++) histogram.record(values[i] as number);
  return histogram;
}

describe('LatencyHistogram defaults', () => {
  it('uses 7 sub-bucket bits over [1 µs, 2^24 ms] in 4348 buckets of about 34.9 kB', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.options()).toEqual({ subBucketBits: 7, lowestMs: 0.001, highestMs: 2 ** 24 });
    expect(histogram.bucketCount).toBe(4348);
    expect(histogram.memoryBytes).toBe(4348 * 8 + 160);
  });

  it('reports an empty histogram as count 0 with sum, mean, min, max and quantiles 0 (never NaN)', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.isEmpty).toBe(true);
    expect([histogram.count, histogram.sum, histogram.mean, histogram.min, histogram.max]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(histogram.quantiles([0, 0.5, 1])).toEqual([0, 0, 0]);
    expect(histogram.buckets()).toEqual([]);
  });
});

describe('LatencyHistogram exact statistics', () => {
  it('keeps count, sum, min, max and mean exact', () => {
    const histogram = histogramOf([3.5, 0.25, 1200, 0, 7.75, 0.0005]);
    expect(histogram.isEmpty).toBe(false);
    expect(histogram.count).toBe(6);
    expect(histogram.sum).toBe(3.5 + 0.25 + 1200 + 7.75 + 0.0005);
    expect(histogram.min).toBe(0);
    expect(histogram.max).toBe(1200);
    expect(histogram.mean).toBe(histogram.sum / 6);
  });

  it('keeps the sum accurate over 10^6 values (compensated summation)', () => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < 1_000_000; i++) histogram.record(0.1);
    // Naive summation drifts to 100000.00000133288.
    expect(Math.abs(histogram.sum - 100_000)).toBeLessThan(1e-9);
    expect(histogram.count).toBe(1_000_000);
  });

  it('recordN(v, n) is the same as n calls of record(v), and recordN(v, 0) records nothing', () => {
    const many = new LatencyHistogram();
    for (let i = 0; i < 5; i++) many.record(12.5);
    const once = new LatencyHistogram();
    once.recordN(12.5, 5);
    once.recordN(99, 0);
    expect(once.toJSON()).toEqual(many.toJSON());
  });

  it('counts beyond 2^32 stay exact', () => {
    const histogram = new LatencyHistogram();
    histogram.recordN(5, 2 ** 40);
    histogram.recordN(5, 3);
    expect(histogram.count).toBe(2 ** 40 + 3);
    expect(histogram.buckets()).toEqual([expect.objectContaining({ count: 2 ** 40 + 3 })]);
  });
});

describe('LatencyHistogram quantile accuracy vs d3-array quantileSorted (within 1%)', () => {
  // The documented bound is 2^-subBucketBits = 0.78% with the defaults, below the 1% requirement.
  const bound = 2 ** -7;

  it('lognormal data (exp of a seeded normal, median 20 ms)', () => {
    const random = RandomStreams.create(1, 'h');
    const values = sample(N, () => 20 * Math.exp(standardNormal(random)));
    expect(worstRelativeError(values, histogramOf(values))).toBeLessThanOrEqual(bound);
  });

  it('exponential data (mean 10 ms)', () => {
    const random = RandomStreams.create(1, 'exponential');
    const values = sample(N, () => -10 * Math.log(1 - random()));
    expect(worstRelativeError(values, histogramOf(values))).toBeLessThanOrEqual(bound);
  });

  it('uniform data on [0, 100) ms', () => {
    const random = RandomStreams.create(1, 'uniform');
    const values = sample(N, () => 100 * random());
    expect(worstRelativeError(values, histogramOf(values))).toBeLessThanOrEqual(bound);
  });

  it('coarser histograms keep the 2^-subBucketBits bound (3 bits → 12.5%)', () => {
    const random = RandomStreams.create(1, 'coarse');
    const values = sample(N, () => 20 * Math.exp(standardNormal(random)));
    const error = worstRelativeError(values, histogramOf(values, { subBucketBits: 3 }));
    expect(error).toBeLessThanOrEqual(2 ** -3);
  });

  it('quantile(0) is min and quantile(1) is max exactly', () => {
    const histogram = histogramOf([4.2, 17.3, 0.9, 250.01]);
    expect(histogram.quantile(0)).toBe(0.9);
    expect(histogram.quantile(1)).toBe(250.01);
  });

  it('returns the value itself when all values are equal (clamped to [min, max])', () => {
    const histogram = new LatencyHistogram();
    histogram.recordN(3.14159, 1000);
    expect(histogram.quantiles([0.001, 0.5, 0.999])).toEqual([3.14159, 3.14159, 3.14159]);
  });

  it('quantiles(qs) equals quantile(q) for each q, in the given order', () => {
    const random = RandomStreams.create(1, 'quantiles');
    const histogram = histogramOf(sample(10_000, () => 50 * random() ** 3));
    const qs = [0.9, 0.1, 1, 0.5, 0, 0.999, 0.5];
    expect(histogram.quantiles(qs)).toEqual(qs.map((q) => histogram.quantile(q)));
    // Sparse data: neighbouring ranks of successive qs fall in different buckets.
    const sparse = histogramOf([0.5, 1, 40]);
    const sparseQs = [0.001, 0.01, 0.5, 0.51, 0.99];
    expect(sparse.quantiles(sparseQs)).toEqual(sparseQs.map((q) => sparse.quantile(q)));
  });

  it('interpolates between neighbouring values: the median of {10, 20} is 15 within 1%', () => {
    expect(histogramOf([10, 20]).quantile(0.5)).toBeCloseTo(15, 0);
    expect(Math.abs(histogramOf([10, 20]).quantile(0.5) - 15) / 15).toBeLessThanOrEqual(0.01);
  });

  it('throws a RangeError naming q outside [0, 1]', () => {
    const histogram = histogramOf([1]);
    expect(() => histogram.quantile(1.5)).toThrow(/quantile must be in \[0, 1\] \(got 1\.5\)/);
    expect(() => histogram.quantile(-0.1)).toThrow(RangeError);
    expect(() => histogram.quantiles([0.5, Number.NaN])).toThrow(/got NaN/);
  });
});

describe('LatencyHistogram invalid values', () => {
  it.each([Number.NaN, -1, -Number.MIN_VALUE, Infinity, -Infinity])(
    'record(%s) throws a RangeError naming the value and records nothing',
    (value) => {
      const histogram = histogramOf([5]);
      expect(() => histogram.record(value)).toThrow(RangeError);
      expect(() => histogram.record(value)).toThrow(`(got ${value})`);
      expect(() => histogram.recordN(value, 2)).toThrow(`(got ${value})`);
      expect(histogram.count).toBe(1);
      expect(histogram.sum).toBe(5);
    },
  );

  it.each([-1, 1.5, Number.NaN, Infinity])('recordN(v, %s) throws a RangeError naming the count', (count) => {
    const histogram = new LatencyHistogram();
    expect(() => histogram.recordN(1, count)).toThrow(
      `count must be a non-negative safe integer (got ${count})`,
    );
    expect(histogram.isEmpty).toBe(true);
  });
});

describe('LatencyHistogram options', () => {
  it.each([
    [{ subBucketBits: 17 }, 'subBucketBits', '17'],
    [{ subBucketBits: 2.5 }, 'subBucketBits', '2.5'],
    [{ subBucketBits: -1 }, 'subBucketBits', '-1'],
    [{ lowestMs: 0 }, 'lowestMs', '0'],
    [{ lowestMs: Number.NaN }, 'lowestMs', 'NaN'],
    [{ highestMs: Infinity }, 'highestMs', 'Infinity'],
    [{ lowestMs: 5, highestMs: 5 }, 'highestMs', '5'],
    [{ lowestMs: 1e-300, highestMs: 1e300 }, 'highestMs / lowestMs', '1e+300'],
    [{ subBucketBits: 16, lowestMs: 1e-100, highestMs: 1e100 }, 'subBucketBits = 16', 'max 16777216'],
  ])('rejects %j with a RangeError naming %s and the value', (options, name, value) => {
    expect(() => new LatencyHistogram(options)).toThrow(RangeError);
    expect(() => new LatencyHistogram(options)).toThrow(name);
    expect(() => new LatencyHistogram(options)).toThrow(value);
  });

  it('accepts one bucket per octave (subBucketBits 0) and custom ranges', () => {
    const histogram = histogramOf([1, 3, 5, 100], { subBucketBits: 0, lowestMs: 1, highestMs: 1000 });
    expect(histogram.buckets().map((b) => [b.lower, b.upper, b.count])).toEqual([
      [1, 2, 1],
      [2, 4, 1],
      [4, 8, 1],
      [64, 128, 1],
    ]);
  });
});

describe('LatencyHistogram underflow and overflow', () => {
  it('puts values below lowestMs (and 0) in the single underflow bucket [0, lowestMs)', () => {
    const histogram = histogramOf([0, 0.0002, 0.0009, -0], { lowestMs: 0.001 });
    expect(histogram.buckets()).toEqual([{ lower: 0, upper: 0.001, count: 4 }]);
    expect(histogram.min).toBe(0);
    expect(Object.is(histogram.min, -0)).toBe(false);
    expect(histogram.max).toBe(0.0009);
    const median = histogram.quantile(0.5);
    expect(median).toBeGreaterThanOrEqual(0);
    expect(median).toBeLessThanOrEqual(0.0009);
  });

  it('puts lowestMs itself in the first regular bucket', () => {
    expect(histogramOf([0.001]).buckets()).toEqual([
      { lower: 0.001, upper: 0.001 * (1 + 1 / 128), count: 1 },
    ]);
  });

  it('clamps values above highestMs into the top bucket but keeps count, sum and max exact', () => {
    const histogram = histogramOf([10, 1e9, 5e12], { highestMs: 1e6 });
    const buckets = histogram.buckets();
    expect(buckets).toHaveLength(2);
    const top = buckets[1] as { lower: number; upper: number; count: number };
    expect(top.count).toBe(2);
    expect(top.lower).toBeLessThanOrEqual(1e6);
    expect(top.upper).toBe(5e12); // stretched to max
    expect(histogram.count).toBe(3);
    expect(histogram.sum).toBe(10 + 1e9 + 5e12);
    expect(histogram.max).toBe(5e12);
    expect(histogram.quantile(1)).toBe(5e12);
    const p90 = histogram.quantile(0.9);
    expect(p90).toBeGreaterThanOrEqual(top.lower);
    expect(p90).toBeLessThanOrEqual(5e12);
  });

  it('resolves values up to highestMs into regular buckets (the top bucket holds highestMs)', () => {
    const histogram = histogramOf([2 ** 24]);
    const [bucket] = histogram.buckets();
    expect(bucket?.lower).toBeLessThanOrEqual(2 ** 24);
    expect(bucket?.upper).toBeGreaterThan(2 ** 24);
    expect(bucket?.upper).toBeLessThanOrEqual((bucket?.lower ?? 0) * (1 + 2 ** -7) * (1 + 1e-15));
  });
});

describe('LatencyHistogram buckets', () => {
  it('lists the non-empty buckets in increasing order, at most 2^-subBucketBits wide, counts summing to count', () => {
    const random = RandomStreams.create(1, 'buckets');
    const histogram = histogramOf(sample(20_000, () => Math.exp(12 * random() - 6)));
    const buckets = histogram.buckets();
    expect(buckets.reduce((total, b) => total + b.count, 0)).toBe(histogram.count);
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i] as { lower: number; upper: number; count: number };
      expect(b.count).toBeGreaterThan(0);
      expect(b.upper - b.lower).toBeLessThanOrEqual(b.lower * 2 ** -7 * (1 + 1e-12));
      if (i > 0) expect(b.lower).toBeGreaterThanOrEqual((buckets[i - 1] as { upper: number }).upper);
    }
  });
});

describe('LatencyHistogram merge, reset and clone', () => {
  it('merge(a, b) equals recording all values into one histogram', () => {
    const random = RandomStreams.create(1, 'merge');
    const values = sample(50_000, () => 30 * Math.exp(standardNormal(random)));
    const a = histogramOf(values.subarray(0, 20_000));
    const b = histogramOf(values.subarray(20_000));
    a.merge(b);
    const all = histogramOf(values);
    expect(a.count).toBe(all.count);
    expect(a.sum).toBeCloseTo(all.sum, 6);
    expect(a.buckets()).toEqual(all.buckets());
    expect(a.quantiles([...QS])).toEqual(all.quantiles([...QS]));
    expect([a.min, a.max]).toEqual([all.min, all.max]);
    expect(b.count).toBe(30_000); // the other histogram is unchanged
  });

  it('merging an empty histogram changes nothing, and merging into an empty one copies', () => {
    const a = histogramOf([1, 2, 3]);
    const before = a.toJSON();
    a.merge(new LatencyHistogram());
    expect(a.toJSON()).toEqual(before);
    const empty = new LatencyHistogram();
    empty.merge(a);
    expect(empty.toJSON()).toEqual(before);
  });

  it.each([
    [{ subBucketBits: 5 }, 'subBucketBits differs (7 here, 5 in the other histogram)'],
    [{ lowestMs: 0.01 }, 'lowestMs differs (0.001 here, 0.01 in the other histogram)'],
    [{ highestMs: 1000 }, 'highestMs differs (16777216 here, 1000 in the other histogram)'],
  ])('merge with %j throws a RangeError naming the mismatch', (options, message) => {
    const a = new LatencyHistogram();
    expect(() => a.merge(new LatencyHistogram(options))).toThrow(message);
  });

  it('reset() empties the histogram and keeps its options and memory', () => {
    const histogram = histogramOf([1, 2, 3], { subBucketBits: 4 });
    const memory = histogram.memoryBytes;
    histogram.reset();
    expect(histogram.toJSON()).toEqual(new LatencyHistogram({ subBucketBits: 4 }).toJSON());
    expect(histogram.memoryBytes).toBe(memory);
    histogram.record(7);
    expect([histogram.count, histogram.min, histogram.max]).toEqual([1, 7, 7]);
  });

  it('clone() is an equal but independent copy', () => {
    const original = histogramOf([1, 2, 3]);
    const copy = original.clone();
    expect(copy.toJSON()).toEqual(original.toJSON());
    copy.record(100);
    expect(original.count).toBe(3);
    expect(copy.count).toBe(4);
  });
});

describe('LatencyHistogram JSON', () => {
  it('toJSON is sparse and fromJSON rebuilds an identical histogram (through JSON text)', () => {
    const random = RandomStreams.create(1, 'json');
    const original = histogramOf(
      sample(5_000, () => 8 * Math.exp(standardNormal(random))),
      { subBucketBits: 5 },
    );
    original.record(0); // underflow bucket
    original.record(1e9); // clamped into the top bucket
    const json = original.toJSON();
    expect(Object.keys(json)).toEqual([
      'subBucketBits',
      'lowestMs',
      'highestMs',
      'count',
      'sum',
      'min',
      'max',
      'buckets',
    ]);
    expect(json.buckets.length).toBe(original.buckets().length);
    expect(json.buckets[0]).toEqual([0, 1]);
    const rebuilt = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(json)) as LatencyHistogramJSON);
    expect(rebuilt.toJSON()).toEqual(json);
    expect(rebuilt.buckets()).toEqual(original.buckets());
    expect(rebuilt.quantiles([...QS])).toEqual(original.quantiles([...QS]));
    expect([rebuilt.count, rebuilt.sum, rebuilt.min, rebuilt.max, rebuilt.mean]).toEqual([
      original.count,
      original.sum,
      original.min,
      original.max,
      original.mean,
    ]);
  });

  it('round-trips an empty histogram', () => {
    const json = new LatencyHistogram().toJSON();
    expect(json).toMatchObject({ count: 0, sum: 0, min: 0, max: 0, buckets: [] });
    const rebuilt = LatencyHistogram.fromJSON(json);
    expect(rebuilt.isEmpty).toBe(true);
    rebuilt.record(2);
    expect(rebuilt.min).toBe(2); // an empty snapshot does not pin min to 0
  });

  it('fromJSON rejects inconsistent snapshots with a RangeError', () => {
    const json = histogramOf([1, 2, 3]).toJSON();
    expect(() => LatencyHistogram.fromJSON({ ...json, count: 4 })).toThrow(/sum to 3, but count is 4/);
    expect(() => LatencyHistogram.fromJSON({ ...json, buckets: [[99_999, 3]] })).toThrow(
      /bucket index 99999/,
    );
    expect(() => LatencyHistogram.fromJSON({ ...json, buckets: [[5, 1.5]] })).toThrow(
      /not a positive integer/,
    );
    expect(() => LatencyHistogram.fromJSON({ ...json, min: 5 })).toThrow(/inconsistent min\/max\/sum/);
    expect(() => LatencyHistogram.fromJSON({ ...json, min: 1.5 })).toThrow(/inconsistent min\/max\/sum/);
    expect(() => LatencyHistogram.fromJSON({ ...json, max: 2 })).toThrow(/inconsistent min\/max\/sum/);
    expect(() => LatencyHistogram.fromJSON({ ...json, subBucketBits: 99 })).toThrow(/subBucketBits/);
  });
});

describe('LatencyHistogram memory', () => {
  it('is fixed: recording 10^6 values does not change memoryBytes', () => {
    const histogram = new LatencyHistogram();
    const before = histogram.memoryBytes;
    const random = RandomStreams.create(1, 'memory');
    for (let i = 0; i < 1_000_000; i++) histogram.record(Math.exp(30 * random() - 10));
    expect(histogram.memoryBytes).toBe(before);
    expect(histogram.count).toBe(1_000_000);
  });

  it('scales with subBucketBits: about half the memory per bit removed', () => {
    expect(new LatencyHistogram({ subBucketBits: 3 }).bucketCount).toBe(1 + 33 * 8 + 8);
    expect(new LatencyHistogram({ subBucketBits: 6 }).memoryBytes).toBeLessThan(
      new LatencyHistogram().memoryBytes / 2 + 200,
    );
  });
});
