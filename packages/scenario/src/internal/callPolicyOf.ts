// Resolves the policy fields a caller writes (timeout, perTryTimeout, retry with backoff) into the
// model's CallPolicy, with Envoy's backoff defaults; shared by calls, traffic and `mesh.defaultPolicy` (and a
// call's `appRetry`).

import { ENVOY_DEFAULT_BACKOFF, NO_POLICY, NO_RETRY } from '@meshsim/mesh';
import type { BackoffPolicy, CallPolicy, RetryPolicy } from '@meshsim/mesh';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import type { RawCall } from '../schema.js';
import { parseDurationMs as ms } from '../units.js';

type Duration = number | string;

/** The policy fields of a call, a traffic source or `mesh.defaultPolicy`. */
export interface PolicyFields {
  timeout?: Duration | undefined;
  perTryTimeout?: Duration | undefined;
  retry?: RawCall['retry'];
}

function backoffOf(raw: NonNullable<RawCall['retry']>['backoff']): BackoffPolicy {
  if (raw === undefined) return ENVOY_DEFAULT_BACKOFF;
  const maxGiven = raw.max === undefined ? undefined : ms(raw.max);
  const baseMs =
    raw.base !== undefined ? ms(raw.base) : Math.min(ENVOY_DEFAULT_BACKOFF.baseMs, maxGiven ?? Infinity);
  // Envoy: the maximum interval defaults to 10 × the base interval.
  const maxMs = maxGiven ?? (raw.base !== undefined ? 10 * baseMs : ENVOY_DEFAULT_BACKOFF.maxMs);
  return { baseMs, maxMs, jitter: raw.jitter ?? ENVOY_DEFAULT_BACKOFF.jitter };
}

/** A written `retry` (or a call's `appRetry`: the same fields but `perTryTimeout`), with the defaults filled in. */
export function retryPolicyOf(
  raw: Pick<NonNullable<RawCall['retry']>, 'attempts' | 'retryOn' | 'backoff'>,
): RetryPolicy {
  return {
    maxAttempts: raw.attempts,
    retryOn: raw.retryOn ?? SCENARIO_DEFAULTS.retryOn,
    backoff: backoffOf(raw.backoff),
  };
}

/**
 * The policy a caller applies; `set` tells whether the user wrote any of it. A route's (a call's, a traffic
 * source's; not `mesh.defaultPolicy`) that writes only a timeout is marked `retryUnwritten`.
 */
export function policyOf(raw: PolicyFields, route = true): { policy: CallPolicy; set: boolean } {
  const set = raw.timeout !== undefined || raw.perTryTimeout !== undefined || raw.retry !== undefined;
  if (!set) return { policy: NO_POLICY, set };
  const perTry = raw.perTryTimeout ?? raw.retry?.perTryTimeout;
  let retry: RetryPolicy = raw.retry === undefined ? NO_RETRY : retryPolicyOf(raw.retry);
  // No retryOn: a mesh whose API fills it from its own default (Istio) uses that default's conditions.
  if (raw.retry !== undefined && raw.retry.retryOn === undefined)
    retry = { ...retry, retryOnUnwritten: true };
  const policy: CallPolicy = {
    timeoutMs: raw.timeout === undefined ? Infinity : ms(raw.timeout),
    perTryTimeoutMs: perTry === undefined ? Infinity : ms(perTry),
    retry,
  };
  // Only a timeout: a mesh that keeps route timeouts and retries apart (Istio) keeps its default retry.
  if (route && raw.retry === undefined && perTry === undefined) policy.retryUnwritten = true;
  return { policy, set };
}
