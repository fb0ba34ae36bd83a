// Istio's default retry policy, applied by its Envoy proxies (sidecars, waypoints) to routes whose
// VirtualService sets no `retries`.

import { ENVOY_DEFAULT_BACKOFF } from '../../config/defaults.js';
import type { CallPolicy, RetryPolicy } from '../../config/CallPolicy.js';

/**
 * Istio's default retry policy when a VirtualService sets none: 2 retries on
 * connect-failure, refused-stream, unavailable, cancelled (istio/istio retry.go; current releases
 * no longer retry application 503s, PR #52111). In this model: connect failures and resets.
 */
export const ISTIO_DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  retryOn: ['connect-failure', 'reset'],
  backoff: ENVOY_DEFAULT_BACKOFF,
};

/** What an Istio proxy applies to calls that set no policy: no route timeout ("default is disabled"), Istio's default retry. */
export const ISTIO_DEFAULT_POLICY: CallPolicy = {
  timeoutMs: Infinity,
  perTryTimeoutMs: Infinity,
  retry: ISTIO_DEFAULT_RETRY,
};
