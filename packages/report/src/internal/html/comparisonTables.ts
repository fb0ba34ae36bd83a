// The tables of a comparison's HTML report: the shape metrics (one column per shape, as in the text
// comparison), the added latency per edge, and with replications each shape's figures as mean ± 95 % CI and the
// paired differences vs the baseline.

import { shapeColumns } from '../../columns/shapeColumns.js';
import { comparisonMetricKeys } from '../comparisonMetricKeys.js';
import { intervalTable, pairedTable } from '../pairedTable.js';
import { pickColumns } from '../pickColumns.js';
import { textCell } from '../textTable.js';
import type { ComparisonSummary } from '../../summarizeComparison.js';
import { rowHeadedTable as table } from './htmlTable.js';
import { edgeLatencyCell } from '../p99GapNote.js';
import { firstReplicationLabel } from '../firstReplicationLabel.js';

/** The comparison tables as HTML. */
export function comparisonTables(summary: ComparisonSummary): string {
  const context = { durationMs: summary.durationMs };
  const shapes = summary.shapes;
  const metrics = pickColumns(shapeColumns(summary.baseline), comparisonMetricKeys(summary), 'text');
  // With replications, these two tables are the first replication's (the paired differences use them all).
  const first = firstReplicationLabel(summary);
  const of = first === null ? '' : ` — ${first}`;
  const parts = [
    table(
      `Metrics per mesh shape${of}`,
      ['metric', ...shapes.map((s) => s.shape)],
      metrics.map((metric) => [
        metric.text?.header ?? metric.key,
        ...shapes.map((shape) => textCell(metric, metric.read(shape, context))),
      ]),
    ),
  ];
  const edges = shapes[0]?.edges ?? [];
  if (edges.length > 0) {
    parts.push(
      table(
        `Added latency per edge vs ${summary.baseline}: p50 / p99 (ms)${of}`,
        ['edge', ...shapes.map((s) => s.shape)],
        edges.map((edge, i) => [
          `${edge.source} → ${edge.destination}`,
          ...shapes.map((s) => edgeLatencyCell(s.edges[i])),
        ]),
      ),
    );
  }
  const intervals = intervalTable(summary);
  if (intervals !== null) parts.push(table(intervals.title, intervals.header, intervals.rows));
  const paired = pairedTable(summary);
  if (paired !== null) parts.push(table(paired.title, paired.header, paired.rows));
  return parts.join('\n');
}
