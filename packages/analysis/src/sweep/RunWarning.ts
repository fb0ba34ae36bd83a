// The warnings of a sweep's or a boundary search's runs, each once: how many runs gave it and the first point that
// did (runs at every point often give the same one, e.g. a fault after the end of a shortened run).

import type { Override } from '../overrides/SetAxis.js';

/** One distinct warning of the runs simulated now. */
export interface RunWarning {
  /** The warning, as the run gave it (`SimulationResult.warnings`). */
  message: string;
  /** How many of the runs simulated now gave it. */
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
