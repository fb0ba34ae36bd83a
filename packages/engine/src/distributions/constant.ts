// The degenerate distribution: always the same value. Useful for fixed latencies and in tests.

import { requireFinite } from './checks.js';
import type { Sampler } from './Sampler.js';

/** Checks the parameters of {@link constant}, naming `${path}.value` in the RangeError. */
export function checkConstantParams(value: unknown, path: string): void {
  requireFinite(`${path}.value`, value);
}

/** A sampler that always returns `value` (a finite number) and draws no random numbers. */
export function constant(value: number): Sampler {
  checkConstantParams(value, 'constant');
  return () => value;
}
