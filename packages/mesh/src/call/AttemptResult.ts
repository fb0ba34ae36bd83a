// How one attempt of a call ended, and which retry conditions allow retrying it.

import type { RetryCondition } from '../config/SimulationConfig.js';

/** Outcome of one attempt. */
export type AttemptResult =
  | 'ok'
  | 'error' // 500 from the application
  | 'rejected' // 503: server queue full
  | 'connect-failure'
  | 'reset'
  | 'per-try-timeout'
  | 'no-endpoints'
  | 'breaker-open' // local 503: a client-side circuit breaker or threshold refused the attempt
  | 'rate-limited' // 429 from the server's rate limiter
  | 'denied' // 403 from an authorization policy
  | 'deadline-exceeded'; // 504: the server dropped work whose propagated deadline had passed

// Local breaker refusals are never retried (Envoy does not retry its own overflow); 429 and 403 are 4xx.
const SERVER_ERRORS: ReadonlySet<AttemptResult> = new Set<AttemptResult>([
  'error',
  'rejected',
  'connect-failure',
  'reset',
  'per-try-timeout',
  'no-endpoints',
  'deadline-exceeded',
]);
const GATEWAY_ERRORS: ReadonlySet<AttemptResult> = new Set<AttemptResult>([
  'rejected',
  'connect-failure',
  'reset',
  'per-try-timeout',
  'no-endpoints',
  'deadline-exceeded',
]);

/**
 * Whether `result` may be retried under `retryOn` (Envoy `x-envoy-retry-on` semantics, docs/policies.md):
 * `5xx` covers every failure here; `gateway-error` covers 502/503/504 (overflow, per-try timeout,
 * connect failure, no endpoints, reset) but not a 500; the specific conditions cover only themselves.
 */
export function isRetryable(result: AttemptResult, retryOn: readonly RetryCondition[]): boolean {
  if (result === 'ok') return false;
  for (const condition of retryOn) {
    switch (condition) {
      case '5xx':
        if (SERVER_ERRORS.has(result)) return true;
        break;
      case 'gateway-error':
        if (GATEWAY_ERRORS.has(result)) return true;
        break;
      case 'connect-failure':
        if (result === 'connect-failure' || result === 'no-endpoints') return true;
        break;
      case 'reset':
        // Envoy: "the upstream server does not respond at all (disconnect/reset/read timeout)".
        if (result === 'reset' || result === 'connect-failure') return true;
        break;
      case 'overflow':
        if (result === 'rejected') return true;
        break;
      case 'per-try-timeout':
        if (result === 'per-try-timeout') return true;
        break;
    }
  }
  return false;
}
