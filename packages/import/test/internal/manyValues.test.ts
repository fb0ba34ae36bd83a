// minOf / maxOf / pushAll: the loops that replace spread arguments, which overflow the stack past ~100,000
// values (a 100 h run has 360,000 one-second intervals).
import { describe, expect, it } from 'vitest';

import { maxOf, minOf, pushAll } from '../../src/internal/manyValues.js';

const MANY = 500_000;

describe('manyValues', () => {
  it('takes the minimum and maximum of 500,000 values (a spread argument throws RangeError there)', () => {
    const values = Array.from({ length: MANY }, (_, i) => (i * 7919) % MANY);
    expect(() => Math.min(...values)).toThrow(RangeError);
    expect(minOf(values, -1)).toBe(0);
    expect(maxOf(values, -1)).toBe(MANY - 1);
    expect(minOf(new Set(values).keys(), -1)).toBe(0);
  });

  it('gives `empty` for no values and NaN when any value is NaN, like Math.min and Math.max', () => {
    expect(minOf([], 7)).toBe(7);
    expect(maxOf([], 7)).toBe(7);
    expect(minOf([3, Number.NaN, 1], 0)).toBeNaN();
    expect(maxOf([3, Number.NaN, 1], 0)).toBeNaN();
    expect(minOf([-2, 5], 0)).toBe(-2);
    expect(maxOf([-2, -5], 0)).toBe(-2);
  });

  it('appends 500,000 items in order', () => {
    const target = [-1];
    pushAll(
      target,
      Array.from({ length: MANY }, (_, i) => i),
    );
    expect(target).toHaveLength(MANY + 1);
    expect(target[0]).toBe(-1);
    expect(target[MANY]).toBe(MANY - 1);
  });
});
