// Names of the policyEvents counters the retry budgets and circuit breakers report, and the helper
// that adds a counter into a PolicyCounters record.

import type { PolicyCounters } from '../ports/PolicyCounters.js';

/** A retry a budget, throttle, quota or concurrent-retry limit refused. */
export const RETRY_BUDGET_DENIED = 'retry-budget-denied';
/** A retry a budget, throttle, quota or concurrent-retry limit let through. */
export const RETRY_BUDGET_ADMITTED = 'retry-budget-admitted';
/** An attempt failed locally (`breaker-open`) because an Envoy connection-pool threshold was full. */
export const BREAKER_OVERFLOW = 'breaker-overflow';
/** Transitions into `open`, over every breaker (error-rate breakers and per-endpoint failure accrual). */
export const BREAKER_OPENED = 'breaker-opened';
/** Total time spent `open` [ms], summed over every breaker. */
export const BREAKER_OPEN_MS = 'breaker-open-ms';
/** Failure-accrual transitions into `open` (an endpoint marked unavailable); a subset of `breaker-opened`. */
export const FAILURE_ACCRUAL_EJECTIONS = 'failure-accrual-ejections';
/** Probe attempts let through while a breaker was half-open. */
export const BREAKER_HALF_OPEN_PROBES = 'breaker-half-open-probes';

/** Adds `amount` to counter `name` in `into`. */
export function addCount(into: PolicyCounters, name: string, amount: number): void {
  into[name] = (into[name] ?? 0) + amount;
}
