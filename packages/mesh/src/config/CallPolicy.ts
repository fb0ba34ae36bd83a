// The timeouts, retries and backoff of one caller→callee call, as plain data.

/** Retry trigger conditions, named after Envoy's `retry_on` values (see docs/policies.md). */
export type RetryCondition =
  | 'connect-failure' // no connection: instance down or unreachable
  | 'reset' // connection reset mid-request (instance crashed while serving), connect failure or per-try timeout
  | 'overflow' // a 503 the upstream answered: a full server queue, or a service or its sidecar answering 503
  | '5xx' // any 5xx, a reset, a connect failure or a per-try timeout
  | 'gateway-error' // 502/503/504, including per-try timeouts and connect failures
  | 'per-try-timeout'; // the attempt exceeded its per-try timeout

/**
 * Jitter applied to exponential backoff (Brooker 2015; see docs/policies.md). `linkerd` is linkerd2-proxy's own
 * (jitter ratio 1.0, the sum capped at max), which the `linkerd` shape sets; a scenario cannot write it.
 */
export type JitterKind = 'none' | 'full' | 'equal' | 'decorrelated' | 'linkerd';

/** Backoff between retry attempts. */
export interface BackoffPolicy {
  /** Base interval [ms]. */
  baseMs: number;
  /** Cap on any one wait [ms]. */
  maxMs: number;
  /** Jitter kind. */
  jitter: JitterKind;
}

/** Retries of one call. */
export interface RetryPolicy {
  /** Total tries including the first (1 = no retries). */
  maxAttempts: number;
  /** Conditions that allow a retry. */
  retryOn: readonly RetryCondition[];
  /** Wait before each retry. */
  backoff: BackoffPolicy;
  /**
   * True when the scenario wrote `retry` without `retryOn` (`retryOn` is then meshsim's default, `[5xx]`): a mesh
   * whose API fills an unwritten retryOn from its own default policy (Istio) uses that policy's conditions instead
   * (docs/scenario-format.md#timeouts-retries-and-backoff). @defaultValue false
   */
  retryOnUnwritten?: boolean;
}

/** Timeouts and retries of one caller→callee call. */
export interface CallPolicy {
  /** Overall timeout including retries [ms]; `Infinity` = none. */
  timeoutMs: number;
  /** Timeout of each attempt [ms]; `Infinity` = bounded only by the overall timeout. */
  perTryTimeoutMs: number;
  /** Retry policy. */
  retry: RetryPolicy;
  /**
   * True when the scenario wrote a `timeout` but neither `retry` nor `perTryTimeout` (`retry` is then no retry): a
   * mesh whose API keeps route timeouts and retries apart — Istio's VirtualService `timeout` and `retries` — keeps
   * its default retry for such a call (docs/scenario-format.md#timeouts-retries-and-backoff). @defaultValue false
   */
  retryUnwritten?: boolean;
}
