// The warnings of a sweep's or a boundary search's runs, each once: how many runs gave it and the first point that
// did (runs at every point often give the same one, e.g. a fault after the end of a shortened run). Read from the
// store, so the runs a resumed sweep found there count as they did when they ran.

import type { Override } from '../overrides/SetAxis.js';
import type { StoredRun } from '../store/StoredRun.js';

/** One distinct warning of a sweep's runs. */
export interface RunWarning {
  /** The warning, as the run gave it (`SimulationResult.warnings`). */
  message: string;
  /** How many of the runs gave it (of those whose warnings are known: the store may not have recorded some). */
  runs: number;
  /** The values of the first run that gave it (in task order): its point's axis values; empty for a single point. */
  example: Override[];
}

/**
 * The distinct warnings of `runs` (in the order given: task order, so the same whatever the workers), each with how
 * many runs gave it and the values of the first that did.
 */
export function collectWarnings(
  runs: readonly { warnings: readonly string[]; values: readonly Override[] }[],
): RunWarning[] {
  const byMessage = new Map<string, RunWarning>();
  for (const run of runs) {
    for (const message of new Set(run.warnings)) {
      const seen = byMessage.get(message);
      if (seen === undefined) byMessage.set(message, { message, runs: 1, example: [...run.values] });
      else seen.runs += 1;
    }
  }
  return [...byMessage.values()];
}

/** The warnings of a sweep's runs as the store holds them: each once, and how many runs it did not record them for. */
export interface StoredWarnings {
  warnings: RunWarning[];
  /** Runs whose warnings the store did not record (written by a meshsim from before they were kept): not counted. */
  notRecorded: number;
}

/**
 * The distinct warnings of `tasks` (in task order: the same whatever the workers, and whether a run was simulated now
 * or found in the store), read from their stored runs (`runs`, by key); a task whose run has no recorded warnings
 * is counted in `notRecorded`, not taken for a run without warnings.
 */
export function storedWarnings(
  tasks: readonly { key: string; values: readonly Override[] }[],
  runs: ReadonlyMap<string, StoredRun>,
): StoredWarnings {
  let notRecorded = 0;
  const known = tasks.flatMap((task) => {
    const warnings = runs.get(task.key)?.warnings ?? null;
    if (warnings === null) {
      notRecorded += 1;
      return [];
    }
    return [{ warnings, values: task.values }];
  });
  return { warnings: collectWarnings(known), notRecorded };
}
