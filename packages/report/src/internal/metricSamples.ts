// Lays out rows as OpenMetrics samples: for each family a table exports, one sample per row per column
// of that family (quantiles, then `_sum`, then `_count`, as summaries are written).

import type { ColumnContext, ColumnTable, MetricFamily, MetricLabels } from '../columns/Column.js';

/** One sample: full sample name, labels (the row's, then the column's) and value. */
export interface MetricSample {
  name: string;
  labels: MetricLabels;
  value: number;
}

/** A family and its samples, in output order. */
export interface FamilySamples {
  family: MetricFamily;
  samples: MetricSample[];
}

/** Where a sample goes within a row's samples of one family: plain and `_total` first, `_sum`, `_count`. */
function suffixRank(sample: string): number {
  return sample.endsWith('_count') ? 2 : sample.endsWith('_sum') ? 1 : 0;
}

/**
 * The samples of `rows`, family by family in the table's `metricFamilies` order: within a family, row by
 * row, and for each row its columns of that family. A null value leaves its sample out.
 * @throws {Error} if a column's family is not among the table's families, or a column reads a text.
 */
export function metricSamples<Row>(
  table: ColumnTable<Row>,
  rows: readonly Row[],
  context: ColumnContext,
): FamilySamples[] {
  const families = table.metricFamilies ?? [];
  const exported = table.columns.flatMap((column) =>
    column.metric === undefined ? [] : [{ column, metric: column.metric }],
  );
  for (const { column, metric } of exported) {
    if (!families.includes(metric.family)) {
      throw new Error(
        `column '${column.key}' is in family ${metric.family.name}, which the table does not export`,
      );
    }
  }
  return families.map((family) => {
    const columns = exported
      .filter(({ metric }) => metric.family === family)
      .map((entry, order) => ({ ...entry, order }))
      .sort((a, b) => suffixRank(a.metric.sample) - suffixRank(b.metric.sample) || a.order - b.order);
    const samples: MetricSample[] = [];
    for (const row of rows) {
      const rowLabels = table.metricLabels?.(row) ?? [];
      for (const { column, metric } of columns) {
        const value = column.read(row, context);
        if (value === null) continue;
        if (typeof value === 'string') throw new Error(`column '${column.key}' reads a text, not a number`);
        samples.push({
          name: metric.sample,
          labels: [...rowLabels, ...(metric.labels ?? [])],
          value: metric.scale === undefined ? value : value * metric.scale,
        });
      }
    }
    return { family, samples };
  });
}
