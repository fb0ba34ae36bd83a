// Whether a resumed sweep runs again a run the store holds as stopped by a guard: only when that could store
// something else — its event guards were other than this sweep's, or were not recorded (a store from an earlier
// meshsim), or it stopped on wall time or heap, which depend on the machine, not on the run.

import { DEFAULT_MAX_EVENTS, DEFAULT_MAX_EVENTS_AT_ONE_INSTANT } from '@meshsim/mesh';
import type { RunStopReason } from '@meshsim/mesh';

import type { RunGuardLimits } from './executeRun.js';
import type { RunTask } from './RunTask.js';

/** Stops that depend on the machine and its load, not on the run (a resumed sweep always runs such a run again). */
export const MACHINE_DEPENDENT_STOPS: readonly RunStopReason[] = ['wall-time', 'heap'];

/** A run the store holds as stopped by a guard (verdict `stopped`). */
export interface StoredStop {
  /** Why it stopped; null for a row that does not say. */
  reason: RunStopReason | null;
  /** The event guards it ran with, as {@link storedGuards} wrote them; null when the store did not record them. */
  guards: string | null;
}

/**
 * Why a resumed sweep runs a stopped run again: `guards-changed` (this sweep's event guards differ from those it
 * stopped under), `guards-not-recorded` (a store written before they were kept), `machine-dependent` (it stopped on
 * wall time or heap: another machine, or a less busy one, may finish it).
 */
export type RerunReason = 'guards-changed' | 'guards-not-recorded' | 'machine-dependent';

/** Every {@link RerunReason}, in reporting order. */
export const RERUN_REASONS: readonly RerunReason[] = [
  'guards-changed',
  'guards-not-recorded',
  'machine-dependent',
];

/** What a resumed sweep did with the stopped runs the store held for it. */
export interface StoppedRunsResumed {
  /**
   * Stopped runs kept as stored: they stopped on an event guard (`zeno`, `max-events`) with the same event guards
   * as this sweep's, so a run is deterministic and would stop again at the same event.
   */
  kept: number;
  /** Stopped runs run again (their rows replaced), by why. */
  rerun: Record<RerunReason, number>;
}

/** No stopped run kept or run again (what a sweep adds to). */
export function noStoppedRuns(): StoppedRunsResumed {
  return { kept: 0, rerun: { 'guards-changed': 0, 'guards-not-recorded': 0, 'machine-dependent': 0 } };
}

/** The event guards of a run with `simulate`'s defaults filled in (`Infinity`: no limit). */
export function resolveRunGuards(guards: RunGuardLimits = {}): Required<RunGuardLimits> {
  return {
    maxEvents: guards.maxEvents ?? DEFAULT_MAX_EVENTS,
    maxEventsAtOneInstant: guards.maxEventsAtOneInstant ?? DEFAULT_MAX_EVENTS_AT_ONE_INSTANT,
  };
}

/**
 * The event guards as the store records them (column `stopped_guards`): JSON with `simulate`'s defaults filled in
 * and `"unlimited"` for a guard that is off, e.g. `{"maxEvents":20000,"maxEventsAtOneInstant":1000000}`.
 */
export function storedGuards(guards: RunGuardLimits = {}): string {
  const { maxEvents, maxEventsAtOneInstant } = resolveRunGuards(guards);
  const limit = (value: number): number | 'unlimited' => (Number.isFinite(value) ? value : 'unlimited');
  return JSON.stringify({ maxEvents: limit(maxEvents), maxEventsAtOneInstant: limit(maxEventsAtOneInstant) });
}

/**
 * Why a sweep with `guards` runs `stop` again, or null to keep it: a stop on an event guard repeats exactly under
 * the same event guards (same key: same scenario, overrides, seed and model), so only other guards, guards not
 * recorded, or a stop on wall time or heap (not deterministic, and not a sweep's guard) run it again.
 */
export function rerunReason(stop: StoredStop, guards: RunGuardLimits = {}): RerunReason | null {
  if (stop.reason !== null && MACHINE_DEPENDENT_STOPS.includes(stop.reason)) return 'machine-dependent';
  if (stop.guards === null || stop.reason === null) return 'guards-not-recorded';
  return stop.guards === storedGuards(guards) ? null : 'guards-changed';
}

/** What to do with `tasks` when resuming from a store. */
export interface ResumePlan {
  /** The tasks to run: those the store does not have, and its stopped runs to run again. */
  todo: RunTask[];
  /** Tasks the store has already (its stopped runs kept included). */
  skipped: number;
  stopped: StoppedRunsResumed;
}

/**
 * Splits `tasks` into those to run and those the store has (`stored`: its keys; `stopped`: its stopped runs by
 * key), running a stopped run again only when {@link rerunReason} says why.
 */
export function planResume(
  tasks: readonly RunTask[],
  stored: ReadonlySet<string>,
  stopped: ReadonlyMap<string, StoredStop>,
  guards: RunGuardLimits = {},
): ResumePlan {
  const resumed = noStoppedRuns();
  const todo = tasks.filter((task) => {
    if (!stored.has(task.key)) return true;
    const stop = stopped.get(task.key);
    if (stop === undefined) return false;
    const why = rerunReason(stop, guards);
    if (why === null) resumed.kept += 1;
    else resumed.rerun[why] += 1;
    return why !== null;
  });
  return { todo, skipped: tasks.length - todo.length, stopped: resumed };
}

/** How many stopped runs were run again, whatever the reason. */
export function rerunCount(resumed: StoppedRunsResumed): number {
  return RERUN_REASONS.reduce((sum, why) => sum + resumed.rerun[why], 0);
}

/**
 * Whether a resumed sweep could keep `stop` as stored: it stopped on an event guard and its guards are recorded, so a
 * sweep under the same guards keeps it ({@link rerunReason} gives null or `guards-changed`, never another reason).
 * `sweep merge` prefers such a copy of a run to one no resume would keep.
 */
export function keepableStop(stop: StoredStop): boolean {
  const why = rerunReason(stop);
  return why === null || why === 'guards-changed';
}
