// Relative weights as percentages to 0.01 % that add up to exactly 100.

import { describe, expect, it } from 'vitest';

import { percentShares } from '../../../src/internal/build/percentShares.js';

describe('percentShares', () => {
  it('keeps weights that add up to 100', () => {
    expect(percentShares([90, 10])).toEqual([90, 10]);
    expect(percentShares([100, 0])).toEqual([100, 0]);
  });

  it('scales relative weights, rounded to 0.01 %, adding up to exactly 10,000 hundredths', () => {
    expect(percentShares([80, 30])).toEqual([72.73, 27.27]);
    expect(percentShares([1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
    expect(percentShares([1, 2])).toEqual([33.33, 66.67]);
    for (const weights of [
      [1, 1, 1],
      [7, 11, 13, 0],
      [1, 999_999],
    ]) {
      const hundredths = percentShares(weights).map((p) => Math.round(p * 100));
      expect(hundredths.reduce((a, b) => a + b, 0)).toBe(10_000);
    }
  });
});
