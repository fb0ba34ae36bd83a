// Runs one task in the current thread: resolve the scenario with the task's overrides and seed, simulate,
// diagnose, and reduce the result to figures and edge rows. What the worker threads call.

import { simulate } from '@meshsim/mesh';
import type { SimulateOptions, SimulationConfig, SimulationResult, TelemetryOptions } from '@meshsim/mesh';

import { diagnose } from '../diagnosis/diagnose.js';
import { serviceDepths, edgeDepth } from '../internal/diagnosis/callDepths.js';
import { resolveWithOverrides } from '../overrides/resolveWithOverrides.js';
import type { ScenarioSource } from '../overrides/ScenarioSource.js';
import { runFigures } from '../replications/RunFigures.js';
import type { EdgeRow, RunOutcome, RunTask } from './RunTask.js';

/**
 * The guards a run on the pool can carry: plain numbers (a worker thread cannot call back into the
 * caller), so the event guards of `simulate` and not a wall-time or heap hook.
 */
export type RunGuardLimits = Pick<SimulateOptions, 'maxEvents' | 'maxEventsAtOneInstant'>;

/**
 * Simulates `task` and returns its outcome (deterministic: the same source and task give the same outcome).
 * @param keepResult - Also return the full result (as `task.keepResult` does).
 * @param guards - Event guards of the run; `simulate`'s defaults otherwise.
 * @param telemetry - What a kept result records besides (e.g. traces); nothing for a result not kept.
 */
export function executeRun(
  source: ScenarioSource,
  task: RunTask,
  keepResult = task.keepResult === true,
  guards: RunGuardLimits = {},
  telemetry: TelemetryOptions = {},
): RunOutcome {
  const config = { ...resolveWithOverrides(source, task.overrides), seed: task.seed };
  const options = keepResult ? { ...guards, telemetry } : guards;
  return runOutcome(task, config, simulate(config, options), keepResult);
}

/**
 * The outcome of `task` from a run already simulated (`result` = `simulate(config)`), e.g. replication 0
 * of `meshsim run`, simulated in the main thread with a progress bar.
 */
export function runOutcome(
  task: RunTask,
  config: SimulationConfig,
  result: SimulationResult,
  keepResult = false,
): RunOutcome {
  const depths = serviceDepths(config);
  const sources = new Set(config.traffic.map((t) => t.name));
  const edges: EdgeRow[] = result.edges.map((edge) => ({
    source: edge.source,
    destination: edge.destination,
    depth: edgeDepth(edge.source, depths, sources) ?? 0,
    calls: edge.calls,
    attempts: edge.attempts,
    retries: edge.retries,
    succeeded: edge.succeeded,
    failed: edge.failed,
    timeouts: (edge.failures.timeout ?? 0) + (edge.failures['per-try-timeout'] ?? 0),
    successRatio: edge.successRate,
    // No successful call, no percentile: NULL in the store, not a 0 that an AVG over runs would count.
    p50Ms: edge.latency.count > 0 ? edge.latency.p50Ms : null,
    p99Ms: edge.latency.count > 0 ? edge.latency.p99Ms : null,
  }));
  return {
    key: task.key,
    point: task.point,
    replication: task.replication,
    overrides: task.overrides,
    seed: task.seed,
    scenario: result.scenario.name,
    mesh: result.scenario.mesh,
    durationMs: result.scenario.durationMs,
    events: result.events,
    figures: runFigures(result),
    diagnosis: diagnose(config, result),
    edges,
    warnings: [...result.warnings],
    ...(keepResult && { result }),
  };
}
