// Names of the policy counters the retry budgets, circuit breakers and outlier detectors report (event counts
// and times in a state); ports/PolicyCounters.ts has the helpers that add one into a PolicyCounters record.

/** A retry a budget, throttle or quota (`destination.retryBudget`) refused. */
export const RETRY_BUDGET_DENIED = 'retry-budget-denied';
/** A retry a budget, throttle or quota (`destination.retryBudget`) let through. */
export const RETRY_BUDGET_ADMITTED = 'retry-budget-admitted';
/**
 * A retry Envoy's `max_retries` circuit breaker (`connectionPool.maxRetries`) refused: Envoy's
 * `upstream_rq_retry_overflow`. Not a budget's refusal; admissions by it are not counted (they are the edge's retries).
 */
export const RETRY_OVERFLOW = 'retry-overflow';
/** An attempt failed locally (`breaker-open`) because an Envoy connection-pool threshold was full. */
export const BREAKER_OVERFLOW = 'breaker-overflow';
/** Transitions into `open`, over every breaker (error-rate breakers and per-endpoint failure accrual). */
export const BREAKER_OPENED = 'breaker-opened';
/** Failure-accrual transitions into `open` (an endpoint marked unavailable); a subset of `breaker-opened`. */
export const FAILURE_ACCRUAL_EJECTIONS = 'failure-accrual-ejections';
/** Probe attempts let through while a breaker was half-open. */
export const BREAKER_HALF_OPEN_PROBES = 'breaker-half-open-probes';

/** Calls the calling application re-issued itself (`appRetry`), each a new call on the edge. */
export const APP_RETRIES = 'app-retries';

/** Time (`timeMs`) spent `open` [ms], summed over every breaker. */
export const BREAKER_OPEN_TIME = 'breaker-open';
/** Time (`timeMs`) hosts spent ejected by outlier detection [ms], summed over hosts (host·ms). */
export const OUTLIER_EJECTED_HOST_TIME = 'outlier-ejected-host';
