// Options of a run: progress reports, the guards that stop a run that cannot finish (a Zeno loop, too
// many events) and the caller's hook for budgets the library cannot measure (wall time, heap).

import type { RunStopReason } from './config/SimulationResult.js';
import type { TelemetryOptions } from './config/Telemetry.js';

/** Events between two calls of {@link SimulateOptions.onCheck} (and of `onProgress` between simulated seconds): 2^16. */
export const CHECK_EVERY_EVENTS = 65_536;

/**
 * Default of {@link SimulateOptions.maxEventsAtOneInstant}: a million events without simulated time
 * advancing. The largest legitimate burst at one instant (every closed-loop user starting at 0 with a
 * zero-latency network, a wide fan-out of zero-time calls) is thousands to tens of thousands of
 * events; a loop reaches a million in under a second of wall time.
 */
export const DEFAULT_MAX_EVENTS_AT_ONE_INSTANT = 1_000_000;

/**
 * Default of {@link SimulateOptions.maxEvents}: a billion events, about 5–10 minutes of wall time at
 * the model's typical 2–3 million events per second. Every bundled scenario needs fewer than 20
 * million.
 */
export const DEFAULT_MAX_EVENTS = 1_000_000_000;

/** A stop asked for by {@link SimulateOptions.onCheck}. */
export interface ExternalStop {
  reason: Extract<RunStopReason, 'wall-time' | 'heap'>;
  /** The budget that ran out: wall time [ms] or heap [bytes]. */
  limit: number;
  /** One line for people, e.g. `wall-time budget of 10 min used up`. */
  message: string;
}

/** Options of `simulate` and `Simulation`. All optional; without them a run goes to its duration unless a default guard trips. */
export interface SimulateOptions {
  /**
   * Called at the end of every series interval (every simulated second on a run of up to an hour) and every
   * {@link CHECK_EVERY_EVENTS} events (so also while simulated time stalls) with the simulated time reached [ms], the
   * duration to reach [ms] and the events fired.
   */
  onProgress?: (simulatedMs: number, totalMs: number, events: number) => void;
  /**
   * Stop the run (`stopped.reason: 'zeno'`) when more than this many events fire at one simulated
   * instant: time has stopped advancing. The result names the sources and edges that loop.
   * @defaultValue {@link DEFAULT_MAX_EVENTS_AT_ONE_INSTANT}
   */
  maxEventsAtOneInstant?: number;
  /** Stop the run (`stopped.reason: 'max-events'`) after this many events. @defaultValue {@link DEFAULT_MAX_EVENTS} */
  maxEvents?: number;
  /**
   * Called every {@link CHECK_EVERY_EVENTS} events with the events fired and the simulated time [ms];
   * return an {@link ExternalStop} to stop the run there. This is where a caller enforces wall-time and
   * heap budgets: the library itself never reads the clock, so a run without stops stays deterministic.
   */
  onCheck?: (events: number, simulatedMs: number) => ExternalStop | undefined;
  /** Request series and sampled traces to record in `result.telemetry`; nothing by default. */
  telemetry?: TelemetryOptions;
  /**
   * Interval of the time series (`result.timeSeries`) and of the request series' samples [ms], at least 1. Without it
   * the run chooses `seriesIntervalMs(durationMs)`: 1 s on a run of up to an hour, widened on a longer one so that no
   * series holds more than `MAX_SERIES_INTERVALS` values. One given here is kept whatever the run's length: memory
   * then grows with duration ÷ interval. The results besides the series (and the engine's event count: one event per
   * interval) are the same whatever the interval.
   * @defaultValue `seriesIntervalMs(config.durationMs)`
   */
  seriesIntervalMs?: number;
}
