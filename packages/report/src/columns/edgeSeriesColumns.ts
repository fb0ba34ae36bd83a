// The columns of an edge's time series, one row per interval: counts, calls waiting at their source, call
// rate and the latency of the calls that succeeded in the interval.

import type { EdgeSeries } from '@meshsim/mesh';

import { ratePerSecond } from '../internal/derived.js';
import type { Column, ColumnTable } from './Column.js';
import type { IntervalRow } from './intervalRows.js';

type Row = IntervalRow<EdgeSeries>;

/** A per-interval count of the series. */
function countColumn(key: 'calls' | 'succeeded' | 'failed' | 'retries' | 'goodput'): Column<Row> {
  return { key, read: ({ series, index }) => series[key][index] ?? 0, csv: { name: key } };
}

/** A latency of the interval, or null when no call succeeded in it (the series then holds 0). */
function latencyColumn(key: 'p50Ms' | 'p99Ms', csvName: string): Column<Row> {
  return {
    key,
    read: ({ series, index }) => ((series.succeeded[index] ?? 0) > 0 ? (series[key][index] ?? null) : null),
    csv: { name: csvName },
  };
}

/** The edge time-series table. */
export const EDGE_SERIES_COLUMNS: ColumnTable<Row> = {
  columns: [
    { key: 'startMs', read: (row) => row.startMs, csv: { name: 'interval_start_ms' } },
    { key: 'endMs', read: (row) => row.endMs, csv: { name: 'interval_end_ms' } },
    { key: 'source', read: ({ series }) => series.source, csv: { name: 'source' } },
    { key: 'destination', read: ({ series }) => series.destination, csv: { name: 'destination' } },
    countColumn('calls'),
    countColumn('succeeded'),
    // Successes counted where the call was offered (what the verdicts' goodput reads), beside `succeeded` by completion.
    countColumn('goodput'),
    countColumn('failed'),
    countColumn('retries'),
    {
      // Calls of a source with `connections` still waiting for one at the interval's end (0 elsewhere).
      key: 'waitingAtSource',
      read: ({ series, index }) => series.waitingAtSource?.[index] ?? 0,
      csv: { name: 'waiting_at_source' },
    },
    {
      key: 'rateRps',
      read: ({ series, index, startMs, endMs }) => ratePerSecond(series.calls[index] ?? 0, endMs - startMs),
      csv: { name: 'rate_rps' },
    },
    latencyColumn('p50Ms', 'p50_ms'),
    latencyColumn('p99Ms', 'p99_ms'),
  ],
};
