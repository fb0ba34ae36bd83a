// The worker-thread entry of the run pool: one task in, its outcome out (tinypool calls the default export). A run's
// error comes back as data (workerError.ts) so that the caller rethrows it with its class and fields.

import { isMeshShapeName } from '@meshsim/mesh';
import type { TelemetryOptions } from '@meshsim/mesh';

import { scenarioSource } from '../overrides/ScenarioSource.js';
import { executeRun } from './executeRun.js';
import type { RunGuardLimits } from './executeRun.js';
import type { RunOutcome, RunTask } from './RunTask.js';
import { toWorkerError } from './workerError.js';
import type { WorkerError } from './workerError.js';

/** What the pool sends a worker. */
export interface WorkerInput {
  file: string;
  text: string;
  task: RunTask;
  keepResult: boolean;
  /** Event guards of the run (plain numbers). */
  guards?: RunGuardLimits;
  /** What a kept result records besides (plain data). */
  telemetry?: TelemetryOptions;
  /** The mesh shapes registered in the calling thread (`meshShapeNames()`), to say which a worker lacks. */
  callerShapes?: readonly string[];
}

/** What a worker sends back: the run's outcome, or the error it threw. */
export type WorkerOutput = { outcome: RunOutcome } | { error: WorkerError };

/** Runs one task (see {@link executeRun}); an error comes back as `{ error }`. */
export default function runWorker(input: WorkerInput): WorkerOutput {
  try {
    return {
      outcome: executeRun(
        scenarioSource(input.file, input.text),
        input.task,
        input.keepResult,
        input.guards,
        input.telemetry,
      ),
    };
  } catch (thrown) {
    const error = toWorkerError(thrown);
    const hint = registeredShapeHint(error.message, input.callerShapes ?? []);
    return { error: hint === null ? error : { ...error, message: `${error.message}\n${hint}` } };
  }
}

/**
 * The hint for an error that names a shape the caller registered and this worker lacks (a registry is per thread:
 * `registerMeshShape` in the caller does not reach the pool's threads); null for any other error.
 */
function registeredShapeHint(message: string, callerShapes: readonly string[]): string | null {
  const missing = callerShapes.filter(
    (name) => !isMeshShapeName(name) && message.includes(JSON.stringify(name)),
  );
  if (missing.length === 0) return null;
  const names = missing.map((name) => JSON.stringify(name)).join(', ');
  return (
    `mesh shape ${names} was registered with registerMeshShape in the calling thread only: a worker thread has ` +
    'only the built-in shapes (each thread has its own registry); run it with workers: 0 (meshsim --workers 0)'
  );
}
