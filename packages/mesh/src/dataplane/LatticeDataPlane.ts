// `vpc-lattice`: every call passes a managed VPC Lattice hop (the destination's Lattice service):
// caller → network → Lattice → callee. No proxies of the user's; Lattice has no configurable retries,
// timeouts per try, outlier detection or breakers, so those stay with the calling application.

import type { CallPolicy, MeshConfig } from '../config/SimulationConfig.js';
import type { ProxyTotals } from '../config/SimulationResult.js';
import { NO_POLICY, defaultMtls } from '../config/defaults.js';
import type { CallerRef } from '../call/CallerRef.js';
import type { Instance } from '../server/Instance.js';
import type { EnforcerKind } from '../policies/capabilities.js';
import type { DataPlane } from './DataPlane.js';
import type { DataPlaneContext } from './DataPlaneContext.js';
import { LatticeHops } from './LatticeHops.js';
import type { Proxy } from './Proxy.js';
import { pricesOf, sumProxyTotals } from './proxyTotals.js';
import { RouteCache } from './RouteCache.js';
import type { Station } from './Station.js';

/** VPC Lattice target-group health-check defaults (interval, thresholds). */
export const LATTICE_HEALTH_CHECK = {
  intervalMs: 30_000,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
} as const;

/** One Lattice service per destination service; every call passes it. */
export class LatticeDataPlane implements DataPlane {
  readonly shape = 'vpc-lattice' as const;
  readonly warnings: string[] = [];
  readonly lattice: LatticeHops;
  private readonly mesh: MeshConfig;
  private readonly mtlsOn: boolean;
  private readonly routes: RouteCache;

  constructor(context: DataPlaneContext) {
    this.mesh = context.config.mesh;
    this.mtlsOn = this.mesh.mtls ?? defaultMtls('vpc-lattice');
    this.lattice = new LatticeHops(context, this.mesh);
    this.routes = new RouteCache((caller, target) => [
      { kind: 'network', from: caller.node, to: target.node },
      this.lattice.station(target),
    ]);
  }

  route(caller: CallerRef, target: Instance): readonly Station[] {
    return this.routes.get(caller, target);
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    if (caller.instanceId < 0) return policySet ? policy : NO_POLICY;
    if (!policySet) return this.mesh.defaultPolicy;
    if (policy.retry.maxAttempts > 1 || policy.perTryTimeoutMs !== Infinity) {
      this.warn(
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

  /** Lattice terminates TLS and authenticates callers with IAM SigV4, not mTLS (unless `mtls: true`). */
  mtls(caller: CallerRef): boolean {
    return this.mtlsOn && caller.instanceId >= 0;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  countCall(): void {}

  proxies(): readonly Proxy[] {
    return this.lattice.hops;
  }

  totals(durationMs: number): ProxyTotals {
    const prices = pricesOf(this.mesh);
    return sumProxyTotals([], durationMs, prices, [this.lattice.totals(durationMs, prices, true)]);
  }
}
