// A traffic source's goodput counted with a grace of its normal latency: the grace (in intervals) read from the
// lateness of the successes it offered before any trigger, and the goodput series rebuilt with it from the entry
// edge's successes by lateness (docs/analysis.md#verdicts).

import { MAX_LATENESS_INTERVALS } from '@meshsim/mesh';
import type { EdgeSeries } from '@meshsim/mesh';

/** Share of the normal period's successes whose lateness the grace covers. */
const GRACE_QUANTILE = 0.99;

/** Successes the normal period holds at least, when the run before the first trigger has as many. */
const NORMAL_SUCCESSES = 100;

/**
 * The grace G [intervals]: 1 (a success counts where its call was offered when it completed by the end of the next
 * interval, the `goodput[]` series' rule) while the p99 lateness (completion interval − offered interval) of the
 * normal period's successes is at most 1; else that p99 + 1, at most 63 (the successes by lateness stop at 64). The
 * normal period: the successes offered in the first `minIntervals` intervals, or more until they number
 * {@link NORMAL_SUCCESSES}, never from interval `until` on (the first trigger's). 1 without successes by lateness (a
 * series from before they were recorded) or without a success in the normal period.
 */
export function graceIntervals(series: EdgeSeries, minIntervals: number, until: number): number {
  const byLateness = series.successesByLateness;
  if (byLateness === undefined) return 1;
  const counts: number[] = [];
  let total = 0;
  for (let i = 0; i < until && (i < minIntervals || total < NORMAL_SUCCESSES); i++) {
    (byLateness[i] ?? []).forEach((count, lateness) => {
      counts[lateness] = (counts[lateness] ?? 0) + count;
      total += count;
    });
  }
  if (total === 0) return 1;
  let cumulative = 0;
  let p99 = 0;
  for (let lateness = 0; lateness < counts.length; lateness++) {
    cumulative += counts[lateness] ?? 0;
    p99 = lateness;
    if (cumulative >= GRACE_QUANTILE * total) break;
  }
  return p99 <= 1 ? 1 : Math.min(MAX_LATENESS_INTERVALS - 1, p99 + 1);
}

/**
 * Successful calls per interval counted with a grace of `grace` intervals: a success whose lateness is at most
 * `grace` counts in the interval its call was offered in, a later one in the interval it completed in. With a grace
 * of 1 (or no successes by lateness) it is the series' `goodput[]`. Sums to `succeeded[]` over the run.
 */
export function goodputWithGrace(series: EdgeSeries, grace: number): number[] {
  const byLateness = series.successesByLateness;
  if (grace <= 1 || byLateness === undefined) return series.goodput;
  // Those completed in interval i, less those of them within the grace (counted where offered), plus the successes
  // offered in i within the grace: grace < MAX_LATENESS_INTERVALS, so every success within it is in byLateness.
  return series.succeeded.map((completed, i) => {
    let total = completed;
    for (let lateness = 0; lateness <= grace; lateness++) {
      total += (byLateness[i]?.[lateness] ?? 0) - (byLateness[i - lateness]?.[lateness] ?? 0);
    }
    return total;
  });
}
