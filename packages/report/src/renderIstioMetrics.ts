// Istio's standard metrics of a run in the OpenMetrics text format, one sample per series interval (a simulated
// second up to an hour of run) with timestamps, for `promtool tsdb create-blocks-from openmetrics` and Istio's
// Grafana dashboards.

import type { HistogramSamples, RequestSeries, ServiceMetrics, SimulationResult } from '@meshsim/mesh';

import type { ExportOptions } from './ExportOptions.js';
import { round } from './internal/format.js';
import { istioLabels } from './internal/istioLabels.js';
import type { LabelPairs } from './internal/istioLabels.js';
import { requireRequests } from './internal/requireTelemetry.js';
import { escapeLabelValue } from './renderOpenMetrics.js';

/** One histogram family of the exposition and the series' samples it reads. */
interface HistogramFamily {
  name: string;
  unit: string;
  help: string;
  samples: (series: RequestSeries) => HistogramSamples;
}

const HISTOGRAMS: readonly HistogramFamily[] = [
  {
    name: 'istio_request_duration_milliseconds',
    unit: 'milliseconds',
    help: 'Duration of requests [ms] (simulated by meshsim).',
    samples: (series) => series.durationMs,
  },
  {
    name: 'istio_request_bytes',
    unit: 'bytes',
    help: 'HTTP request body sizes [bytes] (simulated by meshsim).',
    samples: (series) => series.requestBytes,
  },
  {
    name: 'istio_response_bytes',
    unit: 'bytes',
    help: 'HTTP response body sizes [bytes] (simulated by meshsim).',
    samples: (series) => series.responseBytes,
  },
];

/**
 * Renders the run's request series as Istio's standard metrics: `istio_requests_total` (counter),
 * `istio_request_duration_milliseconds`, `istio_request_bytes` and `istio_response_bytes` (histograms with
 * Envoy's default buckets), labelled as Istio's proxies label them (`reporter`, `source_workload`,
 * `destination_service`, `destination_version`, `response_code`, `response_flags`, …; see
 * docs/telemetry.md). Every series has one sample per series interval, `sampleEndMs` (a simulated second on a run of
 * up to an hour, coarser beyond; and one at the run's end), each with its timestamp in seconds: `options.startTimeMs`
 * plus the simulated time.
 *
 * @param result - A result of `simulate(config, { telemetry: { requests: true } })`.
 * @param options - Where simulated time 0 is on the wall clock (default: the Unix epoch).
 * @returns The exposition, ending with `# EOF\n`.
 * @throws {Error} if the result holds no request series.
 */
export function renderIstioMetrics(result: SimulationResult, options: ExportOptions = {}): string {
  return [...renderIstioMetricsLines(result, options)].join('\n') + '\n';
}

/**
 * {@link renderIstioMetrics} line by line (without line ends), made as they are read, for writing a large
 * exposition piece by piece: a 40-service platform's minute is about 540 million characters, more than one
 * JavaScript string holds.
 *
 * @param result - A result of `simulate(config, { telemetry: { requests: true } })`.
 * @param options - Where simulated time 0 is on the wall clock (default: the Unix epoch).
 * @returns The lines, the last `# EOF`.
 * @throws {Error} at once (not when read) if the result holds no request series.
 */
export function renderIstioMetricsLines(
  result: SimulationResult,
  options: ExportOptions = {},
): IterableIterator<string> {
  const requests = requireRequests(result, 'renderIstioMetrics');
  const startMs = options.startTimeMs ?? 0;
  const services = new Map<string, ServiceMetrics>(result.services.map((s) => [s.name, s]));
  const stamps = requests.sampleEndMs.map((endMs) => timestamp(startMs + endMs));
  const labelled = requests.series.map((series) => ({
    series,
    labels: labelText(istioLabels(series, services)),
  }));
  const bounds = requests.bucketBounds.map((bound) => `le="${formatNumber(bound)}"`);
  return istioLines(labelled, stamps, bounds);
}

/** The exposition's lines from the labelled series, their sample timestamps and the bucket bounds' labels. */
function* istioLines(
  labelled: readonly { series: RequestSeries; labels: string }[],
  stamps: readonly string[],
  bounds: readonly string[],
): Generator<string> {
  yield '# TYPE istio_requests counter';
  yield '# HELP istio_requests Requests handled by an Istio proxy (simulated by meshsim).';
  for (const { series, labels } of labelled) {
    for (let i = 0; i < series.count.length; i++) {
      yield `istio_requests_total{${labels}} ${series.count[i]} ${stamps[series.firstSample + i] ?? ''}`;
    }
  }
  for (const family of HISTOGRAMS) {
    yield `# TYPE ${family.name} histogram`;
    yield `# UNIT ${family.name} ${family.unit}`;
    yield `# HELP ${family.name} ${family.help}`;
    for (const { series, labels } of labelled) {
      const samples = family.samples(series);
      for (let i = 0; i < series.count.length; i++) {
        const count = series.count[i];
        const stamp = stamps[series.firstSample + i] ?? '';
        const buckets = samples.buckets[i] ?? [];
        for (let b = 0; b < buckets.length; b++) {
          yield `${family.name}_bucket{${labels},${bounds[b] ?? ''}} ${buckets[b]} ${stamp}`;
        }
        yield `${family.name}_bucket{${labels},le="+Inf"} ${count} ${stamp}`;
        yield `${family.name}_count{${labels}} ${count} ${stamp}`;
        yield `${family.name}_sum{${labels}} ${formatNumber(samples.sum[i] ?? 0)} ${stamp}`;
      }
    }
  }
  yield '# EOF';
}

function labelText(labels: LabelPairs): string {
  return labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',');
}

/** A number as OpenMetrics writes it: integers plain, others rounded to 6 decimals. */
function formatNumber(value: number): string {
  return String(round(value, 6) ?? 0);
}

/** A timestamp [s since the epoch] from milliseconds, to the millisecond. */
function timestamp(ms: number): string {
  return String(round(ms / 1000, 3) ?? 0);
}
