// A traffic source's goodput counted with a grace of its normal latency: the grace (in intervals) read from the
// lateness of the successes it offered before any trigger, and the goodput series rebuilt with it from the entry
// edge's successes by lateness (docs/analysis.md#verdicts).

import { MAX_LATENESS_INTERVALS } from '@meshsim/mesh';
import type { EdgeSeries } from '@meshsim/mesh';
import { sumIn } from './intervals.js';

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

/** Where a run's intervals lie and how long its normal calls take: what {@link callsDue} needs. */
export interface DueWindow {
  /** Start of each interval [ms]. */
  readonly startMs: readonly number[];
  /** End of the run [ms]: of its last interval. */
  readonly endMs: number;
  /** A normal call's time to complete [ms] ({@link normalLatencyMs}): calls offered this long before the end may still be in flight. */
  readonly latencyMs: number;
}

/**
 * The calls per interval goodput's ratio divides by: `calls`, less the calls still in flight at the end of the run that
 * are not yet due — offered within a normal call's time (`latencyMs`) before the end (docs/analysis.md#verdicts). The
 * calls in flight at the end (offered − succeeded − failed over the run) are taken from the last interval first, then
 * the one before, each at most its share offered within that time (its calls × the part of it that lies there, as if
 * offered evenly through it) and its calls not counted as successes (`calls − goodput`): the calls still in flight are
 * the latest offered (an **assumption**). A call in flight since before then is late, and still counts as not
 * succeeded (a stall, calls piling up).
 *
 * @param goodput - The source's goodput as the ratio counts it ({@link goodputWithGrace}).
 * @returns `series.calls` itself when nothing is taken; else a copy (counts may be fractional).
 */
export function callsDue(series: EdgeSeries, goodput: readonly number[], window: DueWindow): number[] {
  const n = series.calls.length;
  let inFlight = sumIn(series.calls, 0, n) - sumIn(series.succeeded, 0, n) - sumIn(series.failed, 0, n);
  if (inFlight <= 0 || window.latencyMs <= 0) return series.calls;
  const since = window.endMs - window.latencyMs;
  const due = series.calls.slice();
  for (let i = n - 1; i >= 0 && inFlight > 0; i--) {
    const start = window.startMs[i] ?? 0;
    const end = Math.min(window.endMs, window.startMs[i + 1] ?? window.endMs);
    if (end <= since) break;
    const share = end > start ? (end - Math.max(start, since)) / (end - start) : 1;
    const calls = due[i] ?? 0;
    const taken = Math.min(inFlight, share * calls, Math.max(0, calls - (goodput[i] ?? 0)));
    due[i] = calls - taken;
    inFlight -= taken;
  }
  return due;
}

/**
 * A normal call's time to complete [ms]: the median over intervals of the p99 of the successes that completed in
 * each (`p99Ms`), of the intervals before `until` with successes (before any trigger), else of all with successes;
 * 0 when none succeeded.
 */
export function normalLatencyMs(series: EdgeSeries, until = series.calls.length): number {
  const p99s = (to: number): number[] =>
    series.p99Ms.slice(0, to).filter((_, i) => (series.succeeded[i] ?? 0) > 0);
  const before = p99s(until);
  const values = (before.length > 0 ? before : p99s(series.calls.length)).sort((a, b) => a - b);
  return values[Math.floor((values.length - 1) / 2)] ?? 0;
}
