// The normal (Gaussian) distribution, by Marsaglia's polar method. Also the source of standard
// normal variates for the lognormal and gamma samplers.

import type { Random } from '../random/RandomStreams.js';
import { requireFinite, requireNonNegative } from './checks.js';
import type { Sampler } from './Sampler.js';

/** Checks the parameters of {@link normal}: `mean` finite, `stdDev` finite and >= 0. */
export function checkNormalParams(mean: unknown, stdDev: unknown, path: string): void {
  requireFinite(`${path}.mean`, mean);
  requireNonNegative(`${path}.stdDev`, stdDev);
}

/**
 * Standard normal draws (mean 0, standard deviation 1) by Marsaglia's polar method. Each accepted
 * pair of uniforms yields two variates; the second is cached and returned by the next call, so
 * the sequence is a deterministic function of the stream (the cache lives in this sampler only).
 */
export function standardNormal(random: Random): Sampler {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * factor;
    hasSpare = true;
    return u * factor;
  };
}

/**
 * Normal draws with the given mean and standard deviation (`stdDev` 0 gives the constant `mean`).
 * Not bounded below: do not use it directly for durations.
 */
export function normal(mean: number, stdDev: number, random: Random): Sampler {
  checkNormalParams(mean, stdDev, 'normal');
  const z = standardNormal(random);
  return () => mean + stdDev * z();
}
