// OpenMetrics text exposition of a result (https://openmetrics.io), so runs can be loaded into
// Prometheus-compatible tools: one metric family per quantity, `# HELP`/`# TYPE`/`# UNIT` lines, `# EOF`.

import { FAILURE_CAUSES } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';

import { sortedPolicyEvents } from './internal/derived.js';
import { round } from './internal/format.js';

/** Decimal places kept for non-integer sample values. */
export const OPENMETRICS_DECIMALS = 6;

const MIB_BYTES = 1024 * 1024;

/** Quantiles of `meshsim_request_duration_milliseconds`, with the LatencySummary field each reads. */
const QUANTILES = [
  ['0.5', 'p50Ms'],
  ['0.9', 'p90Ms'],
  ['0.99', 'p99Ms'],
] as const;

type Labels = readonly (readonly [string, string])[];

interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'summary' | 'info';
  unit?: string;
  help: string;
  samples: string[];
}

/**
 * Renders a result in the OpenMetrics text format. Metric families (all labelled with `source` and
 * `destination` unless noted):
 *
 * - `meshsim_run_info{scenario,mesh,seed}` — info, always 1.
 * - `meshsim_requests_total{…,outcome="success|failure"}` — counter of completed calls.
 * - `meshsim_request_failures_total{…,cause}` — counter of failed calls by cause.
 * - `meshsim_retries_total` — counter of retry attempts.
 * - `meshsim_policy_events_total{…,event}` — counter of client-side policy events (breaker trips, …).
 * - `meshsim_request_duration_milliseconds{…,quantile="0.5|0.9|0.99"}` — summary of successful calls'
 *   latency, with `_count` and `_sum` (quantiles are omitted for an edge without a successful call).
 * - `meshsim_service_utilisation_ratio{service,namespace,cluster}` — gauge, mean busy workers in [0, 1].
 * - `meshsim_proxy_cpu_cores{kind}` — gauge, mean CPU over the run.
 * - `meshsim_proxy_memory_bytes{kind}` — gauge.
 *
 * Label values are escaped (`\\`, `\"`, `\n`); non-finite values are never written as NaN.
 *
 * @param result - The output of `simulate`.
 * @returns The exposition, ending with `# EOF\n`.
 */
export function renderOpenMetrics(result: SimulationResult): string {
  const families: Family[] = [];
  const edgeLabels = (source: string, destination: string): Labels => [
    ['source', source],
    ['destination', destination],
  ];

  families.push({
    name: 'meshsim_run',
    type: 'info',
    help: 'The simulated scenario.',
    samples: [
      sample(
        'meshsim_run_info',
        [
          ['scenario', result.scenario.name],
          ['mesh', result.scenario.mesh],
          ['seed', String(result.scenario.seed)],
        ],
        1,
      ),
    ],
  });

  families.push({
    name: 'meshsim_requests',
    type: 'counter',
    help: 'Calls completed on a caller-to-callee edge, by outcome (retries count once).',
    samples: result.edges.flatMap((edge) => [
      sample(
        'meshsim_requests_total',
        [...edgeLabels(edge.source, edge.destination), ['outcome', 'success']],
        edge.succeeded,
      ),
      sample(
        'meshsim_requests_total',
        [...edgeLabels(edge.source, edge.destination), ['outcome', 'failure']],
        edge.failed,
      ),
    ]),
  });

  families.push({
    name: 'meshsim_request_failures',
    type: 'counter',
    help: 'Failed calls on a caller-to-callee edge, by cause.',
    samples: result.edges.flatMap((edge) =>
      FAILURE_CAUSES.map((cause) =>
        sample(
          'meshsim_request_failures_total',
          [...edgeLabels(edge.source, edge.destination), ['cause', cause]],
          edge.failures[cause] ?? 0,
        ),
      ),
    ),
  });

  families.push({
    name: 'meshsim_retries',
    type: 'counter',
    help: 'Retry attempts sent on a caller-to-callee edge.',
    samples: result.edges.map((edge) =>
      sample('meshsim_retries_total', edgeLabels(edge.source, edge.destination), edge.retries),
    ),
  });

  families.push({
    name: 'meshsim_policy_events',
    type: 'counter',
    help: 'What client-side policies did on a caller-to-callee edge (e.g. retry-budget-denied), by event.',
    samples: result.edges.flatMap((edge) =>
      sortedPolicyEvents(edge).map(([event, n]) =>
        sample(
          'meshsim_policy_events_total',
          [...edgeLabels(edge.source, edge.destination), ['event', event]],
          n,
        ),
      ),
    ),
  });

  families.push({
    name: 'meshsim_request_duration_milliseconds',
    type: 'summary',
    unit: 'milliseconds',
    help: 'Caller-observed latency of successful calls, retries included.',
    samples: result.edges.flatMap((edge) => {
      const labels = edgeLabels(edge.source, edge.destination);
      const { latency } = edge;
      const quantiles =
        latency.count > 0
          ? QUANTILES.map(([q, field]) =>
              sample('meshsim_request_duration_milliseconds', [...labels, ['quantile', q]], latency[field]),
            )
          : [];
      return [
        ...quantiles,
        sample(
          'meshsim_request_duration_milliseconds_sum',
          labels,
          latency.count > 0 ? latency.meanMs * latency.count : 0,
        ),
        sample('meshsim_request_duration_milliseconds_count', labels, latency.count),
      ];
    }),
  });

  families.push({
    name: 'meshsim_service_utilisation_ratio',
    type: 'gauge',
    unit: 'ratio',
    help: 'Mean fraction of the workers of a service that were busy, in [0, 1].',
    samples: result.services.map((service) =>
      sample(
        'meshsim_service_utilisation_ratio',
        [
          ['service', service.name],
          ['namespace', service.namespace],
          ['cluster', service.cluster],
        ],
        service.utilisation,
      ),
    ),
  });

  families.push({
    name: 'meshsim_proxy_cpu_cores',
    type: 'gauge',
    unit: 'cores',
    help: 'Mean CPU used by all proxies of a kind over the run.',
    samples: result.proxies.byKind.map((kind) =>
      sample('meshsim_proxy_cpu_cores', [['kind', kind.kind]], kind.cpuCores),
    ),
  });

  families.push({
    name: 'meshsim_proxy_memory_bytes',
    type: 'gauge',
    unit: 'bytes',
    help: 'Memory of all proxies of a kind.',
    samples: result.proxies.byKind.map((kind) =>
      sample('meshsim_proxy_memory_bytes', [['kind', kind.kind]], kind.memoryMiB * MIB_BYTES),
    ),
  });

  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    if (family.unit !== undefined) lines.push(`# UNIT ${family.name} ${family.unit}`);
    // A sample with a non-finite value was dropped (empty string): never print NaN.
    lines.push(...family.samples.filter((line) => line !== ''));
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

function sample(name: string, labels: Labels, value: number): string {
  const formatted = formatValue(value);
  if (formatted === null) return '';
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
