// Renders a replication summary: each headline figure as mean ± 95 % CI (Student t) with min and max, and
// the verdicts; as text and as a JSON value.

import { RUN_FIGURES } from '@meshsim/analysis';
import type { FigureInterval, ReplicationSummary } from '@meshsim/analysis';

import { round } from './internal/format.js';
import { formatInterval } from './internal/intervalFormat.js';
import { formatTable } from './internal/formatTable.js';
import type { JsonValue } from './JsonValue.js';

/**
 * The verdict counts as `metastable 3/5, degraded-recovered 2/5` (only verdicts that occurred), each with how many of
 * its runs were lossy when any was: `stable 3/3 (2 lossy)` (docs/analysis.md#lossy).
 */
export function verdictCounts(
  verdicts: Readonly<Record<string, number>>,
  n: number,
  lossy: Readonly<Record<string, number>> = {},
): string {
  return Object.entries(verdicts)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => {
      const lost = lossy[verdict] ?? 0;
      return `${verdict} ${count}/${n}${lost > 0 ? ` (${lost} lossy)` : ''}`;
    })
    .join(', ');
}

/** The replications as a text section. */
export function renderReplicationsText(summary: ReplicationSummary): string {
  const rows = summary.figures.map((interval) => {
    const header = RUN_FIGURES.find((f) => f.key === interval.key)?.header ?? interval.key;
    const { mean, half, min, max } = formatInterval(interval);
    return [header, mean, half, min, max];
  });
  const title =
    `Replications: ${summary.n} (seeds ${summary.seeds.map(String).join(', ')}); mean ± 95 % CI (Student t)` +
    `\nVerdicts: ${verdictCounts(summary.verdicts, summary.n, summary.lossy)}`;
  return formatTable(
    [
      { header: 'figure', align: 'left' },
      { header: 'mean' },
      { header: '95 % CI' },
      { header: 'min' },
      { header: 'max' },
    ],
    rows,
    { title },
  ).trimEnd();
}

/** The replications as a JSON value (docs/output-formats.md#replications). */
export function replicationsJson(summary: ReplicationSummary): JsonValue {
  return {
    n: summary.n,
    seeds: summary.seeds,
    verdicts: summary.verdicts,
    lossy: summary.lossy,
    confidence: 0.95,
    figures: summary.figures.map(intervalJson),
  };
}

/**
 * A figure's interval as the JSON of `run --replications` and `compare --replications` has it: `key`, `mean`,
 * `halfWidth` (null without an interval), `min`, `max`, rounded to 6 decimals.
 */
export function intervalJson(f: FigureInterval): JsonValue {
  return {
    key: f.key,
    mean: round(f.mean, 6),
    halfWidth: f.halfWidth === null ? null : round(f.halfWidth, 6),
    min: round(f.min, 6),
    max: round(f.max, 6),
  };
}
