// Which retry conditions allow retrying an attempt's outcome (Envoy `retry_on` semantics).

import type { AttemptResult } from '../config/AttemptResult.js';
import type { RetryCondition } from '../config/CallPolicy.js';

// Local breaker refusals are never retried (Envoy does not retry its own overflow); 429 and 403 are 4xx.
const SERVER_ERRORS: ReadonlySet<AttemptResult> = new Set<AttemptResult>([
  'error',
  'rejected',
  'connect-failure',
  'reset',
  'per-try-timeout',
  'no-endpoints',
  'deadline-exceeded',
  'bad-gateway',
  'gateway-timeout',
]);
const GATEWAY_ERRORS: ReadonlySet<AttemptResult> = new Set<AttemptResult>([
  'rejected',
  'connect-failure',
  'reset',
  'per-try-timeout',
  'no-endpoints',
  'deadline-exceeded',
  'bad-gateway',
  'gateway-timeout',
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
