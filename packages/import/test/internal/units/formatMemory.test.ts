// Memory written exactly, in the largest unit that divides it.

import { describe, expect, it } from 'vitest';

import { formatMemory } from '../../../src/internal/units/formatMemory.js';

describe('formatMemory', () => {
  it('writes a whole number of bytes exactly, in the largest unit that divides it', () => {
    expect([1024, 128, 1e9 / 2 ** 20, 7934372 / 1024, 100 / 2 ** 20, 0].map(formatMemory)).toEqual([
      '1Gi',
      '128Mi',
      '1GB',
      '7934372Ki',
      '100B',
      '0Mi',
    ]);
  });
});
