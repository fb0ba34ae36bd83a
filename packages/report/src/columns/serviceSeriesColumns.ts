// The columns of a service's time series, one row per interval: utilisation, queue length at the end of
// the interval, and the requests completed and rejected in it.

import type { ServiceSeries } from '@meshsim/mesh';

import type { Column, ColumnTable } from './Column.js';
import type { IntervalRow } from './intervalRows.js';

type Row = IntervalRow<ServiceSeries>;

/** A per-interval value of the series (0 where the series is short). */
function seriesColumn(
  key: 'utilisation' | 'queueLength' | 'completed' | 'rejected',
  csvName: string,
): Column<Row> {
  return { key, read: ({ series, index }) => series[key][index] ?? 0, csv: { name: csvName } };
}

/** The service time-series table. */
export const SERVICE_SERIES_COLUMNS: ColumnTable<Row> = {
  columns: [
    { key: 'startMs', read: (row) => row.startMs, csv: { name: 'interval_start_ms' } },
    { key: 'endMs', read: (row) => row.endMs, csv: { name: 'interval_end_ms' } },
    { key: 'service', read: ({ series }) => series.name, csv: { name: 'service' } },
    seriesColumn('utilisation', 'utilisation_ratio'),
    seriesColumn('queueLength', 'queue_length'),
    seriesColumn('completed', 'completed'),
    seriesColumn('rejected', 'rejected'),
  ],
};
