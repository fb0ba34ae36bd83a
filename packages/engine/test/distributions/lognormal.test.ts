import { describe, expect, it } from 'vitest';
import {
  lognormal,
  lognormalFromMedianP99,
  lognormalParamsFromMedianP99,
} from '../../src/distributions/lognormal.js';
import {
  draw,
  expectDeterministic,
  expectMean,
  expectRangeError,
  expectVariance,
  sortedQuantile,
  stream,
} from './stats.js';

describe('lognormal', () => {
  it('lognormal rejects a non-finite mu and a negative sigma, naming the field and value', () => {
    expectRangeError(() => lognormal(NaN, 1, stream('v')), 'lognormal.mu must be a finite number (got NaN)');
    expectRangeError(() => lognormal(0, -1, stream('v')), 'lognormal.sigma must be >= 0 (got -1)');
  });

  it('lognormalFromMedianP99 requires p99 > median > 0, naming the field and value', () => {
    expectRangeError(
      () => lognormalFromMedianP99(0, 30, stream('v')),
      'lognormal.median must be > 0 (got 0)',
    );
    expectRangeError(
      () => lognormalFromMedianP99(4, 3, stream('v')),
      'lognormal.p99 must be > median (4) (got 3)',
    );
    expectRangeError(() => lognormalParamsFromMedianP99(4, 4), 'lognormal.p99 must be > median (4) (got 4)');
    expectRangeError(
      () => lognormalParamsFromMedianP99(4, Infinity),
      'lognormal.p99 must be a finite number (got Infinity)',
    );
  });

  it('lognormalParamsFromMedianP99 gives mu = ln median and sigma = ln(p99/median)/z99', () => {
    const { mu, sigma } = lognormalParamsFromMedianP99(4, 30);
    expect(mu).toBe(Math.log(4));
    expect(sigma).toBeCloseTo(Math.log(7.5) / 2.3263478740408408, 15);
  });

  it('lognormal is deterministic given the stream', () => {
    expectDeterministic((r) => lognormal(1, 0.5, r));
    expectDeterministic((r) => lognormalFromMedianP99(4, 30, r));
  });

  it('lognormalFromMedianP99(median, p99) has empirical median and p99 within 2% over 10^6 draws', () => {
    for (const [median, p99] of [
      [4, 30],
      [0.2, 0.25],
    ] as const) {
      const xs = draw(lognormalFromMedianP99(median, p99, stream(`lognormal/${median}`)), 1_000_000).sort();
      expect(Math.abs(sortedQuantile(xs, 0.5) / median - 1)).toBeLessThan(0.02);
      expect(Math.abs(sortedQuantile(xs, 0.99) / p99 - 1)).toBeLessThan(0.02);
      expect(xs[0]).toBeGreaterThan(0);
    }
  });

  it('lognormal(mu, sigma) has mean e^(mu + sigma²/2) and ln X ~ normal(mu, sigma) over 10^6 draws', () => {
    const [mu, sigma] = [1, 0.5];
    const xs = draw(lognormal(mu, sigma, stream('lognormal/moments')), 1_000_000);
    const m = Math.exp(mu + (sigma * sigma) / 2);
    expectMean(xs, m, m * Math.sqrt(Math.expm1(sigma * sigma)));
    const logs = xs.map(Math.log);
    expectMean(logs, mu, sigma);
    expectVariance(logs, sigma * sigma, 3);
  });

  it('lognormal(mu, 0) is the constant e^mu', () => {
    expect(new Set(draw(lognormal(2, 0, stream('lognormal/zero')), 100))).toEqual(new Set([Math.exp(2)]));
  });
});
