import { describe, expect, it } from 'vitest';
import { exponential } from '../../src/index.js';
import {
  draw,
  expectDeterministic,
  expectMean,
  expectQuantiles,
  expectRangeError,
  expectVariance,
  fixedStream,
  mean,
  stream,
} from './stats.js';

describe('exponential', () => {
  it('exponential rejects a mean that is not finite and > 0, naming the field and value', () => {
    expectRangeError(() => exponential(-5, stream('v')), 'exponential.mean must be > 0 (got -5)');
    expectRangeError(() => exponential(0, stream('v')), 'exponential.mean must be > 0 (got 0)');
    expectRangeError(
      () => exponential(NaN, stream('v')),
      'exponential.mean must be a finite number (got NaN)',
    );
    expectRangeError(
      () => exponential(Infinity, stream('v')),
      'exponential.mean must be a finite number (got Infinity)',
    );
  });

  it('exponential(mean) maps u to −ln(1 − u)·mean, so u = 0 gives 0', () => {
    const xs = draw(exponential(8, fixedStream(0, 0.5, 0.75)), 3);
    expect(xs[0]).toBe(0);
    expect(xs[1]).toBeCloseTo(8 * Math.LN2, 12);
    expect(xs[2]).toBeCloseTo(8 * Math.log(4), 12);
  });

  it('exponential is deterministic given the stream', () => {
    expectDeterministic((r) => exponential(3, r));
  });

  it('exponential(mean) has the given mean within 1% over 10^6 draws', () => {
    const xs = draw(exponential(8, stream('exponential/mean')), 1_000_000);
    expect(Math.abs(mean(xs) / 8 - 1)).toBeLessThan(0.01);
    expectMean(xs, 8, 8);
  });

  it('exponential(mean) has variance mean² and CDF 1 − e^(−x/mean) over 10^6 draws', () => {
    const m = 0.25;
    const xs = draw(exponential(m, stream('exponential/shape')), 1_000_000);
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    expectVariance(xs, m * m, 9); // exponential: μ4/σ⁴ = 9
    expectQuantiles(xs, (q) => -m * Math.log(1 - q), [0.1, 0.5, 0.9, 0.99, 0.999]);
  });
});
