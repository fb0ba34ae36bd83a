// The worker-thread entry of the run pool: one task in, its outcome out (tinypool calls the default export).

import type { TelemetryOptions } from '@meshsim/mesh';

import { scenarioSource } from '../overrides/ScenarioSource.js';
import { executeRun } from './executeRun.js';
import type { RunGuardLimits } from './executeRun.js';
import type { RunOutcome, RunTask } from './RunTask.js';

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
}

/** Runs one task (see {@link executeRun}). */
export default function runWorker(input: WorkerInput): RunOutcome {
  return executeRun(
    scenarioSource(input.file, input.text),
    input.task,
    input.keepResult,
    input.guards,
    input.telemetry,
  );
}
