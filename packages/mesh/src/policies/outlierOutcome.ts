// How outlier detection classifies an attempt's result, following how Envoy's router reports results
// to its outlier detector when `split_external_local_origin_errors` is false (the default).

import type { AttemptResult } from '../config/AttemptResult.js';

/**
 * `success`: not a 5xx (a 2xx, or a 4xx such as 429 / 403); `5xx`: a 500 from the application;
 * `gateway`: a 502/503/504 — also a 5xx, and additionally a gateway failure.
 */
export type OutlierOutcome = 'success' | '5xx' | 'gateway';

/**
 * The outcome outlier detection records for an attempt result. Mapping (Envoy reports local-origin
 * events as HTTP codes when errors are not split): `error` → 500; `rejected`, `breaker-open`,
 * `no-endpoints` → 503; `connect-failure` and `reset` → 503 (local-origin connect failure);
 * `per-try-timeout`, `timeout` and `deadline-exceeded` → 504 (local-origin timeout); `bad-gateway`
 * (502), `service-unavailable` (503) and `gateway-timeout` (504) answered by a service whose dependency failed → gateway;
 * `ok`, `rate-limited` (429) and `denied` (403) → success.
 */
export function outlierOutcome(result: AttemptResult | 'timeout'): OutlierOutcome {
  switch (result) {
    case 'ok':
    case 'rate-limited':
    case 'denied':
      return 'success';
    case 'rejected':
    case 'breaker-open':
    case 'no-endpoints':
    case 'connect-failure':
    case 'reset':
    case 'per-try-timeout':
    case 'timeout':
    case 'deadline-exceeded':
    case 'bad-gateway':
    case 'service-unavailable':
    case 'gateway-timeout':
      return 'gateway';
    default:
      // `error` (500), and any failure kind added later: a plain 5xx.
      return '5xx';
  }
}
