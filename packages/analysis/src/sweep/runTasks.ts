// Runs tasks on a pool of worker threads (tinypool) — or in this thread with `workers: 0` — and returns
// their outcomes in task order, so the output never depends on the number of workers or on timing.

import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';

import { meshShapeNames } from '@meshsim/mesh';
import type { TelemetryOptions } from '@meshsim/mesh';
import { Tinypool } from 'tinypool';

import type { ScenarioSource } from '../overrides/ScenarioSource.js';
import { executeRun } from './executeRun.js';
import type { RunGuardLimits } from './executeRun.js';
import type { RunOutcome, RunTask } from './RunTask.js';
import type { WorkerInput, WorkerOutput } from './runWorker.js';
import { loadedShapeModules } from './shapeModules.js';
import { fromWorkerError } from './workerError.js';

/** Options of {@link runTasks}. */
export interface RunTasksOptions {
  /**
   * Worker threads, an integer; 0 (or less) runs every task in this thread. @defaultValue the machine's available
   * parallelism
   */
  workers?: number;
  /** Return every run's full result too (large); else only for tasks with `keepResult`. @defaultValue false */
  keepResults?: boolean;
  /** Called as each run finishes (in completion order), e.g. to store it and draw progress. */
  onOutcome?: (outcome: RunOutcome, done: number, total: number) => void | Promise<void>;
  /** Aborts the runs not yet finished; `runTasks` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Event guards of every run (`maxEvents`, `maxEventsAtOneInstant`); `simulate`'s defaults otherwise. */
  guards?: RunGuardLimits;
  /** What the kept results record besides (e.g. `{ traceSampleRate }`); nothing by default. */
  telemetry?: TelemetryOptions;
}

/**
 * Checks a `workers` option: an integer (0 or less runs every task in this thread).
 * @throws RangeError naming the option and the value (NaN, 1.5, Infinity).
 */
export function checkWorkers(workers: number | undefined): void {
  if (workers !== undefined && !Number.isSafeInteger(workers)) {
    throw new RangeError(
      `workers must be an integer number of worker threads (0 or less: every run in this thread), got ${String(workers)}`,
    );
  }
}

/** The default number of workers: the machine's available parallelism. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Where the worker entry is: the compiled `runWorker.js` next to this module or — when this module runs
 * from TypeScript sources (tests, `tsx`) — a small module that registers tsx's loader in the worker and
 * then imports `runWorker.ts`.
 */
function workerEntry(): string {
  if (!import.meta.url.endsWith('.ts')) return new URL('./runWorker.js', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./runWorker.ts', import.meta.url).href;
  const code =
    `import { register } from ${JSON.stringify(tsx)}; register();` +
    ` const { default: run } = await import(${JSON.stringify(entry)}); export default run;`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

/**
 * Runs `tasks` and returns their outcomes in the order of `tasks`. Each run is deterministic, so the
 * outcomes are identical whatever the number of workers. Every worker imports the shape modules loaded with
 * `loadShapeModule` before its first run, so the shapes they register run there too.
 *
 * @throws RangeError when `workers` is not an integer; the first run's error (the other runs are stopped), or the
 *   abort reason. On worker threads the error keeps its class and fields (an `OverrideError` with its `problems`, a
 *   `ScenarioError` with its `issues`: as with `workers: 0`); one that names a mesh shape registered with
 *   `registerMeshShape` in this thread only (not by a loaded shape module) is replaced by an Error saying that the
 *   workers lack it (each thread has its own registry) and to load its module with `loadShapeModule` or run with
 *   `workers: 0`.
 */
export async function runTasks(
  source: ScenarioSource,
  tasks: readonly RunTask[],
  options: RunTasksOptions = {},
): Promise<RunOutcome[]> {
  checkWorkers(options.workers);
  const workers = options.workers ?? defaultWorkers();
  const keepAll = options.keepResults ?? false;
  const outcomes = new Array<RunOutcome>(tasks.length);
  let done = 0;
  // Outcome callbacks run one at a time, in completion order (a store writes one transaction at a time).
  let chain = Promise.resolve();
  const finished = (index: number, outcome: RunOutcome): Promise<void> => {
    outcomes[index] = outcome;
    chain = chain.then(async () => {
      done += 1;
      await options.onOutcome?.(outcome, done, tasks.length);
    });
    return chain;
  };

  if (workers <= 0 || tasks.length === 0) {
    for (const [index, task] of tasks.entries()) {
      options.signal?.throwIfAborted();
      await finished(
        index,
        executeRun(
          source,
          task,
          keepAll || task.keepResult === true,
          options.guards ?? {},
          options.telemetry,
        ),
      );
      // Let a Ctrl-C handler run between runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return outcomes;
  }

  const filename = workerEntry();
  const threads = Math.min(workers, tasks.length);
  const pool = new Tinypool({ filename, minThreads: threads, maxThreads: threads });
  const controller = new AbortController();
  // A shape registered in this thread is not in the workers' registries: a run that names one says so.
  const callerShapes = meshShapeNames();
  // The shape modules loaded here (loadShapeModule): each worker imports them before its first run.
  const shapeModules = loadedShapeModules();
  // Every queued run listens on the one signal.
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all(
      tasks.map(async (task, index) => {
        const input: WorkerInput = {
          file: source.file,
          text: source.text,
          task,
          keepResult: keepAll || task.keepResult === true,
          ...(options.guards !== undefined && { guards: options.guards }),
          ...(options.telemetry !== undefined && { telemetry: options.telemetry }),
          callerShapes,
          shapeModules,
        };
        const output = (await pool.run(input, { signal: controller.signal })) as WorkerOutput;
        // The run's error, rebuilt with its class and fields (as it is thrown with `workers: 0`).
        if ('error' in output) throw fromWorkerError(output.error);
        await finished(index, output.outcome);
      }),
    ).catch(async (error: unknown) => {
      controller.abort(error);
      // Let the outcome callback in progress (a store transaction) finish before giving up.
      await chain.catch(() => undefined);
      // Aborted by the caller: the pool rejects the runs it stopped with its own error; the caller's reason wins.
      options.signal?.throwIfAborted();
      throw error;
    });
    await chain;
    options.signal?.throwIfAborted();
    return outcomes;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
}
