// Which retry conditions allow retrying an attempt's outcome (Envoy `retry_on` semantics), and where the
// retrying hop's own rules differ from Envoy's router (a 503 "no healthy upstream").

import type { AttemptResult } from '../config/AttemptResult.js';
import type { RetryCondition } from '../config/CallPolicy.js';
import { knownEnforcer } from '../config/capabilities.js';
import { registeredEnforcer } from '../config/enforcerKinds.js';
import type { RetrySemantics } from '../config/enforcerKinds.js';
import type { EnforcerKind } from '../config/capabilities.js';
import type { FailureCause } from '../config/SimulationResult.js';

export type { RetrySemantics } from '../config/enforcerKinds.js';

/**
 * The retry rules of a client hop of kind `enforcer`: Envoy's for the Envoy-based hops (and a registered kind that
 * says `retries: 'envoy'`), linkerd2-proxy's for `linkerd-proxy`. Throws for an unknown kind.
 */
export function retrySemanticsOf(enforcer: EnforcerKind): RetrySemantics {
  knownEnforcer(enforcer);
  const own = registeredEnforcer(enforcer);
  if (own !== undefined) return own.spec.retries ?? 'other';
  if (enforcer === 'linkerd-proxy') return 'linkerd';
  return enforcer === 'l7-proxy' || enforcer === 'app-mesh-envoy' ? 'envoy' : 'other';
}

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
  'service-unavailable',
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
  'service-unavailable',
  'gateway-timeout',
]);

/**
 * Whether `result` may be retried under `retryOn` (Envoy `x-envoy-retry-on` semantics, docs/policies.md):
 * `5xx` covers every failure here; `gateway-error` covers 502/503/504 (overflow, per-try timeout,
 * connect failure, no endpoints, reset) but not a 500; `reset` covers a reset, a connect failure and a per-try
 * timeout (a local reset); `overflow` covers a 503 the upstream answered (`rejected`, `service-unavailable`); the
 * other conditions cover only themselves.
 *
 * `semantics` `envoy`: a `no-endpoints` attempt is never retried, whatever `retryOn` says — Envoy's router answers
 * "no healthy upstream" itself, on the first attempt and on a retry alike, without consulting its retry policy
 * (`Filter::decodeHeaders` and `Filter::doRetry` in `source/common/router/router.cc`). `other` keeps the conditions
 * above for it (**assumption**: kube-proxy rejects a connection to a Service without endpoints, which an
 * application sees as a refused connection; for client libraries not verified). linkerd2-proxy's own errors skip
 * these conditions: call/Call.ts never retries its balancer's load-shed 503 and always retries its failfast 504.
 *
 * `semantics` `linkerd` (linkerd2-proxy's route `RetryPolicy::is_retryable`, docs/sources.md#linkerd-retry-source):
 * it retries responses by status and, of the errors, a response-headers timeout (`retry.linkerd.io/timeout`: a
 * per-try timeout, whatever `retryOn` says); a failed connection and a reset are errors it never retries.
 */
export function isRetryable(
  result: AttemptResult,
  retryOn: readonly RetryCondition[],
  semantics: RetrySemantics,
): boolean {
  if (result === 'ok') return false;
  if (result === 'no-endpoints' && semantics === 'envoy') return false;
  if (semantics === 'linkerd') {
    if (result === 'connect-failure' || result === 'reset') return false;
    if (result === 'per-try-timeout') return true;
  }
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
        // Envoy: "the upstream server does not respond at all (disconnect/reset/read timeout)". A per-try timeout
        // resets the attempt locally and is retried as a reset (`Filter::onPerTryTimeoutCommon` → `maybeRetryReset`).
        if (result === 'reset' || result === 'connect-failure' || result === 'per-try-timeout') return true;
        break;
      case 'overflow':
        // A 503 the upstream answered (Envoy `retriable-status-codes` [503]): a full queue, or a service or its
        // sidecar answering 503 — not a local 503 (`breaker-open`, `no-endpoints`, a failed connection).
        if (result === 'rejected' || result === 'service-unavailable') return true;
        break;
      case 'per-try-timeout':
        if (result === 'per-try-timeout') return true;
        break;
    }
  }
  return false;
}

/**
 * Whether the calling application retries a call that failed with `cause` under its own `appRetry.retryOn`: as
 * `isRetryable` with semantics `other` (the application's rules), on what the application received — its call's
 * timeout as a 504 (a sidecar's route timeout answers 504; the application's own timeout is taken alike) and a local
 * refusal (`breaker-open`) as the 503 its hop answers. **Assumption**: a generic HTTP client wrapper retrying "any
 * 5xx" retries those too.
 */
export function isAppRetryable(cause: FailureCause, retryOn: readonly RetryCondition[]): boolean {
  const seen: AttemptResult =
    cause === 'timeout' ? 'gateway-timeout' : cause === 'breaker-open' ? 'service-unavailable' : cause;
  return isRetryable(seen, retryOn, 'other');
}
