// Per grid point of a sweep: its settings, how many runs, how many of each verdict, and each headline
// figure and cascade figure (recovery, lowest goodput, peak attempts per request) as mean ± 95 % CI over the replications.

import { CASCADE_FIGURES } from '../diagnosis/cascadeFigures.js';
import type { CascadeFigures } from '../diagnosis/cascadeFigures.js';
import type { DiagnosisStop, Verdict } from '../diagnosis/Diagnosis.js';
import { VERDICTS } from '../diagnosis/Diagnosis.js';
import type { Override } from '../overrides/SetAxis.js';
import { figureIntervals } from '../replications/FigureInterval.js';
import type { FigureInterval } from '../replications/FigureInterval.js';
import { RUN_FIGURES } from '../replications/RunFigures.js';
import type { StoredRun } from '../store/StoredRun.js';
import type { SweepPoint } from './planSweep.js';
import type { RunTask } from './RunTask.js';

/** The summary of one grid point. */
export interface SweepPointSummary {
  point: number;
  /** The point's own values, one per axis. */
  values: Override[];
  runs: number;
  /** Runs per verdict (every verdict present, 0 when none). */
  verdicts: Record<Verdict, number>;
  /** The most frequent verdict (ties: the more severe; `stopped` wins every tie). */
  verdict: Verdict | null;
  /**
   * Of `verdicts`, the runs that were lossy (docs/analysis.md#lossy), per verdict: only `stable` and
   * `degraded-recovered` can be; a run whose store did not record it counts as not lossy.
   */
  lossy: Record<Verdict, number>;
  /** The runs a guard stopped early (verdict `stopped`, not diagnosed), in replication order; empty when none. */
  stopped: (DiagnosisStop & { replication: number })[];
  figures: FigureInterval[];
  /**
   * The runs' cascade figures (docs/analysis.md#cascade-figures), each over the runs that give it (`n`: a recovery
   * only from the runs that recovered, none from a run stored before they were kept); one that no run gives is left
   * out.
   */
  cascade: FigureInterval<keyof CascadeFigures>[];
}

/** Counts of each verdict in `verdicts`. */
export function countVerdicts(verdicts: readonly Verdict[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const verdict of verdicts) counts[verdict] += 1;
  return counts;
}

/** The most frequent verdict; ties go to the more severe one; null for none. */
export function majorityVerdict(counts: Readonly<Record<Verdict, number>>): Verdict | null {
  let best: Verdict | null = null;
  for (const verdict of VERDICTS)
    if (counts[verdict] > 0 && (best === null || counts[verdict] >= counts[best])) best = verdict;
  return best;
}

/**
 * Summaries of `points` from the stored `runs` (points without runs — other shards' — are left out).
 * @param tasks - The plan's tasks: a run belongs to the point and replication of the task with its key. Without
 *   them, to the point and replication it was stored with — which a store another grid wrote numbers differently
 *   (`sweep` passes them).
 */
export function summarizeSweep(
  points: readonly SweepPoint[],
  runs: readonly StoredRun[],
  tasks?: readonly RunTask[],
): SweepPointSummary[] {
  const keys = RUN_FIGURES.map((f) => f.key);
  const taskOf = new Map(tasks?.map((task) => [task.key, task] as const));
  const placed = runs.map((run): StoredRun => {
    const task = taskOf.get(run.key);
    return task === undefined ? run : { ...run, point: task.point, replication: task.replication };
  });
  return points.flatMap((point) => {
    const mine = placed
      .filter((run) => run.point === point.index && (tasks === undefined || taskOf.has(run.key)))
      .sort((a, b) => a.replication - b.replication);
    if (mine.length === 0) return [];
    const verdicts = countVerdicts(mine.map((run) => run.verdict));
    return [
      {
        point: point.index,
        values: point.values,
        runs: mine.length,
        verdicts,
        verdict: majorityVerdict(verdicts),
        lossy: countVerdicts(mine.filter((run) => run.lossy === true).map((run) => run.verdict)),
        stopped: mine.flatMap((run) =>
          run.stopped === null ? [] : [{ replication: run.replication, ...run.stopped }],
        ),
        figures: figureIntervals(
          mine.map((run) => run.figures),
          keys,
        ),
        cascade: figureIntervals(
          mine.map((run) => run.cascade),
          CASCADE_FIGURES.map((f) => f.key),
        ),
      },
    ];
  });
}
