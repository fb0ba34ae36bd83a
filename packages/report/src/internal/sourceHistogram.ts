// The end-to-end latency histogram and status counts of traffic-source requests, merged from the request
// series their callers' side reported, with statistics estimated from Envoy's buckets (Fortio, SMP), and the run's
// own percentiles of the same requests when it has them.

import type { LatencySummary, RequestTelemetry, SimulationResult } from '@meshsim/mesh';

/** A merged histogram: per-bucket counts (not cumulative), the last one above every bound. */
export interface MergedHistogram {
  /** Bucket bounds [ms]. */
  bounds: readonly number[];
  /** `counts[b]`: values in (bounds[b-1], bounds[b]]; `counts[bounds.length]`: values above the last bound. */
  counts: number[];
  count: number;
  sumMs: number;
  /** Requests by HTTP status (0: no response), in ascending status order. */
  codes: Map<number, number>;
}

/** The final counts of the `reporter="source"` series whose caller is one of `sources` (traffic sources). */
export function sourceHistogram(requests: RequestTelemetry, sources: readonly string[]): MergedHistogram {
  const bounds = requests.bucketBounds;
  const counts = new Array<number>(bounds.length + 1).fill(0);
  const codes = new Map<number, number>();
  let count = 0;
  let sumMs = 0;
  for (const series of requests.series) {
    if (series.reporter !== 'source' || series.sourceService !== null || !sources.includes(series.source))
      continue;
    const last = series.count.length - 1;
    const total = series.count[last] ?? 0;
    const cumulative = series.durationMs.buckets[last] ?? [];
    let previous = 0;
    cumulative.forEach((value, b) => {
      counts[b] = (counts[b] ?? 0) + value - previous;
      previous = value;
    });
    counts[bounds.length] = (counts[bounds.length] ?? 0) + total - previous;
    count += total;
    sumMs += series.durationMs.sum[last] ?? 0;
    codes.set(series.responseCode, (codes.get(series.responseCode) ?? 0) + total);
  }
  const sorted = new Map([...codes.entries()].sort(([a], [b]) => a - b));
  return { bounds, counts, count, sumMs, codes: sorted };
}

/** Lower and upper edge [ms] of bucket `b` (the overflow bucket is given the last bound as both). */
export function bucketEdges(histogram: MergedHistogram, b: number): [number, number] {
  const { bounds } = histogram;
  const lower = b === 0 ? 0 : (bounds[b - 1] ?? 0);
  const upper = b < bounds.length ? (bounds[b] ?? lower) : lower;
  return [lower, upper];
}

/** Smallest and largest value the buckets allow: the lower edge of the first non-empty one, the upper of the last. */
export function histogramRange(histogram: MergedHistogram): [number, number] {
  const first = histogram.counts.findIndex((n) => n > 0);
  if (first < 0) return [0, 0];
  let last = histogram.counts.length - 1;
  while (last > 0 && (histogram.counts[last] ?? 0) === 0) last--;
  return [bucketEdges(histogram, first)[0], bucketEdges(histogram, last)[1]];
}

/** The value [ms] below which `percentile` % of the values lie, interpolated linearly within its bucket. */
export function histogramPercentile(histogram: MergedHistogram, percentile: number): number {
  if (histogram.count === 0) return 0;
  const target = (percentile / 100) * histogram.count;
  let seen = 0;
  for (let b = 0; b < histogram.counts.length; b++) {
    const n = histogram.counts[b] ?? 0;
    if (n > 0 && seen + n >= target) {
      const [lower, upper] = bucketEdges(histogram, b);
      return lower + ((upper - lower) * (target - seen)) / n;
    }
    seen += n;
  }
  return histogramRange(histogram)[1];
}

/** Standard deviation [ms] estimated from bucket midpoints. */
export function histogramStdDev(histogram: MergedHistogram): number {
  if (histogram.count === 0) return 0;
  const mean = histogram.sumMs / histogram.count;
  let squares = 0;
  histogram.counts.forEach((n, b) => {
    const [lower, upper] = bucketEdges(histogram, b);
    const mid = (lower + upper) / 2;
    squares += n * (mid - mean) * (mid - mean);
  });
  return Math.sqrt(squares / histogram.count);
}

/**
 * The run's own latency figures of the requests `histogram` merges, read from its fine-grained histograms (within
 * 0.4 %), as its tables print them, when they are the same requests: none of the sources' calls failed (the run's
 * figures cover the successful calls, the request series every completed one), and `sources` call over one edge
 * (that edge's `latency`) or are every traffic source of the run (its `endToEndLatency`: every source's successful
 * calls merged into one histogram). Null otherwise: failed calls are not in the run's figures, and a subset of
 * several source edges has no merged figures of its own.
 */
export function runLatency(
  result: Pick<SimulationResult, 'edges' | 'services' | 'endToEndLatency'>,
  sources: readonly string[],
  histogram: MergedHistogram,
): LatencySummary | null {
  const services = new Set(result.services.map((s) => s.name));
  const sourceEdges = result.edges.filter((e) => !services.has(e.source));
  const edges = sourceEdges.filter((e) => sources.includes(e.source));
  if (edges.length === 0 || edges.some((e) => e.failed > 0)) return null;
  const latency =
    edges.length === 1
      ? edges[0]?.latency
      : edges.length === sourceEdges.length
        ? result.endToEndLatency
        : undefined;
  return latency !== undefined && histogram.count > 0 && latency.count === histogram.count ? latency : null;
}
