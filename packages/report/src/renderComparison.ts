// Renders a ComparisonSummary: one column per mesh shape (text), a documented JSON document, or CSV.

import { shapeAssumptions, shapeWarnings } from './internal/shapeWarnings.js';
import { comparisonNotes } from './internal/comparisonNotes.js';
import { edgeLatencyCell } from './internal/p99GapNote.js';
import { meshProfilesJson } from './internal/meshProfiles.js';
import type { JsonValue } from './renderJson.js';
import { CASCADE_KEYS, shapeColumns } from './columns/shapeColumns.js';
import { duration, round as roundNumber } from './internal/format.js';
import { escapeControls, formatTable } from './internal/formatTable.js';
import { csvTable } from './internal/csvTable.js';
import { comparisonMetricKeys } from './internal/comparisonMetricKeys.js';
import { overridesLine } from './internal/overridesLine.js';
import { firstReplicationLabel } from './internal/firstReplicationLabel.js';
import { figureCsvName } from './internal/figureCsvName.js';
import { intervalJson } from './renderReplications.js';
import { pickColumns } from './internal/pickColumns.js';
import { textCell } from './internal/textTable.js';
import { intervalTable, pairedTable, replicationsNote } from './internal/pairedTable.js';
import type { PairedTable } from './internal/pairedTable.js';
import { CASCADE_FIGURES, RUN_FIGURES } from '@meshsim/analysis';
import type { FigureInfo, FigureInterval, PairedDifference } from '@meshsim/analysis';
import type { Column } from './columns/Column.js';
import type { ComparisonSummary, ShapeSummary } from './summarizeComparison.js';

/** JSON schema version of `renderComparisonJson` output. */
export const COMPARISON_SCHEMA_VERSION = 1;

/**
 * The comparison as text: its head line (then the overrides, when there are some), a metrics table with one
 * column per shape, the added latency per edge, then the shapes whose run a guard stopped early, then each
 * shape's warnings (policies asked for that the shape cannot enforce).
 */
export function renderComparisonText(summary: ComparisonSummary): string {
  const shapes = summary.shapes;
  const context = { durationMs: summary.durationMs };
  const columns = [{ header: 'metric', align: 'left' as const }, ...shapes.map((s) => ({ header: s.shape }))];
  const sections: string[] = [];
  const replications = replicationsNote(summary);
  sections.push(
    `Compare ${summary.scenario}: seed ${String(summary.seed)}, duration ${duration(summary.durationMs)}, ` +
      `${shapes.length} mesh shape${shapes.length === 1 ? '' : 's'}, same arrivals and service times in every run; added latency vs ${summary.baseline}` +
      (summary.overrides.length === 0 ? '' : `\n${overridesLine(summary.overrides)}`) +
      // With replications, the table is one run per shape (the first seed); the paired differences below use them all.
      (replications === null ? '' : `\n${replications}`),
  );
  // One row per metric and one column per shape: the shape table, transposed.
  const metrics = pickColumns(shapeColumns(summary.baseline), comparisonMetricKeys(summary), 'text');
  sections.push(
    formatTable(
      columns,
      metrics.map((metric) => [
        metric.text?.header ?? metric.key,
        ...shapes.map((shape) => textCell(metric, metric.read(shape, context))),
      ]),
    ).trimEnd(),
  );
  for (const note of comparisonNotes(summary)) sections.push(`Note: ${note}`);
  const edgeKeys = shapes[0]?.edges.map((e) => `${e.source} → ${e.destination}`) ?? [];
  const first = firstReplicationLabel(summary);
  if (edgeKeys.length > 0) {
    sections.push(
      formatTable(
        [{ header: 'edge', align: 'left' }, ...shapes.map((s) => ({ header: `${s.shape} p50/p99 (ms)` }))],
        edgeKeys.map((key, i) => [key, ...shapes.map((s) => edgeLatencyCell(s.edges[i]))]),
        // With replications, one run per shape, as the HTML table's caption says.
        { title: `Added latency per edge vs ${summary.baseline}${first === null ? '' : ` — ${first}`}` },
      ).trimEnd(),
    );
  }
  const stopped = shapes.flatMap((s) =>
    s.stopped === undefined ? [] : [{ shape: s.shape, stop: s.stopped }],
  );
  if (stopped.length > 0) {
    sections.push(
      ['Stopped early (these columns cover only the simulated time reached):']
        .concat(
          stopped.map(
            ({ shape, stop }) =>
              `  [${shape}] ${stop.reason} at ${duration(stop.atMs)}: ${escapeControls(stop.message)}`,
          ),
        )
        .join('\n'),
    );
  }
  const intervals = intervalTable(summary);
  if (intervals !== null) sections.push(pairedText(intervals));
  const paired = pairedTable(summary);
  if (paired !== null) sections.push(pairedText(paired));
  const warnings = shapeWarnings(shapes);
  if (warnings.length > 0) {
    sections.push(
      ['Warnings (policies a shape cannot enforce, and other notes):']
        .concat(warnings.map((line) => `  ${escapeControls(line)}`))
        .join('\n'),
    );
  }
  const assumptions = shapeAssumptions(shapes);
  if (assumptions.length > 0) {
    sections.push(
      ['Assumptions (behind every shape unless [shapes] are named):']
        .concat(assumptions.map((line) => `  ${escapeControls(line)}`))
        .join('\n'),
    );
  }
  return sections.join('\n\n') + '\n';
}

/** The comparison as JSON (`schemaVersion` 1; numbers rounded for byte-stable output). */
export function renderComparisonJson(summary: ComparisonSummary): string {
  const round = (value: number | null): number | null => (value === null ? null : roundNumber(value, 6));
  const context = { durationMs: summary.durationMs };
  // The shape's numbers, laid out from the shape table; its edges and warnings follow.
  const verdicts = summary.shapes.some((s) => s.verdict !== undefined);
  const fields = shapeColumns(summary.baseline).columns.filter(
    (column) =>
      column.json !== undefined &&
      (verdicts || (column.key !== 'verdict' && !CASCADE_KEYS.includes(column.key))),
  );
  const document = {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    scenario: summary.scenario,
    seed: summary.seed,
    durationMs: summary.durationMs,
    overrides: summary.overrides,
    baseline: summary.baseline,
    // The scenario's faults within the run, and the notes the text prints under its table (the faults' among them).
    faults: summary.faults ?? [],
    notes: comparisonNotes(summary),
    shapes: summary.shapes.map((s) => ({
      ...Object.fromEntries(
        fields.flatMap((column): [string, JsonValue][] => {
          const value = column.read(s, context);
          const entry: [string, JsonValue] = [
            column.json?.name ?? column.key,
            typeof value === 'number' ? round(value) : value,
          ];
          // The boolean `lossy` right after the verdict it qualifies (the table's `lossy` is CSV text).
          return column.key === 'verdict' ? [entry, ['lossy', s.lossy ?? null]] : [entry];
        }),
      ),
      edges: s.edges.map((e) => ({
        source: e.source,
        destination: e.destination,
        p50Ms: round(e.p50Ms),
        p99Ms: round(e.p99Ms),
        addedP50Ms: round(e.addedP50Ms),
        addedP99Ms: round(e.addedP99Ms),
        addedP99Unstable: e.addedP99Unstable,
      })),
      warnings: s.warnings,
      assumptions: s.assumptions,
      ...(s.meshProfiles !== undefined && { meshProfiles: meshProfilesJson(s.meshProfiles, round) }),
      ...(s.stopped !== undefined && {
        stopped: { reason: s.stopped.reason, atMs: round(s.stopped.atMs), message: s.stopped.message },
      }),
    })),
    ...(summary.paired !== undefined && {
      replications: summary.replications ?? 0,
      confidence: 0.95,
      ...(summary.intervals !== undefined && {
        intervals: summary.intervals.map((shape) => ({
          shape: shape.shape,
          figures: shape.figures.map(intervalJson),
          ...(shape.cascade !== undefined && { cascade: shape.cascade.map(intervalJson) }),
        })),
      }),
      paired: summary.paired.map((p) => ({
        shape: p.shape,
        differences: p.differences.map(differenceJson),
        ...(p.cascade !== undefined && { cascade: p.cascade.map(differenceJson) }),
      })),
    }),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/** A paired difference as the comparison JSON has it (rounded to 6 decimals). */
function differenceJson(d: PairedDifference<string>): JsonValue {
  return {
    key: d.key,
    mean: roundNumber(d.mean, 6),
    halfWidth: d.halfWidth === null ? null : roundNumber(d.halfWidth, 6),
    significant: d.significant,
  };
}

/**
 * The comparison as CSV, one row per mesh shape: `shape`, the shape table's numbers (success ratio,
 * latencies and added latencies, retries, work per request, proxies and their CPU, memory and cost,
 * goodput, node CPU, throttling, connections, handshakes), `verdict` and `warnings` (columns listed in
 * docs/output-formats.md; added latencies are against the summary's baseline; a cell is empty where the
 * value does not exist). With paired differences (replications), those numbers are the first
 * replication's, and {@link pairedCsvColumns} follow: `replications`, then per headline figure the mean
 * and 95 % half-width of shape − baseline (empty on the baseline's row); then {@link intervalCsvColumns}: per
 * headline figure the shape's own mean and 95 % half-width over the replications.
 *
 * @param summary - The output of `summarizeComparison`.
 * @returns CSV text with a header row, ending with a newline.
 */
export function renderComparisonCsv(summary: ComparisonSummary): string {
  const shapes = shapeColumns(summary.baseline);
  const table =
    summary.paired === undefined
      ? shapes
      : { columns: [...shapes.columns, ...pairedCsvColumns(summary), ...intervalCsvColumns(summary)] };
  return csvTable(table, summary.shapes, { durationMs: summary.durationMs });
}

/**
 * The CSV columns of the paired differences: `replications` (on every row), then for every headline
 * figure (`RUN_FIGURES`, in their units: a ratio, not %; then `CASCADE_FIGURES` when the comparison has them) `<figure>_diff_mean` and `<figure>_diff_half_width`
 * of shape − baseline; empty on the baseline's row, where a shape does not give the figure, and (the
 * half-width) with one replication.
 */
export function pairedCsvColumns(summary: ComparisonSummary): Column<ShapeSummary>[] {
  const replications = summary.replications ?? 0;
  const difference = (shape: ShapeSummary, key: string): PairedDifference<string> | undefined => {
    const paired = summary.paired?.find((p) => p.shape === shape.shape);
    return [...(paired?.differences ?? []), ...(paired?.cascade ?? [])].find((d) => d.key === key);
  };
  return [
    { key: 'replications', read: () => replications, csv: { name: 'replications' } },
    ...meanAndHalfWidthColumns('Diff', difference, withCascade(summary)),
  ];
}

/**
 * The CSV columns of the intervals per shape: for every headline figure (`RUN_FIGURES`, in their units: a ratio,
 * not %; then `CASCADE_FIGURES` when the comparison has them) `<figure>_mean` and `<figure>_half_width` of the shape's own runs over the replications (as
 * `run --replications` gives them); empty where the shape does not give the figure, and (the half-width) with one
 * replication.
 */
export function intervalCsvColumns(summary: ComparisonSummary): Column<ShapeSummary>[] {
  const interval = (shape: ShapeSummary, key: string): FigureInterval<string> | undefined => {
    const intervals = summary.intervals?.find((s) => s.shape === shape.shape);
    return [...(intervals?.figures ?? []), ...(intervals?.cascade ?? [])].find((f) => f.key === key);
  };
  return meanAndHalfWidthColumns('', interval, withCascade(summary));
}

/** Whether the replications' intervals have the cascade figures (the comparison was given their diagnoses). */
function withCascade(summary: ComparisonSummary): boolean {
  return summary.intervals?.some((shape) => shape.cascade !== undefined) === true;
}

/**
 * For every headline figure, the columns `<figure>[_diff]_mean` and `<figure>[_diff]_half_width` of the interval
 * `find` gives for a shape (keys `<figure>[Diff]Mean`, `<figure>[Diff]HalfWidth`); empty where it gives none.
 */
function meanAndHalfWidthColumns(
  infix: '' | 'Diff',
  find: (shape: ShapeSummary, key: string) => FigureInterval<string> | undefined,
  cascade: boolean,
): Column<ShapeSummary>[] {
  const csvInfix = infix === '' ? '' : '_diff';
  const figures: readonly FigureInfo<string>[] = cascade ? [...RUN_FIGURES, ...CASCADE_FIGURES] : RUN_FIGURES;
  return figures.flatMap((figure): Column<ShapeSummary>[] => [
    {
      key: `${figure.key}${infix}Mean`,
      read: (shape) => find(shape, figure.key)?.mean ?? null,
      csv: { name: `${figureCsvName(figure.key)}${csvInfix}_mean` },
    },
    {
      key: `${figure.key}${infix}HalfWidth`,
      read: (shape) => find(shape, figure.key)?.halfWidth ?? null,
      csv: { name: `${figureCsvName(figure.key)}${csvInfix}_half_width` },
    },
  ]);
}

/**
 * A table of the replications (the intervals per shape, the paired differences) as text: one row per figure, one
 * column per shape.
 */
function pairedText(table: PairedTable): string {
  return formatTable(
    table.header.map((header, i) => ({ header, align: i === 0 ? ('left' as const) : ('right' as const) })),
    table.rows,
    { title: table.title },
  ).trimEnd();
}
