// Counters and latency histograms of one caller→callee edge, overall and for the current interval.

import { LatencyHistogram } from '@meshsim/engine';
import type { FailureCause } from '../config/SimulationResult.js';
import type { PolicyCounterSource } from './PolicyCounters.js';

/** The index of the time series' current interval, shared by a run's edges; the recorder advances it. */
export interface IntervalClock {
  interval: number;
}

/**
 * Lateness (completion interval − offered interval) up to which a traffic source's successes are kept by offered
 * interval (`EdgeSeries.successesByLateness`): a success this late or later is only in `succeeded`, where it
 * completed. 64 intervals bound the memory per offered interval; a grace of normal latency longer than a minute (on
 * 1 s intervals) is beyond what the diagnosis attributes to the offered interval.
 */
export const MAX_LATENESS_INTERVALS = 64;

/** Mutable RED counters of one edge. Per-interval counters are reset by the time-series recorder. */
export class EdgeStats {
  calls = 0;
  attempts = 0;
  retries = 0;
  /** Calls the calling application re-issued itself (`appRetry`): each also counts in `calls`. */
  appRetries = 0;
  succeeded = 0;
  failed = 0;
  inFlight = 0;
  /** Calls offered by a source with `connections` and still waiting there for a free one (part of `inFlight`). */
  waiting = 0;
  /** Connections the edge's attempts made their pool open. */
  connectionsOpened = 0;
  readonly failures: Record<FailureCause, number> = {
    timeout: 0,
    'per-try-timeout': 0,
    rejected: 0,
    error: 0,
    'connect-failure': 0,
    reset: 0,
    'no-endpoints': 0,
    'breaker-open': 0,
    'rate-limited': 0,
    denied: 0,
    'deadline-exceeded': 0,
    'bad-gateway': 0,
    'service-unavailable': 0,
    'gateway-timeout': 0,
  };
  /** What reports policy counters on this edge: the upstream clients (one per caller instance). */
  readonly counterSources: PolicyCounterSource[] = [];
  readonly latency = new LatencyHistogram();
  // Current interval.
  intervalCalls = 0;
  intervalSucceeded = 0;
  intervalFailed = 0;
  intervalRetries = 0;
  readonly intervalLatency = new LatencyHistogram({ subBucketBits: 4 });
  /**
   * Successful calls by the interval goodput counts them in (`EdgeSeries.goodput`): the one the call was offered in
   * when it completed by the end of the next one, else the one it completed in. Indexed by interval; the recorder
   * pads it to the run's intervals.
   */
  readonly goodput: number[] = [];
  /**
   * Successful calls by offered interval and lateness (`EdgeSeries.successesByLateness`), kept on a traffic source's
   * entry edge only ({@link trackLateness}); null on every other edge.
   */
  byLateness: number[][] | null = null;

  constructor(
    readonly source: string,
    readonly destination: string,
    /** The series' current interval. @defaultValue an own clock at interval 0 (no series recorded) */
    private readonly clock: IntervalClock = { interval: 0 },
  ) {}

  /** Keeps {@link byLateness} from now on: called by the traffic source whose entry edge this is. */
  trackLateness(): void {
    this.byLateness ??= [];
  }

  /** Counts a call offered now; returns the interval it was offered in (for {@link recordSuccess}). */
  recordStart(): number {
    this.calls++;
    this.inFlight++;
    this.intervalCalls++;
    return this.clock.interval;
  }

  recordRetry(): void {
    this.retries++;
    this.intervalRetries++;
  }

  /** Counts a success; `offeredInterval`: the interval its call was offered in ({@link recordStart}'s). */
  recordSuccess(latencyMs: number, offeredInterval: number): void {
    this.succeeded++;
    this.inFlight--;
    this.intervalSucceeded++;
    this.latency.record(latencyMs);
    this.intervalLatency.record(latencyMs);
    const now = this.clock.interval;
    const counted = now - offeredInterval <= 1 ? offeredInterval : now;
    // PERF: at most one push per interval and edge; the array stays dense.
    const goodput = this.goodput;
    while (goodput.length <= counted) goodput.push(0);
    goodput[counted] = (goodput[counted] ?? 0) + 1;
    // PERF: inner edges stop at this null check; only a source's entry edge keeps the lateness of its successes.
    const byLateness = this.byLateness;
    if (byLateness !== null) {
      const lateness = now - offeredInterval;
      if (lateness < MAX_LATENESS_INTERVALS) {
        while (byLateness.length <= offeredInterval) byLateness.push([]);
        const counts = byLateness[offeredInterval] ?? [];
        while (counts.length <= lateness) counts.push(0);
        counts[lateness] = (counts[lateness] ?? 0) + 1;
      }
    }
  }

  recordFailure(cause: FailureCause): void {
    this.failed++;
    this.inFlight--;
    this.intervalFailed++;
    this.failures[cause]++;
  }
}
