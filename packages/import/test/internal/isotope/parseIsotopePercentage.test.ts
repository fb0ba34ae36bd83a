// isotope percentages: fractions or "X%" strings.

import { describe, expect, it } from 'vitest';

import { parseIsotopePercentage } from '../../../src/internal/isotope/parseIsotopePercentage.js';

describe('parseIsotopePercentage', () => {
  it('reads fractions in [0, 1] and "X%" strings as isotope does', () => {
    expect(parseIsotopePercentage(0.25)).toBe(0.25);
    expect(parseIsotopePercentage('0.01%')).toBe(0.0001);
    expect(parseIsotopePercentage('100%')).toBe(1);
    expect(parseIsotopePercentage(5)).toBeUndefined();
    expect(parseIsotopePercentage('5')).toBeUndefined();
    expect(parseIsotopePercentage('101%')).toBeUndefined();
  });
});
