// The tables of a comparison's HTML report: the shape metrics (one column per shape, as in the text
// comparison), the added latency per edge, and with replications each shape's figures as mean ± 95 % CI and the
// paired differences vs the baseline.

import { shapeColumns } from '../../columns/shapeColumns.js';
import { comparisonMetricKeys } from '../comparisonMetricKeys.js';
import { intervalTable, pairedTable } from '../pairedTable.js';
import { pickColumns } from '../pickColumns.js';
import { signedMs } from '../format.js';
import { textCell } from '../textTable.js';
import type { ComparisonSummary } from '../../summarizeComparison.js';
import { escapeHtml } from './escapeHtml.js';
import { firstReplicationLabel } from '../firstReplicationLabel.js';

/** A table with a header row and rows whose first cell heads the row; every other cell is a number. */
function table(caption: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map(
    (cell, i) => `<th scope="col"${i === 0 ? '' : ' class="num"'}>${escapeHtml(cell)}</th>`,
  );
  const body = rows.map(
    (row) =>
      `<tr>${row
        .map((cell, i) =>
          i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td class="num">${escapeHtml(cell)}</td>`,
        )
        .join('')}</tr>`,
  );
  return (
    `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(caption)}">` +
    `<table><caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head.join('')}</tr></thead>\n` +
    `<tbody>\n${body.join('\n')}\n</tbody></table></div>`
  );
}

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
          ...shapes.map((s) => {
            const e = s.edges[i];
            return e === undefined ? '–' : `${signedMs(e.addedP50Ms)} / ${signedMs(e.addedP99Ms)}`;
          }),
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
