// The time axis of the HTML report's line charts: where each (possibly bucketed) point starts and how
// long it lasts, and per-interval series (counts, rates, success) put on it.

import type { EdgeSeries, TimeSeries } from '@meshsim/mesh';

import { aggregate, bucketSize, chartNumber } from './downsample.js';
import type { Aggregation } from './downsample.js';

/** The points of a run's line charts. */
export interface TimeAxis {
  /** Intervals per point (1 unless the run is longer than the chart's point limit). */
  size: number;
  /** Start of each point [s]. */
  timeS: number[];
  /** Length of each point [s] (the last one may be short: it ends with the run). */
  lengthS: number[];
  /** Real length of each interval [s]: `intervalMs`, but the last one ends with the run and may be shorter. */
  intervalLengthS: number[];
  /** End of the run [s]. */
  endS: number;
}

/**
 * The time axis of `series` for a run whose measurements end at `durationMs` (its duration, or where a guard stopped
 * it: the last interval ends there), bucketed to at most `maxPoints` points.
 */
export function timeAxis(series: TimeSeries, durationMs: number, maxPoints?: number): TimeAxis {
  const size = bucketSize(series.startMs.length, maxPoints);
  const timeS: number[] = [];
  const lengthS: number[] = [];
  for (let first = 0; first < series.startMs.length; first += size) {
    const startMs = series.startMs[first] ?? 0;
    const last = Math.min(series.startMs.length, first + size) - 1;
    const endMs = Math.min(durationMs, (series.startMs[last] ?? startMs) + series.intervalMs);
    timeS.push(startMs / 1000);
    lengthS.push(Math.max(0, endMs - startMs) / 1000);
  }
  const intervalLengthS = series.startMs.map(
    (startMs) => Math.max(0, Math.min(durationMs, startMs + series.intervalMs) - startMs) / 1000,
  );
  return { size, timeS, lengthS, intervalLengthS, endS: durationMs / 1000 };
}

/** A per-interval series on `axis`: aggregated per point and rounded for the chart. */
export function onAxis(
  axis: TimeAxis,
  values: readonly (number | null)[],
  how: Aggregation,
): (number | null)[] {
  return aggregate(values, axis.size, how).map(chartNumber);
}

/**
 * A per-interval rate or fraction of time (e.g. utilisation: busy time over the interval's own length) on
 * `axis`: each point is the rate over its whole span, every interval weighted by its real length — a short last
 * interval counts for its length, not as a whole interval. Null for a point of no length.
 */
export function meanRateOnAxis(axis: TimeAxis, values: readonly (number | null)[]): (number | null)[] {
  return aggregate(values, axis.size, 'mean', axis.intervalLengthS).map(chartNumber);
}

/**
 * A per-interval statistic of calls (e.g. a median latency) on `axis`: each point is the mean of its intervals'
 * values weighted by `counts`, the calls each value is of — an interval of 2 calls counts for 2, not as much as one of
 * 2,000. Null where no interval of the point has a value with calls.
 */
export function callWeightedOnAxis(
  axis: TimeAxis,
  values: readonly (number | null)[],
  counts: readonly number[],
): (number | null)[] {
  return aggregate(values, axis.size, 'mean', counts).map(chartNumber);
}

/** Per-interval counts on `axis` as a rate per second of each point; null for a point of no length. */
export function rateOnAxis(axis: TimeAxis, counts: readonly number[]): (number | null)[] {
  return aggregate(counts, axis.size, 'sum').map((sum, i) => {
    const lengthS = axis.lengthS[i] ?? 0;
    return sum === null || lengthS <= 0 ? null : chartNumber(sum / lengthS);
  });
}

/** Element-wise sum of per-interval series of the same length (0 for a missing entry). */
export function sumSeries(series: readonly (readonly number[])[], length: number): number[] {
  const out = new Array<number>(length).fill(0);
  for (const one of series) for (let i = 0; i < length; i++) out[i] = (out[i] ?? 0) + (one[i] ?? 0);
  return out;
}

/** Success per point [%] from per-interval succeeded and failed counts; null where none completed. */
export function successOnAxis(
  axis: TimeAxis,
  series: readonly EdgeSeries[],
  intervals: number,
): (number | null)[] {
  const succeeded = onAxis(
    axis,
    sumSeries(
      series.map((s) => s.succeeded),
      intervals,
    ),
    'sum',
  );
  const failed = onAxis(
    axis,
    sumSeries(
      series.map((s) => s.failed),
      intervals,
    ),
    'sum',
  );
  return succeeded.map((ok, i) => {
    const completed = (ok ?? 0) + (failed[i] ?? 0);
    return completed > 0 ? chartNumber(((ok ?? 0) / completed) * 100) : null;
  });
}
