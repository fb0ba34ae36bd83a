// What VPC Lattice does on its own, shared by `vpc-lattice` and the Lattice leg of `layered`: its target-group
// health checks (which decide its endpoints), its timeouts towards targets, and the policies a caller keeps
// (Lattice has no configurable retries): docs/mesh-shapes/vpc-lattice.md, docs/sources.md#lattice-health-checks.

import { warnUnappliedDefaultPolicy } from '../dataplane/unappliedDefaultPolicy.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { MeshConfig } from '../../config/MeshConfig.js';
import type { ServiceConfig } from '../../config/SimulationConfig.js';
import type { Warnings } from '../../ports/Warnings.js';
import type { CallerRef } from '../../topology/CallerRef.js';

/** How Lattice spreads a service's calls over its targets: round robin (an ASSUMPTION; docs/mesh-shapes/vpc-lattice.md). */
export const LATTICE_LOAD_BALANCER = 'round-robin' satisfies MeshConfig['loadBalancer'];

/** VPC Lattice target-group health-check defaults (interval, thresholds; docs/sources.md#lattice-health-checks). */
export const LATTICE_HEALTH_CHECK = {
  intervalMs: 30_000,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
} as const;

/**
 * Lattice's idle timeout of its connections to targets [ms]: 60 s by default (per service, 60–600 s); the maximum
 * connection duration is 10 min (docs/sources.md#lattice-services). Documented, not modelled: the model's
 * connections to Lattice carry requests back to back.
 */
export const LATTICE_TARGET_IDLE_TIMEOUT_MS = 60_000;

/**
 * How long Lattice waits for a target that does not answer its connection (a pod on a node that is off) before
 * it answers the caller 504 [ms]. ASSUMPTION: AWS documents no connect timeout to targets for Lattice; 10 s is
 * assumed (docs/mesh-shapes/vpc-lattice.md#failure-semantics).
 */
export const LATTICE_TARGET_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Whether Lattice health-checks the targets of `service`'s target group by default: for HTTP/1 target groups only,
 * "not enabled by default" for HTTP/2 ones (docs/sources.md#lattice-health-checks). The target group's protocol is
 * taken to be the service's `protocol`.
 */
export function latticeHealthChecks(service: ServiceConfig): boolean {
  return (service.protocol ?? 'http1') === 'http1';
}

/**
 * Delay before Lattice's health checks see a target of `service` go down (`up` false) or come back at `nowMs` [ms]:
 * checks every 30 s on a grid from t = 0, unhealthy after 2 failed checks, healthy after 5 passed; a target that
 * does not answer fails its next check. Infinity for a service Lattice runs no health checks for: it never leaves
 * (nor needs to rejoin) Lattice's targets.
 */
export function latticeEndpointChangeDelayMs(up: boolean, nowMs: number, service: ServiceConfig): number {
  if (!latticeHealthChecks(service)) return Infinity;
  const firstCheckMs = Math.ceil(nowMs / LATTICE_HEALTH_CHECK.intervalMs) * LATTICE_HEALTH_CHECK.intervalMs;
  const checks = up ? LATTICE_HEALTH_CHECK.healthyThreshold : LATTICE_HEALTH_CHECK.unhealthyThreshold;
  return firstCheckMs + (checks - 1) * LATTICE_HEALTH_CHECK.intervalMs - nowMs;
}

/**
 * The policy of `caller`'s calls through Lattice: the scenario's own, run by the calling application (Lattice has
 * no configurable retries or per-try timeouts: a warning says so), else `defaultPolicy`; a traffic source keeps
 * only what the scenario wrote.
 */
export function latticeEffectivePolicy(
  warnings: Warnings,
  caller: CallerRef,
  policy: CallPolicy,
  policySet: boolean,
  defaultPolicy: CallPolicy,
  target?: string,
): CallPolicy {
  if (caller.instanceId < 0) return policySet ? policy : NO_POLICY;
  if (!policySet) {
    // Lattice runs no retries or timeouts of its own: a default policy kept from another shape has nowhere to run.
    warnUnappliedDefaultPolicy(
      warnings,
      defaultPolicy,
      'under VPC Lattice (no configurable retries or timeouts)',
    );
    return NO_POLICY;
  }
  if (policy.retry.maxAttempts > 1 || policy.perTryTimeoutMs !== Infinity) {
    warnings.add(
      `retry on calls from "${caller.name}"${target === undefined ? '' : ` to "${target}"`}: VPC Lattice has no ` +
        'configurable retries or per-try timeouts (aws-application-networking-k8s http-route.md); modelled as ' +
        `"${caller.name}"'s own application code`,
    );
  }
  return policy;
}

/**
 * Warns, for each of `services` that Lattice fronts (`fronted`) and runs no health checks for by default (HTTP/2),
 * that a pod of it that stops answering stays one of Lattice's targets.
 */
export function warnUncheckedTargets(
  warnings: Warnings,
  services: readonly ServiceConfig[],
  fronted: (service: ServiceConfig) => boolean,
): void {
  for (const service of services) {
    if (latticeHealthChecks(service) || !fronted(service)) continue;
    warnings.add(
      `service "${service.name}" speaks HTTP/2: VPC Lattice runs no health checks for HTTP/2 target groups by ` +
        'default (docs.aws.amazon.com/vpc-lattice target-group-health-checks), so a pod of it that crashes or whose ' +
        'node goes off stays a Lattice target, and Lattice answers its share of calls 502 or 504, until it answers again',
      ['services', service.name, 'protocol'],
    );
  }
}
