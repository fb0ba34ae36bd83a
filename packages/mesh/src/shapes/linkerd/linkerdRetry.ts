// What a written retry means under `linkerd`: linkerd2-proxy waits its own fixed backoff before each retry and retries
// responses by status (and timeouts), never a failed connection or a reset (docs/sources.md#linkerd-retry-source).

import { ENVOY_DEFAULT_BACKOFF } from '../../config/defaults.js';
import type { BackoffPolicy, CallPolicy, RetryCondition } from '../../config/CallPolicy.js';
import type { SimulationConfig } from '../../config/SimulationConfig.js';
import { callFieldPath } from '../../config/ConfigWarning.js';
import type { ScenarioFieldPath } from '../../config/ConfigWarning.js';

/**
 * The backoff the Linkerd policy controller sends with every retry policy (min 25 ms, max 250 ms, jitter ratio 1.0),
 * which linkerd2-proxy waits before each retry; no annotation sets it.
 */
export const LINKERD_RETRY_BACKOFF: BackoffPolicy = { baseMs: 25, maxMs: 250, jitter: 'linkerd' };

/**
 * Conditions linkerd2-proxy does not retry: a retryable error is only a failfast, a response-headers timeout
 * (`retry.linkerd.io/timeout`) or an HTTP/2 REFUSED_STREAM — connection errors are not inspected.
 */
const NOT_RETRIED: readonly RetryCondition[] = ['connect-failure', 'reset'];

/** `policy` as linkerd2-proxy runs it: Linkerd's backoff, and only the conditions it retries. No retries: unchanged. */
export function linkerdRetryPolicy(policy: CallPolicy): CallPolicy {
  const retry = policy.retry;
  if (retry.maxAttempts <= 1) return policy;
  const retryOn = retry.retryOn.filter((condition) => !NOT_RETRIED.includes(condition));
  return { ...policy, retry: { ...retry, retryOn, backoff: LINKERD_RETRY_BACKOFF } };
}

/** Whether `backoff` is other than meshsim's default (Envoy's): the scenario wrote it. */
function backoffWritten(backoff: BackoffPolicy): boolean {
  return (
    backoff.baseMs !== ENVOY_DEFAULT_BACKOFF.baseMs ||
    backoff.maxMs !== ENVOY_DEFAULT_BACKOFF.maxMs ||
    backoff.jitter !== ENVOY_DEFAULT_BACKOFF.jitter
  );
}

/** Warns at `at` of the parts of `policy`'s retry that linkerd2-proxy does not run (`what` names the policy). */
function warnPolicy(
  what: string,
  policy: CallPolicy,
  at: ScenarioFieldPath,
  warn: (message: string, path?: ScenarioFieldPath) => void,
): void {
  const retry = policy.retry;
  if (retry.maxAttempts <= 1) return;
  if (backoffWritten(retry.backoff)) {
    warn(
      `retry.backoff of ${what}: not applied under linkerd — Linkerd has no backoff setting (retries reference: ` +
        'retry.linkerd.io/http, /grpc, /limit, /timeout); linkerd2-proxy waits its own 25–250 ms jittered backoff',
      [...at, 'retry', 'backoff'],
    );
  }
  const dropped = retry.retryOn.filter((condition) => NOT_RETRIED.includes(condition));
  if (dropped.length > 0) {
    warn(
      `retry.retryOn ${dropped.join(', ')} of ${what}: not applied under linkerd — Linkerd retries by status ` +
        '(retry.linkerd.io/http, /grpc) and timeouts (retry.linkerd.io/timeout), not failed connections or resets',
      [...at, 'retry', 'retryOn'],
    );
  }
}

/** Warns, at each field, of the written retries under `linkerd` that linkerd2-proxy does not run as written. */
export function linkerdRetryWarnings(
  config: SimulationConfig,
  warn: (message: string, path?: ScenarioFieldPath) => void,
): void {
  warnPolicy('mesh.defaultPolicy', config.mesh.defaultPolicy, ['mesh', 'defaultPolicy'], warn);
  for (const service of config.services) {
    service.calls.forEach((stage, s) => {
      stage.forEach((call, i) => {
        if (!call.policySet) return;
        warnPolicy(
          `${service.name} → ${call.to}`,
          call.policy,
          callFieldPath(service.name, s, i, stage.length),
          warn,
        );
      });
    });
  }
  config.traffic.forEach((source, i) => {
    // A source outside the mesh retries as its own client; one without a policy gets the default (warned above).
    if (source.from === undefined || source.policySet === false) return;
    warnPolicy(`${source.name} → ${source.to}`, source.policy, ['traffic', i], warn);
  });
}
