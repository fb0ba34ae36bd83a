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
  | 'no-endpoints';

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
        return true;
      case 'gateway-error':
        if (result !== 'error') return true;
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
