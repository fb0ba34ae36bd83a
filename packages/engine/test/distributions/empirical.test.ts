import { describe, expect, it } from 'vitest';
import { empiricalFromBins, empiricalFromSamples } from '../../src/index.js';
import type { EmpiricalBin } from '../../src/index.js';
import {
  draw,
  expectDeterministic,
  expectMean,
  expectRangeError,
  expectWithin,
  fixedStream,
  stream,
} from './stats.js';

describe('empiricalFromSamples', () => {
  it('empiricalFromSamples throws on an empty array or a non-finite sample, naming the index and value', () => {
    expectRangeError(
      () => empiricalFromSamples([], stream('v')),
      'empirical.samples must not be empty (got [])',
    );
    expectRangeError(
      () => empiricalFromSamples([1, NaN, 3], stream('v')),
      'empirical.samples[1] must be a finite number (got NaN)',
    );
    expectRangeError(
      () => empiricalFromSamples([1, 2, -Infinity], stream('v')),
      'empirical.samples[2] must be a finite number (got -Infinity)',
    );
  });

  it('empiricalFromSamples maps u to samples[floor(u·n)]', () => {
    const sampler = empiricalFromSamples([10, 20, 30, 40, 50], fixedStream(0, 0.2, 0.999));
    expect(Array.from(draw(sampler, 3))).toEqual([10, 20, 50]);
  });

  it('empiricalFromSamples is deterministic given the stream', () => {
    expectDeterministic((r) => empiricalFromSamples([1, 2, 3, 4, 5, 6, 7], r));
  });

  it('empiricalFromSamples resamples uniformly: each sample drawn with frequency 1/n (duplicates count twice)', () => {
    const samples = [3, 1, 4, 1, 5];
    const n = 200_000;
    const xs = draw(empiricalFromSamples(samples, stream('empirical/samples')), n);
    for (const value of new Set(samples)) {
      const p = samples.filter((s) => s === value).length / samples.length;
      const frequency = xs.filter((x) => x === value).length / n;
      expectWithin(frequency, p, Math.sqrt((p * (1 - p)) / n), `frequency of ${value}`);
    }
    expect(xs.every((x) => samples.includes(x))).toBe(true);
  });

  it('empiricalFromSamples copies its input: later changes to the array do not affect draws', () => {
    const samples = [1, 2, 3];
    const sampler = empiricalFromSamples(samples, stream('empirical/copy'));
    samples[0] = 99;
    samples.push(100);
    expect(draw(sampler, 1000).every((x) => x === 1 || x === 2 || x === 3)).toBe(true);
  });
});

describe('empiricalFromBins', () => {
  it('empiricalFromBins rejects empty bins, bad edges, negative counts and a zero total, naming the field and value', () => {
    const r = stream('v');
    expectRangeError(() => empiricalFromBins([], r), 'empirical.bins must not be empty (got [])');
    expectRangeError(
      () => empiricalFromBins([{ lower: NaN, upper: 1, count: 1 }], r),
      'empirical.bins[0].lower must be a finite number (got NaN)',
    );
    expectRangeError(
      () =>
        empiricalFromBins(
          [
            { lower: 0, upper: 5, count: 1 },
            { lower: 5, upper: 4, count: 1 },
          ],
          r,
        ),
      'empirical.bins[1].upper must be >= lower (5) (got 4)',
    );
    expectRangeError(
      () => empiricalFromBins([{ lower: 0, upper: 1, count: -1 }], r),
      'empirical.bins[0].count must be >= 0 (got -1)',
    );
    expectRangeError(
      () => empiricalFromBins([{ lower: 0, upper: 1, count: 0 }], r),
      'empirical.bins total count must be a finite number > 0 (got 0)',
    );
  });

  it('empiricalFromBins is deterministic given the stream', () => {
    expectDeterministic((r) =>
      empiricalFromBins(
        [
          { lower: 0, upper: 1, count: 1 },
          { lower: 1, upper: 10, count: 3 },
        ],
        r,
      ),
    );
  });

  it('empiricalFromBins draws fall inside bins, with frequencies ∝ counts, uniform within each bin; zero-count bins never drawn', () => {
    const bins: EmpiricalBin[] = [
      { lower: 0, upper: 2, count: 10 },
      { lower: 2, upper: 5, count: 0 },
      { lower: 5, upper: 10, count: 30 },
      { lower: 10, upper: 50, count: 55 },
      { lower: 50, upper: 1000, count: 5 },
    ];
    const n = 400_000;
    const xs = draw(empiricalFromBins(bins, stream('empirical/bins')), n);
    const total = bins.reduce((sum, b) => sum + b.count, 0);
    for (const bin of bins) {
      const inBin = xs.filter((x) => x >= bin.lower && x < bin.upper);
      const p = bin.count / total;
      expectWithin(
        inBin.length / n,
        p,
        Math.sqrt((p * (1 - p)) / n) || 1e-12,
        `frequency of [${bin.lower}, ${bin.upper})`,
      );
      if (inBin.length > 0)
        expectMean(inBin, (bin.lower + bin.upper) / 2, (bin.upper - bin.lower) / Math.sqrt(12));
    }
    expect(xs.every((x) => x >= 0 && x < 1000 && !(x >= 2 && x < 5))).toBe(true);
  });

  it('empiricalFromBins picks among 500 bins by count (chi-square within 5 standard deviations)', () => {
    const counts = Array.from({ length: 500 }, (_, i) => 1 + ((i * 7919) % 97));
    const bins = counts.map((count, i) => ({ lower: i, upper: i + 1, count }));
    const total = counts.reduce((a, b) => a + b, 0);
    const n = 500_000;
    const observed = new Float64Array(500);
    const sampler = empiricalFromBins(bins, stream('empirical/many'));
    for (let i = 0; i < n; i++) observed[Math.floor(sampler())]! += 1;
    let chi2 = 0;
    counts.forEach((count, i) => {
      const expected = (n * count) / total;
      chi2 += ((observed[i] as number) - expected) ** 2 / expected;
    });
    // χ² with 499 degrees of freedom: mean 499, standard deviation √998.
    expectWithin(chi2, 499, Math.sqrt(998), 'chi-square');
  });

  it('empiricalFromBins never picks a zero-count bin, even when u lands exactly on a cumulative edge', () => {
    const bins: EmpiricalBin[] = [
      { lower: 0, upper: 1, count: 0 },
      { lower: 1, upper: 2, count: 1 },
      { lower: 2, upper: 3, count: 0 },
      { lower: 3, upper: 4, count: 1 },
    ];
    // Pairs (bin pick, position in bin): u = 0 is the left edge of bin 1; u = 0.5 is the edge
    // between bins 1 and 3 (cumulative counts 0, 1, 1, 2), which belongs to bin 3.
    const xs = draw(empiricalFromBins(bins, fixedStream(0, 0.5, 0.5, 0.25)), 2);
    expect(Array.from(xs)).toEqual([1.5, 3.25]);
  });

  it('empiricalFromBins treats a bin with upper === lower as a point mass', () => {
    const xs = draw(empiricalFromBins([{ lower: 7, upper: 7, count: 1 }], stream('empirical/point')), 100);
    expect(new Set(xs)).toEqual(new Set([7]));
  });
});
