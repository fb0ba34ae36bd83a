// Error-percentage circuit breaker per (caller, destination), Hystrix / resilience4j style: opens on
// a high failure rate over a rolling window, fails attempts fast while open, then probes.

import type { AttemptResult } from '../../config/AttemptResult.js';
import type { ErrorRateBreakerConfig } from '../../config/PolicyConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import { isPolicyFailure } from '../policyFailure.js';
import { BREAKER_HALF_OPEN_PROBES, BREAKER_OPENED, BREAKER_OPEN_TIME } from '../policyEvents.js';
import { addCount, addTimeMs } from '../../ports/PolicyCounters.js';
import { checkFields } from '../../config/rules/checkFields.js';
import { ERROR_RATE_BREAKER_RULES } from '../../config/rules/errorRateBreakerRules.js';
import { BreakerStateMachine } from './BreakerState.js';
import type { BreakerState, BreakerTransitionListener } from './BreakerState.js';
import { RollingCounts } from './RollingCounts.js';

/** Buckets of the rolling window (Hystrix's default `metrics.rollingStats.numBuckets`). */
export const ERROR_RATE_BUCKETS = 10;

/**
 * Error-rate breaker over attempts (each attempt, first try or retry, is one request):
 * - closed: each ended attempt is recorded in a rolling window of `windowMs` (10 buckets); after a
 *   record, if `total ≥ minimumRequests` and `failed / total ≥ failureRateThreshold`, it opens for `openMs`.
 * - open: `admit` refuses every attempt with `breaker-open`; responses are ignored.
 * - half-open (after `openMs`): `admit` lets `halfOpenProbes` attempts start, then refuses. Each
 *   response while probes are out counts as a probe result: a failure reopens for `openMs`; once
 *   `halfOpenProbes` successes are in, it closes with an empty window.
 */
export class ErrorRateBreaker implements ClientPolicy {
  readonly name = 'error-rate-breaker';
  private readonly machine: BreakerStateMachine;
  private readonly window: RollingCounts;
  private probesStarted = 0;
  private probesOut = 0;
  private probeSuccesses = 0;
  private probesTotal = 0;

  constructor(
    private readonly config: ErrorRateBreakerConfig,
    path = 'errorRateBreaker',
    listener: BreakerTransitionListener | null = null,
  ) {
    checkFields(ERROR_RATE_BREAKER_RULES, config, path);
    this.machine = new BreakerStateMachine(listener);
    this.window = new RollingCounts(config.windowMs, ERROR_RATE_BUCKETS);
  }

  /** The breaker's state at `nowMs`. */
  stateAt(nowMs: number): BreakerState {
    return this.machine.stateAt(nowMs);
  }

  admit(_isRetry: boolean, nowMs: number): AttemptResult | null {
    switch (this.machine.stateAt(nowMs)) {
      case 'closed':
        return null;
      case 'open':
        return 'breaker-open';
      case 'half-open':
        return this.probesStarted < this.config.halfOpenProbes ? null : 'breaker-open';
    }
  }

  onAttemptStart(_instance: Instance, _isRetry: boolean, nowMs: number): void {
    if (this.machine.stateAt(nowMs) !== 'half-open') return;
    this.probesStarted++;
    this.probesOut++;
    this.probesTotal++;
  }

  onAttemptEnd(
    _instance: Instance,
    result: AttemptResult | 'timeout',
    _latencyMs: number,
    nowMs: number,
  ): void {
    const failed = isPolicyFailure(result);
    switch (this.machine.stateAt(nowMs)) {
      case 'closed': {
        const window = this.window;
        window.record(nowMs, failed);
        // PERF: with no failure in the window the rate is 0, below any threshold (> 0 by validation).
        if (
          window.failed > 0 &&
          window.total >= this.config.minimumRequests &&
          window.failed / window.total >= this.config.failureRateThreshold
        ) {
          this.trip(nowMs);
        }
        return;
      }
      case 'open':
        return;
      case 'half-open':
        if (this.probesOut === 0) return;
        this.probesOut--;
        if (failed) this.trip(nowMs);
        else if (++this.probeSuccesses >= this.config.halfOpenProbes) {
          this.machine.close(nowMs);
          this.window.reset();
        }
        return;
    }
  }

  collect(into: PolicyCounters, nowMs: number): void {
    addCount(into, BREAKER_OPENED, this.machine.timesOpened);
    addTimeMs(into, BREAKER_OPEN_TIME, this.machine.openMsAt(nowMs));
    addCount(into, BREAKER_HALF_OPEN_PROBES, this.probesTotal);
  }

  private trip(nowMs: number): void {
    this.machine.open(nowMs, this.config.openMs);
    this.probesStarted = 0;
    this.probesOut = 0;
    this.probeSuccesses = 0;
  }
}
