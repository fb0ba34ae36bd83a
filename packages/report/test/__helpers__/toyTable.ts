// A small column table over toy rows, for the tests of the layout helpers (text, CSV, OpenMetrics).

import type { ColumnTable, MetricFamily } from '../../src/columns/Column.js';
import { fixed } from '../../src/internal/format.js';

/** A row of the toy table. */
export interface ToyRow {
  name: string;
  value: number | null;
  seconds: number;
}

export const TOY_GAUGE: MetricFamily = { name: 'toy_value_ms', type: 'gauge', unit: 'ms', help: 'A value.' };
export const TOY_SUMMARY: MetricFamily = {
  name: 'toy_seconds',
  type: 'summary',
  unit: 'seconds',
  help: 'S.',
};

/** Columns: name (text), value (ms, missing as `n/a` in CSV), seconds (a summary's count, sum and quantile). */
export const TOY_COLUMNS: ColumnTable<ToyRow> = {
  columns: [
    { key: 'name', read: (row) => row.name, text: { header: 'name' }, csv: { name: 'name' } },
    {
      key: 'value',
      read: (row) => row.value,
      text: { header: 'value (ms)', format: (v) => fixed(v, 1) },
      csv: { name: 'value_ms', missing: 'n/a' },
      metric: { family: TOY_GAUGE, sample: 'toy_value_ms', scale: 2 },
    },
    // Count before quantile on purpose: OpenMetrics must still write the quantile, then _sum, then _count.
    { key: 'count', read: () => 3, metric: { family: TOY_SUMMARY, sample: 'toy_seconds_count' } },
    {
      key: 'sum',
      read: (row) => row.seconds * 3,
      metric: { family: TOY_SUMMARY, sample: 'toy_seconds_sum' },
    },
    {
      key: 'seconds',
      read: (row) => row.seconds,
      csv: { name: 'seconds' },
      metric: { family: TOY_SUMMARY, sample: 'toy_seconds', labels: [['quantile', '0.5']] },
    },
  ],
  metricFamilies: [TOY_SUMMARY, TOY_GAUGE],
  metricLabels: (row) => [['name', row.name]],
};
