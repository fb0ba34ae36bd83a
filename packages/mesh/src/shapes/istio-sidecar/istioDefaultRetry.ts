// Istio's default retry policy, applied by its Envoy proxies (sidecars, waypoints) to routes whose
// VirtualService sets no `retries`, per Istio release (application 503s are retried before 1.24).

import { ENVOY_DEFAULT_BACKOFF } from '../../config/defaults.js';
import type { CallPolicy, RetryCondition, RetryPolicy } from '../../config/CallPolicy.js';
import type { IstioVersion } from '../../config/MeshConfig.js';
import { keepDefaultRetry } from '../sidecar/keepDefaultRetry.js';

/**
 * Istio's default retry policy since 1.24, when a VirtualService sets none: 2 retries on
 * connect-failure, refused-stream, unavailable, cancelled (istio/istio retry.go; application 503s are no longer
 * retried since PR #52111, docs/sources.md#istio-pr-52111). In this model: connect failures only. Envoy's
 * `refused-stream` matches only an HTTP/2 stream the upstream refused (`RemoteRefusedStreamReset`), not a connection
 * closed under a request in flight (a crashed pod or proxy: meshsim's `reset`), and `unavailable`/`cancelled` are gRPC
 * statuses; no meshsim outcome is either (docs/sources.md#envoy-router-source).
 */
export const ISTIO_DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  retryOn: ['connect-failure'],
  backoff: ENVOY_DEFAULT_BACKOFF,
};

/**
 * Istio's default retry policy before 1.24 (and in 1.24–1.26 under compatibility version 1.23 or older): the same
 * plus `retriable_status_codes: [503]`, so a 503 the upstream answers is retried — meshsim's `overflow`
 * (docs/sources.md#istio-pr-52111). 1.4 and 1.5 also retried gRPC `resource-exhausted`, which no meshsim outcome is.
 */
export const ISTIO_LEGACY_DEFAULT_RETRY: RetryPolicy = {
  ...ISTIO_DEFAULT_RETRY,
  retryOn: ['connect-failure', 'overflow'],
};

/** What an Istio proxy applies to calls that set no policy: no route timeout ("default is disabled"), Istio's default retry. */
export const ISTIO_DEFAULT_POLICY: CallPolicy = {
  timeoutMs: Infinity,
  perTryTimeoutMs: Infinity,
  retry: ISTIO_DEFAULT_RETRY,
};

/**
 * Istio's default policy in release `version`: before 1.24 its default retry also retries 503s
 * ({@link ISTIO_LEGACY_DEFAULT_RETRY}); from 1.24 on it does not ({@link ISTIO_DEFAULT_RETRY}).
 *
 * @example
 * ```ts
 * istioDefaultPolicy('1.12').retry.retryOn; // ['connect-failure', 'overflow']
 * istioDefaultPolicy('1.24').retry.retryOn; // ['connect-failure']
 * ```
 */
export function istioDefaultPolicy(version: IstioVersion): CallPolicy {
  return retries503(version)
    ? { ...ISTIO_DEFAULT_POLICY, retry: ISTIO_LEGACY_DEFAULT_RETRY }
    : ISTIO_DEFAULT_POLICY;
}

/** Whether release `version` (every one is 1.x) retries 503s by default: every release before 1.24 (PR #52111). */
function retries503(version: IstioVersion): boolean {
  return Number(version.split('.')[1]) < 24;
}

/**
 * A call's written policy as Istio's pilot builds its route (`ConvertPolicy`, docs/sources.md#istio-retry-default):
 * - `timeout` and `retries` are separate VirtualService fields, and a route without `retries` gets the default retry
 *   policy ("If in is nil, DefaultPolicy is returned"), so a call that writes only a `timeout` keeps `meshRetry`, the
 *   retry the mesh gives calls that write nothing;
 * - a written `retries` starts from Istio's default policy and replaces its `retryOn` only "if in.RetryOn != \"\"",
 *   so a retry written without `retryOn` retries on `defaultRetryOn`, the conditions of Istio's own default policy
 *   (its release's: {@link istioDefaultPolicy}), not meshsim's `[5xx]`.
 * Every other policy as written.
 */
export function istioRoutePolicy(
  policy: CallPolicy,
  meshRetry: RetryPolicy,
  defaultRetryOn: readonly RetryCondition[],
): CallPolicy {
  if (policy.retryUnwritten === true) return keepDefaultRetry(policy, meshRetry);
  const retry = istioRetry(policy.retry, defaultRetryOn);
  return retry === policy.retry ? policy : { ...policy, retry };
}

/** `retry` with the conditions of Istio's default policy (`defaultRetryOn`) when its `retryOn` was not written. */
export function istioRetry(retry: RetryPolicy, defaultRetryOn: readonly RetryCondition[]): RetryPolicy {
  return retry.retryOnUnwritten === true ? { ...retry, retryOn: defaultRetryOn } : retry;
}

/**
 * A mesh's `defaultPolicy` under Istio: one the scenario wrote with a retry but no `retryOn` (meshConfig's
 * `defaultHttpRetryPolicy` goes through the same `ConvertPolicy`) retries on `defaultRetryOn`, Istio's default
 * conditions.
 */
export function istioMeshDefaultPolicy(
  policy: CallPolicy,
  defaultRetryOn: readonly RetryCondition[],
): CallPolicy {
  const retry = istioRetry(policy.retry, defaultRetryOn);
  return retry === policy.retry ? policy : { ...policy, retry };
}
