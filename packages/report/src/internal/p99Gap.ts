// The rule that calls one run's p99 unstable: it falls in a gap of the latencies, where half a percent of the calls
// more or fewer on either side would move it across — its 98.5th and 99.5th percentiles more than P99_GAP_FACTOR apart.

import type { LatencySummary } from '@meshsim/mesh';

/**
 * How many times its 98.5th percentile a p99's 99.5th may be before the p99 is unstable: an **assumption**
 * (docs/output-formats.md#unstable-p99). Smooth tails stay well below it — an exponential tail's ratio is ln 200 ÷ ln
 * 66.7 = 1.26, a lognormal's whose p99 is 5× its median 1.32, a Pareto tail's of index 1.5 2.08 — while a p99 between
 * fast calls and calls slowed by a fault (20 ms and 4.5 s) has ratios of 100 and more.
 */
export const P99_GAP_FACTOR = 2;

/** The percentiles either side of an unstable p99 [ms]. */
export interface P99Gap {
  p985Ms: number;
  p995Ms: number;
}

/**
 * The 98.5th and 99.5th percentiles of `latency` when they are more than {@link P99_GAP_FACTOR} apart (its p99 is
 * unstable); null when they are not, when nothing was measured, or when the summary has no such percentiles (a
 * result made before they were recorded).
 */
export function p99Gap(latency: LatencySummary | undefined): P99Gap | null {
  if (latency === undefined || latency.count === 0) return null;
  const { p985Ms, p995Ms } = latency;
  if (p985Ms === undefined || p995Ms === undefined) return null;
  return p995Ms > P99_GAP_FACTOR * p985Ms ? { p985Ms, p995Ms } : null;
}
