// `layered`: one shape inside each cluster and a VPC Lattice hop between clusters — the design seed 000
// recommends (Istio ambient in each EKS cluster, Lattice across clusters and VPCs). Same-cluster calls
// take the in-cluster shape's route; cross-cluster calls take it with the Lattice hop inserted after
// the cross-cluster network transfer.

import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { LayeredMeshConfig } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { ProxyTotals } from '../../config/SimulationResult.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import type { Proxy } from '../dataplane/Proxy.js';
import { RouteCache } from '../dataplane/RouteCache.js';
import { LatticeHops } from '../vpc-lattice/LatticeHops.js';
import type { ConnectionPool } from '../../call/ConnectionPool.js';

/** The in-cluster shape's data plane plus Lattice hops between clusters. */
export class LayeredDataPlane implements DataPlane {
  readonly shape = 'layered';
  readonly inner: DataPlane;
  /** The Lattice hops, or null when `crossCluster` is 'none' (or the in-cluster shape is Lattice already). */
  readonly lattice: LatticeHops | null;
  private readonly crossRoutes: RouteCache;
  /** Each service's cluster. */
  private readonly clusterOf: ReadonlyMap<string, string>;

  constructor(
    context: DataPlaneContext,
    private readonly mesh: LayeredMeshConfig,
  ) {
    this.clusterOf = new Map(context.config.services.map((s) => [s.name, s.cluster] as const));
    this.inner = context.createDataPlane(mesh.inCluster);
    this.lattice =
      mesh.crossCluster === 'vpc-lattice' && mesh.inCluster.shape !== 'vpc-lattice'
        ? new LatticeHops(context, mesh.lattice)
        : null;
    this.crossRoutes = new RouteCache((caller, target) =>
      (this.lattice as LatticeHops).insertInto(this.inner.route(caller, target), target, false),
    );
  }

  private crossesClusters(caller: CallerRef, target: Instance): boolean {
    return caller.node !== null && caller.node.cluster !== target.node.cluster;
  }

  route(caller: CallerRef, target: Instance, slot = -1): readonly Station<Proxy>[] {
    if (this.lattice !== null && this.crossesClusters(caller, target))
      return this.crossRoutes.get(caller, target);
    return this.inner.route(caller, target, slot);
  }

  /**
   * The in-cluster shape's shared enforcing proxy for same-cluster calls; -1 for a call through Lattice (its
   * route is cached per caller and target, its policies are the caller's own client's as before).
   */
  enforcerSlot(caller: CallerRef, target: string): number {
    const cluster = this.clusterOf.get(target);
    if (this.lattice !== null && caller.node !== null && caller.node.cluster !== cluster) return -1;
    return this.inner.enforcerSlot?.(caller, target) ?? -1;
  }

  /** The in-cluster shape's hop that retries, found on the route (Lattice's hop inserted or not). */
  retryHopPosition(route: readonly Station[]): number {
    return this.inner.retryHopPosition?.(route) ?? -1;
  }

  /** The in-cluster shape's (calls from another cluster through Lattice keep per-instance buckets). */
  inboundEnforcerSlots(service: string): number {
    return this.inner.inboundEnforcerSlots?.(service) ?? 0;
  }

  /**
   * The in-cluster shape's connections, also for calls that cross clusters through Lattice (the
   * Lattice leg's own connections are Lattice's, not modelled).
   */
  connectionPool(
    caller: CallerRef,
    target: Instance,
    route: readonly Station[],
    keepAlive: boolean,
  ): ConnectionPool | null {
    return this.inner.connectionPool(caller, target, route, keepAlive);
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    return this.inner.effectivePolicy(caller, policy, policySet, target);
  }

  clientEnforcer(caller: CallerRef, target?: string): EnforcerKind {
    return this.inner.clientEnforcer(caller, target);
  }

  serverEnforcer(service: string): EnforcerKind {
    return this.inner.serverEnforcer(service);
  }

  /** The in-cluster shape's mTLS within a cluster; between clusters the Lattice leg is TLS + IAM, not mTLS. */
  mtls(caller: CallerRef, targetService: string): boolean {
    if (this.lattice !== null && caller.node !== null) {
      const cluster = this.clusterOf.get(targetService);
      if (cluster !== undefined && cluster !== caller.node.cluster) return false;
    }
    return this.inner.mtls(caller, targetService);
  }

  countCall(caller: CallerRef): void {
    this.inner.countCall(caller);
  }

  retryHostReselections(caller: CallerRef, target: string): number {
    return this.inner.retryHostReselections?.(caller, target) ?? 0;
  }

  shapeClientPolicies(caller: CallerRef, target: string): ClientPolicy[] {
    return this.inner.shapeClientPolicies?.(caller, target) ?? [];
  }

  proxies(): readonly Proxy[] {
    return this.lattice === null ? this.inner.proxies() : [...this.inner.proxies(), ...this.lattice.hops];
  }

  totals(durationMs: number): ProxyTotals {
    const inner = this.inner.totals(durationMs);
    if (this.lattice === null) return inner;
    const prices = this.mesh.prices;
    const hops = this.lattice.totals(durationMs, prices, false);
    const totals: ProxyTotals = { ...inner, byKind: [...inner.byKind, hops] };
    if (prices !== null) totals.costPerMonthUsd = (inner.costPerMonthUsd ?? 0) + (hops.costPerMonthUsd ?? 0);
    return totals;
  }
}
