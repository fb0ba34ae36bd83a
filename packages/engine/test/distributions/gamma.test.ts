import { describe, expect, it } from 'vitest';
import { erlang, gamma } from '../../src/index.js';
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

describe('gamma', () => {
  it('gamma rejects a shape or scale that is not finite and > 0, naming the field and value', () => {
    expectRangeError(() => gamma(0, 1, stream('v')), 'gamma.shape must be > 0 (got 0)');
    expectRangeError(() => gamma(2, -1, stream('v')), 'gamma.scale must be > 0 (got -1)');
    expectRangeError(() => gamma(NaN, 1, stream('v')), 'gamma.shape must be a finite number (got NaN)');
  });

  it('gamma is deterministic given the stream, with and without the shape < 1 boost', () => {
    expectDeterministic((r) => gamma(2.5, 1, r));
    expectDeterministic((r) => gamma(0.4, 1, r));
  });

  for (const shape of [0.3, 1, 2.5, 9]) {
    it(`gamma(${shape}, θ) has mean shape·θ and variance shape·θ² over 2·10^5 draws`, () => {
      const scale = 2;
      const xs = draw(gamma(shape, scale, stream(`gamma/${shape}`)), 200_000);
      expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
      const sigma2 = shape * scale * scale;
      expectMean(xs, shape * scale, Math.sqrt(sigma2));
      expectVariance(xs, sigma2, 3 + 6 / shape); // gamma: μ4/σ⁴ = 3 + 6/shape
    });
  }

  it('gamma(1, θ) is exponential(θ): its CDF is 1 − e^(−x/θ)', () => {
    const xs = draw(gamma(1, 3, stream('gamma/exponential')), 200_000);
    expectQuantiles(xs, (q) => -3 * Math.log(1 - q), [0.1, 0.5, 0.9, 0.99]);
  });
});

describe('erlang', () => {
  it('erlang rejects k that is not a positive integer and a mean that is not > 0, naming the field and value', () => {
    expectRangeError(() => erlang(2.5, 1, stream('v')), 'erlang.k must be a positive integer (got 2.5)');
    expectRangeError(() => erlang(0, 1, stream('v')), 'erlang.k must be a positive integer (got 0)');
    expectRangeError(() => erlang(3, 0, stream('v')), 'erlang.mean must be > 0 (got 0)');
  });

  it('erlang(k, mean) is the sum of k exponentials with mean mean/k', () => {
    // u = 0.5 twice: 2 · (mean/2)·ln 2 = mean·ln 2.
    expect(erlang(2, 6, fixedStream(0.5))()).toBeCloseTo(6 * Math.LN2, 12);
    expect(erlang(1, 6, fixedStream(0.75))()).toBeCloseTo(6 * Math.log(4), 12);
  });

  it('erlang is deterministic given the stream, for small and large k', () => {
    expectDeterministic((r) => erlang(3, 6, r));
    expectDeterministic((r) => erlang(40, 6, r));
  });

  for (const k of [1, 3, 12, 13, 40]) {
    it(`erlang(${k}, mean) has the given mean and variance mean²/k over 2·10^5 draws`, () => {
      const m = 6;
      const xs = draw(erlang(k, m, stream(`erlang/${k}`)), 200_000);
      const sigma2 = (m * m) / k;
      expectMean(xs, m, Math.sqrt(sigma2));
      expectVariance(xs, sigma2, 3 + 6 / k);
    });
  }
});
