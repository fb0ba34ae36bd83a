// The gamma distribution (Marsaglia–Tsang) and its integer-shape case, the Erlang distribution:
// service times less variable than exponential (shape > 1) or more (shape < 1).

import type { Random } from '../random/RandomStreams.js';
import { requirePositive, requirePositiveInteger } from './checks.js';
import { standardNormal } from './normal.js';
import type { Sampler } from './Sampler.js';

// Up to this k, an Erlang draw is the sum of k exponentials (one log of a product of k uniforms,
// which cannot underflow: each factor is >= 2^-53). Above it, the gamma sampler is cheaper.
const ERLANG_SUM_MAX_K = 12;

/** Checks the parameters of {@link gamma}: `shape` and `scale` finite and > 0. */
export function checkGammaParams(shape: unknown, scale: unknown, path: string): void {
  requirePositive(`${path}.shape`, shape);
  requirePositive(`${path}.scale`, scale);
}

/** Checks the parameters of {@link erlang}: `k` a positive integer, `mean` finite and > 0. */
export function checkErlangParams(k: unknown, mean: unknown, path: string): void {
  requirePositiveInteger(`${path}.k`, k);
  requirePositive(`${path}.mean`, mean);
}

/**
 * Gamma draws with the given shape k and scale θ (mean kθ, variance kθ²), by Marsaglia and Tsang's
 * squeeze method. For shape < 1 it samples gamma(shape + 1) and multiplies by u^(1/shape).
 */
export function gamma(shape: number, scale: number, random: Random): Sampler {
  checkGammaParams(shape, scale, 'gamma');
  const z = standardNormal(random);
  const boost = shape < 1;
  const d = (boost ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const invShape = 1 / shape;
  return () => {
    let v: number;
    for (;;) {
      let x: number;
      do {
        x = z();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = random();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    const g = d * v;
    return (boost ? g * Math.pow(1 - random(), invShape) : g) * scale;
  };
}

/**
 * Erlang draws: the sum of `k` independent exponentials with mean `mean / k` each, so the total
 * has the given mean and variance mean²/k. Equivalent to gamma(k, mean / k).
 */
export function erlang(k: number, mean: number, random: Random): Sampler {
  checkErlangParams(k, mean, 'erlang');
  const phaseMean = mean / k;
  if (k > ERLANG_SUM_MAX_K) return gamma(k, phaseMean, random);
  return () => {
    let product = 1;
    for (let i = 0; i < k; i++) product *= 1 - random();
    return 0 - Math.log(product) * phaseMean; // 0 − … so an all-zero draw gives +0, not −0
  };
}
