// The Weibull distribution: lifetimes and durations whose hazard rises (shape > 1) or falls (shape < 1).

import type { Random } from '../random/RandomStreams.js';
import { requirePositive } from './checks.js';
import type { Sampler } from './Sampler.js';

/** Checks the parameters of {@link weibull}: `scale` and `shape` finite and > 0. */
export function checkWeibullParams(scale: unknown, shape: unknown, path: string): void {
  requirePositive(`${path}.scale`, scale);
  requirePositive(`${path}.shape`, shape);
}

/**
 * Weibull draws with scale λ and shape k, by inversion: `λ·(−ln(1 − u))^(1/k)`.
 * Mean λ·Γ(1 + 1/k); shape 1 is the exponential with mean λ.
 */
export function weibull(scale: number, shape: number, random: Random): Sampler {
  checkWeibullParams(scale, shape, 'weibull');
  const exponent = 1 / shape;
  // `0 − ln(1 − u)` so that u = 0 gives +0 (a unary minus gives −0, and (−0)^1 = −0).
  return () => scale * Math.pow(0 - Math.log(1 - random()), exponent);
}
