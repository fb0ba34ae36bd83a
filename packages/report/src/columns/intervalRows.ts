// Rows of the time series: one per interval per series (series in result order, then time order).

import type { SimulationResult } from '@meshsim/mesh';

import { measuredMs } from '../internal/columnContext.js';

/** One interval of one series. */
export interface IntervalRow<Series> {
  series: Series;
  /** Index of the interval in the series' arrays. */
  index: number;
  /** Start of the interval [ms]. */
  startMs: number;
  /** End of the interval [ms], capped at the simulated duration or where the run stopped (the last interval may be short). */
  endMs: number;
}

/** A row per interval of each of `series`, series first, then time. */
export function intervalRows<Series>(
  result: SimulationResult,
  series: readonly Series[],
): IntervalRow<Series>[] {
  const { startMs: starts, intervalMs } = result.timeSeries;
  const endMs = measuredMs(result);
  return series.flatMap((one) =>
    starts.map((startMs, index) => ({
      series: one,
      index,
      startMs,
      endMs: Math.min(startMs + intervalMs, endMs),
    })),
  );
}
