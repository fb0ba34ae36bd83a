// The paired differences' cells read as their figures do, with more decimals where a small difference needs them:
// a row never prints `0.00 ± 0.00` while significant, nor an interval that excludes 0 marked n.s.

import type { PairedDifference } from '@meshsim/analysis';
import { describe, expect, it } from 'vitest';

import { formatDifference } from '../../src/internal/pairedTable.js';

/** A paired difference of `key` (n = 5), significant when its interval excludes 0. */
function difference(key: PairedDifference['key'], mean: number, halfWidth: number | null): PairedDifference {
  return {
    key,
    n: 5,
    mean,
    halfWidth,
    min: mean,
    max: mean,
    significant: halfWidth === null ? null : mean - halfWidth > 0 || mean + halfWidth < 0,
  };
}

describe('formatDifference', () => {
  it("prints a difference at its figure's decimals when they show it", () => {
    expect(formatDifference(difference('endToEndP50Ms', 6.78, 0.39))).toBe('+6.78 ± 0.39');
    expect(formatDifference(difference('endToEndP99Ms', -4.85, 5.25))).toBe('-4.85 ± 5.25 n.s.');
    expect(formatDifference(difference('goodputRps', -1.02, 0.6))).toBe('-1.0 ± 0.6');
    expect(formatDifference(difference('successRatio', 0, 0))).toBe('0.00 ± 0.00 n.s.');
    expect(formatDifference(difference('proxyCpuRequestedCores', 0.9, 0))).toBe('+0.900 ± 0.000');
  });

  it('adds the decimals a small significant difference needs, so it never reads 0.00 ± 0.00', () => {
    // work per request (2 decimals): -0.003312 ± 0.00299 is significant; at 3 decimals it would read -0.003 ± 0.003.
    expect(formatDifference(difference('workPerRequest', -0.003312, 0.00299))).toBe('-0.0033 ± 0.0030');
    // A positive one, scaled as the figure reads (node CPU in %, 1 decimal).
    expect(formatDifference(difference('nodeCpuUtilisation', 0.00012, 0.00005))).toBe('+0.012 ± 0.005');
  });

  it('shows a half-width above 0 as above 0, and a small n.s. difference as holding 0', () => {
    expect(formatDifference(difference('workPerRequest', 0.0004, 0.0031))).toBe('+0.000 ± 0.003 n.s.');
    // 0.0066 ± 0.0064 holds 0 only barely: 0.01 ± 0.01 would do; 0.007 ± 0.006 would not.
    expect(formatDifference(difference('workPerRequest', 0.0064, 0.0066))).toBe('+0.01 ± 0.01 n.s.');
  });

  it('agrees with the significance at every magnitude', () => {
    for (let exponent = -9; exponent <= 2; exponent++) {
      for (const ratio of [0.5, 0.9, 0.99, 1.01, 1.1, 2]) {
        const half = 10 ** exponent;
        const d = difference('workPerRequest', half * ratio, half);
        const [mean = '', , printedHalf = ''] = formatDifference(d).split(' ');
        expect(Number(printedHalf), formatDifference(d)).toBeGreaterThan(0);
        expect(Math.abs(Number(mean)) > Number(printedHalf), formatDifference(d)).toBe(d.significant);
      }
    }
  });

  it('prints the mean alone without an interval (one replication)', () => {
    expect(formatDifference(difference('endToEndP50Ms', 1.234, null))).toBe('+1.23');
  });
});
