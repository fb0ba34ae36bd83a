import { describe, expect, it } from 'vitest';
import { normal, standardNormal } from '../../src/distributions/normal.js';
import { normalQuantile } from '../../src/distributions/special.js';
import {
  draw,
  expectDeterministic,
  expectMean,
  expectQuantiles,
  expectRangeError,
  expectVariance,
  expectWithin,
  stream,
} from './stats.js';

describe('normal', () => {
  it('normal rejects a non-finite mean and a negative stdDev, naming the field and value', () => {
    expectRangeError(() => normal(NaN, 1, stream('v')), 'normal.mean must be a finite number (got NaN)');
    expectRangeError(() => normal(0, -1, stream('v')), 'normal.stdDev must be >= 0 (got -1)');
    expectRangeError(
      () => normal(0, Infinity, stream('v')),
      'normal.stdDev must be a finite number (got Infinity)',
    );
  });

  it('normal is deterministic given the stream, including the cached spare variate', () => {
    expectDeterministic((r) => normal(5, 2, r));
    expectDeterministic((r) => standardNormal(r));
  });

  it('normal(mean, 0) is the constant mean', () => {
    expect(new Set(draw(normal(4, 0, stream('normal/zero')), 100))).toEqual(new Set([4]));
  });

  it('normal(mean, stdDev) has the given mean and variance, and 68.27% within ±1σ, over 10^6 draws', () => {
    const [mu, sd] = [10, 3];
    const xs = draw(normal(mu, sd, stream('normal/moments')), 1_000_000);
    expectMean(xs, mu, sd);
    expectVariance(xs, sd * sd, 3); // normal: μ4/σ⁴ = 3
    let inside = 0;
    for (const x of xs) if (Math.abs(x - mu) <= sd) inside++;
    const p = 0.6826894921370859;
    expectWithin(inside / xs.length, p, Math.sqrt((p * (1 - p)) / xs.length), 'P(|X − mean| <= σ)');
  });

  it('standardNormal matches Φ at its quantiles and consecutive draws (pair and spare) are uncorrelated', () => {
    const n = 500_000;
    const xs = draw(standardNormal(stream('normal/standard')), n);
    expectQuantiles(xs, normalQuantile, [0.001, 0.02, 0.1587, 0.5, 0.8413, 0.98, 0.999]);
    let lag1 = 0;
    for (let i = 1; i < n; i++) lag1 += (xs[i] as number) * (xs[i - 1] as number);
    // E[Z_i Z_{i+1}] = 0 with standard deviation 1 per term.
    expectWithin(lag1 / (n - 1), 0, 1 / Math.sqrt(n - 1), 'lag-1 autocorrelation');
  });
});

describe('normalQuantile', () => {
  it('normalQuantile matches reference values of Φ⁻¹ to about 1e-15', () => {
    const reference: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
      [0.999, 3.090232306167813],
      [0.025, -1.959963984540054],
      [1e-10, -6.361340902404056],
    ];
    for (const [p, z] of reference)
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)) * 4);
  });

  it('normalQuantile is ±Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
