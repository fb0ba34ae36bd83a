// Statistics helpers for the distribution tests: drawing, moments, empirical CDF, and expectations
// whose tolerances come from standard errors (so a failure means a real bias, not bad luck).

import { expect } from 'vitest';
import { RandomStreams } from '../../src/index.js';
import type { Random, Sampler } from '../../src/index.js';

/** The seed every distribution test uses; each test picks its own stream name. */
export const SEED = 20261122;

/** A fresh stream for (SEED, name). */
export function stream(name: string): Random {
  return RandomStreams.create(SEED, name);
}

/** A fake stream returning `values` in turn (cycling), for exact-mapping tests. */
export function fixedStream(...values: number[]): Random {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

/** `n` draws from `sampler`. */
export function draw(sampler: Sampler, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sampler();
  return out;
}

/** Sample mean. */
export function mean(xs: Float64Array): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Unbiased sample variance. */
export function variance(xs: Float64Array): number {
  const m = mean(xs);
  let sum = 0;
  for (const x of xs) sum += (x - m) * (x - m);
  return sum / (xs.length - 1);
}

/** Fraction of `xs` that are <= x (the empirical CDF at x). */
export function fractionAtMost(xs: Float64Array, x: number): number {
  let count = 0;
  for (const v of xs) if (v <= x) count++;
  return count / xs.length;
}

/** The q-quantile of already sorted values (nearest rank). */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Expects |actual − expected| <= k·se (default k = 5). */
export function expectWithin(actual: number, expected: number, se: number, label: string, k = 5): void {
  const message = `${label}: ${actual} vs ${expected} ± ${k}·${se}`;
  expect(Number.isFinite(actual), message).toBe(true);
  expect(Math.abs(actual - expected), message).toBeLessThanOrEqual(k * se);
}

/** Expects the sample mean to be within 5 standard errors of `mu`, given the true standard deviation. */
export function expectMean(xs: Float64Array, mu: number, sd: number): void {
  expectWithin(mean(xs), mu, sd / Math.sqrt(xs.length), 'sample mean');
}

/**
 * Expects the sample variance to be within 5 standard errors of `sigma2`, where the standard error
 * is sqrt((μ4 − σ⁴) / n) for the true fourth central moment μ4 = `kurtosis`·σ⁴.
 */
export function expectVariance(xs: Float64Array, sigma2: number, kurtosis: number): void {
  const se = Math.sqrt(((kurtosis - 1) * sigma2 * sigma2) / xs.length);
  expectWithin(variance(xs), sigma2, se, 'sample variance');
}

/**
 * Expects the empirical CDF at each theoretical quantile `quantile(q)` to be within 5 binomial
 * standard errors sqrt(q(1 − q)/n) of q.
 */
export function expectQuantiles(
  xs: Float64Array,
  quantile: (q: number) => number,
  qs: readonly number[],
): void {
  for (const q of qs) {
    const se = Math.sqrt((q * (1 - q)) / xs.length);
    expectWithin(fractionAtMost(xs, quantile(q)), q, se, `P(X <= quantile(${q}))`);
  }
}

/** Expects two samplers to produce the same first `n` draws. */
export function expectSameSequence(a: Sampler, b: Sampler, n = 1000): void {
  expect(Array.from(draw(a, n))).toEqual(Array.from(draw(b, n)));
}

/**
 * Expects `factory` to be a pure function of its stream: two samplers on the same (seed, name)
 * produce identical sequences, and a stream with another name produces a different one.
 */
export function expectDeterministic(factory: (random: Random) => Sampler): void {
  const a = draw(factory(stream('determinism')), 1000);
  const b = draw(factory(stream('determinism')), 1000);
  const c = draw(factory(stream('determinism/other')), 1000);
  expect(Array.from(a)).toEqual(Array.from(b));
  expect(Array.from(a)).not.toEqual(Array.from(c));
}

/** Expects `fn` to throw a RangeError with exactly `message`. */
export function expectRangeError(fn: () => unknown, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RangeError);
  expect((caught as Error).message).toBe(message);
}
