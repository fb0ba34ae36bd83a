// Envoy's retry conditions (x-envoy-retry-on, x-envoy-retry-grpc-on, which Istio's retryOn takes) that meshsim has no
// outcome for: each refused with why and what to write instead, not a "did you mean" toward an unrelated condition.

/** Why a gRPC status matches no meshsim outcome; `extra` adds what stands for it when something does. */
function grpcStatus(extra = ''): string {
  return `a gRPC status (Envoy's x-envoy-retry-grpc-on), and meshsim's calls carry no gRPC status${extra}`;
}

/**
 * Envoy's condition → what it retries and why no meshsim attempt result is that. Envoy's router filter page
 * (docs/sources.md#envoy-router) defines them; a Map, so that `constructor` finds nothing.
 */
const NO_OUTCOME: ReadonlyMap<string, string> = new Map([
  [
    'refused-stream',
    'Envoy retries a stream the upstream refused (HTTP/2 REFUSED_STREAM), which no meshsim attempt is (a pod crashing under a request is a reset)',
  ],
  ['retriable-4xx', 'Envoy retries a 409 Conflict, which no meshsim attempt answers'],
  [
    'reset-before-request',
    "Envoy retries a reset before the request was sent upstream, and meshsim's resets come while a request is served (reset retries those)",
  ],
  [
    'retriable-headers',
    "Envoy retries on the response headers its policy lists, which meshsim's answers do not carry",
  ],
  [
    'envoy-ratelimited',
    'Envoy retries an answer its rate limiter marked (x-envoy-ratelimited); meshsim retries no 429',
  ],
  [
    'http3-post-connect-failure',
    'Envoy retries an HTTP/3 request after a connect failure; meshsim has no HTTP/3',
  ],
  ['cancelled', grpcStatus()],
  [
    'deadline-exceeded',
    grpcStatus(" (a dropped expired deadline's 504 is retried by 5xx and gateway-error)"),
  ],
  ['internal', grpcStatus(" (an application's 500 is retried by 5xx)")],
  ['resource-exhausted', grpcStatus()],
  ['unavailable', grpcStatus(" (a full queue's 503 is overflow)")],
]);

/**
 * The reason a `retryOn` value is refused when it is one of Envoy's conditions meshsim has no outcome for
 * (`"refused-stream" is an Istio/Envoy retry condition with no meshsim outcome: …; leave it out`), or Envoy's
 * `retriable-status-codes` (write the codes' conditions); undefined for any other value (the usual message).
 */
export function envoyRetryConditionReason(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  if (input === 'retriable-status-codes')
    return (
      `"${input}" is an Istio/Envoy retry condition with no meshsim outcome of its own: it turns on the status codes ` +
      'listed with it; write their meshsim conditions instead (503 → overflow; 502, 504 → gateway-error)'
    );
  const why = NO_OUTCOME.get(input);
  return why === undefined
    ? undefined
    : `"${input}" is an Istio/Envoy retry condition with no meshsim outcome: ${why}; leave it out`;
}
