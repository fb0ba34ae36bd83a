// The context the column tables read a result with: the span its metrics cover (the configured
// duration, or where a guard stopped the run) and the stop itself, if any.

import type { RunStopped, SimulationResult } from '@meshsim/mesh';

import type { ColumnContext } from '../columns/Column.js';

/** The span a result's metrics cover [ms]: `stopped.atMs` for a run a guard stopped, else its duration. */
export function measuredMs(result: SimulationResult): number {
  return result.stopped?.atMs ?? result.scenario.durationMs;
}

/** The column context of `result`: rates per second of the span its metrics cover. */
export function columnContext(result: SimulationResult): ColumnContext {
  const stopped: RunStopped | undefined = result.stopped;
  return stopped === undefined
    ? { durationMs: result.scenario.durationMs }
    : { durationMs: stopped.atMs, stopped };
}
