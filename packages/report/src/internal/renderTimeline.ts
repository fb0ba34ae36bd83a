// The "how it played out" table of the text summary: the traffic sources' offered rate, goodput (of offered calls),
// success (of completed calls), p99 and the retries over time, plus the busiest service's utilisation, in a dozen or
// so rows.

import type { SimulationResult } from '@meshsim/mesh';

import { timelineColumns } from '../columns/timelineColumns.js';
import type { TimelineRow } from '../columns/timelineColumns.js';
import { columnContext, measuredMs } from './columnContext.js';
import { goodputRatio, sourceGoodput, sourceSeries as sourcesOf } from './sourceGoodput.js';
import { textTable } from './textTable.js';

/** The timeline's columns, by key, in display order. */
const TIMELINE_KEYS = [
  'span',
  'offeredRps',
  'goodputRatio',
  'successRatio',
  'worstP99Ms',
  'retriesPerS',
  'utilisation',
];

/**
 * Successful calls an interval of a source needs for its p99 to count in a row's worst p99: with fewer, the p99
 * (interpolated between the two nearest ranks) lies between its two slowest calls — about their maximum, far above
 * the p99 (a p99 of 5 calls is their slowest of 5). The worst p99 of a row leaves such intervals out.
 */
export const TIMELINE_P99_MIN_CALLS = 100;

const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Row width [s]: the smallest nice step giving at most `maxRows` rows. */
function rowWidthSeconds(intervals: number, intervalMs: number, maxRows: number): number {
  const totalS = (intervals * intervalMs) / 1000;
  return NICE_STEPS_S.find((step) => totalS / step <= maxRows) ?? NICE_STEPS_S[NICE_STEPS_S.length - 1]!;
}

/** A time in seconds for a row label: whole seconds as integers, else up to three decimals (`12.5`, `0.005`). */
function labelSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/**
 * A timeline of the run, or '' when the result has no time series. Rows aggregate the per-interval
 * series: offered and retry rates are per second of the row's length (the last row ends with the run —
 * its duration, or where a guard stopped it — and may be shorter than the others); goodput is the successes the
 * verdict counts in the row (the edges' `goodput` series: in the interval a call was offered in when it completed by
 * the end of the next, else where it completed) over the calls offered in it — less, in the last interval, those still
 * in flight at the end (not yet due: `callsDue`) — capped at 100 % as the verdict's is (a backlog completing can
 * outnumber them); success is over calls completed in the row; p99 is the worst per-interval p99 of the sources in
 * the row, of the intervals with at least {@link TIMELINE_P99_MIN_CALLS} successful calls of a source (a note under
 * the table says so when a row had successes but no such interval); utilisation is the busiest service's, weighted
 * by each interval's length.
 */
export function renderTimeline(result: SimulationResult, maxRows = 15): string {
  const series = result.timeSeries;
  const intervals = series.startMs.length;
  if (intervals === 0 || series.edges.length === 0) return '';
  const sourceSeries = sourcesOf(result);
  const busiest = [...result.services].sort((a, b) => b.utilisation - a.utilisation)[0];
  const busiestSeries = series.services.find((s) => s.name === busiest?.name);
  const widthS = rowWidthSeconds(intervals, series.intervalMs, maxRows);
  const perRow = Math.max(1, Math.round((widthS * 1000) / series.intervalMs));

  // Each interval ends a step after its start, or with the run: the last one may be short.
  const runEndMs = measuredMs(result);
  const endMs = (i: number): number => Math.min((series.startMs[i] ?? 0) + series.intervalMs, runEndMs);
  // Goodput's calls: those still in flight at the end, offered within a normal call's time before it, are not yet due.
  const goodput = sourceGoodput(result);

  const rows: TimelineRow[] = [];
  // Whether some row had successful calls but no interval with enough of them for a p99.
  let unmeasured = false;
  for (let first = 0; first < intervals; first += perRow) {
    const last = Math.min(intervals, first + perRow);
    const rowStartMs = series.startMs[first] ?? 0;
    const rowEndMs = endMs(last - 1);
    const spanS = (rowEndMs - rowStartMs) / 1000;
    let calls = 0;
    let succeeded = 0;
    let failed = 0;
    let p99 = 0;
    let measured = false;
    sourceSeries.forEach((edge) => {
      for (let i = first; i < last; i++) {
        calls += edge.calls[i] ?? 0;
        succeeded += edge.succeeded[i] ?? 0;
        failed += edge.failed[i] ?? 0;
        if ((edge.succeeded[i] ?? 0) >= TIMELINE_P99_MIN_CALLS) {
          p99 = Math.max(p99, edge.p99Ms[i] ?? 0);
          measured = true;
        }
      }
    });
    let retries = 0;
    for (const edge of series.edges) for (let i = first; i < last; i++) retries += edge.retries[i] ?? 0;
    let utilisation = 0;
    if (busiestSeries !== undefined) {
      // Each interval's utilisation is over its own length: a short last one weighs less.
      for (let i = first; i < last; i++) {
        utilisation += (busiestSeries.utilisation[i] ?? 0) * (endMs(i) - (series.startMs[i] ?? 0));
      }
      utilisation /= rowEndMs - rowStartMs;
    }
    if (succeeded > 0 && !measured) unmeasured = true;
    rows.push({
      span: `${labelSeconds(rowStartMs)}–${labelSeconds(rowEndMs)}`,
      offeredRps: calls / spanS,
      goodputRatio: goodputRatio(goodput, first, last),
      successRatio: succeeded + failed > 0 ? succeeded / (succeeded + failed) : null,
      worstP99Ms: measured ? p99 : null,
      retriesPerS: retries / spanS,
      utilisation,
    });
  }
  const table = textTable(
    timelineColumns(busiest?.name ?? 'busiest'),
    TIMELINE_KEYS,
    rows,
    columnContext(result),
    {
      title: 'Timeline (traffic sources; retries on every edge)',
    },
  ).trimEnd();
  const seconds = series.intervalMs / 1000;
  return unmeasured
    ? `${table}\nworst p99 of successful calls: of the ${seconds} s intervals with at least ${TIMELINE_P99_MIN_CALLS} successful calls of a ` +
        `source (a p99 of fewer is about their slowest call); – where none had that many (the edge table's p99 is over ` +
        'the run)'
    : table;
}
