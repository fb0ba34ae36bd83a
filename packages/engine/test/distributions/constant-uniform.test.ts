import { describe, expect, it } from 'vitest';
import { constant, uniform } from '../../src/index.js';
import {
  draw,
  expectDeterministic,
  expectMean,
  expectQuantiles,
  expectRangeError,
  expectVariance,
  fixedStream,
  stream,
} from './stats.js';

describe('constant', () => {
  it('constant(value) always returns value', () => {
    expect(new Set(draw(constant(7.5), 100))).toEqual(new Set([7.5]));
  });

  it('constant rejects a non-finite value, naming the field and value', () => {
    expectRangeError(() => constant(NaN), 'constant.value must be a finite number (got NaN)');
    expectRangeError(() => constant(Infinity), 'constant.value must be a finite number (got Infinity)');
  });
});

describe('uniform', () => {
  it('uniform rejects non-finite bounds and max < min, naming the field and value', () => {
    expectRangeError(() => uniform(NaN, 1, stream('v')), 'uniform.min must be a finite number (got NaN)');
    expectRangeError(
      () => uniform(0, Infinity, stream('v')),
      'uniform.max must be a finite number (got Infinity)',
    );
    expectRangeError(() => uniform(5, 3, stream('v')), 'uniform.max must be >= min (5) (got 3)');
  });

  it('uniform(min, max) maps u to min + (max − min)·u', () => {
    expect(Array.from(draw(uniform(10, 20, fixedStream(0, 0.25, 0.5)), 3))).toEqual([10, 12.5, 15]);
  });

  it('uniform(x, x) is the constant x', () => {
    expect(new Set(draw(uniform(3, 3, stream('degenerate')), 100))).toEqual(new Set([3]));
  });

  it('uniform is deterministic given the stream', () => {
    expectDeterministic((r) => uniform(-1, 4, r));
  });

  it('uniform(min, max) lies in [min, max) with mean (min+max)/2, variance (max−min)²/12, linear CDF (10^6 draws)', () => {
    const [a, b] = [-2, 6];
    const xs = draw(uniform(a, b, stream('uniform/moments')), 1_000_000);
    expect(xs.every((x) => x >= a && x < b)).toBe(true);
    expectMean(xs, (a + b) / 2, (b - a) / Math.sqrt(12));
    expectVariance(xs, (b - a) ** 2 / 12, 9 / 5); // uniform: μ4/σ⁴ = 9/5
    expectQuantiles(xs, (q) => a + q * (b - a), [0.01, 0.25, 0.5, 0.75, 0.99]);
  });
});
