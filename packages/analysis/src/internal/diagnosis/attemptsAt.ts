// The attempts an edge made in some intervals: first tries sent plus retries. A call of a source with
// `connections` counts in `calls` when it was due; one still waiting for a connection was not attempted yet.

import type { EdgeSeries } from '@meshsim/mesh';

import { sumAt } from './intervals.js';

/** First tries sent on `series`' edge in the intervals `indices` (calls due minus the growth of those waiting). */
export function sentAt(series: EdgeSeries, indices: readonly number[]): number {
  const waiting = series.waitingAtSource;
  let sent = sumAt(series.calls, indices);
  if (waiting === undefined) return sent;
  for (const i of indices) sent -= (waiting[i] ?? 0) - (i > 0 ? (waiting[i - 1] ?? 0) : 0);
  return sent;
}

/** Attempts (first tries sent + retries) on `series`' edge in the intervals `indices`. */
export function attemptsAt(series: EdgeSeries, indices: readonly number[]): number {
  return sentAt(series, indices) + sumAt(series.retries, indices);
}
