// A written `mesh.defaultPolicy` (or one kept when switching shapes) that a hop of the run has nowhere to apply — no
// mesh (`none`), only an L4 proxy (Cilium's eBPF, ambient's ztunnel without a waypoint), a managed hop with no
// retries (VPC Lattice): the one warning that says so, so a comparison is never silently unequal.

import type { CallPolicy } from '../../config/CallPolicy.js';
import type { Warnings } from '../../ports/Warnings.js';

/** Whether `policy` does anything: a timeout, a per-try timeout or retries. */
export function isSomePolicy(policy: CallPolicy): boolean {
  return policy.timeoutMs !== Infinity || policy.perTryTimeoutMs !== Infinity || policy.retry.maxAttempts > 1;
}

/**
 * Warns (once per run: warnings are distinct) that the mesh's default policy is not applied `where` (`under none`,
 * `on calls through Cilium's eBPF only`), when `policy` does anything.
 */
export function warnUnappliedDefaultPolicy(warnings: Warnings, policy: CallPolicy, where: string): void {
  if (!isSomePolicy(policy)) return;
  warnings.add(
    `the mesh's default policy is not applied ${where}: no hop there runs it, so a call that sets no timeout or retry ` +
      "has none (write the applications' own on the calls)",
    ['mesh', 'defaultPolicy'],
  );
}
