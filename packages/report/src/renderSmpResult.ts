// A load-test summary in the Service Mesh Performance (SMP) `PerformanceTestResult` shape (proto3 JSON
// field names), so simulated runs sit beside measured ones in SMP tools such as Meshery.

import type { SimulationResult } from '@meshsim/mesh';

import type { ExportOptions } from './ExportOptions.js';
import { round } from './internal/format.js';
import { requireRequests } from './internal/requireTelemetry.js';
import { histogramPercentile, histogramRange, sourceHistogram } from './internal/sourceHistogram.js';

/** The SMP specification version the document follows. */
export const SMP_VERSION = 'v0.0.1';

/**
 * Renders the run as an SMP `PerformanceTestResult`: `smpVersion`, `id`, `labels` (scenario, mesh, seed),
 * `startTime`/`endTime` (RFC 3339), `latenciesMs` {`min`, `average`, `p50`, `p90`, `p99`, `max`} over every
 * traffic-source request and `actualQPS`. Latencies come from Envoy's buckets of the caller-side request
 * series: `average` is exact, `min`/`max` are bucket edges and percentiles interpolate within a bucket.
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
  const [minMs, maxMs] = histogramRange(histogram);
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
    },
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(startMs + scenario.durationMs).toISOString(),
    latenciesMs: {
      min: num(minMs),
      average: num(histogram.count > 0 ? histogram.sumMs / histogram.count : 0),
      p50: num(histogramPercentile(histogram, 50)),
      p90: num(histogramPercentile(histogram, 90)),
      p99: num(histogramPercentile(histogram, 99)),
      max: num(maxMs),
    },
    actualQPS: num(scenario.durationMs > 0 ? histogram.count / (scenario.durationMs / 1000) : 0),
    testId: id,
  };
  return JSON.stringify(document, null, 2) + '\n';
}

function num(value: number): number {
  return round(value, 6) ?? 0;
}
