import { describe, expect, it } from 'vitest';

import {
  MAX_CHART_POINTS,
  aggregate,
  bucketSize,
  chartNumber,
} from '../../../src/internal/html/downsample.js';

describe('downsample', () => {
  it('keeps a series up to the point limit, and buckets a longer one into at most that many points', () => {
    expect(bucketSize(MAX_CHART_POINTS)).toBe(1);
    expect(bucketSize(MAX_CHART_POINTS + 1)).toBe(2);
    expect(bucketSize(3600)).toBe(6);
    expect(Math.ceil(3601 / bucketSize(3601))).toBeLessThanOrEqual(MAX_CHART_POINTS);
  });

  it('adds counts, averages levels and keeps peaks per bucket; a bucket of nulls is null', () => {
    const values = [1, 3, null, null, 5];
    expect(aggregate(values, 2, 'sum')).toEqual([4, null, 5]);
    expect(aggregate(values, 2, 'mean')).toEqual([2, null, 5]);
    expect(aggregate([1, 9, 4, 2], 2, 'max')).toEqual([9, 4]);
  });

  it("with weights (the intervals' real lengths), a mean weighs each entry by its own; sum and max ignore them", () => {
    // Two full intervals and a last one of 0.1 s.
    const lengths = [1, 1, 0.1];
    expect(aggregate([0.2, 0.2, 1], 3, 'mean', lengths)[0]).toBeCloseTo((0.2 + 0.2 + 0.1) / 2.1, 12);
    expect(aggregate([0.2, null, 1], 2, 'mean', lengths)).toEqual([0.2, 1]);
    expect(aggregate([0.2, 0.4], 2, 'mean', [0, 0])).toEqual([null]);
    expect(aggregate([1, 3, 5], 3, 'sum', lengths)).toEqual([9]);
    expect(aggregate([1, 3, 5], 3, 'max', lengths)).toEqual([5]);
  });

  it('rounds to 4 significant digits and maps NaN to null', () => {
    expect(chartNumber(1 / 3)).toBe(0.3333);
    expect(chartNumber(123456)).toBe(123500);
    expect(chartNumber(-0)).toBe(0);
    expect(chartNumber(Number.NaN)).toBeNull();
  });
});
