// One run of a sweep (a grid point × a replication) and what it gives back: the figures, the diagnosis and
// per-edge rows — small, plain data that crosses worker threads and lands in the results store.

import type { SimulationResult } from '@meshsim/mesh';

import type { Diagnosis } from '../diagnosis/Diagnosis.js';
import type { Override } from '../overrides/SetAxis.js';
import type { RunFigures } from '../replications/RunFigures.js';

/** One run to do. */
export interface RunTask {
  /** Identity of the run in the store: SHA-256 of scenario hash, overrides, seed, model revision and registered shapes (see {@link runKey}). */
  key: string;
  /** Index of the grid point (the overrides' combination) and of the replication. */
  point: number;
  replication: number;
  /** The point's overrides (its `--set` values), sorted by path. */
  overrides: Override[];
  /** The run's seed (the replication's, derived from the point's root seed). */
  seed: number | string;
  /** Return the full result with the outcome (large: time series included). @defaultValue false */
  keepResult?: boolean;
}

/** One edge of a finished run (a row of the store's `edges` table). */
export interface EdgeRow {
  source: string;
  destination: string;
  /** Call depth (1: a traffic source's entry edge); 0 when no source reaches the caller. */
  depth: number;
  calls: number;
  attempts: number;
  retries: number;
  succeeded: number;
  failed: number;
  /** Calls that failed by `timeout` or `per-try-timeout`. */
  timeouts: number;
  /** succeeded / (succeeded + failed); null when no call completed (`EdgeMetrics.successRate`). */
  successRatio: number | null;
  /** p50 of successful calls [ms]; null when none succeeded (the result's summary then reads 0). */
  p50Ms: number | null;
  /** p99 of successful calls [ms]; null when none succeeded. */
  p99Ms: number | null;
}

/** What a run gives back. */
export interface RunOutcome {
  key: string;
  point: number;
  replication: number;
  overrides: Override[];
  seed: number | string;
  scenario: string;
  mesh: string;
  durationMs: number;
  events: number;
  figures: RunFigures;
  diagnosis: Diagnosis;
  edges: EdgeRow[];
  /** The run's warnings (`SimulationResult.warnings`): policies the shape cannot enforce, faults after the end, … */
  warnings: string[];
  /** The full result, only when asked for (it is large: time series included). */
  result?: SimulationResult;
}
