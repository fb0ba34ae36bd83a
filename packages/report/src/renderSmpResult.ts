// A load-test summary in the Service Mesh Performance (SMP) `PerformanceTestResult` shape (proto3 JSON
// field names), so simulated runs sit beside measured ones in SMP tools such as Meshery.

import type { SimulationResult } from '@meshsim/mesh';

import type { ExportOptions } from './ExportOptions.js';
import { round } from './internal/format.js';
import { requireRequests } from './internal/requireTelemetry.js';
import {
  histogramPercentile,
  histogramRange,
  runLatency,
  sourceHistogram,
} from './internal/sourceHistogram.js';

/** The SMP specification version the document follows. */
export const SMP_VERSION = 'v0.0.1';

/**
 * Renders the run as an SMP `PerformanceTestResult`: `smpVersion`, `id`, `labels` (scenario, mesh, seed),
 * `startTime`/`endTime` (RFC 3339), `latenciesMs` {`min`, `average`, `p50`, `p90`, `p99`, `max`} over every
 * traffic-source request (SMP's result is of a whole load test, every load generator together) and `actualQPS`.
 * `average` is exact. When the requests are those of the run's own latency figures (none of the sources' calls
 * failed), `p50`, `p90`, `p99` and `max` are the run's: its one source edge's, as its edge table prints them, or with
 * several sources its `endToEndLatency` (every source's calls merged) (label `latencies: run`); otherwise they come
 * from Envoy's buckets of the caller-side request series, `max` a bucket edge and percentiles interpolated within a
 * bucket (label `latencies: buckets`). `min` is always a bucket edge: the run records no minimum.
 *
 * @param result - A result of `simulate(config, { telemetry: { requests: true } })`.
 * @param options - Where simulated time 0 is on the wall clock (default: the Unix epoch).
 * @returns The JSON text, ending with a newline.
 * @throws {Error} if the result holds no request series.
 */
export function renderSmpResult(result: SimulationResult, options: ExportOptions = {}): string {
  const requests = requireRequests(result, 'renderSmpResult');
  const startMs = options.startTimeMs ?? 0;
  const services = new Set(result.services.map((s) => s.name));
  const sources = [...new Set(result.edges.filter((e) => !services.has(e.source)).map((e) => e.source))];
  const histogram = sourceHistogram(requests, sources);
  const [minMs, bucketMaxMs] = histogramRange(histogram);
  // The run's own figures when they are of these requests; the buckets' estimates otherwise.
  const exact = runLatency(result, sources, histogram);
  const percentile = (p: number, exactMs: number | undefined): number =>
    exactMs ?? histogramPercentile(histogram, p);
  const { scenario } = result;
  const id = `meshsim-${scenario.name}-${scenario.mesh}-${String(scenario.seed)}`;
  const document = {
    smpVersion: SMP_VERSION,
    id,
    labels: {
      scenario: scenario.name,
      mesh: scenario.mesh,
      seed: String(scenario.seed),
      generator: 'meshsim',
      latencies: exact === null ? 'buckets' : 'run',
    },
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(startMs + scenario.durationMs).toISOString(),
    latenciesMs: {
      min: num(minMs),
      average: num(histogram.count > 0 ? histogram.sumMs / histogram.count : 0),
      p50: num(percentile(50, exact?.p50Ms)),
      p90: num(percentile(90, exact?.p90Ms)),
      p99: num(percentile(99, exact?.p99Ms)),
      max: num(exact?.maxMs ?? bucketMaxMs),
    },
    actualQPS: num(scenario.durationMs > 0 ? histogram.count / (scenario.durationMs / 1000) : 0),
    testId: id,
  };
  return JSON.stringify(document, null, 2) + '\n';
}

function num(value: number): number {
  return round(value, 6) ?? 0;
}
