// Every interval table prints mean ± half-width with the decimals it needs: a small interval never reads
// `0.00 ± 0.00`, and the printed mean exceeds the printed half-width exactly when the interval excludes 0.

import type { FigureInterval } from '@meshsim/analysis';
import { describe, expect, it } from 'vitest';

import { formatInterval, intervalCell, intervalDecimals } from '../../src/internal/intervalFormat.js';

/** An interval of `key` over 5 values, its min and max around the mean. */
function interval(key: FigureInterval['key'], mean: number, halfWidth: number | null): FigureInterval {
  return { key, n: 5, mean, halfWidth, min: mean - (halfWidth ?? 0), max: mean + (halfWidth ?? 0) };
}

describe('formatInterval', () => {
  it("prints an interval at its figure's decimals when they show it", () => {
    expect(formatInterval(interval('endToEndP99Ms', 80.25, 4.75))).toEqual({
      mean: '80.25',
      half: '± 4.75',
      min: '75.50',
      max: '85.00',
    });
    expect(intervalCell(interval('goodputRps', 324.8, 23.7))).toBe('324.8 ± 23.7');
    // The same values every time: 0 ± 0 at the figure's decimals.
    expect(intervalCell(interval('pendingPods', 0, 0))).toBe('0.0 ± 0.0');
    expect(intervalCell(interval('successRatio', 1, 0))).toBe('100.00 ± 0.00');
  });

  it('adds the decimals a small interval needs, to its mean, half-width, min and max alike', () => {
    // Work per request (2 decimals): 0.0012 ± 0.0003 would read 0.00 ± 0.00.
    expect(formatInterval(interval('workPerRequest', 0.0012, 0.0003))).toEqual({
      mean: '0.0012',
      half: '± 0.0003',
      min: '0.0009',
      max: '0.0015',
    });
    // Scaled as the figure reads: a success ratio in % (2 decimals), 99.9988 ± 0.0003 %, not 100.00 ± 0.00.
    expect(intervalCell(interval('successRatio', 0.999988, 0.000003))).toBe('99.9988 ± 0.0003');
    // A mean above 0 with no spread is not printed as 0.
    expect(intervalCell(interval('pendingPods', 0.004, 0))).toBe('0.004 ± 0.000');
  });

  it('agrees with whether the interval holds 0 at every magnitude, and never prints a half-width above 0 as 0', () => {
    for (let exponent = -9; exponent <= 2; exponent++) {
      for (const ratio of [0.5, 0.9, 0.99, 1.01, 1.1, 2]) {
        const half = 10 ** exponent;
        const one = interval('workPerRequest', half * ratio, half);
        const [mean = '', , printedHalf = ''] = intervalCell(one).split(' ');
        expect(Number(printedHalf), intervalCell(one)).toBeGreaterThan(0);
        expect(Number(mean) > Number(printedHalf), intervalCell(one)).toBe(ratio > 1);
      }
    }
  });

  it("prints the mean alone, at its figure's decimals, without an interval (one value)", () => {
    expect(intervalDecimals(interval('endToEndP50Ms', 0.0012, null))).toBe(2);
    expect(intervalCell(interval('endToEndP50Ms', 1.234, null))).toBe('1.23');
    expect(formatInterval(interval('endToEndP50Ms', 1.234, null)).half).toBe('–');
  });
});
