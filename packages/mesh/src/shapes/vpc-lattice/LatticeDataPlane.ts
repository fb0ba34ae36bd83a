// `vpc-lattice`: every call passes a managed VPC Lattice hop (the destination's Lattice service):
// caller → network → Lattice → callee. No proxies of the user's; Lattice has no configurable retries,
// timeouts per try, outlier detection or breakers, so those stay with the calling application.

import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { MeshConfig, VpcLatticeMeshConfig } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { ServiceConfig } from '../../config/SimulationConfig.js';
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
import {
  latticeEffectivePolicy,
  latticeEndpointChangeDelayMs,
  warnUncheckedTargets,
} from './latticeRules.js';

/** One Lattice service per destination service; every call passes it. */
export class LatticeDataPlane extends DataPlaneBase {
  readonly shape: string;
  readonly lattice: LatticeHops;
  /** The caller's pool to each Lattice service, by `callerKey\0service` (and keep-alive). */
  private readonly servicePools = new Map<string, ConnectionPool | null>();

  constructor(context: DataPlaneContext, mesh: VpcLatticeMeshConfig) {
    super(context, mesh);
    this.shape = mesh.shape;
    this.lattice = new LatticeHops(context, mesh.lattice);
    warnUncheckedTargets(context.warnings, context.config.services, () => true);
  }

  protected buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
    return [{ kind: 'network', from: caller.node, to: target.node }, this.lattice.station(target)];
  }

  /**
   * A caller's own connections to the Lattice service of `target` (one pool per caller and Lattice service,
   * whichever pod Lattice then picks): TLS terminated by Lattice (HTTPS listener), the handshake's client side on
   * the caller; Lattice's side is AWS's CPU, not the user's. Lattice is up whatever the target's node does
   * (`to: null`): a target that does not answer is Lattice's to handle (its leg answers 502 or 504).
   */
  override connectionPool(
    caller: CallerRef,
    target: Instance,
    _route: readonly Station[],
    keepAlive: boolean,
  ): ConnectionPool | null {
    const key = `${caller.key}\0${target.service.name}\0${keepAlive ? 1 : 0}`;
    let pool = this.servicePools.get(key);
    if (pool === undefined) {
      const spec = appConnectionSpec(caller, target, keepAlive, this.instances, caller.instanceId >= 0, null);
      pool = this.connections.create({ ...spec, to: null });
      this.servicePools.set(key, pool);
    }
    return pool;
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    return latticeEffectivePolicy(this.warnings, caller, policy, policySet, this.mesh.defaultPolicy, target);
  }

  clientEnforcer(caller: CallerRef): EnforcerKind {
    return caller.instanceId >= 0 ? 'managed-hop' : 'library';
  }

  /** Inbound protections other than IAM authorization are the service's own code. */
  serverEnforcer(): EnforcerKind {
    return 'application';
  }

  /** Lattice picks the endpoint of every call, among the targets its health checks keep. */
  managedEndpoints(): boolean {
    return true;
  }

  managedLoadBalancer(): MeshConfig['loadBalancer'] {
    return this.mesh.loadBalancer;
  }

  /**
   * Lattice learns about targets from its health checks (target-group defaults: every 30 s, unhealthy after 2
   * failed checks, healthy after 5 passed; none for HTTP/2 target groups): `latticeEndpointChangeDelayMs`.
   */
  managedEndpointChangeDelayMs(up: boolean, nowMs: number, service: ServiceConfig): number {
    return latticeEndpointChangeDelayMs(up, nowMs, service);
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
