// The share parser the trace flags of run and compare share: plain decimals only, NaN for anything else.

import { describe, expect, it } from 'vitest';

import { parseShare } from '../../src/internal/flags.js';

describe('parseShare', () => {
  it('reads plain decimals, spaces around allowed', () => {
    expect(['0.05', '.5', '1', ' 0.25 ', '0'].map(parseShare)).toEqual([0.05, 0.5, 1, 0.25, 0]);
  });

  it('gives NaN for exponents, percentages, signs and blanks (the callers check the range)', () => {
    for (const text of ['1e-2', '5%', '-0.1', '+0.1', '', ' ', '0.', 'half'])
      expect(parseShare(text)).toBeNaN();
  });
});
