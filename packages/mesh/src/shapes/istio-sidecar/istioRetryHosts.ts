// How Istio's Envoy proxies (sidecars, waypoints) pick a retry's endpoint: every retry policy pilot builds avoids the
// endpoints the request already tried (Envoy's `previous_hosts` predicate), redrawing up to 5 times.

/**
 * Istio's `host_selection_retry_max_attempts`: on a retry, a pick that lands on an endpoint the request already tried
 * (the `envoy.retry_host_predicates.previous_hosts` predicate) is redrawn up to this many more times, the last draw
 * used whatever it is. pilot sets it, with the predicate, on its default retry policy and on a VirtualService's
 * `retries` (`ConvertPolicy` starts from the default; `retryIgnorePreviousHosts: false` or a consistent-hash
 * destination drops the predicate, neither of which meshsim models) — istio/istio
 * `pilot/pkg/networking/core/route/retry/retry.go` (docs/sources.md#istio-retry-default).
 */
export const ISTIO_HOST_SELECTION_RETRY_MAX_ATTEMPTS = 5;
