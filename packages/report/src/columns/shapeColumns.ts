// The columns of one mesh shape in a comparison: success, end-to-end latency and what the shape adds to
// it, retry amplification (and its worst edge), proxy count, CPU, memory and cost, the verdict and its cascade
// figures, warnings.

import { isRecovered } from '@meshsim/analysis';
import type { CascadeFigures } from '@meshsim/analysis';

import { count, duration, fixed, groupedFixed, ms, percent, signedMs } from '../internal/format.js';
import type { ShapeSummary } from '../summarizeComparison.js';
import type { Column, ColumnTable } from './Column.js';
import { verdictLabel } from './verdictColumns.js';

/** The fields of a shape summary that hold a number (or null where it may be missing). */
type NumberField = {
  [K in keyof ShapeSummary]-?: ShapeSummary[K] extends number | null ? K : never;
}[keyof ShapeSummary];

/** A number of the summary, under the same name in JSON and `csvName` in CSV. */
function field(
  key: NumberField,
  header: string,
  format: (value: number) => string,
  csvName: string,
): Column<ShapeSummary> {
  return {
    key,
    read: (shape) => shape[key],
    text: { header, format },
    json: { name: key },
    csv: { name: csvName },
  };
}

/** The keys of the cascade figures' columns: shown, like the verdict, only when the comparison has diagnoses. */
export const CASCADE_KEYS: readonly string[] = [
  'recovery',
  'recoveryMs',
  'minGoodputRatio',
  'peakAttemptsPerRequest',
  'peakEdgeAttempts',
  'peakEdgeAttemptsPerCall',
  'peakAttemptsEdge',
  'peakAmplification',
];

/** `18.89 (frontend → checkout)`: a figure of one edge, with the edge; the figure alone when it names none. */
function onEdge(figure: string, edge: string | null): string {
  return edge === null ? figure : `${figure} (${edge})`;
}

/** A cascade figure of the shape's diagnosis (`cascadeFigures`), as `run` prints it; null without a diagnosis. */
function cascadeField(
  key: Exclude<keyof CascadeFigures, 'recoveryMs'>,
  header: string,
  format: (value: number) => string,
  csvName: string,
): Column<ShapeSummary> {
  return {
    key,
    read: (shape) => shape.cascade?.[key] ?? null,
    text: { header, format },
    json: { name: key },
    csv: { name: csvName },
  };
}

/**
 * The shape table.
 * @param baseline - The shape the added latencies are measured against (named in their headers).
 */
export function shapeColumns(baseline: string): ColumnTable<ShapeSummary> {
  return {
    columns: [
      { key: 'shape', read: (shape) => shape.shape, json: { name: 'shape' }, csv: { name: 'shape' } },
      field('successRate', 'success (%)', (ratio) => percent(ratio, 2), 'success_ratio'),
      field('endToEndP50Ms', 'end-to-end p50 (ms)', ms, 'end_to_end_p50_ms'),
      field('endToEndP99Ms', 'end-to-end p99 (ms)', ms, 'end_to_end_p99_ms'),
      field('addedP50Ms', `added p50 vs ${baseline} (ms)`, signedMs, 'added_p50_ms'),
      field('addedP99Ms', `added p99 vs ${baseline} (ms)`, signedMs, 'added_p99_ms'),
      {
        key: 'loadBalancer',
        read: (shape) => shape.loadBalancer,
        text: { header: 'load balancer' },
        json: { name: 'loadBalancer' },
        csv: { name: 'load_balancer' },
      },
      field('retryRatio', 'retries per call (%)', (ratio) => percent(ratio, 2), 'retries_per_call_ratio'),
      // The edge that retried most, named: a storm on one route is diluted in the row above by the others.
      {
        key: 'worstEdgeRetries',
        read: (shape) =>
          shape.worstEdgeRetryRatio === null
            ? null
            : onEdge(percent(shape.worstEdgeRetryRatio, 2), shape.worstRetryEdge),
        text: { header: 'worst edge retries per call (%)' },
      },
      {
        key: 'worstEdgeRetryRatio',
        read: (shape) => shape.worstEdgeRetryRatio,
        json: { name: 'worstEdgeRetryRatio' },
        csv: { name: 'worst_edge_retries_per_call_ratio' },
      },
      {
        key: 'worstRetryEdge',
        read: (shape) => shape.worstRetryEdge,
        json: { name: 'worstRetryEdge' },
        csv: { name: 'worst_retry_edge' },
      },
      field(
        'workPerRequest',
        'work per request (server calls)',
        (ratio) => fixed(ratio, 2),
        'work_per_request',
      ),
      field('proxies', 'proxies', count, 'proxies'),
      field('proxyCpuCores', 'proxy CPU (cores)', (cores) => fixed(cores, 3), 'proxy_cpu_cores'),
      field(
        'proxyCpuRequestedCores',
        'proxy CPU requested (cores)',
        // Requests are whole millicores: three decimals show them exactly.
        (cores) => fixed(cores, 3),
        'proxy_cpu_requested_cores',
      ),
      field('proxyMemoryMiB', 'proxy memory (MiB)', (mib) => fixed(mib, 1), 'proxy_memory_mib'),
      field(
        'proxyMemoryRequestedMiB',
        'proxy memory requested (MiB)',
        (mib) => fixed(mib, 1),
        'proxy_memory_requested_mib',
      ),
      // Cents, as `run`'s Proxies table prints them.
      field('costPerMonthUsd', 'proxy cost (USD/month)', (usd) => fixed(usd, 2), 'proxy_cost_usd_per_month'),
      field(
        'requestedCostPerMonthUsd',
        'proxy requests cost (USD/month)',
        (usd) => fixed(usd, 2),
        'proxy_requests_cost_usd_per_month',
      ),
      field('goodputRps', 'goodput (req/s)', (rps) => fixed(rps, 1), 'goodput_rps'),
      // Beside success: a shape that fails calls the faults never reached (shedding load early) succeeds more, and
      // shows here as more services hurt for longer.
      field(
        'degradedServiceSeconds',
        'blast radius (degraded service-s)',
        (seconds) => fixed(seconds, 0),
        'degraded_service_seconds',
      ),
      field('nodeCpuUtilisation', 'node CPU mean (%)', (ratio) => percent(ratio, 1), 'node_cpu_mean_ratio'),
      field('maxNodeCpuUtilisation', 'node CPU max (%)', (ratio) => percent(ratio, 1), 'node_cpu_max_ratio'),
      field('throttledMs', 'throttled, summed over containers (ms)', count, 'throttled_ms'),
      field('cpuWaitMs', 'CPU wait, summed over tasks (ms)', count, 'cpu_wait_ms'),
      field('overRequestedNodes', 'nodes over-requested', count, 'over_requested_nodes'),
      field('bestEffortPods', 'BestEffort app pods', count, 'best_effort_pods'),
      field('pendingPods', 'Pending app pods', count, 'pending_pods'),
      field('extraNodesNeeded', 'extra nodes to run them', count, 'extra_nodes_needed'),
      field('connectionsOpened', 'connections opened', count, 'connections_opened'),
      field('tlsHandshakes', 'TLS handshakes', count, 'tls_handshakes'),
      field('handshakeCpuMs', 'handshake CPU (ms)', (value) => groupedFixed(value, 1), 'handshake_cpu_ms'),
      {
        key: 'verdict',
        read: (shape) => shape.verdict ?? null,
        json: { name: 'verdict' },
        csv: { name: 'verdict' },
      },
      // The verdict as people read it (`stable (lossy)`); JSON and CSV keep the verdict and the flag apart (the JSON's
      // boolean `lossy` follows the table's fields).
      {
        key: 'verdictLabel',
        read: (shape) =>
          shape.verdict === undefined ? null : verdictLabel(shape.verdict, shape.lossy === true),
        text: { header: 'verdict' },
      },
      {
        key: 'lossy',
        read: (shape) => (shape.verdict === undefined ? null : String(shape.lossy === true)),
        csv: { name: 'lossy' },
      },
      // The recovery as people read it: `run`'s recovery time, or for a verdict that is neither recovered nor
      // `stopped` (not diagnosed) why there is none — `not recovered`, `no trigger` (down with nothing to recover
      // from) or `run too short` (not judged); JSON and CSV keep the number (null then, the verdict says why).
      {
        key: 'recovery',
        read: (shape) => {
          const recoveryMs = shape.cascade?.recoveryMs ?? null;
          if (shape.verdict === undefined) return null;
          if (recoveryMs !== null) return duration(recoveryMs);
          if (isRecovered(shape.verdict) || shape.verdict === 'stopped') return null;
          if (shape.noRecovery === 'no-trigger') return 'no trigger';
          if (shape.noRecovery === 'too-short') return 'run too short';
          return 'not recovered';
        },
        text: { header: 'recovery after the last trigger' },
      },
      {
        key: 'recoveryMs',
        read: (shape) => shape.cascade?.recoveryMs ?? null,
        json: { name: 'recoveryMs' },
        csv: { name: 'recovery_ms' },
      },
      cascadeField(
        'minGoodputRatio',
        'lowest goodput (% of offered calls)',
        (ratio) => percent(ratio, 1),
        'min_goodput_ratio',
      ),
      cascadeField(
        'peakAttemptsPerRequest',
        'peak attempts during triggers (per request)',
        (x) => fixed(x, 2),
        'peak_during_attempts_per_request',
      ),
      // The edge whose calls took the most attempts each during the triggers, named: the row above is per request
      // of every source, at a depth, where one route's storm is diluted by its depth's other edges.
      {
        key: 'peakEdgeAttempts',
        read: (shape) => {
          const peak = shape.peakEdgeAttempts ?? null;
          return peak === null ? null : onEdge(fixed(peak.attemptsPerCall, 2), peak.edge);
        },
        text: { header: 'peak attempts on one edge during triggers (per call)' },
      },
      {
        key: 'peakEdgeAttemptsPerCall',
        read: (shape) => shape.peakEdgeAttempts?.attemptsPerCall ?? null,
        json: { name: 'peakEdgeAttemptsPerCall' },
        csv: { name: 'peak_during_edge_attempts_per_call' },
      },
      {
        key: 'peakAttemptsEdge',
        read: (shape) => shape.peakEdgeAttempts?.edge ?? null,
        json: { name: 'peakAttemptsEdge' },
        csv: { name: 'peak_during_attempts_edge' },
      },
      cascadeField(
        'peakAmplification',
        'peak amplification during ÷ before (×)',
        (x) => fixed(x, 2),
        'peak_during_amplification',
      ),
      {
        key: 'warnings',
        read: (shape) => shape.warnings.length,
        text: { header: 'warnings', format: count },
        csv: { name: 'warnings' },
      },
    ],
  };
}
