// `layered`: one shape inside each cluster and a VPC Lattice hop between clusters — the design seed 000
// recommends (Istio ambient in each EKS cluster, Lattice across clusters and VPCs). Same-cluster calls
// take the in-cluster shape's route and rules; cross-cluster calls take its route with the Lattice hop
// inserted after the cross-cluster network transfer, and Lattice's rules: the caller sees the Lattice
// service, not the pods, so Lattice balances them by its health checks and the caller's policies are its
// application's own (no outlier detection, breakers or proxy retries).

import type { EndpointList } from '../../server/EndpointList.js';
import type { BalancerQueueSpec } from '../../call/BalancerQueue.js';
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
import type { ConnectionPools } from '../../call/ConnectionPools.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { MeshConfig } from '../../config/MeshConfig.js';
import type { ServiceConfig } from '../../config/SimulationConfig.js';
import type { Warnings } from '../../ports/Warnings.js';
import { appConnectionSpec } from '../dataplane/connectionSpecs.js';
import {
  LATTICE_LOAD_BALANCER,
  latticeEffectivePolicy,
  latticeEndpointChangeDelayMs,
  warnUncheckedTargets,
} from '../vpc-lattice/latticeRules.js';

/** The in-cluster shape's data plane plus Lattice hops between clusters. */
export class LayeredDataPlane implements DataPlane {
  readonly shape = 'layered';
  readonly inner: DataPlane;
  /** The Lattice hops, or null when `crossCluster` is 'none' (or the in-cluster shape is Lattice already). */
  readonly lattice: LatticeHops | null;
  private readonly crossRoutes: RouteCache;
  /** Each service's cluster. */
  private readonly clusterOf: ReadonlyMap<string, string>;
  private readonly warnings: Warnings;
  private readonly connections: ConnectionPools;
  private readonly instances: readonly Instance[];
  /** Callers' pools to the Lattice services of other clusters, by `callerKey\0service\0keepAlive`. */
  private readonly latticePools = new Map<string, ConnectionPool>();
  /** The in-cluster shape's proxy endpoints (ambient waypoint replicas), refreshed as its own. */
  readonly proxyEndpoints: EndpointList = {
    refreshEndpoints: () => this.inner.proxyEndpoints?.refreshEndpoints(),
  };

  constructor(
    context: DataPlaneContext,
    private readonly mesh: LayeredMeshConfig,
  ) {
    this.clusterOf = new Map(context.config.services.map((s) => [s.name, s.cluster] as const));
    this.warnings = context.warnings;
    this.connections = context.connections;
    this.instances = context.instances;
    this.inner = context.createDataPlane(mesh.inCluster);
    this.lattice =
      mesh.crossCluster === 'vpc-lattice' && mesh.inCluster.shape !== 'vpc-lattice'
        ? new LatticeHops(context, mesh.lattice)
        : null;
    this.crossRoutes = new RouteCache((caller, target) =>
      (this.lattice as LatticeHops).insertInto(this.inner.route(caller, target), target, false),
    );
    if (this.lattice !== null) {
      // Only the services called from another cluster are registered in Lattice.
      const fronted = new Set<string>();
      for (const service of context.config.services) {
        for (const stage of service.calls) {
          for (const call of stage) if (this.clusterOf.get(call.to) !== service.cluster) fronted.add(call.to);
        }
      }
      warnUncheckedTargets(context.warnings, context.config.services, (s: ServiceConfig) =>
        fronted.has(s.name),
      );
    }
  }

  private crossesClusters(caller: CallerRef, target: Instance): boolean {
    return caller.node !== null && caller.node.cluster !== target.node.cluster;
  }

  /** Whether `caller`'s calls to service `target` pass Lattice (a caller in another cluster than `target`'s). */
  private throughLattice(caller: CallerRef, target: string | undefined): boolean {
    if (this.lattice === null || caller.node === null || target === undefined) return false;
    const cluster = this.clusterOf.get(target);
    return cluster !== undefined && cluster !== caller.node.cluster;
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
   * The in-cluster shape's connections within a cluster. A call to another cluster connects to the Lattice service
   * of its target (one pool per caller and Lattice service; TLS to Lattice, the caller's side of the handshake on
   * the caller — a simplification where the caller's own proxy would make it), which is up whatever the target's
   * node does; Lattice's own connections to the targets are AWS's, not modelled (its leg answers for a target
   * that does not answer).
   */
  connectionPool(
    caller: CallerRef,
    target: Instance,
    route: readonly Station[],
    keepAlive: boolean,
  ): ConnectionPool | null {
    if (this.lattice === null || !this.crossesClusters(caller, target))
      return this.inner.connectionPool(caller, target, route, keepAlive);
    const key = `${caller.key}\0${target.service.name}\0${keepAlive ? 1 : 0}`;
    let pool = this.latticePools.get(key);
    if (pool === undefined) {
      const spec = appConnectionSpec(caller, target, keepAlive, this.instances, true, null);
      pool = this.connections.create({ ...spec, to: null });
      this.latticePools.set(key, pool);
    }
    return pool;
  }

  /** Within a cluster, the in-cluster shape's; through Lattice, the calling application's own (as `vpc-lattice`). */
  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    if (this.throughLattice(caller, target))
      return latticeEffectivePolicy(this.warnings, caller, policy, policySet, NO_POLICY, target);
    return this.inner.effectivePolicy(caller, policy, policySet, target);
  }

  /** Through Lattice, the Lattice hop (`managed-hop`, as `vpc-lattice`); otherwise the in-cluster shape's. */
  clientEnforcer(caller: CallerRef, target?: string): EnforcerKind {
    if (this.throughLattice(caller, target)) return caller.instanceId >= 0 ? 'managed-hop' : 'library';
    return this.inner.clientEnforcer(caller, target);
  }

  /** Lattice picks the endpoints of calls between clusters, among the targets its health checks keep. */
  managedEndpoints(caller: CallerRef, target: string): boolean {
    return this.throughLattice(caller, target);
  }

  /** Lattice's between clusters; within one, the in-cluster shape's (Cilium's node Envoy: round robin). */
  managedLoadBalancer(caller: CallerRef, target: string): MeshConfig['loadBalancer'] | null {
    if (this.throughLattice(caller, target)) return LATTICE_LOAD_BALANCER;
    return this.inner.managedLoadBalancer?.(caller, target) ?? null;
  }

  /** Lattice's health checks (`latticeEndpointChangeDelayMs`), for the Lattice services of calls between clusters. */
  managedEndpointChangeDelayMs(up: boolean, nowMs: number, service: ServiceConfig): number {
    return latticeEndpointChangeDelayMs(up, nowMs, service);
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
    if (this.throughLattice(caller, target)) return 0;
    return this.inner.retryHostReselections?.(caller, target) ?? 0;
  }

  balancerQueue(caller: CallerRef, target: string): BalancerQueueSpec | null {
    if (this.throughLattice(caller, target)) return null;
    return this.inner.balancerQueue?.(caller, target) ?? null;
  }

  shapeClientPolicies(caller: CallerRef, target: string): ClientPolicy[] {
    if (this.throughLattice(caller, target)) return [];
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
