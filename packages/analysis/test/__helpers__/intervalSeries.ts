// Hand-made per-interval series of one edge for the diagnosis tests: each interval as calls offered, succeeded and
// failed in it (and, given, the successes goodput counts in it: else those that succeeded in it); every other series
// of the edge is zero.

import type { EdgeSeries } from '@meshsim/mesh';

/**
 * One interval: calls offered, calls succeeded and failed in it, and the successes goodput counts in it (those of
 * calls offered in it, completed by the end of the next interval, and of older calls completed in it). @defaultValue
 * goodput: the calls succeeded in it
 */
export type Interval = [calls: number, succeeded: number, failed: number, goodput?: number];

/** `count` copies of an interval. */
export function repeat(count: number, interval: Interval): Interval[] {
  return Array.from({ length: count }, () => interval);
}

/** The series of the edge `source → destination` with these intervals (and, given, the calls waiting at its source). */
export function intervalSeries(
  source: string,
  destination: string,
  intervals: readonly Interval[],
  waitingAtSource?: number[],
): EdgeSeries {
  const zeros = intervals.map(() => 0);
  return {
    source,
    destination,
    calls: intervals.map(([calls]) => calls),
    succeeded: intervals.map(([, succeeded]) => succeeded),
    failed: intervals.map(([, , failed]) => failed),
    retries: zeros,
    p50Ms: zeros,
    p99Ms: zeros,
    goodput: intervals.map(([, succeeded, , goodput]) => goodput ?? succeeded),
    ...(waitingAtSource === undefined ? {} : { waitingAtSource }),
  };
}
