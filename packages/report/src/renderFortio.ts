// Fortio's JSON result format (HTTPRunnerResults) for each traffic source of a run, so `fortio report`
// can list and chart simulated runs beside measured ones.

import type { LatencySummary, SimulationResult } from '@meshsim/mesh';

import type { ExportOptions } from './ExportOptions.js';
import { round } from './internal/format.js';
import { requireRequests } from './internal/requireTelemetry.js';
import {
  bucketEdges,
  histogramPercentile,
  histogramRange,
  histogramStdDev,
  runLatency,
  sourceHistogram,
} from './internal/sourceHistogram.js';
import type { MergedHistogram } from './internal/sourceHistogram.js';

/** Percentiles Fortio reports by default (`-p 50,75,90,99,99.9`). */
export const FORTIO_PERCENTILES: readonly number[] = [50, 75, 90, 99, 99.9];

/** What the load generator was asked for, per traffic source (Fortio's `-qps` and `-c`). */
export interface FortioSourceLoad {
  /** Requested rate: a number of requests per second, or `max` (closed loop). */
  requestedQps: string;
  /** Connections / goroutines (`-c`): closed-loop users, 0 for open-loop arrivals. */
  threads: number;
}

/** Options of {@link renderFortio}. */
export interface FortioOptions extends ExportOptions {
  /** The requested load of each traffic source, by name. Default: `max` and 0 threads. */
  load?: Readonly<Record<string, FortioSourceLoad>>;
}

/** One Fortio result file. */
export interface FortioResult {
  /** The traffic source it describes. */
  source: string;
  /** File name Fortio would give it: `<ID>.json`. */
  fileName: string;
  /** The JSON text, ending with a newline. */
  json: string;
}

/**
 * Renders one Fortio `HTTPRunnerResults` JSON document per traffic source: `StartTime`, `RequestedQPS`,
 * `ActualQPS`, `ActualDuration` [ns], `NumThreads`, `DurationHistogram` (seconds: `Count`, `Min`, `Max`,
 * `Sum`, `Avg`, `StdDev`, `Data` buckets and `Percentiles`), `RetCodes` by status, `URL`. The histogram
 * is built from the request series the caller side reported (Envoy's buckets); `Count`, `Sum`, `Avg` and `RetCodes`
 * are exact. When the source's requests are those of the run's own latency figures (one edge, none of its calls
 * failed), `Max` and the percentiles 50, 90, 99 and 99.9 are the run's, as its edge table prints them, and p75 (which
 * the run does not record) is interpolated and kept between them; otherwise `Max` and the percentiles are bucket
 * estimates (linear within a bucket). `Min` and `StdDev` are always bucket estimates.
 *
 * @param result - A result of `simulate(config, { telemetry: { requests: true } })`.
 * @param options - Wall-clock start and each source's requested load.
 * @returns One result per traffic source that made requests, in the order the series first appear.
 * @throws {Error} if the result holds no request series.
 */
export function renderFortio(result: SimulationResult, options: FortioOptions = {}): FortioResult[] {
  const requests = requireRequests(result, 'renderFortio');
  const startMs = options.startTimeMs ?? 0;
  const durationS = result.scenario.durationMs / 1000;
  const services = new Set(result.services.map((s) => s.name));
  const sources = [...new Set(result.edges.filter((e) => !services.has(e.source)).map((e) => e.source))];
  return sources.flatMap((source) => {
    const histogram = sourceHistogram(requests, [source]);
    if (histogram.count === 0) return [];
    const edge = result.edges.find((e) => e.source === source);
    const destination = result.services.find((s) => s.name === edge?.destination);
    const load = options.load?.[source] ?? { requestedQps: 'max', threads: 0 };
    const startTime = new Date(startMs).toISOString();
    const labels = `meshsim ${result.scenario.name} ${result.scenario.mesh} ${source}`;
    // Fortio cuts its ids to 64 bytes; the whole labels are kept here, so two sources never share a file.
    const id = `${fortioDate(startMs)}_${labels.replace(/[^A-Za-z0-9]+/g, '_')}`;
    const document = {
      RunType: 'HTTP',
      Labels: labels,
      StartTime: startTime,
      RequestedQPS: load.requestedQps,
      RequestedDuration: `${durationS}s`,
      ActualQPS: num(histogram.count / durationS),
      ActualDuration: Math.round(result.scenario.durationMs * 1e6),
      NumThreads: load.threads,
      Version: 'meshsim',
      DurationHistogram: durationHistogram(histogram, runLatency(result, [source], histogram)),
      Exactly: 0,
      Jitter: false,
      Uniform: false,
      NoCatchUp: false,
      RunID: 0,
      ID: id,
      RetCodes: Object.fromEntries([...histogram.codes].map(([code, n]) => [String(code), n])),
      URL:
        destination === undefined
          ? `http://${edge?.destination ?? 'unknown'}/`
          : `http://${destination.name}.${destination.namespace}.svc.cluster.local/`,
      SocketCount: load.threads,
      AbortOn: 0,
    };
    return [{ source, fileName: `${id}.json`, json: JSON.stringify(document, null, 2) + '\n' }];
  });
}

/** Fortio's `YYYY-MM-DD-HHmmSS` of a time [ms since the epoch], in UTC. */
function fortioDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/**
 * Fortio's `HistogramData` [s] from a histogram [ms], with the run's own maximum and percentiles when `exact` (the
 * run's latency figures of the same requests) is given.
 */
function durationHistogram(
  histogram: MergedHistogram,
  exact: LatencySummary | null,
): Record<string, unknown> {
  const [minMs, bucketMaxMs] = histogramRange(histogram);
  const maxMs = exact?.maxMs ?? bucketMaxMs;
  const data: Record<string, number>[] = [];
  let seen = 0;
  histogram.counts.forEach((n, b) => {
    if (n === 0) return;
    seen += n;
    const [lower, upper] = bucketEdges(histogram, b);
    data.push({
      Start: num(Math.max(lower, minMs) / 1000),
      End: num(Math.min(upper, maxMs) / 1000),
      Percent: num((100 * seen) / histogram.count),
      Count: n,
    });
  });
  return {
    Count: histogram.count,
    Min: num(minMs / 1000),
    Max: num(maxMs / 1000),
    Sum: num(histogram.sumMs / 1000),
    Avg: num(histogram.sumMs / histogram.count / 1000),
    StdDev: num(histogramStdDev(histogram) / 1000),
    Data: data,
    Percentiles: FORTIO_PERCENTILES.map((p) => ({
      Percentile: p,
      Value: num(percentileMs(histogram, exact, p) / 1000),
    })),
  };
}

/**
 * The `p`th percentile [ms]: the run's own when `exact` has it (50, 90, 99, 99.9), else interpolated within Envoy's
 * buckets — kept, with `exact`, between the run's nearest percentiles below and above, so that the list never
 * decreases.
 */
function percentileMs(histogram: MergedHistogram, exact: LatencySummary | null, p: number): number {
  const estimate = histogramPercentile(histogram, p);
  if (exact === null) return estimate;
  const known: [number, number][] = [
    [50, exact.p50Ms],
    [90, exact.p90Ms],
    [99, exact.p99Ms],
    [99.9, exact.p999Ms],
  ];
  const own = known.find(([q]) => q === p);
  if (own !== undefined) return own[1];
  const below = known.filter(([q]) => q < p).at(-1)?.[1] ?? 0;
  const above = known.find(([q]) => q > p)?.[1] ?? exact.maxMs;
  return Math.min(Math.max(estimate, below), above);
}

function num(value: number): number {
  return round(value, 9) ?? 0;
}
