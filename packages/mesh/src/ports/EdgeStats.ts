// Counters and latency histograms of one caller→callee edge, overall and for the current interval.

import { LatencyHistogram } from '@meshsim/engine';
import type { FailureCause } from '../config/SimulationResult.js';
import type { PolicyCounterSource } from './PolicyCounters.js';

/** Mutable RED counters of one edge. Per-interval counters are reset by the time-series recorder. */
export class EdgeStats {
  calls = 0;
  attempts = 0;
  retries = 0;
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

  constructor(
    readonly source: string,
    readonly destination: string,
  ) {}

  recordStart(): void {
    this.calls++;
    this.inFlight++;
    this.intervalCalls++;
  }

  recordRetry(): void {
    this.retries++;
    this.intervalRetries++;
  }

  recordSuccess(latencyMs: number): void {
    this.succeeded++;
    this.inFlight--;
    this.intervalSucceeded++;
    this.latency.record(latencyMs);
    this.intervalLatency.record(latencyMs);
  }

  recordFailure(cause: FailureCause): void {
    this.failed++;
    this.inFlight--;
    this.intervalFailed++;
    this.failures[cause]++;
  }
}
