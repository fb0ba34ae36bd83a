// The hook interface every client-side policy implements (breakers, budgets, outlier detection, ...).
// An UpstreamClient (one per caller × destination, like an Envoy cluster) runs its policies in order.

import type { AttemptResult } from '../config/AttemptResult.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import type { Instance } from '../server/Instance.js';
import type { AttemptCounts } from './AttemptCounts.js';

/** The `name` of the outlier detector's policy (policies/OutlierDetector.ts): what a client's detectors are told by. */
export const OUTLIER_DETECTION_POLICY = 'outlier-detection';

/**
 * A client-side policy. Every hook is optional; hooks run in the order the policies were added.
 * Times are the engine's clock [ms].
 */
export interface ClientPolicy {
  /** Name used in warnings and counters, e.g. `envoy-circuit-breaker`. */
  readonly name: string;
  /**
   * Policies that read how many attempts their caller has outstanding (Envoy's thresholds and retry
   * limits) get the caller's counts here, once, when its client is built: the client counts each
   * attempt once for all of them, so they need no `onAttemptStart`/`onAttemptEnd` of their own.
   */
  useAttemptCounts?(counts: AttemptCounts): void;
  /**
   * Called before an attempt is sent. Return a local failure (`'breaker-open'`) to stop it there:
   * the attempt then fails immediately without leaving the caller.
   */
  admit?(isRetry: boolean, nowMs: number): AttemptResult | null;
  /** Whether a retry may be made now (budgets, concurrent-retry limits). */
  allowRetry?(nowMs: number): boolean;
  /**
   * False when no endpoint can be unavailable now (nothing ejected, no breaker open), so picks may skip
   * `isAvailable`. Policies that do not implement it are always asked.
   */
  mayExclude?(nowMs: number): boolean;
  /** Whether `instance` may be picked now (outlier ejection, failure accrual). */
  isAvailable?(instance: Instance, nowMs: number): boolean;
  /**
   * When `instance` may be available again [ms]: `nowMs` or earlier if it is now; a later time when its state may
   * change then (a reconnect due). For a balancer queue's rechecks; absent: the policy cannot tell.
   */
  readyAgainAtMs?(instance: Instance, nowMs: number): number;
  /** The attempt was admitted and sent to `instance`. */
  onAttemptStart?(instance: Instance, isRetry: boolean, nowMs: number): void;
  /**
   * The caller stopped waiting for the attempt: a response arrived, or a per-try/overall timeout
   * fired (`'per-try-timeout'` / `'timeout'`). `latencyMs` is the attempt's duration.
   * `retryOf`: when this attempt was a retry, the result of the attempt it retried; null for a
   * call's first attempt (retry budgets use it to tell retries apart and to price them).
   */
  onAttemptEnd?(
    instance: Instance,
    result: AttemptResult | 'timeout',
    latencyMs: number,
    nowMs: number,
    retryOf: AttemptResult | null,
  ): void;
  /** A call (all its attempts) started / ended. */
  onCallStart?(nowMs: number): void;
  onCallEnd?(succeeded: boolean, nowMs: number): void;
  /** Adds this policy's counters (e.g. denied retries, ejections) into `into`. */
  collect?(into: PolicyCounters, nowMs: number): void;
}
