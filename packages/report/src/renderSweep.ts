// Renders a sweep's per-point summary (settings, runs, verdicts, headline and cascade figures as mean ± 95 % CI, the
// runs a guard stopped early) and the boundary map of `--boundary` (where the verdict turns from recovered to not
// recovered), as text and JSON.

import { CASCADE_FIGURES, RUN_FIGURES } from '@meshsim/analysis';
import type {
  BoundaryMap,
  FigureInterval,
  OverrideValue,
  RunWarning,
  SweepPointSummary,
  SweepResult,
} from '@meshsim/analysis';

import { fixed, round } from './internal/format.js';
import { formatTable } from './internal/formatTable.js';
import { intervalCell } from './internal/intervalFormat.js';
import { verdictCounts } from './renderReplications.js';

/**
 * The figures a sweep's text table shows (the JSON has them all); the node figures only when the nodes have a size
 * (a capacity sweep: how node CPU and Pending pods move with the nodes or the load).
 */
const SWEEP_FIGURES = [
  'successRatio',
  'goodputRps',
  'endToEndP99Ms',
  'attemptsPerCall',
  'nodeCpuUtilisation',
  'pendingPods',
];

/**
 * The mesh's own cost, added when the grid varies the mesh (an axis on `mesh` or one of its fields): what the proxies
 * use (CPU, memory) and, with prices, what that costs — the figures a choice of mesh is made on.
 */
const MESH_AXIS_FIGURES = ['proxyCpuCores', 'proxyMemoryMiB', 'proxyCostPerMonthUsd'];

/** Whether one of the grid's axes is the mesh or a field of it (`mesh`, `mesh.shape`, `mesh.mtls`, …). */
function meshVaries(axes: readonly string[]): boolean {
  return axes.some((path) => path === 'mesh' || path.startsWith('mesh.'));
}

function cell(point: SweepPointSummary, key: string): string {
  const interval = point.figures.find((f) => f.key === key);
  return interval === undefined ? '–' : intervalCell(interval);
}

/** The cell of a point's cascade figure `key`: `–` where none of its runs gives it (no run recovered, say). */
function cascadeCell(point: SweepPointSummary, key: string): string {
  const interval = point.cascade.find((f) => f.key === key);
  return interval === undefined ? '–' : intervalCell(interval);
}

/** Intervals as the JSON has them, by key: `n`, `mean`, `halfWidth`, `min`, `max` (rounded to 6 decimals). */
function intervalsJson(intervals: readonly FigureInterval<string>[]): Record<string, object> {
  return Object.fromEntries(
    intervals.map((f) => [
      f.key,
      {
        n: f.n,
        mean: round(f.mean, 6),
        halfWidth: f.halfWidth === null ? null : round(f.halfWidth, 6),
        min: round(f.min, 6),
        max: round(f.max, 6),
      },
    ]),
  );
}

/** What the head line says of the stopped runs run again (` (2 stopped runs run again)`; nothing when none). */
function rerunNote(rerun: number): string {
  if (rerun === 0) return '';
  return ` (${rerun} stopped run${rerun === 1 ? '' : 's'} run again)`;
}

/**
 * What the head line says of the stopped runs kept as stored (` (1 stopped by a guard, kept: the same guards would
 * stop it again)`; nothing when none).
 */
function keptNote(kept: number): string {
  if (kept === 0) return '';
  return ` (${kept} stopped by a guard, kept: the same guards would stop ${kept === 1 ? 'it' : 'them'} again)`;
}

/** The stopped runs the store held, as the JSON has them: kept, and run again by why. */
function stoppedRunsJson(resumed: SweepResult['stoppedRuns']): {
  kept: number;
  rerun: Record<string, number>;
} {
  return { kept: resumed.kept, rerun: { ...resumed.rerun } };
}

/** What the head line says of the store's runs from another model revision (nothing when there are none). */
function outdatedNote(outdated: number): string {
  if (outdated === 0) return '';
  return ` (${outdated} run${outdated === 1 ? '' : 's'} of this scenario stored by another meshsim model not reused)`;
}

/** `zeno at 0 ms`: a run's stop, briefly. */
function stopText(stop: { reason: string; atMs: number }): string {
  return `${stop.reason} at ${round(stop.atMs, 3) ?? 0} ms`;
}

/**
 * The lines under the table naming the runs a guard stopped early (verdict `stopped`: not diagnosed, their figures
 * cover only the simulated time they reached); nothing when none did.
 */
function stoppedNote(result: SweepResult): string {
  const lines = result.summary.flatMap((point) =>
    point.stopped.map((stop) => {
      const values = point.values.map((v) => `${v.path}=${String(v.value)}`).join(' ');
      return `  point ${point.point}${values === '' ? '' : ` (${values})`}, replication ${stop.replication}: ${stopText(stop)}`;
    }),
  );
  if (lines.length === 0) return '';
  return (
    `\n\nStopped early by a guard (${lines.length} run${lines.length === 1 ? '' : 's'}; not diagnosed, their figures cover only the simulated time reached):\n` +
    lines.join('\n')
  );
}

/**
 * The line under the table explaining a negative recovery, as `run`'s diagnosis does (its recovery counts from the end
 * of the last trigger: negative, goodput was back while the trigger was still active); nothing when no run has one.
 */
function negativeRecoveryNote(result: SweepResult): string {
  const negative = result.summary.some((point) =>
    point.cascade.some((interval) => interval.key === 'recoveryMs' && interval.min < 0),
  );
  if (!negative) return '';
  return (
    '\n\nrecovery (s): counted from the end of the last trigger; negative: back within the band while the trigger was ' +
    'still active (a policy or the endpoint updates worked around it, though goodput left the band first)'
  );
}

/** What the head line says of the shard that ran (`; shard 2/4 has 4 of them`; nothing without a shard). */
function shardNote(result: SweepResult): string {
  if (result.shard === undefined) return '';
  const { index, count } = result.shard;
  return `; shard ${index}/${count} has ${result.tasks.length} of them`;
}

/**
 * The sweep as text: a line on what ran, then one row per grid point, then the runs stopped early and what a negative
 * recovery means (when some run has one).
 */
export function renderSweepText(result: SweepResult): string {
  const { plan } = result;
  const head =
    `Sweep: ${plan.points.length} point${plan.points.length === 1 ? '' : 's'} × ${plan.replications} replication${plan.replications === 1 ? '' : 's'}` +
    ` = ${plan.tasks.length} run${plan.tasks.length === 1 ? '' : 's'}${shardNote(result)}: ${result.ran} run now${rerunNote(result.rerun)}, ${result.skipped} already in the store` +
    keptNote(result.stoppedRuns.kept) +
    outdatedNote(result.outdated) +
    `\nFigures: mean ± 95 % CI (Student t) over the replications`;
  const axes = plan.axes.map((axis) => axis.path);
  const shown = meshVaries(axes) ? [...SWEEP_FIGURES, ...MESH_AXIS_FIGURES] : SWEEP_FIGURES;
  const figures = RUN_FIGURES.filter(
    (f) =>
      shown.includes(f.key) &&
      result.summary.some((point) => point.figures.some((interval) => interval.key === f.key)),
  );
  // The cascade figures that some point gives, after the verdicts' counts' figures.
  const cascade = CASCADE_FIGURES.filter((f) =>
    result.summary.some((point) => point.cascade.some((interval) => interval.key === f.key)),
  );
  const table = formatTable(
    [
      ...axes.map((header) => ({ header, align: 'left' as const })),
      { header: 'runs' },
      { header: 'verdicts', align: 'left' },
      // Right-aligned as every numeric column: a `mean ± half` cell is not a plain number, so it is said here.
      ...figures.map((f) => ({ header: f.header, align: 'right' as const })),
      ...cascade.map((f) => ({ header: f.header, align: 'right' as const })),
    ],
    result.summary.map((point) => [
      ...point.values.map((v) => String(v.value)),
      String(point.runs),
      verdictCounts(point.verdicts, point.runs, point.lossy),
      ...figures.map((f) => cell(point, f.key)),
      ...cascade.map((f) => cascadeCell(point, f.key)),
    ]),
  );
  return `${head}\n\n${table.trimEnd()}${stoppedNote(result)}${negativeRecoveryNote(result)}\n`;
}

/** The runs' distinct warnings as the JSON has them: the message, how many runs gave it, an example point. */
function warningsJson(
  warnings: readonly RunWarning[],
): { message: string; runs: number; example: Record<string, OverrideValue> }[] {
  return warnings.map((w) => ({
    message: w.message,
    runs: w.runs,
    example: Object.fromEntries(w.example.map((v) => [v.path, v.value])),
  }));
}

/** The sweep as JSON (docs/output-formats.md#sweep). */
export function renderSweepJson(result: SweepResult): string {
  const document = {
    schemaVersion: 1,
    points: result.plan.points.length,
    replications: result.plan.replications,
    runs: result.plan.tasks.length,
    shardRuns: result.tasks.length,
    ran: result.ran,
    skipped: result.skipped,
    rerun: result.rerun,
    stoppedRuns: stoppedRunsJson(result.stoppedRuns),
    outdated: result.outdated,
    axes: result.plan.axes.map((a) => a.path),
    confidence: 0.95,
    warnings: warningsJson(result.warnings),
    warningsNotRecorded: result.warningsNotRecorded,
    summary: result.summary.map((point) => ({
      point: point.point,
      values: Object.fromEntries(point.values.map((v) => [v.path, v.value])),
      runs: point.runs,
      verdict: point.verdict,
      verdicts: point.verdicts,
      lossy: point.lossy,
      stopped: point.stopped.map((stop) => ({
        replication: stop.replication,
        reason: stop.reason,
        atMs: round(stop.atMs, 6),
      })),
      figures: intervalsJson(point.figures),
      cascade: intervalsJson(point.cascade),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/** Width of the strip drawn per row of the boundary map. */
const STRIP = 40;

function label(value: number, unit: string): string {
  return `${Number.isInteger(value) ? String(value) : fixed(value, 2)}${unit}`;
}

/**
 * The value of the bisected range that cell `i` of the strip stands for. On a range of whole numbers (both ends
 * whole: the search probes only whole numbers), a whole number: the strip is cut into one band per value (1..5: five
 * bands of 8 cells), so a bracket `1 – 2` draws 1 as recovering and 2 as not, with no `?` between two neighbours;
 * else the middle of the cell's span.
 */
function cellValue(i: number, lowEnd: number, highEnd: number): number {
  if (Number.isInteger(lowEnd) && Number.isInteger(highEnd)) {
    const values = highEnd - lowEnd + 1;
    return lowEnd + Math.floor(((i + 0.5) * values) / STRIP);
  }
  return lowEnd + ((highEnd - lowEnd) * (i + 0.5)) / STRIP;
}

/**
 * The boundary map as text: per point of the other axes, the bracket where the verdict turns, and a strip
 * over the bisected range — `.` where the run recovers, `#` where it does not, `?` between the probes.
 */
export function renderBoundaryMapText(map: BoundaryMap): string {
  const { lowEnd, highEnd, unit } = map;
  const at = (i: number): number => cellValue(i, lowEnd, highEnd);
  const rows = map.boundaries.map((b) => {
    const strip = Array.from({ length: STRIP }, (_, i) => {
      const x = at(i);
      if (b.status === 'recovers') return '.';
      if (b.status === 'fails') return '#';
      if (b.status === 'inverted') return '?';
      // Stopped or unresolved: what was bracketed before the unknown probe, unknown elsewhere.
      if (x <= (b.low ?? -Infinity)) return '.';
      if (x >= (b.high ?? Infinity)) return '#';
      return '?';
    }).join('');
    const where =
      b.status === 'between'
        ? `${label(b.low ?? 0, unit)} – ${label(b.high ?? 0, unit)}`
        : b.status === 'recovers'
          ? `above ${label(highEnd, unit)}`
          : b.status === 'fails'
            ? `below ${label(lowEnd, unit)}`
            : b.status === 'stopped'
              ? `unknown: a run at ${label(b.stoppedAt ?? 0, unit)} stopped early` +
                (b.low === null ? '' : ` (${label(b.low, unit)} recovers)`)
              : b.status === 'unresolved'
                ? `unknown: a run at ${label(b.unresolvedAt ?? 0, unit)} was too short to tell (unresolved): run longer` +
                  (b.low === null ? '' : ` (${label(b.low, unit)} recovers)`)
                : 'none (recovers only at the high end)';
    return [...b.values.map((v) => String(v.value)), where, strip];
  });
  const head =
    `Recovery boundary on ${map.path} (${label(lowEnd, unit)}–${label(highEnd, unit)}): the value where the verdict turns from recovered` +
    ` (stable or degraded-recovered) to not recovered; ${map.ran} run${map.ran === 1 ? '' : 's'}${rerunNote(map.rerun)}, ${map.skipped} already in the store` +
    keptNote(map.stoppedRuns.kept) +
    outdatedNote(map.outdated) +
    `\n'.' recovers, '#' does not, '?' between the probes or unknown` +
    (map.boundaries.some((b) => b.status === 'stopped')
      ? `\nA guard stopped a run early where the boundary says unknown: not diagnosed, so the bisection of that row stopped there`
      : '') +
    (map.boundaries.some((b) => b.status === 'unresolved')
      ? `\nA run was too short to judge (unresolved: too short for a verdict, or too soon after its trigger to tell recovery ` +
        `from metastability) where the boundary says unknown: ` +
        `the bisection of that row stopped there; run longer (--duration)`
      : '');
  const table = formatTable(
    [
      ...map.axes.map((a) => ({ header: a.path, align: 'left' as const })),
      { header: 'boundary', align: 'left' },
      { header: `${label(lowEnd, unit)} … ${label(highEnd, unit)}`, align: 'left' },
    ],
    rows,
  );
  return `${head}\n\n${table}`;
}

/** The boundary map as JSON (docs/output-formats.md#boundary-map). */
export function renderBoundaryMapJson(map: BoundaryMap): string {
  return (
    JSON.stringify(
      {
        schemaVersion: 1,
        path: map.path,
        lowEnd: map.lowEnd,
        highEnd: map.highEnd,
        unit: map.unit,
        axes: map.axes.map((a) => a.path),
        ran: map.ran,
        skipped: map.skipped,
        rerun: map.rerun,
        stoppedRuns: stoppedRunsJson(map.stoppedRuns),
        outdated: map.outdated,
        warnings: warningsJson(map.warnings),
        warningsNotRecorded: map.warningsNotRecorded,
        boundaries: map.boundaries.map((b) => ({
          values: Object.fromEntries(b.values.map((v) => [v.path, v.value])),
          status: b.status,
          low: b.low,
          high: b.high,
          stoppedAt: b.stoppedAt,
          unresolvedAt: b.unresolvedAt,
          probes: b.probes,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
