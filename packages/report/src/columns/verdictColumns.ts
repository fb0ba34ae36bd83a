// The columns of a verdict row (the run's, then each traffic source's): verdict (and whether it is lossy), goodput
// ratios, when it degraded and recovered, how long it stayed down — text headers, CSV names and OpenMetrics samples.

import type { Diagnosis, SourceDiagnosis, Verdict } from '@meshsim/analysis';

import { duration, percent } from '../internal/format.js';
import type { Column, ColumnTable, MetricFamily } from './Column.js';
import { maxOf } from '@meshsim/mesh';

/** One row: the run (`scope` = `run`) or a traffic source (`scope` of {@link sourceScopes}: its name, or `name → entry`…). */
export interface VerdictRow {
  scope: string;
  verdict: Verdict;
  /** A recovered verdict whose reference goodput loses calls throughout (docs/analysis.md#lossy). */
  lossy: boolean;
  referenceRatio: number | null;
  minRatio: number | null;
  finalRatio: number | null;
  degradedAtMs: number | null;
  recoveredAtMs: number | null;
  recoveryMs: number | null;
  stillDownMs: number | null;
  /**
   * The share of its offered calls that piled up when its calls pile up (docs/analysis.md#calls-piling-up): the
   * source's `backlog.growthRatio`; the run's, the largest of its sources'; null when none pile up.
   */
  backlogGrowthRatio: number | null;
  reason: string;
}

/**
 * A verdict as the text and HTML show it: `stable (lossy)` for a lossy one (a recovered verdict whose reference
 * goodput loses calls throughout), else the verdict itself. Machine formats keep the verdict and a `lossy` flag apart.
 */
export function verdictLabel(verdict: Verdict, lossy: boolean): string {
  return lossy ? `${verdict} (lossy)` : verdict;
}

/** The info family of the verdicts (renderDiagnosis writes its samples: the verdict is a label). */
export const VERDICT: MetricFamily = {
  name: 'meshsim_verdict',
  type: 'info',
  help: 'The diagnosis of the run (scope="run") and of each traffic source: stable, degraded-recovered, metastable, unresolved or degraded; stopped for a run a guard stopped early (not diagnosed); lossy="true" when a recovered verdict loses calls throughout.',
};
const RECOVERY: MetricFamily = {
  name: 'meshsim_recovery_milliseconds',
  type: 'gauge',
  unit: 'milliseconds',
  help: 'Time from the end of the last trigger until goodput was back within the band for good (negative: before it ended).',
};
const STILL_DOWN: MetricFamily = {
  name: 'meshsim_still_down_milliseconds',
  type: 'gauge',
  unit: 'milliseconds',
  help: 'How long after the last trigger ended goodput was still below the band, at the end of the run.',
};
const GOODPUT: MetricFamily = {
  name: 'meshsim_goodput_ratio',
  type: 'gauge',
  unit: 'ratio',
  help: 'Successful calls per offered call of a traffic source: reference (before the triggers), lowest window, last window.',
};

/** The scope of the run's own verdict row. */
export const RUN_SCOPE = 'run';

/**
 * The scope of each source, in order, unique and never the run's (`run`): its name; `name → entry service` when
 * several sources share the name (one load generator sending to many entries) or the name is `run`; and, for a
 * label still taken (two sources of one name into one entry, a source named `a → api` beside `a`, …), ` #2`, ` #3`…
 * after its second and later holders.
 */
export function sourceScopes(sources: readonly Pick<SourceDiagnosis, 'source' | 'to'>[]): string[] {
  const named = new Map<string, number>();
  for (const s of sources) named.set(s.source, (named.get(s.source) ?? 0) + 1);
  const taken = new Set([RUN_SCOPE]);
  return sources.map((s) => {
    const label =
      (named.get(s.source) ?? 0) > 1 || s.source === RUN_SCOPE ? `${s.source} → ${s.to}` : s.source;
    let scope = label;
    for (let k = 2; taken.has(scope); k++) scope = `${label} #${k}`;
    taken.add(scope);
    return scope;
  });
}

/** The rows of a diagnosis: the run first, then each source. */
export function verdictRows(diagnosis: Diagnosis): VerdictRow[] {
  const scopes = sourceScopes(diagnosis.sources);
  const source = (s: SourceDiagnosis, i: number): VerdictRow => ({
    scope: scopes[i] ?? s.source,
    verdict: s.verdict,
    lossy: s.lossy,
    referenceRatio: s.referenceRatio,
    minRatio: s.minRatio,
    finalRatio: s.finalRatio,
    degradedAtMs: s.degradedAtMs,
    recoveredAtMs: s.recoveredAtMs,
    recoveryMs: s.recoveryMs,
    stillDownMs: s.stillDownMs,
    backlogGrowthRatio: s.backlog?.growthRatio ?? null,
    reason: s.reason,
  });
  const growths = diagnosis.sources.flatMap((s) => (s.backlog === null ? [] : [s.backlog.growthRatio]));
  return [
    {
      scope: RUN_SCOPE,
      verdict: diagnosis.verdict,
      lossy: diagnosis.lossy,
      referenceRatio: null,
      minRatio: null,
      finalRatio: null,
      degradedAtMs: null,
      recoveredAtMs: null,
      recoveryMs: diagnosis.recoveryMs,
      stillDownMs: diagnosis.stillDownMs,
      backlogGrowthRatio: growths.length === 0 ? null : maxOf(growths, 0),
      reason: diagnosis.reason,
    },
    ...diagnosis.sources.map(source),
  ];
}

function ratioColumn(
  key: 'referenceRatio' | 'minRatio' | 'finalRatio',
  header: string,
  csv: string,
  window: string,
): Column<VerdictRow> {
  return {
    key,
    read: (row) => row[key],
    text: { header, format: (ratio) => percent(ratio, 1) },
    csv: { name: csv },
    metric: { family: GOODPUT, sample: GOODPUT.name, labels: [['window', window]] },
  };
}

function msColumn(
  key: 'degradedAtMs' | 'recoveredAtMs' | 'recoveryMs' | 'stillDownMs',
  header: string,
  csv: string,
): Column<VerdictRow> {
  return {
    key,
    // A trigger that never ends leaves recovery times infinite: shown as missing.
    read: (row) => (row[key] === null || !Number.isFinite(row[key]) ? null : row[key]),
    text: { header, format: duration },
    csv: { name: csv },
  };
}

/** The verdict table. */
export const VERDICT_COLUMNS: ColumnTable<VerdictRow> = {
  columns: [
    { key: 'scope', read: (row) => row.scope, text: { header: 'scope' }, csv: { name: 'scope' } },
    {
      key: 'verdict',
      read: (row) => row.verdict,
      // Exported as the label of meshsim_verdict_info (an info metric), not as a value.
      csv: { name: 'verdict' },
    },
    // The verdict as people read it (`stable (lossy)`); the CSV keeps the verdict and the flag apart.
    {
      key: 'verdictLabel',
      read: (row) => verdictLabel(row.verdict, row.lossy),
      text: { header: 'verdict' },
    },
    // A label of meshsim_verdict_info too.
    { key: 'lossy', read: (row) => String(row.lossy), csv: { name: 'lossy' } },
    ratioColumn('referenceRatio', 'reference goodput (%)', 'reference_goodput_ratio', 'reference'),
    ratioColumn('minRatio', 'lowest (%)', 'min_goodput_ratio', 'min'),
    ratioColumn('finalRatio', 'final (%)', 'final_goodput_ratio', 'final'),
    msColumn('degradedAtMs', 'degraded at', 'degraded_at_ms'),
    msColumn('recoveredAtMs', 'recovered at', 'recovered_at_ms'),
    {
      ...msColumn('recoveryMs', 'recovery', 'recovery_ms'),
      metric: { family: RECOVERY, sample: RECOVERY.name },
    },
    {
      ...msColumn('stillDownMs', 'still down', 'still_down_ms'),
      metric: { family: STILL_DOWN, sample: STILL_DOWN.name },
    },
    {
      key: 'backlogGrowthRatio',
      read: (row) => row.backlogGrowthRatio,
      csv: { name: 'backlog_growth_ratio' },
    },
    { key: 'reason', read: (row) => row.reason, csv: { name: 'reason' } },
  ],
  metricFamilies: [VERDICT, RECOVERY, STILL_DOWN, GOODPUT],
  metricLabels: (row) => [['scope', row.scope]],
};
