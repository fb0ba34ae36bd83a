import { describe, expect, it } from 'vitest';
import { pareto, weibull } from '../../src/index.js';
import {
  draw,
  expectDeterministic,
  expectMean,
  expectQuantiles,
  expectRangeError,
  fixedStream,
  stream,
} from './stats.js';

describe('pareto', () => {
  it('pareto rejects a scale or shape that is not finite and > 0, naming the field and value', () => {
    expectRangeError(() => pareto(0, 2, stream('v')), 'pareto.scale must be > 0 (got 0)');
    expectRangeError(() => pareto(1, -2, stream('v')), 'pareto.shape must be > 0 (got -2)');
    expectRangeError(
      () => pareto(1, Infinity, stream('v')),
      'pareto.shape must be a finite number (got Infinity)',
    );
  });

  it('pareto(xm, α) maps u to xm·(1 − u)^(−1/α)', () => {
    const xs = draw(pareto(3, 2, fixedStream(0, 0.75)), 2);
    expect(xs[0]).toBe(3);
    expect(xs[1]).toBeCloseTo(6, 12);
  });

  it('pareto is deterministic given the stream', () => {
    expectDeterministic((r) => pareto(1, 1.5, r));
  });

  it('pareto(xm, α) draws are >= xm and follow the CDF 1 − (xm/x)^α, even with infinite variance', () => {
    const [xm, alpha] = [2, 1.5];
    const xs = draw(pareto(xm, alpha, stream('pareto/cdf')), 500_000);
    expect(xs.every((x) => x >= xm && Number.isFinite(x))).toBe(true);
    expectQuantiles(xs, (q) => xm * Math.pow(1 - q, -1 / alpha), [0.1, 0.5, 0.9, 0.99, 0.999]);
  });

  it('pareto(xm, α) has mean α·xm/(α − 1) for α = 3.5 over 10^6 draws', () => {
    const [xm, alpha] = [2, 3.5];
    const xs = draw(pareto(xm, alpha, stream('pareto/mean')), 1_000_000);
    const sd = Math.sqrt((xm * xm * alpha) / ((alpha - 1) ** 2 * (alpha - 2)));
    expectMean(xs, (alpha * xm) / (alpha - 1), sd);
  });
});

describe('weibull', () => {
  it('weibull rejects a scale or shape that is not finite and > 0, naming the field and value', () => {
    expectRangeError(() => weibull(-1, 2, stream('v')), 'weibull.scale must be > 0 (got -1)');
    expectRangeError(() => weibull(1, 0, stream('v')), 'weibull.shape must be > 0 (got 0)');
  });

  it('weibull(λ, k) maps u to λ·(−ln(1 − u))^(1/k), so u = 1 − 1/e gives λ and u = 0 gives +0', () => {
    const xs = draw(weibull(5, 2, fixedStream(1 - Math.exp(-1), 0)), 2);
    expect(xs[0]).toBeCloseTo(5, 12);
    expect(Object.is(xs[1], 0)).toBe(true);
    expect(Object.is(weibull(5, 1, fixedStream(0))(), 0)).toBe(true);
  });

  it('weibull is deterministic given the stream', () => {
    expectDeterministic((r) => weibull(2, 1.5, r));
  });

  it('weibull(λ, k) follows the CDF 1 − e^(−(x/λ)^k) for k = 0.5, 1 and 2', () => {
    for (const k of [0.5, 1, 2]) {
      const xs = draw(weibull(3, k, stream(`weibull/cdf/${k}`)), 200_000);
      expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
      expectQuantiles(xs, (q) => 3 * Math.pow(-Math.log(1 - q), 1 / k), [0.05, 0.5, 0.9, 0.99]);
    }
  });

  it('weibull(λ, k) has mean λ·Γ(1 + 1/k): λ√π/2 for k = 2 and 2λ for k = 0.5, over 5·10^5 draws', () => {
    const lambda = 3;
    const k2 = draw(weibull(lambda, 2, stream('weibull/mean/2')), 500_000);
    expectMean(k2, (lambda * Math.sqrt(Math.PI)) / 2, lambda * Math.sqrt(1 - Math.PI / 4));
    const kHalf = draw(weibull(lambda, 0.5, stream('weibull/mean/0.5')), 500_000);
    // Γ(3) = 2, Γ(5) = 24: variance λ²(24 − 2²) = 20λ².
    expectMean(kHalf, 2 * lambda, lambda * Math.sqrt(20));
  });
});
