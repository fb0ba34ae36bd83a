// The Pareto (type I) distribution: heavy-tailed sizes and durations, e.g. a slow tail of requests.

import type { Random } from '../random/RandomStreams.js';
import { requirePositive } from './checks.js';
import type { Sampler } from './Sampler.js';

/** Checks the parameters of {@link pareto}: `scale` and `shape` finite and > 0. */
export function checkParetoParams(scale: unknown, shape: unknown, path: string): void {
  requirePositive(`${path}.scale`, scale);
  requirePositive(`${path}.shape`, shape);
}

/**
 * Pareto draws with minimum `scale` (xm) and tail index `shape` (α), by inversion:
 * `xm·(1 − u)^(−1/α)`. Mean α·xm/(α − 1) for α > 1, infinite otherwise; variance finite only for α > 2.
 */
export function pareto(scale: number, shape: number, random: Random): Sampler {
  checkParetoParams(scale, shape, 'pareto');
  const exponent = -1 / shape;
  return () => scale * Math.pow(1 - random(), exponent);
}
