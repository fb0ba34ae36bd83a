// The attempts an edge made in some intervals: first tries sent plus retries. A call of a source with
// `connections` counts in `calls` when it was due; one still waiting for a connection was not attempted yet.

import { sentPerInterval } from '@meshsim/mesh';
import type { EdgeSeries } from '@meshsim/mesh';

import { sumAt } from './intervals.js';

/** First tries sent on `series`' edge in the intervals `indices` (calls due minus the growth of those waiting). */
export function sentAt(series: EdgeSeries, indices: readonly number[]): number {
  return series.waitingAtSource === undefined
    ? sumAt(series.calls, indices)
    : sumAt(sentPerInterval(series), indices);
}

/** Attempts (first tries sent + retries) on `series`' edge in the intervals `indices`. */
export function attemptsAt(series: EdgeSeries, indices: readonly number[]): number {
  return sentAt(series, indices) + sumAt(series.retries, indices);
}
