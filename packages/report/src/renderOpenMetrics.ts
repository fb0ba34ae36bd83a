// OpenMetrics text exposition of a result (https://openmetrics.io), so runs can be loaded into
// Prometheus-compatible tools: one metric family per quantity, `# HELP`/`# TYPE`/`# UNIT` lines, `# EOF`.

import type { SimulationResult } from '@meshsim/mesh';

import type { MetricFamily, MetricLabels } from './columns/Column.js';
import { edgeColumns } from './columns/edgeColumns.js';
import { NODE_COLUMNS } from './columns/nodeColumns.js';
import type { RunExtras } from './RunExtras.js';
import { diagnosisFamilies } from './renderDiagnosis.js';
import { replicationFamilies } from './renderReplications.js';
import { PROXY_COLUMNS, proxyKindRows } from './columns/proxyColumns.js';
import { SERVICE_COLUMNS } from './columns/serviceColumns.js';
import { VERSION_COLUMNS, versionRows } from './columns/versionColumns.js';
import { columnContext } from './internal/columnContext.js';
import { policyEventNames, policyTimeNames } from './internal/derived.js';
import { round } from './internal/format.js';
import { metricSamples } from './internal/metricSamples.js';
import type { FamilySamples } from './internal/metricSamples.js';

/** Decimal places kept for non-integer sample values. */
export const OPENMETRICS_DECIMALS = 6;

const RUN: MetricFamily = { name: 'meshsim_run', type: 'info', help: 'The simulated scenario.' };
const STOPPED: MetricFamily = {
  name: 'meshsim_run_stopped',
  type: 'info',
  help: 'A guard stopped the run early: why, and the simulated time reached; the other metrics cover [0, at_ms].',
};
const PRICES: MetricFamily = {
  name: 'meshsim_proxy_prices',
  type: 'info',
  help: 'Where the prices of meshsim_proxy_cost_usd_per_month come from.',
};

/**
 * Renders a result in the OpenMetrics text format, laid out from the column tables. Metric families (all
 * labelled with `source` and `destination` unless noted):
 *
 * - `meshsim_run_info{scenario,mesh,seed}` — info, always 1.
 * - `meshsim_run_stopped_info{reason,at_ms}` — info, 1: only when a guard stopped the run early; the
 *   other metrics then cover `[0, at_ms]`.
 * - `meshsim_requests_total{…,outcome="success|failure"}` — counter of completed calls.
 * - `meshsim_request_failures_total{…,cause}` — counter of failed calls by cause.
 * - `meshsim_retries_total` — counter of retry attempts.
 * - `meshsim_policy_events_total{…,event}` — counter of client-side policy events (breaker trips, …): counts only.
 * - `meshsim_policy_time_seconds_total{…,state}` — counter, time a client-side policy held a state
 *   (`breaker-open`, `outlier-ejected-host`), summed over its breakers or hosts.
 * - `meshsim_request_duration_milliseconds{…,quantile="0.5|0.9|0.99"}` — summary of successful calls'
 *   latency, with `_count` and `_sum` (quantiles are omitted for an edge without a successful call).
 * - `meshsim_service_utilisation_ratio{service,namespace,cluster}` — gauge, mean busy workers in [0, 1].
 * - `meshsim_service_cpu_cores{service,namespace,cluster}` — gauge, mean CPU of its application containers.
 * - `meshsim_service_cpu_throttled_seconds_total{…,container="app|sidecar"}` — counter, time throttled by a CPU limit.
 * - `meshsim_service_cpu_wait_seconds_total{…,container="app|sidecar"}` — counter, time runnable work waited for a
 *   core on a busy node, summed over tasks.
 * - `meshsim_version_requests_total{service,version,outcome}` — counter of requests per service version
 *   (canary splits) by outcome: `arrived`, `completed`, `rejected`, `error`.
 * - `meshsim_proxy_cpu_cores{kind}` — gauge, mean CPU over the run.
 * - `meshsim_proxy_memory_bytes{kind}` — gauge.
 * - `meshsim_proxy_cpu_throttled_seconds_total{kind}`, `meshsim_proxy_cpu_wait_seconds_total{kind}` — counters, as the
 *   services' above.
 * - `meshsim_proxy_cost_usd_per_month{kind}` — gauge, monthly cost (no sample without prices); the
 *   result's total cost is the sum over kinds.
 * - `meshsim_proxy_prices_info{source}` — info, always 1: where the prices come from (no sample without prices).
 *
 * With a diagnosis (`extras.diagnosis`), also:
 *
 * - `meshsim_verdict_info{scope,verdict}` — info, always 1: the run's verdict (`scope="run"`) and each
 *   traffic source's.
 * - `meshsim_recovery_milliseconds{scope}`, `meshsim_still_down_milliseconds{scope}` — gauges (no sample
 *   when not applicable).
 * - `meshsim_goodput_ratio{scope,window="reference|min|final"}` — gauge, successful ÷ offered calls.
 * - `meshsim_attempts_per_request{depth,window="reference|during|analysis"}` — gauge, work amplification (no
 *   `during` sample when nothing triggered).
 *
 * With replications (`extras.replications`), then (docs/output-formats.md#replications):
 *
 * - `meshsim_replications` — gauge, N; `meshsim_replication_verdict_runs{verdict}` and
 *   `meshsim_replication_lossy_runs{verdict}` — gauges, replications per verdict.
 * - `meshsim_replication_<figure>{stat="mean|ci_lower|ci_upper|min|max"}` — one gauge family per headline figure, in
 *   its unit (`meshsim_replication_end_to_end_p99_milliseconds`, …); the other families are of the first replication.
 *
 * Label values are escaped (`\\`, `\"`, `\n`); non-finite values are never written as NaN.
 *
 * @param result - The output of `simulate`.
 * @returns The exposition, ending with `# EOF\n`.
 */
export function renderOpenMetrics(result: SimulationResult, extras: RunExtras = {}): string {
  const { scenario, stopped } = result;
  const context = columnContext(result);
  const families: FamilySamples[] = [
    {
      family: RUN,
      samples: [
        {
          name: 'meshsim_run_info',
          labels: [
            ['scenario', scenario.name],
            ['mesh', scenario.mesh],
            ['seed', String(scenario.seed)],
          ],
          value: 1,
        },
      ],
    },
    // Only for a run a guard stopped early, so that a completed run's exposition is unchanged.
    ...(stopped === undefined
      ? []
      : [
          {
            family: STOPPED,
            samples: [
              {
                name: 'meshsim_run_stopped_info',
                labels: [
                  ['reason', stopped.reason],
                  ['at_ms', String(round(stopped.atMs, OPENMETRICS_DECIMALS) ?? 0)],
                ] as const,
                value: 1,
              },
            ],
          },
        ]),
    ...metricSamples(
      edgeColumns(policyEventNames(result.edges), policyTimeNames(result.edges)),
      result.edges,
      context,
    ),
    ...metricSamples(SERVICE_COLUMNS, result.services, context),
    ...metricSamples(VERSION_COLUMNS, versionRows(result.services), context),
    ...metricSamples(PROXY_COLUMNS, proxyKindRows(result.proxies), context),
    ...metricSamples(NODE_COLUMNS, result.nodes, context),
    {
      family: PRICES,
      samples:
        result.proxies.priceSource === undefined
          ? []
          : [
              {
                name: 'meshsim_proxy_prices_info',
                labels: [['source', result.proxies.priceSource]],
                value: 1,
              },
            ],
    },
    ...(extras.diagnosis === undefined ? [] : diagnosisFamilies(extras.diagnosis, scenario)),
    ...(extras.replications === undefined ? [] : replicationFamilies(extras.replications)),
  ];

  const lines: string[] = [];
  for (const { family, samples } of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    if (family.unit !== undefined) lines.push(`# UNIT ${family.name} ${family.unit}`);
    for (const { name, labels, value } of samples) {
      const line = sampleLine(name, labels, value);
      // A sample with a NaN value is left out: never print NaN.
      if (line !== null) lines.push(line);
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

/**
 * Escapes a label value for the OpenMetrics text format: backslash, double quote and line feed.
 *
 * @example
 * ```ts
 * escapeLabelValue('say "hi"\n'); // 'say \\"hi\\"\\n'
 * ```
 */
export function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n');
}

function escapeHelp(text: string): string {
  return escapeLabelValue(text);
}

function sampleLine(name: string, labels: MetricLabels, value: number): string | null {
  const formatted = formatValue(value);
  if (formatted === null) return null;
  const labelText =
    labels.length === 0 ? '' : `{${labels.map(([key, v]) => `${key}="${escapeLabelValue(v)}"`).join(',')}}`;
  return `${name}${labelText} ${formatted}`;
}

function formatValue(value: number): string | null {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const rounded = round(value, OPENMETRICS_DECIMALS);
  return rounded === null ? null : String(rounded);
}
