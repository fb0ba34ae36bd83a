// The first tries an edge sent in each interval of a result's time series. A source with `connections`
// counts a call in `calls` when it is due; one still waiting for a connection was not sent yet.

import type { EdgeSeries } from '../config/SimulationResult.js';

/**
 * First tries sent on `series`' edge per interval: `calls[i] − (waitingAtSource[i] − waitingAtSource[i − 1])`,
 * or `calls` itself on an edge where no call waited at its source.
 */
export function sentPerInterval(series: EdgeSeries): number[] {
  const waiting = series.waitingAtSource;
  if (waiting === undefined) return [...series.calls];
  return series.calls.map((calls, i) => calls - ((waiting[i] ?? 0) - (i > 0 ? (waiting[i - 1] ?? 0) : 0)));
}
