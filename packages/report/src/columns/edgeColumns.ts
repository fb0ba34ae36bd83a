// The columns of an edge (caller → callee): RED counts, failures by cause, latency of successful calls,
// client-side policy events (counts) and policy times in a state (durations), with their text headers, CSV
// names and OpenMetrics samples.

import { FAILURE_CAUSES } from '@meshsim/mesh';
import type { EdgeMetrics, LatencySummary } from '@meshsim/mesh';

import { edgeErrors, edgeRejected, edgeTimeouts, ratePerSecond } from '../internal/derived.js';
import { SECONDS_PER_MS, count, fixed, ms, percent } from '../internal/format.js';
import { snakeCase } from '../internal/snakeCase.js';
import type { Column, ColumnTable, MetricFamily } from './Column.js';

const REQUESTS: MetricFamily = {
  name: 'meshsim_requests',
  type: 'counter',
  help: 'Calls completed on a caller-to-callee edge, by outcome (retries count once).',
};
const FAILURES: MetricFamily = {
  name: 'meshsim_request_failures',
  type: 'counter',
  help: 'Failed calls on a caller-to-callee edge, by cause.',
};
const RETRIES: MetricFamily = {
  name: 'meshsim_retries',
  type: 'counter',
  help: 'Retry attempts sent on a caller-to-callee edge.',
};
const POLICY_EVENTS: MetricFamily = {
  name: 'meshsim_policy_events',
  type: 'counter',
  help: 'What client-side policies did on a caller-to-callee edge (e.g. retry-budget-denied), by event.',
};
const POLICY_TIME: MetricFamily = {
  name: 'meshsim_policy_time_seconds',
  type: 'counter',
  unit: 'seconds',
  help:
    'Time a client-side policy held a state on a caller-to-callee edge (breaker-open, outlier-ejected-host), ' +
    'summed over its breakers or hosts, by state.',
};
const DURATION: MetricFamily = {
  name: 'meshsim_request_duration_milliseconds',
  type: 'summary',
  unit: 'milliseconds',
  help: 'Caller-observed latency of successful calls, retries included.',
};

/** A latency field of the edge, or null when no call succeeded (the summary is then all zeros). */
function latency(
  edge: EdgeMetrics,
  field: Exclude<keyof LatencySummary, 'count' | 'p985Ms' | 'p995Ms'>,
): number | null {
  return edge.latency.count > 0 ? edge.latency[field] : null;
}

/** A quantile of the latency summary: CSV column, and a `quantile` sample of the summary family. */
function quantileColumn(
  field: 'p50Ms' | 'p90Ms' | 'p99Ms',
  quantile: string,
  csvName: string,
  header?: string,
): Column<EdgeMetrics> {
  return {
    key: `latency.${field}`,
    read: (edge) => latency(edge, field),
    ...(header !== undefined && { text: { header, format: ms } }),
    csv: { name: csvName },
    metric: { family: DURATION, sample: DURATION.name, labels: [['quantile', quantile]] },
  };
}

/**
 * The edge table. Keys are the result's field paths where a column reads one field (`latency.p99Ms`,
 * `failures.timeout`, `policyEvents.<event>`, `policyTimeMs.<state>`), else a camelCase name.
 *
 * @param policyEvents - The policy event names to give a column each (every name seen on any edge, sorted).
 * @param policyTimes - The policy states with a time to give a column each (every one seen on any edge, sorted).
 */
export function edgeColumns(
  policyEvents: readonly string[],
  policyTimes: readonly string[] = [],
): ColumnTable<EdgeMetrics> {
  const columns: Column<EdgeMetrics>[] = [
    {
      key: 'edge',
      read: (edge) => `${edge.source} → ${edge.destination}`,
      text: { header: 'source → destination' },
    },
    { key: 'source', read: (edge) => edge.source, csv: { name: 'source' } },
    { key: 'destination', read: (edge) => edge.destination, csv: { name: 'destination' } },
    {
      key: 'calls',
      read: (edge) => edge.calls,
      text: { header: 'calls', format: count },
      csv: { name: 'calls' },
    },
    { key: 'attempts', read: (edge) => edge.attempts, csv: { name: 'attempts' } },
    {
      key: 'retries',
      read: (edge) => edge.retries,
      text: { header: 'retries', format: count },
      csv: { name: 'retries' },
      metric: { family: RETRIES, sample: 'meshsim_retries_total' },
    },
    {
      key: 'succeeded',
      read: (edge) => edge.succeeded,
      csv: { name: 'succeeded' },
      metric: { family: REQUESTS, sample: 'meshsim_requests_total', labels: [['outcome', 'success']] },
    },
    {
      key: 'failed',
      read: (edge) => edge.failed,
      csv: { name: 'failed' },
      metric: { family: REQUESTS, sample: 'meshsim_requests_total', labels: [['outcome', 'failure']] },
    },
    { key: 'inFlight', read: (edge) => edge.inFlight, csv: { name: 'in_flight' } },
    { key: 'waitingAtSource', read: (edge) => edge.waitingAtSource, csv: { name: 'waiting_at_source' } },
    ...FAILURE_CAUSES.map((cause): Column<EdgeMetrics> => ({
      key: `failures.${cause}`,
      read: (edge) => edge.failures[cause] ?? 0,
      csv: { name: `failed_${snakeCase(cause)}` },
      metric: { family: FAILURES, sample: 'meshsim_request_failures_total', labels: [['cause', cause]] },
    })),
    {
      key: 'timeouts',
      read: edgeTimeouts,
      text: { header: 'timeouts', format: count },
    },
    {
      key: 'rejected',
      read: edgeRejected,
      text: { header: 'rejected', format: count },
    },
    {
      key: 'errors',
      read: edgeErrors,
      text: { header: 'errors', format: count },
    },
    {
      key: 'successRate',
      // Null when no call completed: `–` in text and HTML, an empty CSV cell.
      read: (edge) => edge.successRate,
      text: { header: 'success (%)', format: (ratio) => percent(ratio, 2) },
      csv: { name: 'success_ratio' },
    },
    {
      key: 'rateRps',
      read: (edge, { durationMs }) => ratePerSecond(edge.calls, durationMs),
      text: { header: 'rate (req/s)', format: (rate) => fixed(rate, 1) },
      csv: { name: 'rate_rps' },
    },
    {
      key: 'latency.count',
      read: (edge) => edge.latency.count,
      csv: { name: 'latency_count' },
      metric: { family: DURATION, sample: 'meshsim_request_duration_milliseconds_count' },
    },
    { key: 'latency.meanMs', read: (edge) => latency(edge, 'meanMs'), csv: { name: 'mean_ms' } },
    quantileColumn('p50Ms', '0.5', 'p50_ms', 'p50 (ms)'),
    quantileColumn('p90Ms', '0.9', 'p90_ms'),
    quantileColumn('p99Ms', '0.99', 'p99_ms', 'p99 (ms)'),
    { key: 'latency.p999Ms', read: (edge) => latency(edge, 'p999Ms'), csv: { name: 'p999_ms' } },
    { key: 'latency.maxMs', read: (edge) => latency(edge, 'maxMs'), csv: { name: 'max_ms' } },
    {
      key: 'latencySumMs',
      read: (edge) => (edge.latency.count > 0 ? edge.latency.meanMs * edge.latency.count : 0),
      metric: { family: DURATION, sample: 'meshsim_request_duration_milliseconds_sum' },
    },
    ...policyEvents.map((event): Column<EdgeMetrics> => ({
      key: `policyEvents.${event}`,
      // Null where the edge never had the event: 0 in CSV, no sample in OpenMetrics.
      read: (edge) => edge.policyEvents?.[event] ?? null,
      csv: { name: `policy_${snakeCase(event)}`, missing: '0' },
      metric: { family: POLICY_EVENTS, sample: 'meshsim_policy_events_total', labels: [['event', event]] },
    })),
    ...policyTimes.map((state): Column<EdgeMetrics> => ({
      key: `policyTimeMs.${state}`,
      // A duration [ms], apart from the counts; null where the edge has no such policy: 0 in CSV, no sample.
      read: (edge) => edge.policyTimeMs?.[state] ?? null,
      csv: { name: `policy_${snakeCase(state)}_ms`, missing: '0' },
      metric: {
        family: POLICY_TIME,
        sample: `${POLICY_TIME.name}_total`,
        labels: [['state', state]],
        scale: SECONDS_PER_MS,
      },
    })),
  ];
  return {
    columns,
    metricFamilies: [REQUESTS, FAILURES, RETRIES, POLICY_EVENTS, POLICY_TIME, DURATION],
    metricLabels: (edge) => [
      ['source', edge.source],
      ['destination', edge.destination],
    ],
  };
}
