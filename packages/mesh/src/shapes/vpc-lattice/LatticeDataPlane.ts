// `vpc-lattice`: every call passes a managed VPC Lattice hop (the destination's Lattice service):
// caller → network → Lattice → callee. No proxies of the user's; Lattice has no configurable retries,
// timeouts per try, outlier detection or breakers, so those stay with the calling application.

import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { VpcLatticeMeshConfig } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { ProxyKindTotals } from '../../config/SimulationResult.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import { DataPlaneBase } from '../dataplane/DataPlaneBase.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import type { Proxy } from '../dataplane/Proxy.js';
import type { ProxyGroup } from '../dataplane/proxyTotals.js';
import { LatticeHops } from './LatticeHops.js';
import type { ConnectionPool } from '../../call/ConnectionPool.js';
import { appConnectionSpec } from '../dataplane/connectionSpecs.js';

/** VPC Lattice target-group health-check defaults (interval, thresholds). */
export const LATTICE_HEALTH_CHECK = {
  intervalMs: 30_000,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
} as const;

/** One Lattice service per destination service; every call passes it. */
export class LatticeDataPlane extends DataPlaneBase {
  readonly shape: string;
  readonly lattice: LatticeHops;

  constructor(context: DataPlaneContext, mesh: VpcLatticeMeshConfig) {
    super(context, mesh);
    this.shape = mesh.shape;
    this.lattice = new LatticeHops(context, mesh.lattice);
  }

  protected buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
    return [{ kind: 'network', from: caller.node, to: target.node }, this.lattice.station(target)];
  }

  /**
   * A caller's own connections to the Lattice service: TLS terminated by Lattice (HTTPS listener),
   * the handshake's client side on the caller; Lattice's side is AWS's CPU, not the user's.
   */
  protected override createPool(
    caller: CallerRef,
    target: Instance,
    keepAlive: boolean,
  ): ConnectionPool | null {
    return this.connections.create(
      appConnectionSpec(caller, target, keepAlive, this.instances, caller.instanceId >= 0, null),
    );
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    if (caller.instanceId < 0) return policySet ? policy : NO_POLICY;
    if (!policySet) return this.mesh.defaultPolicy;
    if (policy.retry.maxAttempts > 1 || policy.perTryTimeoutMs !== Infinity) {
      this.warnings.add(
        `retry on calls from "${caller.name}"${target === undefined ? '' : ` to "${target}"`}: VPC Lattice has no ` +
          'configurable retries or per-try timeouts (aws-application-networking-k8s http-route.md); modelled as ' +
          `"${caller.name}"'s own application code`,
      );
    }
    return policy;
  }

  clientEnforcer(caller: CallerRef): EnforcerKind {
    return caller.instanceId >= 0 ? 'managed-hop' : 'library';
  }

  /** Inbound protections other than IAM authorization are the service's own code. */
  serverEnforcer(): EnforcerKind {
    return 'application';
  }

  /**
   * Lattice learns about targets from its health checks (target-group defaults: every 30 s, unhealthy
   * after 2 failed checks, healthy after 5 passed; docs.aws.amazon.com/vpc-lattice target-group-health-checks,
   * docs/sources.md#lattice-health-checks). Checks run on a 30 s grid from t = 0; a crashed target refuses the check at once.
   */
  endpointChangeDelayMs(up: boolean, nowMs: number): number {
    const firstCheckMs = Math.ceil(nowMs / LATTICE_HEALTH_CHECK.intervalMs) * LATTICE_HEALTH_CHECK.intervalMs;
    const checks = up ? LATTICE_HEALTH_CHECK.healthyThreshold : LATTICE_HEALTH_CHECK.unhealthyThreshold;
    return firstCheckMs + (checks - 1) * LATTICE_HEALTH_CHECK.intervalMs - nowMs;
  }

  // Lattice terminates TLS and authenticates callers with IAM SigV4, not mTLS (unless `mtls: true`):
  // the inherited `mtls` answers from the config.

  proxies(): readonly Proxy[] {
    return this.lattice.hops;
  }

  protected proxyGroups(): readonly ProxyGroup[] {
    return [];
  }

  protected override extraTotals(durationMs: number): readonly ProxyKindTotals[] {
    return [this.lattice.totals(durationMs, this.mesh.prices, true)];
  }
}
