// Deadline propagation (gRPC style): a downstream call made while serving a request may not outlive
// that request's deadline. See docs/policies/deadlines.md.

import type { CallPolicy } from '../config/CallPolicy.js';

/**
 * The policy of a downstream call made at `nowMs` while serving a request whose absolute deadline
 * is `deadlineMs`: the overall timeout becomes min(policy timeout, deadline − now), never below 0.
 * Returns `policy` itself (no allocation) when the deadline does not tighten it.
 */
export function propagateDeadline(policy: CallPolicy, deadlineMs: number, nowMs: number): CallPolicy {
  if (deadlineMs === Infinity) return policy;
  const remainingMs = deadlineMs > nowMs ? deadlineMs - nowMs : 0;
  if (remainingMs >= policy.timeoutMs) return policy;
  return { ...policy, timeoutMs: remainingMs };
}
