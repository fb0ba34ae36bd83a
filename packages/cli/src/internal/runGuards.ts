// The guards of `run` and `compare`: the flags that set them (--max-events, --max-events-per-instant,
// --max-wall-time, --max-heap), the simulate options that enforce them — the wall clock and the memory in use are
// read here, never by the library — and the lines printed when one stops a run (or some runs of a comparison).

import { getHeapStatistics } from 'node:v8';

import { DEFAULT_MAX_EVENTS, DEFAULT_MAX_EVENTS_AT_ONE_INSTANT } from '@meshsim/mesh';
import type { RunOutcome } from '@meshsim/analysis';
import type { ExternalStop, RunStopped, SimulateOptions } from '@meshsim/mesh';
import { escapeControls } from '@meshsim/report';
import { parseByteSize, parseDurationMs } from '@meshsim/scenario';

import { UsageError } from '../CliError.js';
import { stringFlag } from './flags.js';

/** Exit code of a run (or comparison) that a guard stopped early; its results are still printed. */
export const STOPPED_EXIT_CODE = 3;

/** Default wall-time budget of a run: 10 minutes. */
export const DEFAULT_MAX_WALL_TIME_MS = 600_000;

/** Default heap budget: this share of V8's heap limit (`node --max-old-space-size` raises the limit). */
export const DEFAULT_MAX_HEAP_SHARE = 0.8;

/** parseArgs options of the guard flags. */
export const GUARD_FLAGS = {
  'max-events': { type: 'string' },
  'max-events-per-instant': { type: 'string' },
  'max-wall-time': { type: 'string' },
  'max-heap': { type: 'string' },
} as const;

/** The guards of a run; Infinity = no limit. */
export interface RunGuards {
  maxEvents: number;
  maxEventsAtOneInstant: number;
  maxWallTimeMs: number;
  /** Budget of the memory in use (V8's heap and array buffers) [bytes], or a share of V8's heap limit. */
  maxHeap: { bytes: number } | { share: number };
}

/** The guards when no flag is given. */
export const DEFAULT_RUN_GUARDS: RunGuards = {
  maxEvents: DEFAULT_MAX_EVENTS,
  maxEventsAtOneInstant: DEFAULT_MAX_EVENTS_AT_ONE_INSTANT,
  maxWallTimeMs: DEFAULT_MAX_WALL_TIME_MS,
  maxHeap: { share: DEFAULT_MAX_HEAP_SHARE },
};

const UNLIMITED = 'unlimited';

function invalid(flag: string, text: string, expected: string, command: string): UsageError {
  return new UsageError(`invalid value for --${flag}: '${text}' (${expected})`, command);
}

/** A count >= 1: digits, or digits with an exponent (`1e9`), or `unlimited`. */
function parseCount(flag: string, text: string, command: string): number {
  const value = text.trim();
  if (value === UNLIMITED) return Infinity;
  const count = /^\d+(?:e\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1) {
    const why = value.startsWith('-') ? 'a limit cannot be negative; ' : '';
    throw invalid(
      flag,
      text,
      `${why}expected an integer >= 1 such as 1000000 or 1e9, or '${UNLIMITED}'`,
      command,
    );
  }
  return count;
}

function parseWallTime(text: string, command: string): number {
  const value = text.trim();
  if (value === UNLIMITED) return Infinity;
  let ms = Number.NaN;
  try {
    ms = parseDurationMs(value);
  } catch {
    // reported below
  }
  if (!(ms > 0) || !Number.isFinite(ms)) {
    const why = value.startsWith('-') ? 'a duration cannot be negative; ' : '';
    throw invalid(
      'max-wall-time',
      text,
      `${why}expected a duration > 0 such as 90s, 10m or 2h, or '${UNLIMITED}'`,
      command,
    );
  }
  return ms;
}

function parseHeap(text: string, command: string): RunGuards['maxHeap'] {
  const value = text.trim();
  if (value === UNLIMITED) return { bytes: Infinity };
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
  if (percent !== null) {
    const share = Number(percent[1]) / 100;
    if (share > 0 && share <= 1) return { share };
  } else {
    try {
      const bytes = parseByteSize(value);
      if (bytes > 0 && Number.isFinite(bytes)) return { bytes };
    } catch {
      // reported below
    }
  }
  throw invalid(
    'max-heap',
    text,
    `expected a size such as 1500Mi or 2Gi, a share of the V8 heap limit such as 80%, or '${UNLIMITED}'`,
    command,
  );
}

/**
 * Reads the guard flags of `command` (each may be `unlimited`); flags not given keep their defaults.
 * @throws {UsageError} naming the flag, the value and what is expected.
 */
export function parseRunGuards(
  values: Record<string, string | boolean | undefined>,
  command: string,
): RunGuards {
  const guards: RunGuards = { ...DEFAULT_RUN_GUARDS };
  const events = stringFlag(values, 'max-events');
  if (events !== undefined) guards.maxEvents = parseCount('max-events', events, command);
  const perInstant = stringFlag(values, 'max-events-per-instant');
  if (perInstant !== undefined) {
    guards.maxEventsAtOneInstant = parseCount('max-events-per-instant', perInstant, command);
  }
  const wall = stringFlag(values, 'max-wall-time');
  if (wall !== undefined) guards.maxWallTimeMs = parseWallTime(wall, command);
  const heap = stringFlag(values, 'max-heap');
  if (heap !== undefined) guards.maxHeap = parseHeap(heap, command);
  return guards;
}

/**
 * What the guards read from the process: a wall clock [ms], the memory in use ({@link memoryInUseBytes}) and V8's
 * heap limit [bytes].
 */
export interface GuardProbes {
  nowMs: () => number;
  memoryUsedBytes: () => number;
  heapLimitBytes: () => number;
}

/**
 * The memory the heap guard counts [bytes]: V8's heap in use plus the backing stores of array buffers (typed arrays,
 * Buffers), which live outside that heap — the latency histograms are Float64Arrays (docs/cli.md#guards-and-exit-code-3).
 */
export function memoryInUseBytes(usage: Pick<NodeJS.MemoryUsage, 'heapUsed' | 'arrayBuffers'>): number {
  return usage.heapUsed + usage.arrayBuffers;
}

/** The process's clock, memory in use and V8's heap limit. */
export const PROCESS_PROBES: GuardProbes = {
  nowMs: () => performance.now(),
  memoryUsedBytes: () => memoryInUseBytes(process.memoryUsage()),
  heapLimitBytes: () => getHeapStatistics().heap_size_limit,
};

/**
 * A heap size in the unit that shows its number: `1717986918` → `1.6 GiB`, `20971520` → `20.0 MiB` (below 1 GiB),
 * `1000` → `1.0 KiB` (below 1 MiB).
 */
export function heapSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * The simulate options that enforce `guards`: the event limits, and an `onCheck` that stops the run
 * when the wall time since this call passes the budget, or when the memory in use (V8's heap and array buffers)
 * stays above its budget for two checks in a row (one reading can include garbage the collector has not reclaimed
 * yet).
 */
export function guardOptions(
  guards: RunGuards,
  probes: GuardProbes = PROCESS_PROBES,
): Pick<SimulateOptions, 'maxEvents' | 'maxEventsAtOneInstant' | 'onCheck'> {
  const startedMs = probes.nowMs();
  const heapLimit = probes.heapLimitBytes();
  const heapBudget = 'bytes' in guards.maxHeap ? guards.maxHeap.bytes : guards.maxHeap.share * heapLimit;
  const heapSource =
    'bytes' in guards.maxHeap
      ? `the budget of ${heapSize(heapBudget)}`
      : `the budget of ${heapSize(heapBudget)} (${Math.round(guards.maxHeap.share * 100)} % of V8's heap limit of ${heapSize(heapLimit)})`;
  let overHeap = 0;
  return {
    maxEvents: guards.maxEvents,
    maxEventsAtOneInstant: guards.maxEventsAtOneInstant,
    onCheck: (): ExternalStop | undefined => {
      const wallMs = probes.nowMs() - startedMs;
      if (wallMs > guards.maxWallTimeMs) {
        return {
          reason: 'wall-time',
          limit: guards.maxWallTimeMs,
          message: `the wall-time budget of ${(guards.maxWallTimeMs / 1000).toFixed(1)} s is used up`,
        };
      }
      const used = probes.memoryUsedBytes();
      overHeap = used > heapBudget ? overHeap + 1 : 0;
      if (overHeap >= 2) {
        return {
          reason: 'heap',
          limit: heapBudget,
          message: `the memory in use (${heapSize(used)}: V8 heap and array buffers) passed ${heapSource}`,
        };
      }
      return undefined;
    },
  };
}

/** The flag that raises the limit behind each stop reason. */
const RAISE_FLAG: Readonly<Record<RunStopped['reason'], string>> = {
  zeno: '--max-events-per-instant',
  'max-events': '--max-events',
  'wall-time': '--max-wall-time',
  heap: '--max-heap',
};

/**
 * The stderr line of a run a guard stopped, e.g. `meshsim: run stopped early (zeno) at 0 ms simulated:
 * more than …; the results cover that span only (raise the limit with --max-events-per-instant)`. Without a
 * message (a run whose full result was not kept: only its diagnosis' reason and time reached) the line has none.
 * @param label - What stopped: `run`, or the shape in a comparison (`istio-sidecar run`).
 */
export function stoppedLine(
  stopped: Pick<RunStopped, 'reason' | 'atMs'> & { message?: string },
  label = 'run',
): string {
  // On one line: the message names traffic sources, whose names may hold a newline.
  const message = stopped.message === undefined ? '' : `: ${escapeControls(stopped.message)}`;
  return (
    `meshsim: ${label} stopped early (${stopped.reason}) at ${String(Math.round(stopped.atMs * 1000) / 1000)} ms simulated${message}; ` +
    `the results cover that span only (raise the limit with ${RAISE_FLAG[stopped.reason]} or '${UNLIMITED}')`
  );
}

/**
 * The stderr lines of a comparison's runs that a guard stopped, one per stopped run (shape and replication), by
 * shape then replication: from the full result where it was kept (its message included), else from the outcome's
 * diagnosis (`diagnosis.stopped`: every replication has one, not only the first). Empty when none stopped.
 * @param replications - Replications per shape: above 1, each label names the replication (1-based, `of N`).
 */
export function stoppedRunLines(outcomes: readonly RunOutcome[], replications: number): string[] {
  return [...outcomes]
    .sort((a, b) => a.point - b.point || a.replication - b.replication)
    .flatMap((outcome) => {
      const stop = outcome.result?.stopped ?? outcome.diagnosis.stopped;
      if (stop === undefined) return [];
      const label =
        replications > 1
          ? `${outcome.mesh} run (replication ${outcome.replication + 1} of ${replications})`
          : `${outcome.mesh} run`;
      return [stoppedLine(stop, label)];
    });
}
