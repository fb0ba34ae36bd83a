// Empirical distributions built from measured data: resampling raw samples, or a histogram of bins
// (a bin is picked by count, then a value uniform within it).

import type { Random } from '../random/RandomStreams.js';
import {
  requireAtLeast,
  requireFinite,
  requireNonEmptyArray,
  requireNonNegative,
  requireObject,
} from './checks.js';
import { DistributionParamError } from './DistributionParamError.js';
import type { Sampler } from './Sampler.js';
import { weightedIndex } from './weightedIndex.js';

/** One histogram bin: values in [lower, upper), observed `count` times. */
export interface EmpiricalBin {
  /** Lower edge (inclusive). */
  lower: number;
  /** Upper edge (exclusive; a bin with upper === lower is a point mass). */
  upper: number;
  /** Relative weight of the bin, >= 0; need not be an integer. */
  count: number;
}

/** Checks `samples`: a non-empty array of finite numbers, naming `${path}.samples[i]` on failure. */
export function checkEmpiricalSamples(samples: unknown, path: string): void {
  const list = requireNonEmptyArray(`${path}.samples`, samples);
  for (let i = 0; i < list.length; i++) requireFinite(`${path}.samples[${i}]`, list[i]);
}

/**
 * Checks `bins`: a non-empty array of bins with finite edges, `upper >= lower`, `count >= 0`, and a
 * positive total count. Names `${path}.bins[i].field` on failure.
 */
export function checkEmpiricalBins(bins: unknown, path: string): void {
  const list = requireNonEmptyArray(`${path}.bins`, bins);
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const field = `${path}.bins[${i}]`;
    const bin = requireObject(field, list[i]) as Partial<Record<keyof EmpiricalBin, unknown>>;
    const lower = requireFinite(`${field}.lower`, bin.lower);
    requireAtLeast(`${field}.upper`, bin.upper, 'lower', lower);
    total += requireNonNegative(`${field}.count`, bin.count);
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new DistributionParamError(`${path}.bins`, 'total count must be a finite number > 0', total);
  }
}

/**
 * Draws uniformly (with replacement) from `samples`, which are copied, so later changes to the
 * array do not affect the sampler. Throws on an empty array or a non-finite sample.
 */
export function empiricalFromSamples(samples: readonly number[], random: Random): Sampler {
  checkEmpiricalSamples(samples, 'empirical');
  const values = Float64Array.from(samples);
  const n = values.length;
  const last = n - 1;
  return () => values[Math.min(Math.floor(random() * n), last)] as number;
}

/**
 * Draws from a histogram: picks a bin with probability proportional to its count (binary search
 * over cumulative counts), then a value uniform in [lower, upper). Two uniforms per draw. The bins
 * are copied; zero-count bins are never drawn.
 */
export function empiricalFromBins(bins: readonly EmpiricalBin[], random: Random): Sampler {
  checkEmpiricalBins(bins, 'empirical');
  const lowers = Float64Array.from(bins, (b) => b.lower);
  const widths = Float64Array.from(bins, (b) => b.upper - b.lower);
  const pick = weightedIndex(
    bins.map((b) => b.count),
    random,
  );
  return () => {
    const i = pick();
    return (lowers[i] as number) + (widths[i] as number) * random();
  };
}
