// The continuous uniform distribution on [min, max): e.g. jittered timers or think times.

import type { Random } from '../random/RandomStreams.js';
import { requireAtLeast, requireFinite } from './checks.js';
import type { Sampler } from './Sampler.js';

/** Checks the parameters of {@link uniform}: finite, with `max >= min`. */
export function checkUniformParams(min: unknown, max: unknown, path: string): void {
  const lower = requireFinite(`${path}.min`, min);
  requireAtLeast(`${path}.max`, max, 'min', lower);
}

/**
 * Uniform draws on [min, max) (`min + (max − min)·u`); `min === max` gives the constant `min`.
 * Mean (min + max) / 2, variance (max − min)² / 12.
 */
export function uniform(min: number, max: number, random: Random): Sampler {
  checkUniformParams(min, max, 'uniform');
  const width = max - min;
  return () => min + width * random();
}
