// App Mesh retry events: a route's retry policy can only name App Mesh's fixed event set
// (docs/sources.md#appmesh-routes); conditions outside it are dropped with a warning.

import type { CallPolicy, RetryCondition } from '../../config/CallPolicy.js';

/** The model's retry conditions App Mesh can express, with the App Mesh event that expresses each. */
export const APP_MESH_RETRY_EVENTS: Readonly<Partial<Record<RetryCondition, string>>> = {
  '5xx': 'server-error',
  'gateway-error': 'gateway-error',
  overflow: 'server-error (503)',
  'connect-failure': 'connection-error',
};

/**
 * `policy` with its retry conditions cut to those App Mesh can express (`server-error`,
 * `gateway-error`, `client-error`, `stream-error`, `connection-error`); warns naming the dropped
 * conditions and the call. Policies without retries pass unchanged.
 */
export function appMeshRetryPolicy(
  policy: CallPolicy,
  call: string,
  warn: (message: string) => void,
): CallPolicy {
  const retry = policy.retry;
  if (retry.maxAttempts <= 1) return policy;
  const kept = retry.retryOn.filter((condition) => APP_MESH_RETRY_EVENTS[condition] !== undefined);
  if (kept.length === retry.retryOn.length) return policy;
  const dropped = retry.retryOn.filter((condition) => APP_MESH_RETRY_EVENTS[condition] === undefined);
  warn(
    `retry on ${call}: App Mesh retries only on its events server-error, gateway-error, client-error, stream-error ` +
      `and connection-error (AWS::AppMesh::Route HttpRetryPolicy); retryOn ${dropped.join(', ')} not applied under app-mesh`,
  );
  return { ...policy, retry: { ...retry, retryOn: kept } };
}
