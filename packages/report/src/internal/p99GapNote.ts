// The comparison's note when a shape's single-run end-to-end p99 is unstable (it falls in a gap of the latencies,
// `p99Gap`), or an edge's: the added p99 can change by up to the gap from seed to seed — so it points to
// `--replications`; the HTML chart marks those bars, the per-edge tables those cells (`!`).

import type { ComparisonSummary, EdgeLatencyDelta } from '../summarizeComparison.js';
import { ms, signedMs } from './format.js';
import { P99_GAP_FACTOR } from './p99Gap.js';
import type { P99Gap } from './p99Gap.js';

/** `p98.5 21.0 ms, p99.5 4,480 ms`. */
function gapText(gap: P99Gap): string {
  return `p98.5 ${ms(gap.p985Ms)} ms, p99.5 ${ms(gap.p995Ms)} ms`;
}

/** With more than one replication, where the table's single runs are summed up; else how to get that. */
function replicationsAdvice(summary: ComparisonSummary): string {
  const n = summary.replications ?? 0;
  return n >= 2
    ? `the table shows the first of the ${n} replications: the paired differences below give its mean ± 95 % CI`
    : 'run --replications N for its mean ± 95 % CI and whether the difference is significant';
}

/** The shapes whose added p99 is unstable: those whose own p99 is, or every other shape when the baseline's is. */
export function unstableAddedP99(summary: ComparisonSummary): string[] {
  const baseUnstable = summary.shapes.some((s) => s.shape === summary.baseline && s.p99Gap !== null);
  return summary.shapes
    .filter((s) => s.shape !== summary.baseline && (baseUnstable || s.p99Gap !== null))
    .map((s) => s.shape);
}

/**
 * The flag of each shape's added p99 bar in the HTML chart (same order as `summary.shapes`): why it is unstable, or
 * null for a stable one.
 */
export function addedP99Flags(summary: ComparisonSummary): (string | null)[] {
  const unstable = new Set(unstableAddedP99(summary));
  const base = summary.shapes.find((s) => s.shape === summary.baseline)?.p99Gap ?? null;
  return summary.shapes.map((s) => {
    if (!unstable.has(s.shape)) return null;
    const gap = s.p99Gap ?? base;
    const whose = s.p99Gap === null ? `${summary.baseline}'s` : "this run's";
    return gap === null
      ? null
      : `unstable: ${whose} p99 falls in a gap of the latencies (${gapText(gap)}); run --replications N`;
  });
}

/** A cell of the added latency per edge: `+0.5 / -1,580`, marked ` !` when the added p99 is unstable. */
export function edgeLatencyCell(edge: EdgeLatencyDelta | undefined): string {
  if (edge === undefined) return '–';
  return `${signedMs(edge.addedP50Ms)} / ${signedMs(edge.addedP99Ms)}${edge.addedP99Unstable ? ' !' : ''}`;
}

/** The sentence on the edges whose added p99 is marked, or null when none is. */
function edgeNote(summary: ComparisonSummary): string | null {
  if (!summary.shapes.some((s) => s.edges.some((e) => e.addedP99Unstable))) return null;
  return (
    "In the added latency per edge, a p99 marked ! is unstable the same way: its edge's 98.5th and 99.5th " +
    `percentiles are more than ${P99_GAP_FACTOR}× apart under that shape or the baseline, so one run's added p99 ` +
    `there can change by as much from seed to seed; ${replicationsAdvice(summary)}.`
  );
}

/** The note — on the end-to-end p99, then on the edges' — or null when no p99 is unstable. */
export function p99GapNote(summary: ComparisonSummary): string | null {
  const headline = endToEndNote(summary);
  const edges = edgeNote(summary);
  return headline === null ? edges : edges === null ? headline : `${headline} ${edges}`;
}

/** The sentence on the end-to-end p99, or null when no shape's is unstable. */
function endToEndNote(summary: ComparisonSummary): string | null {
  const gapped = summary.shapes.filter((s) => s.p99Gap !== null);
  if (gapped.length === 0) return null;
  const which = gapped.map((s) => `${s.shape} (${s.p99Gap === null ? '' : gapText(s.p99Gap)})`).join(', ');
  const shapes = unstableAddedP99(summary);
  const added =
    shapes.length === 0
      ? ''
      : ` — the added p99 vs ${summary.baseline} of ${shapes.join(', ')} can change by as much from seed to seed`;
  return (
    `One run's end-to-end p99 is unstable under ${which}: its 98.5th and 99.5th percentiles are more than ` +
    `${P99_GAP_FACTOR}× apart, so the p99 falls where the latencies jump (between fast and slow calls) and half a ` +
    `percent of the calls more or fewer on either side moves it across the gap${added}; ${replicationsAdvice(summary)}.`
  );
}
