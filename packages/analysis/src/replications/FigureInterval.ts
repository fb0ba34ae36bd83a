// A figure over replications: mean with its 95 % Student-t confidence interval, and min/max; and the
// paired difference of a figure between two configurations run on the same seeds.

import { meanConfidenceInterval } from '@meshsim/engine';

import type { RunFigures } from './RunFigures.js';
import { minOf, maxOf } from '@meshsim/mesh';

/** Confidence level of every interval meshsim reports. */
export const CONFIDENCE = 0.95;

/**
 * Mean ± half-width of one figure over n replications: a headline figure's (`keyof RunFigures`), or another set's
 * (`FigureInterval<keyof CascadeFigures>`: a sweep point's cascade figures).
 */
export interface FigureInterval<K extends string = keyof RunFigures> {
  key: K;
  n: number;
  mean: number;
  /** Half-width of the 95 % Student-t interval; null with fewer than 2 replications. */
  halfWidth: number | null;
  min: number;
  max: number;
}

/** A paired difference (other − baseline, replication by replication). */
export interface PairedDifference<K extends string = keyof RunFigures> extends FigureInterval<K> {
  /** True when the interval excludes 0; null with fewer than 2 replications (no interval). */
  significant: boolean | null;
}

/**
 * Mean, 95 % CI half-width, min and max of `values`; a null value (a figure the run could not give, such as node CPU
 * on nodes with no size) is left out, so `n` counts the others.
 */
export function figureInterval<K extends string = keyof RunFigures>(
  key: K,
  given: readonly (number | null)[],
): FigureInterval<K> {
  const values = given.filter((value): value is number => value !== null);
  const n = values.length;
  const mean = n === 0 ? 0 : values.reduce((a, b) => a + b, 0) / n;
  const spread = n > 1 && values.some((v) => v !== values[0]);
  const halfWidth = n < 2 ? null : spread ? meanConfidenceInterval(values, CONFIDENCE).halfWidth : 0;
  return {
    key,
    n,
    mean: n > 1 && spread ? meanConfidenceInterval(values, CONFIDENCE).mean : mean,
    halfWidth,
    min: minOf(values, 0),
    max: maxOf(values, 0),
  };
}

/** Figures of one run by key, each a number or null (`RunFigures`, `CascadeFigures`). */
export type FigureValues<K extends string> = { readonly [P in K]: number | null };

/**
 * Every figure's interval over `runs` (headline figures by default; any set of figures by key, as the cascade
 * figures); a figure no run gives (null in every run) is left out.
 */
export function figureIntervals<K extends string = keyof RunFigures>(
  runs: readonly FigureValues<K>[],
  keys: readonly K[],
): FigureInterval<K>[] {
  return keys.flatMap((key) => {
    const values = runs.map((run) => run[key]);
    return runs.length > 0 && values.every((value) => value === null) ? [] : [figureInterval(key, values)];
  });
}

/**
 * Paired differences other[i] − baseline[i] of each figure (same seeds, so common random numbers cancel
 * most of the noise), with a 95 % CI and whether it excludes 0. A pair where either run lacks the figure (null) is
 * left out; a figure with no complete pair is left out of the list.
 * @throws RangeError if the two lists differ in length.
 */
export function pairedDifferences<K extends string = keyof RunFigures>(
  baseline: readonly FigureValues<K>[],
  other: readonly FigureValues<K>[],
  keys: readonly K[],
): PairedDifference<K>[] {
  if (baseline.length !== other.length) {
    throw new RangeError(
      `paired differences need as many runs on each side (got ${baseline.length} and ${other.length})`,
    );
  }
  return keys.flatMap((key) => {
    const differences = other.flatMap((run, i) => {
      const mine = run[key];
      const theirs = baseline[i]?.[key] ?? null;
      return mine === null || theirs === null ? [] : [mine - theirs];
    });
    if (other.length > 0 && differences.length === 0) return [];
    const interval = figureInterval(key, differences);
    const significant =
      interval.halfWidth === null
        ? null
        : interval.mean - interval.halfWidth > 0 || interval.mean + interval.halfWidth < 0;
    return [{ ...interval, significant }];
  });
}
