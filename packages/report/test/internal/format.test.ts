// Number formatting of the text renderers: fixed decimals without `-0`, thousands separators, `–` for what is
// not a number.

import { describe, expect, it } from 'vitest';

import { formatDuration } from '@meshsim/mesh';

import { count, counted, duration, fixed, groupedFixed, ms } from '../../src/internal/format.js';

describe('format', () => {
  it('fixed keeps the decimals, never prints -0, and prints – for NaN', () => {
    expect(fixed(1.25, 1)).toBe('1.3');
    expect(fixed(-0.01, 1)).toBe('0.0');
    expect(fixed(Number.NaN, 1)).toBe('–');
  });

  it('groupedFixed groups the whole part by thousands, the sign and decimals kept', () => {
    expect(groupedFixed(55_530.12, 1)).toBe('55,530.1');
    expect(groupedFixed(-1_234_567, 0)).toBe('-1,234,567');
    expect(groupedFixed(999.94, 1)).toBe('999.9');
    expect(groupedFixed(Number.POSITIVE_INFINITY, 1)).toBe('–');
  });

  it("writes durations by the diagnosis's one rule: a recovery reads the same in the verdict, its table and compare", () => {
    expect(duration).toBe(formatDuration);
  });

  it('count and ms group thousands too', () => {
    expect(count(56_169.4)).toBe('56,169');
    expect(ms(1358.2)).toBe('1,358');
  });

  it('counted puts the noun in the plural unless the count is 1', () => {
    expect(counted(1, 'event')).toBe('1 event');
    expect(counted(0, 'event')).toBe('0 events');
    expect(counted(12_345, 'trace')).toBe('12,345 traces');
  });
});
