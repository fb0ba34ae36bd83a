// The worker-thread entry of the run pool: one task in, its outcome out (tinypool calls the default export). The
// caller's shape modules are imported first; a run's error comes back as data (workerError.ts) so that the caller
// rethrows it with its class and fields.

import { isMeshShapeName } from '@meshsim/mesh';
import type { TelemetryOptions } from '@meshsim/mesh';

import { scenarioSource } from '../overrides/ScenarioSource.js';
import { executeRun } from './executeRun.js';
import { importShapeModules } from './shapeModules.js';
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
  /** The shape modules loaded in the calling thread (`loadedShapeModules()`), imported here before the run. */
  shapeModules?: readonly string[];
}

/** What a worker sends back: the run's outcome, or the error it threw. */
export type WorkerOutput = { outcome: RunOutcome } | { error: WorkerError };

/** Runs one task (see {@link executeRun}) after importing the caller's shape modules; an error comes back as `{ error }`. */
export default async function runWorker(input: WorkerInput): Promise<WorkerOutput> {
  try {
    await importShapeModules(input.shapeModules ?? []);
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
    const missing = missingShapes(error.message, input.callerShapes ?? []);
    if (missing.length === 0) return { error };
    // Said plainly, as a plain Error: the run's own error (an override refused, a scenario's unknown mesh) would name
    // a field the user may not have written.
    return {
      error: { className: 'Error', name: 'Error', message: missingShapeMessage(missing), fields: {} },
    };
  }
}

/** The shapes the caller registered that this worker lacks and that `message` names (`"kuma"`). */
function missingShapes(message: string, callerShapes: readonly string[]): string[] {
  return callerShapes.filter((name) => !isMeshShapeName(name) && message.includes(JSON.stringify(name)));
}

/**
 * Why a run failed on a worker: it names a shape registered in the calling thread only (a registry is per thread:
 * `registerMeshShape` in the caller does not reach the pool's threads), and what to do.
 */
function missingShapeMessage(missing: readonly string[]): string {
  const names = missing.map((name) => JSON.stringify(name)).join(', ');
  return (
    `mesh shape ${names} was registered with registerMeshShape in the main thread only: the worker threads that ` +
    'run the simulations have their own registry, without it. Load the module that registers it with ' +
    '--shape-module FILE (command line) or loadShapeModule(FILE) (library), which every worker imports too; ' +
    'or run in the main thread with --workers 0 (workers: 0)'
  );
}
