// The interval of a run's time series and request-series samples: 1 s, widened on runs longer than an hour to the
// smallest "nice" interval that keeps every series within MAX_SERIES_INTERVALS values (bounded memory at any length).

/** Most intervals a series holds when the run chooses its interval: an hour of 1 s intervals. */
export const MAX_SERIES_INTERVALS = 3600;

/** The intervals a run chooses from, shortest first [ms]: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h. */
export const SERIES_INTERVALS_MS: readonly number[] = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
];

const HOUR_MS = 3_600_000;

/**
 * The series interval of a run of `durationMs` [ms]: the first of {@link SERIES_INTERVALS_MS} that splits the run
 * into at most {@link MAX_SERIES_INTERVALS} intervals (1 s up to 1 h of run, 2 s up to 2 h, 5 s up to 5 h, …), or,
 * past 3600 h, the least whole number of hours that does.
 */
export function seriesIntervalMs(durationMs: number): number {
  for (const ms of SERIES_INTERVALS_MS) if (Math.ceil(durationMs / ms) <= MAX_SERIES_INTERVALS) return ms;
  return Math.ceil(durationMs / MAX_SERIES_INTERVALS / HOUR_MS) * HOUR_MS;
}
