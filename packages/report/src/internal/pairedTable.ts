// The tables of a comparison with replications — each shape's figures as mean ± 95 % CI, and the paired differences
// — as table data (title, header, rows of cells), and the sentence saying what the shape table is then: one source
// for the text and the HTML report.

import { CASCADE_FIGURES, RUN_FIGURES } from '@meshsim/analysis';
import type { FigureInterval, PairedDifference } from '@meshsim/analysis';

import type { ComparisonSummary } from '../summarizeComparison.js';
import { formatInterval, intervalCell } from './intervalFormat.js';

/** A table as cells: the title, the header row, and rows whose first cell names the row. */
export interface PairedTable {
  title: string;
  header: string[];
  rows: string[][];
}

/**
 * With more than one replication, the sentence saying that the shape table is the first replication and
 * the paired differences use them all; otherwise null.
 */
export function replicationsNote(summary: ComparisonSummary): string | null {
  const n = summary.replications;
  if (n === undefined || n < 2) return null;
  return (
    `The table: the first of ${n} replications (seed ${String(summary.seed)}); ` +
    'the intervals per shape and the paired differences below: all of them'
  );
}

/**
 * Each shape's headline figures (then its cascade figures, when given) over the replications: one row per figure some
 * shape gives, one column per shape
 * (the baseline included), each cell `mean ± half` as `run --replications` prints it (the digits a small interval
 * needs), `–` where the shape does not give the figure. Null without the intervals.
 */
export function intervalTable(summary: ComparisonSummary): PairedTable | null {
  const intervals = summary.intervals ?? [];
  if (intervals.length === 0) return null;
  const n = summary.replications ?? 0;
  const title =
    `Per shape over ${n} replication${n === 1 ? '' : 's'} ` +
    (n < 2 ? '(one replication: no interval; use --replications N)' : '(mean ± 95 % CI, Student t)');
  return {
    title,
    header: ['figure', ...intervals.map((shape) => shape.shape)],
    rows: figureRows(intervals, (shape) => [...shape.figures, ...(shape.cascade ?? [])], intervalCell),
  };
}

/**
 * One row per figure — the headline figures, then the cascade figures — that some column gives (node figures on nodes
 * with no size have none), headed by the figure's header: each column's cell by `cell`, `–` where it lacks the figure.
 */
function figureRows<Column, Interval extends FigureInterval<string>>(
  columns: readonly Column[],
  intervalsOf: (column: Column) => readonly Interval[],
  cell: (interval: Interval) => string,
): string[][] {
  const figures = [...RUN_FIGURES, ...CASCADE_FIGURES].filter((figure) =>
    columns.some((column) => intervalsOf(column).some((f) => f.key === figure.key)),
  );
  return figures.map((figure) => [
    figure.header,
    ...columns.map((column) => {
      const interval = intervalsOf(column).find((f) => f.key === figure.key);
      return interval === undefined ? '–' : cell(interval);
    }),
  ]);
}

/**
 * The paired differences against the baseline (headline figures, then cascade figures when given): one row per figure
 * some shape gives, one column per shape
 * other than the baseline, each cell `+mean ± half` scaled as the figure reads (` n.s.` when the interval
 * holds 0), `–` where the shape does not give the figure. Null without paired differences.
 */
export function pairedTable(summary: ComparisonSummary): PairedTable | null {
  const paired = summary.paired ?? [];
  if (paired.length === 0) return null;
  const n = summary.replications ?? 0;
  const title =
    `Paired differences vs ${summary.baseline} over ${n} replication${n === 1 ? '' : 's'} on the same seeds ` +
    (n < 2
      ? '(one replication: no interval; use --replications N)'
      : '(mean ± 95 % CI; n.s. = not significant: the interval holds 0)');
  return {
    title,
    header: ['figure', ...paired.map((p) => `${p.shape} − ${summary.baseline}`)],
    rows: figureRows(paired, (p) => [...p.differences, ...(p.cascade ?? [])], formatDifference),
  };
}

/**
 * A paired difference as `+mean ± half` scaled as its figure reads, ` n.s.` appended when its interval holds 0, at the
 * decimals it needs (`intervalDecimals`, as every interval table): a half-width above 0 never prints as 0, and the
 * printed numbers agree with the significance (|mean| > half exactly when significant), so that no row reads as
 * `0.00 ± 0.00` while significant. Without an interval (one replication), the mean alone.
 */
export function formatDifference(d: PairedDifference<string>): string {
  const { mean, half } = formatInterval(d);
  const signed = d.mean > 0 ? `+${mean}` : mean;
  if (d.halfWidth === null) return signed;
  return `${signed} ${half}` + (d.significant === false ? ' n.s.' : '');
}
