// CSV exports (RFC 4180 quoting, `\n` line ends): the per-edge summary and the per-interval time series.
// Column names are snake_case and end with their unit (`_ms`, `_rps`, `_ratio`) where they have one.

import { FAILURE_CAUSES } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';

import { policyEventNames, ratePerSecond } from './internal/derived.js';
import { round } from './internal/format.js';

/** Decimal places kept for non-integer numbers in CSV output. */
export const CSV_DECIMALS = 6;

type Cell = string | number | null;

/**
 * One row per caller→callee edge: counts, failures by cause, success ratio, call rate and the latency
 * summary of successful calls. A latency cell is empty when the edge had no successful call.
 *
 * Columns: `source,destination,calls,attempts,retries,succeeded,failed,in_flight,failed_<cause>…,
 * success_ratio,rate_rps,latency_count,mean_ms,p50_ms,p90_ms,p99_ms,p999_ms,max_ms`, then one
 * `policy_<event>` column per policy event seen on any edge (sorted by name; 0 where it did not occur).
 *
 * @param result - The output of `simulate`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderEdgesCsv(result: SimulationResult): string {
  const events = policyEventNames(result.edges);
  const header = [
    'source',
    'destination',
    'calls',
    'attempts',
    'retries',
    'succeeded',
    'failed',
    'in_flight',
    ...FAILURE_CAUSES.map((cause) => `failed_${snake(cause)}`),
    'success_ratio',
    'rate_rps',
    'latency_count',
    'mean_ms',
    'p50_ms',
    'p90_ms',
    'p99_ms',
    'p999_ms',
    'max_ms',
    ...events.map((event) => `policy_${snake(event)}`),
  ];
  const rows = result.edges.map((edge): Cell[] => {
    const { latency } = edge;
    const has = latency.count > 0;
    return [
      edge.source,
      edge.destination,
      edge.calls,
      edge.attempts,
      edge.retries,
      edge.succeeded,
      edge.failed,
      edge.inFlight,
      ...FAILURE_CAUSES.map((cause) => edge.failures[cause] ?? 0),
      edge.succeeded + edge.failed > 0 ? edge.successRate : null,
      ratePerSecond(edge.calls, result.scenario.durationMs),
      latency.count,
      has ? latency.meanMs : null,
      has ? latency.p50Ms : null,
      has ? latency.p90Ms : null,
      has ? latency.p99Ms : null,
      has ? latency.p999Ms : null,
      has ? latency.maxMs : null,
      ...events.map((event) => edge.policyEvents?.[event] ?? 0),
    ];
  });
  return toCsv(header, rows);
}

/**
 * One row per interval per edge, in edge order then time order:
 * `interval_start_ms,interval_end_ms,source,destination,calls,succeeded,failed,retries,rate_rps,p50_ms,p99_ms`.
 * `p50_ms`/`p99_ms` are empty for an interval without a successful call.
 *
 * @param result - The output of `simulate`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderTimeSeriesCsv(result: SimulationResult): string {
  const { timeSeries } = result;
  const header = [
    'interval_start_ms',
    'interval_end_ms',
    'source',
    'destination',
    'calls',
    'succeeded',
    'failed',
    'retries',
    'rate_rps',
    'p50_ms',
    'p99_ms',
  ];
  const rows: Cell[][] = [];
  for (const series of timeSeries.edges) {
    timeSeries.startMs.forEach((startMs, i) => {
      // The last interval may be cut short by the end of the run.
      const endMs = Math.min(startMs + timeSeries.intervalMs, result.scenario.durationMs);
      const calls = series.calls[i] ?? 0;
      const hasLatency = (series.succeeded[i] ?? 0) > 0;
      rows.push([
        startMs,
        endMs,
        series.source,
        series.destination,
        calls,
        series.succeeded[i] ?? 0,
        series.failed[i] ?? 0,
        series.retries[i] ?? 0,
        ratePerSecond(calls, endMs - startMs),
        hasLatency ? (series.p50Ms[i] ?? null) : null,
        hasLatency ? (series.p99Ms[i] ?? null) : null,
      ]);
    });
  }
  return toCsv(header, rows);
}

/** `retry-budget-denied` → `retry_budget_denied`. */
function snake(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_');
}

function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return (
    [header.map(cell), ...rows.map((row) => row.map(cell))].map((row) => row.join(',')).join('\n') + '\n'
  );
}

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    const rounded = round(value, CSV_DECIMALS);
    return rounded === null ? '' : String(rounded);
  }
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
