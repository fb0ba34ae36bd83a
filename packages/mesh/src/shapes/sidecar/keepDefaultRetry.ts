// A call's written policy under a mesh whose route API keeps the timeout and the retries apart (Istio's VirtualService,
// App Mesh's route): a call that writes only a timeout keeps the mesh's default retry.

import type { CallPolicy, RetryPolicy } from '../../config/CallPolicy.js';

/** `policy` with `meshRetry` as its retry when it wrote only a timeout (`retryUnwritten`); else `policy` itself. */
export function keepDefaultRetry(policy: CallPolicy, meshRetry: RetryPolicy): CallPolicy {
  return policy.retryUnwritten === true ? { ...policy, retry: meshRetry } : policy;
}
