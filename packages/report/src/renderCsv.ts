// CSV exports (RFC 4180 quoting, `\n` line ends) laid out from the column tables: the per-edge summary,
// the proxies with their cost, and the per-interval edge and service time series. Column names end with
// their unit. A run a guard stopped early gets two more columns on every row: stopped_reason, stopped_at_ms.

import type { SimulationResult } from '@meshsim/mesh';

import { EDGE_SERIES_COLUMNS } from './columns/edgeSeriesColumns.js';
import { edgeColumns } from './columns/edgeColumns.js';
import { intervalRows } from './columns/intervalRows.js';
import { NODE_COLUMNS } from './columns/nodeColumns.js';
import { PROXY_COLUMNS, proxyKindRows, proxyTotalRow } from './columns/proxyColumns.js';
import { SERVICE_SERIES_COLUMNS } from './columns/serviceSeriesColumns.js';
import { VERSION_COLUMNS, versionRows } from './columns/versionColumns.js';
import { withStopColumns } from './columns/stopColumns.js';
import { columnContext } from './internal/columnContext.js';
import { csvTable } from './internal/csvTable.js';
import { policyEventNames, policyTimeNames } from './internal/derived.js';

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
  const context = columnContext(result);
  return csvTable(
    withStopColumns(edgeColumns(policyEventNames(result.edges), policyTimeNames(result.edges)), context),
    result.edges,
    context,
  );
}

/**
 * One row per proxy kind, then a totals row whose `kind` is `total (count: proxies only)`:
 * `kind,count,cpu_cores,cpu_requested_cores,memory_mib,memory_requested_mib,max_memory_mib,queued,throttled_ms,`
 * `cpu_wait_ms,tls_handshake_ends,cost_usd_per_month,price_source` (`max_memory_mib`: the largest proxy of the kind,
 * empty on the totals row). `count` of the totals row is the proxies users deploy (a node agent, a managed hop or
 * a kernel datapath has a row but does not count), so it may be less than the sum over kinds; its other columns
 * add up the kinds' rows;
 * `cost_usd_per_month` and `price_source` are empty when the result holds no prices.
 *
 * @param result - The output of `simulate`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderProxiesCsv(result: SimulationResult): string {
  const rows = [...proxyKindRows(result.proxies), proxyTotalRow(result.proxies)];
  const context = columnContext(result);
  return csvTable(withStopColumns(PROXY_COLUMNS, context), rows, context);
}

/**
 * One row per version (subset) of each service, services in order, then versions in declared order (a
 * service without declared versions has one, `v1`): `service,version,instances,arrived,share_ratio,
 * completed,rejected,errors,success_ratio`. `share_ratio` is the version's share of the service's arrivals
 * (the canary split as it happened), empty for a service nothing reached.
 *
 * @param result - The output of `simulate`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderVersionsCsv(result: SimulationResult): string {
  const context = columnContext(result);
  return csvTable(withStopColumns(VERSION_COLUMNS, context), versionRows(result.services), context);
}

/**
 * One row per node whose CPU is modelled (the scenario gave nodes a size):
 * `node,cluster,zone,cores,utilisation_ratio,max_runnable`. Only the header when no node has a size.
 *
 * @param result - The output of `simulate`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderNodesCsv(result: SimulationResult): string {
  const context = columnContext(result);
  return csvTable(withStopColumns(NODE_COLUMNS, context), result.nodes, context);
}

/**
 * One row per interval per edge, in edge order then time order:
 * `interval_start_ms,interval_end_ms,source,destination,calls,succeeded,goodput,failed,retries,waiting_at_source,rate_rps,p50_ms,p99_ms`.
 * `goodput` counts successes in the interval their call was offered in (as the verdicts do, see `EdgeSeries.goodput`);
 * `p50_ms`/`p99_ms` are empty for an interval without a successful call.
 *
 * @param result - The output of `simulate`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderTimeSeriesCsv(result: SimulationResult): string {
  const context = columnContext(result);
  return csvTable(
    withStopColumns(EDGE_SERIES_COLUMNS, context),
    intervalRows(result, result.timeSeries.edges),
    context,
  );
}

/**
 * One row per interval per service, in service order then time order:
 * `interval_start_ms,interval_end_ms,service,utilisation_ratio,queue_length,completed,rejected`.
 * `utilisation_ratio` is the mean fraction of workers busy in the interval; `queue_length` the waiting
 * requests over all instances at its end.
 *
 * @param result - The output of `simulate`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderServiceSeriesCsv(result: SimulationResult): string {
  const context = columnContext(result);
  return csvTable(
    withStopColumns(SERVICE_SERIES_COLUMNS, context),
    intervalRows(result, result.timeSeries.services),
    context,
  );
}
