// Property tests of LatencyHistogram (fast-check, seed pinned in vitest.setup.ts): merge equals one
// histogram of all values, every value lies in its bucket, the quantile error bound holds for any data,
// quantiles are monotone and JSON round trips are exact.

import { quantileSorted } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/index.js';

/** Non-negative doubles spanning underflow (< 1 µs), the regular range and overflow (> 2^24 ms). */
const anyLatency = fc.oneof(
  fc.double({ min: 0, max: 0.002, noNaN: true }),
  fc.double({ min: 0.001, max: 1e5, noNaN: true }),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
  fc.integer({ min: 0, max: 50 }),
);

/** Doubles inside [lowestMs, highestMs] of the default histogram, where the accuracy bound applies. */
const inRangeLatency = fc.oneof(
  fc.double({ min: 0.001, max: 2 ** 24, noNaN: true }),
  fc.integer({ min: 1, max: 20 }).map((k) => k * 0.5),
);

const QS = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1];

/** The largest double below a positive finite `x`. */
function previousDouble(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

function histogramOf(values: readonly number[], subBucketBits = 7): LatencyHistogram {
  const histogram = new LatencyHistogram({ subBucketBits });
  for (const value of values) histogram.record(value);
  return histogram;
}

describe('LatencyHistogram properties', () => {
  it('merge of two parts split anywhere has the same counts, buckets, min, max and quantiles as one histogram', () => {
    fc.assert(
      fc.property(
        fc.array(anyLatency, { maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 0, max: 9 }),
        (values, cut, subBucketBits) => {
          const split = values.length === 0 ? 0 : cut % (values.length + 1);
          const merged = histogramOf(values.slice(0, split), subBucketBits);
          merged.merge(histogramOf(values.slice(split), subBucketBits));
          const single = histogramOf(values, subBucketBits);
          const { sum: mergedSum, ...mergedRest } = merged.toJSON();
          const { sum: singleSum, ...singleRest } = single.toJSON();
          expect(mergedRest).toEqual(singleRest);
          expect(merged.buckets()).toEqual(single.buckets());
          expect(merged.quantiles(QS)).toEqual(single.quantiles(QS));
          expect(Math.abs(mergedSum - singleSum)).toBeLessThanOrEqual(1e-12 * singleSum);
        },
      ),
    );
  });

  it('every recorded value lies in its bucket [lower, upper), or in the top bucket when above highestMs', () => {
    fc.assert(
      fc.property(anyLatency, fc.integer({ min: 0, max: 16 }), (value, subBucketBits) => {
        const histogram = histogramOf([value], subBucketBits);
        const [bucket, ...rest] = histogram.buckets();
        expect(rest).toHaveLength(0);
        expect(bucket?.count).toBe(1);
        const lower = bucket?.lower ?? NaN;
        const upper = bucket?.upper ?? NaN;
        expect(lower).toBeLessThanOrEqual(value);
        if (value > 2 ** 24) expect(upper).toBe(Math.max(value, upper));
        else expect(value).toBeLessThan(upper);
      }),
    );
  });

  it('bucket edges are exact: the double just below a bucket lower bound lands in the previous bucket', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.002, max: 2 ** 24, noNaN: true }), (value) => {
        const lower = histogramOf([value]).buckets()[0]?.lower ?? NaN;
        expect(lower).toBeLessThanOrEqual(value);
        const [previous] = histogramOf([previousDouble(lower)]).buckets();
        expect(previous?.upper).toBe(lower);
      }),
    );
  });

  it('quantiles are within 2^-subBucketBits relative error of the exact sample quantiles, for any data in range', () => {
    fc.assert(
      fc.property(
        fc.array(inRangeLatency, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 10 }),
        (values, subBucketBits) => {
          const histogram = histogramOf(values, subBucketBits);
          const sorted = [...values].sort((a, b) => a - b);
          const estimates = histogram.quantiles(QS);
          QS.forEach((q, i) => {
            const exact = quantileSorted(sorted, q) as number;
            const error = Math.abs((estimates[i] as number) - exact);
            expect(error).toBeLessThanOrEqual(exact * 2 ** -subBucketBits * (1 + 1e-9) + 1e-12);
          });
        },
      ),
    );
  });

  it('quantiles are non-decreasing in q and stay within [min, max]', () => {
    fc.assert(
      fc.property(fc.array(anyLatency, { minLength: 1, maxLength: 200 }), (values) => {
        const histogram = histogramOf(values);
        const estimates = histogram.quantiles(QS);
        for (let i = 0; i < estimates.length; i++) {
          const estimate = estimates[i] as number;
          expect(estimate).toBeGreaterThanOrEqual(histogram.min);
          expect(estimate).toBeLessThanOrEqual(histogram.max);
          if (i > 0) expect(estimate).toBeGreaterThanOrEqual(estimates[i - 1] as number);
        }
      }),
    );
  });

  it('fromJSON(toJSON()) rebuilds an identical histogram', () => {
    fc.assert(
      fc.property(
        fc.array(anyLatency, { maxLength: 200 }),
        fc.integer({ min: 0, max: 10 }),
        (values, bits) => {
          const original = histogramOf(values, bits);
          const rebuilt = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
          expect(rebuilt.toJSON()).toEqual(original.toJSON());
          expect(rebuilt.quantiles(QS)).toEqual(original.quantiles(QS));
          expect(rebuilt.mean).toBe(original.mean);
        },
      ),
    );
  });
});
