// The paired differences of a comparison with replications, as table data (title, header, rows of cells)
// and the sentence saying what the shape table is then: one source for the text and the HTML report.

import { RUN_FIGURES } from '@meshsim/analysis';
import type { PairedDifference } from '@meshsim/analysis';

import { formatInterval } from '../renderReplications.js';
import type { ComparisonSummary } from '../summarizeComparison.js';
import { groupedFixed } from './format.js';

/** The most decimals a paired difference is printed with, however small it is. */
const MAX_DECIMALS = 12;

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
    'the paired differences below: all of them'
  );
}

/**
 * The paired differences against the baseline: one row per figure some shape gives, one column per shape
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
  // A figure no shape gives (node figures on nodes with no size) has no row.
  const figures = RUN_FIGURES.filter((figure) =>
    paired.some((p) => p.differences.some((d) => d.key === figure.key)),
  );
  return {
    title,
    header: ['figure', ...paired.map((p) => `${p.shape} − ${summary.baseline}`)],
    rows: figures.map((figure) => [
      figure.header,
      ...paired.map((p) => {
        const d = p.differences.find((x) => x.key === figure.key);
        return d === undefined ? '–' : formatDifference(d);
      }),
    ]),
  };
}

/**
 * A paired difference as `+mean ± half` scaled as its figure reads, ` n.s.` appended when its interval holds 0. The
 * figure's decimals, or more where a small difference needs them: a half-width above 0 never prints as 0, and the
 * printed numbers agree with the significance (|mean| > half exactly when significant), so that no row reads as
 * `0.00 ± 0.00` while significant. Without an interval (one replication), the mean alone.
 */
export function formatDifference(d: PairedDifference): string {
  const info = RUN_FIGURES.find((f) => f.key === d.key);
  const scale = info?.scale ?? 1;
  let decimals = info?.decimals ?? 3;
  if (d.halfWidth === null) {
    const { mean } = formatInterval(d);
    return d.mean > 0 ? `+${mean}` : mean;
  }
  const mean = d.mean * scale;
  const half = d.halfWidth * scale;
  const rounded = (value: number, places: number): number => Number(value.toFixed(places));
  const readsRight = (places: number): boolean => {
    const m = Math.abs(rounded(mean, places));
    const h = rounded(half, places);
    return (half === 0 || h > 0) && (d.significant === true) === m > h;
  };
  while (decimals < MAX_DECIMALS && !readsRight(decimals)) decimals++;
  const printed = groupedFixed(mean, decimals);
  return (
    `${d.mean > 0 ? `+${printed}` : printed} ± ${groupedFixed(half, decimals)}` +
    (d.significant === false ? ' n.s.' : '')
  );
}
