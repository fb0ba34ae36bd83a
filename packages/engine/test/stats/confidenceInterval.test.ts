// Tests of the Student-t quantile against table values, the t confidence interval of a mean (known
// values and a seeded coverage experiment) and batch means.

import { describe, expect, it } from 'vitest';
import { batchMeans, meanConfidenceInterval, RandomStreams, studentTQuantile } from '../../src/index.js';
import type { Random } from '../../src/index.js';

function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('studentTQuantile', () => {
  it.each([
    // [p, df, table value]
    [0.995, 9, 3.249836],
    [0.995, 29, 2.756386],
    [0.995, 100, 2.625891],
    [0.995, 99, 2.626405],
    [0.975, 4, 2.776445],
    [0.975, 30, 2.042272],
    [0.95, 3, 2.353363],
  ])('t(%s, %s) matches the table value %s to 1e-6', (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected)).toBeLessThan(1e-6);
  });

  it.each([
    // [p, df, reference (SciPy stats.t.ppf)]
    [0.995, 9, 3.249835541592126],
    [0.975, 4, 2.7764451051977934],
    [0.975, 1000, 1.9623390808264083],
    [0.995, 5000, 2.5768129665562802],
    [0.999, 2.5, 13.82219311086596],
    [0.9, 0.5, 10.27032441023451],
  ])('t(%s, %s) matches %s to 1e-10 relative, including non-integer and large df', (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected) / expected).toBeLessThan(1e-10);
  });

  it('tends to the normal quantile 2.5758293 at large df', () => {
    expect(Math.abs(studentTQuantile(0.995, 1e9) - 2.5758293)).toBeLessThan(1e-6);
    expect(Math.abs(studentTQuantile(0.995, Infinity) - 2.5758293035489)).toBeLessThan(1e-12);
  });

  it('uses the closed forms at df = 1 (Cauchy) and df = 2', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 10);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706205, 6);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 6);
  });

  it('is antisymmetric around p = 0.5, where it is 0, and increases with p', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    let previous = -Infinity;
    for (const p of [1e-9, 0.001, 0.1, 0.4, 0.5, 0.6, 0.9, 0.999, 1 - 1e-9]) {
      const t = studentTQuantile(p, 7);
      expect(t).toBeGreaterThan(previous);
      // Relative tolerance: 1 − p is itself rounded (1 − (1 − 1e-9) ≠ 1e-9 in float64).
      expect(Math.abs(studentTQuantile(1 - p, 7) + t)).toBeLessThanOrEqual(1e-7 * Math.abs(t));
      previous = t;
    }
  });

  it('throws a RangeError for p outside (0, 1) or df <= 0', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(/p must be in \(0, 1\) \(got 1\)/);
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(/got NaN/);
    expect(() => studentTQuantile(0.9, 0)).toThrow(/df must be > 0 \(got 0\)/);
  });
});

describe('meanConfidenceInterval', () => {
  it('gives mean ± t(0.995, n−1)·s/√n with the default 99% confidence', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const interval = meanConfidenceInterval(values);
    expect(interval.n).toBe(10);
    expect(interval.mean).toBe(5.5);
    expect(interval.halfWidth).toBeCloseTo(3.1114806432703017, 10);
    expect(interval.low).toBe(interval.mean - interval.halfWidth);
    expect(interval.high).toBe(interval.mean + interval.halfWidth);
    expect(meanConfidenceInterval(values, 0.95).halfWidth).toBeCloseTo(2.165850589668169, 10);
  });

  it('has zero half-width for constant values and stays accurate for a large mean', () => {
    expect(meanConfidenceInterval([4, 4, 4]).halfWidth).toBe(0);
    const shifted = meanConfidenceInterval([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 1e9 + 5, 1e9 + 6, 1e9 + 7]);
    const plain = meanConfidenceInterval([1, 2, 3, 4, 5, 6, 7]);
    expect(shifted.halfWidth).toBeCloseTo(plain.halfWidth, 9);
  });

  it('has zero half-width for values equal up to floating-point rounding, and keeps a real spread however small', () => {
    // 0.1 summed in another order: 0.30000000000000004 − 0.2 is not 0.1.
    const rounded = [0.1, 0.1, 0.30000000000000004 - 0.2, 0.1];
    expect(rounded[2]).not.toBe(0.1);
    expect(meanConfidenceInterval(rounded, 0.95).halfWidth).toBe(0);
    expect(meanConfidenceInterval([1e6, 1e6 + 1e-7], 0.95).halfWidth).toBe(0);
    expect(meanConfidenceInterval([0.1, 0.1 + 1e-9], 0.95).halfWidth).toBeGreaterThan(0);
  });

  it('covers the true mean of normal samples about 99% of the time (2000 seeded replications of n = 10)', () => {
    const random = RandomStreams.create(1, 'coverage');
    const replications = 2000;
    let covered = 0;
    for (let r = 0; r < replications; r++) {
      const values = Array.from({ length: 10 }, () => 50 + 8 * standardNormal(random));
      const { low, high } = meanConfidenceInterval(values);
      if (low <= 50 && 50 <= high) covered++;
    }
    // Binomial sd of the coverage estimate ≈ 0.0022; a z-interval (no t) would cover only ≈ 97%.
    expect(covered / replications).toBeGreaterThan(0.982);
    expect(covered / replications).toBeLessThan(0.997);
  });

  it('throws a RangeError with a clear message for n < 2, bad confidence or non-finite values', () => {
    expect(() => meanConfidenceInterval([])).toThrow(/at least 2 values .* \(got 0\)/);
    expect(() => meanConfidenceInterval([3])).toThrow(/at least 2 values .* \(got 1\)/);
    expect(() => meanConfidenceInterval([1, 2], 1)).toThrow(/confidence must be in \(0, 1\) \(got 1\)/);
    expect(() => meanConfidenceInterval([1, 2], 0)).toThrow(RangeError);
    expect(() => meanConfidenceInterval([1, Number.NaN])).toThrow(/finite \(got NaN at index 1\)/);
  });
});

describe('batchMeans', () => {
  it('splits into contiguous equal batches, drops the remainder at the end and returns each mean', () => {
    expect(batchMeans([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)).toEqual([2, 5, 8]);
    expect(batchMeans([1, 3, 5, 7], 2)).toEqual([2, 6]);
    expect(batchMeans([4, 8], 2)).toEqual([4, 8]);
  });

  it('feeds meanConfidenceInterval: the batch means of a long series average to its mean', () => {
    const random = RandomStreams.create(1, 'batches');
    const series = Array.from({ length: 10_000 }, () => random());
    const means = batchMeans(series, 20);
    expect(means).toHaveLength(20);
    const interval = meanConfidenceInterval(means);
    expect(interval.mean).toBeCloseTo(series.reduce((a, b) => a + b, 0) / series.length, 12);
    expect(interval.low).toBeLessThan(0.5);
    expect(interval.high).toBeGreaterThan(0.5);
  });

  it('throws a RangeError with a clear message for batches < 2, non-integer or more batches than values', () => {
    expect(() => batchMeans([1, 2, 3], 1)).toThrow(/batches must be an integer >= 2 \(got 1\)/);
    expect(() => batchMeans([1, 2, 3], 2.5)).toThrow(/got 2\.5/);
    expect(() => batchMeans([1, 2, 3], 4)).toThrow(/3 values cannot fill 4 batches/);
  });
});
