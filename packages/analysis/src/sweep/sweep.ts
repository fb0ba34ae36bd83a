// Runs a planned sweep: this shard's tasks that the store does not have yet (or has only as stopped by a guard that
// would not stop it again), on the worker pool, each run written to the store as it finishes; then summarises every
// grid point from the store.

import type { Override, SetAxis } from '../overrides/SetAxis.js';
import type { ScenarioSource } from '../overrides/ScenarioSource.js';
import { OverrideError } from '../overrides/OverrideError.js';
import { ResultsStore } from '../store/ResultsStore.js';
import type { StoredRun } from '../store/StoredRun.js';
import { SWEEP_RUN_LIMIT, planSweep } from './planSweep.js';
import type { SweepPlan } from './planSweep.js';
import type { RunGuardLimits } from './executeRun.js';
import { planResume, rerunCount } from './resumeStopped.js';
import type { StoppedRunsResumed } from './resumeStopped.js';
import { storedWarnings } from './RunWarning.js';
import type { RunWarning } from './RunWarning.js';
import { checkWorkers, runTasks } from './runTasks.js';
import type { RunTask } from './RunTask.js';
import { inShard } from './Shard.js';
import type { Shard } from './Shard.js';
import { summarizeSweep } from './summarizeSweep.js';
import type { SweepPointSummary } from './summarizeSweep.js';

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** The grid's axes (`--set path=values`); none: one point. */
  axes?: readonly SetAxis[];
  /** Overrides on every point (`--seed`, `--duration`, single-valued `--set`). */
  fixed?: readonly Override[];
  /** Replications per point. @defaultValue 1 */
  replications?: number;
  /** Run only this slice. */
  shard?: Shard;
  /** Worker threads, an integer (0 or less: this thread). @defaultValue available parallelism */
  workers?: number;
  /** Where runs are stored (and found again on a re-run). @defaultValue a store in memory */
  store?: ResultsStore;
  /** Allow more than {@link SWEEP_RUN_LIMIT} runs. @defaultValue false */
  confirmLarge?: boolean;
  /**
   * Event guards of every run (`maxEvents`, `maxEventsAtOneInstant`); `simulate`'s defaults otherwise. A run a
   * guard stops is stored with verdict `stopped`, its stop (`stopped_reason`, `stopped_at_ms`) and these guards
   * (`stopped_guards`); a resumed sweep keeps it when its guards are the same (it would stop again at the same
   * event), else runs it again with its own and replaces it (see `rerunReason`).
   */
  guards?: RunGuardLimits;
  /** Called after each run. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** What {@link sweep} did. */
export interface SweepResult {
  plan: SweepPlan;
  /** The slice of the plan that ran (`options.shard`); absent: the whole plan. */
  shard?: Shard;
  /** This shard's tasks (the plan's, without a shard). */
  tasks: RunTask[];
  /** Runs simulated now, and runs found in the store already (resumed). */
  ran: number;
  skipped: number;
  /**
   * Of `ran`, the runs the store held as stopped by a guard (verdict `stopped`, not a result) that the guards now
   * could let go further: run again with this sweep's guards, their rows replaced (`stoppedRuns.rerun` says why).
   */
  rerun: number;
  /**
   * The stopped runs the store held for this sweep: kept (in `skipped`: stopped on an event guard with the same
   * event guards, so they would stop again at the same event) and run again, by why.
   */
  stoppedRuns: StoppedRunsResumed;
  /**
   * Runs of this scenario in the store from another model revision (an earlier meshsim): not reused, so
   * points they covered were simulated again.
   */
  outdated: number;
  /** This shard's runs, as stored. */
  runs: StoredRun[];
  summary: SweepPointSummary[];
  /**
   * The distinct warnings of this shard's runs — simulated now or found in the store (which keeps each run's), as a
   * sweep that ran them all now would give them —, each with how many gave it and the first point that did (in task
   * order).
   */
  warnings: RunWarning[];
  /**
   * Runs found in the store whose warnings it did not record (a store written by a meshsim from before they were
   * kept): not in `warnings`, which counts the other runs.
   */
  warningsNotRecorded: number;
}

/**
 * Plans and runs a sweep. Results are identical whatever the number of workers (each run is
 * deterministic, and rows are read back in a fixed order).
 *
 * @throws RangeError when `workers` is not an integer (before any store is touched); OverrideError for a bad override, or when the grid exceeds {@link SWEEP_RUN_LIMIT} runs without
 *   `confirmLarge`; the abort reason when `signal` aborts (runs already stored stay, each complete).
 * @example
 * ```ts
 * const source = readScenarioSource('retry-storm');
 * const result = await sweep(source, { axes: [parseSetOption('traffic.0.rate=200..800:200')], replications: 3 });
 * ```
 */
export async function sweep(source: ScenarioSource, options: SweepOptions = {}): Promise<SweepResult> {
  checkWorkers(options.workers);
  const axes = options.axes ?? [];
  const replications = options.replications ?? 1;
  const points = axes.reduce((n, axis) => n * axis.values.length, 1);
  if (points * replications > SWEEP_RUN_LIMIT && options.confirmLarge !== true) {
    throw new OverrideError([
      `the sweep has ${points * replications} runs (${points} points × ${replications} replications), over the limit of ${SWEEP_RUN_LIMIT}: confirm with --yes`,
    ]);
  }
  const plan = planSweep(source, axes, options.fixed ?? [], replications);
  const tasks = plan.tasks.filter((_, i) => inShard(i, options.shard));
  const store = options.store ?? (await ResultsStore.open(':memory:'));
  try {
    const stored = await store.keys();
    const outdated = await store.outdatedRuns(source.hash);
    const { todo, skipped, stopped } = planResume(tasks, stored, await store.stoppedRuns(), options.guards);
    options.onProgress?.(skipped, tasks.length);
    await runTasks(source, todo, {
      ...(options.workers !== undefined && { workers: options.workers }),
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.guards !== undefined && { guards: options.guards }),
      onOutcome: async (outcome, done) => {
        await store.write(outcome, source.hash, options.guards ?? {});
        options.onProgress?.(skipped + done, tasks.length);
      },
    });
    const runs = await store.runs(new Set(tasks.map((t) => t.key)));
    const warnings = storedWarnings(
      tasks.map((task) => ({ key: task.key, values: plan.points[task.point]?.values ?? [] })),
      new Map(runs.map((run) => [run.key, run] as const)),
    );
    return {
      plan,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      tasks,
      ran: todo.length,
      skipped,
      rerun: rerunCount(stopped),
      stoppedRuns: stopped,
      outdated,
      runs,
      summary: summarizeSweep(plan.points, runs, tasks),
      warnings: warnings.warnings,
      warningsNotRecorded: warnings.notRecorded,
    };
  } finally {
    if (options.store === undefined) store.close();
  }
}
