// Downsampling of long per-interval series for the HTML report's charts: a series longer than
// MAX_CHART_POINTS is aggregated over buckets of whole intervals, so a chart stays light to draw and to ship.

/** Most points a line of an HTML chart holds (a 1 s series longer than 10 minutes is bucketed). */
export const MAX_CHART_POINTS = 600;

/** How the intervals of a bucket combine: counts add up, levels average, peaks keep the largest. */
export type Aggregation = 'sum' | 'mean' | 'max';

/** Intervals per bucket: 1 up to `maxPoints` intervals, else the fewest that give at most `maxPoints` buckets. */
export function bucketSize(intervals: number, maxPoints = MAX_CHART_POINTS): number {
  return Math.max(1, Math.ceil(intervals / Math.max(1, maxPoints)));
}

/**
 * `values` aggregated over consecutive buckets of `size` entries (the last bucket may be short). Null
 * entries are skipped; a bucket with no number is null. With `weights` (one per entry, e.g. each interval's
 * real length), `mean` is the weighted mean — entries of no weight count for nothing, and a bucket whose
 * numbers all have no weight is null; `sum` and `max` ignore them.
 */
export function aggregate(
  values: readonly (number | null)[],
  size: number,
  how: Aggregation,
  weights?: readonly number[],
): (number | null)[] {
  const out: (number | null)[] = [];
  for (let first = 0; first < values.length; first += size) {
    let total = 0;
    let weighted = 0;
    let weight = 0;
    let peak = -Infinity;
    let defined = 0;
    for (let i = first; i < Math.min(values.length, first + size); i++) {
      const value = values[i];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      total += value;
      peak = Math.max(peak, value);
      defined++;
      const w = weights === undefined ? 1 : (weights[i] ?? 0);
      weighted += value * w;
      weight += w;
    }
    const mean = weight > 0 ? weighted / weight : null;
    out.push(defined === 0 ? null : how === 'sum' ? total : how === 'mean' ? mean : peak);
  }
  return out;
}

/** `value` with 4 significant digits (enough for a chart, and byte-stable); null for NaN and ±Infinity. */
export function chartNumber(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const rounded = Number(value.toPrecision(4));
  return rounded === 0 ? 0 : rounded;
}
