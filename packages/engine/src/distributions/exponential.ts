// The exponential distribution: memoryless inter-arrival times of a Poisson process, simple service times.

import type { Random } from '../random/RandomStreams.js';
import { requirePositive } from './checks.js';
import type { Sampler } from './Sampler.js';

/** Checks the parameters of {@link exponential}: `mean` finite and > 0. */
export function checkExponentialParams(mean: unknown, path: string): void {
  requirePositive(`${path}.mean`, mean);
}

/**
 * Exponential draws with the given mean (rate 1/mean), by inversion: `−ln(1 − u)·mean`, which is
 * finite because u < 1 (and +0, never −0, at u = 0). Variance mean².
 */
export function exponential(mean: number, random: Random): Sampler {
  checkExponentialParams(mean, 'exponential');
  // `0 − ln(1 − u)·mean` rather than a unary minus, so u = 0 gives +0, not −0.
  return () => 0 - Math.log(1 - random()) * mean;
}
