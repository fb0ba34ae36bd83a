// `layered`: one shape inside each cluster and a VPC Lattice hop between clusters — the design seed 000
// recommends (Istio ambient in each EKS cluster, Lattice across clusters and VPCs). Same-cluster calls
// take the in-cluster shape's route; cross-cluster calls take it with the Lattice hop inserted after
// the cross-cluster network transfer.

import type { CallPolicy, LayeredConfig, MeshConfig, MeshShapeName } from '../../config/SimulationConfig.js';
import type { ProxyTotals } from '../../config/SimulationResult.js';
import { DEFAULT_LAYERED } from '../../config/defaults.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { Instance } from '../../server/Instance.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { LatticeHops } from '../vpc-lattice/LatticeHops.js';
import type { Proxy } from '../dataplane/Proxy.js';
import { pricesOf } from '../dataplane/proxyTotals.js';
import { RouteCache } from '../dataplane/RouteCache.js';
import type { Station } from '../../call/Station.js';

/** Builds the data plane of a shape (the registry, passed in to avoid an import cycle). */
export type DataPlaneFactory = (context: DataPlaneContext, shape: MeshShapeName) => DataPlane;

/** The layered config of `mesh`, validated; throws naming the field. */
export function layeredConfig(mesh: MeshConfig): LayeredConfig {
  const layered = mesh.layered ?? DEFAULT_LAYERED;
  if (layered.inCluster === 'layered') {
    throw new Error(`mesh.layered.inCluster must be a shape other than 'layered' (got 'layered')`);
  }
  if (layered.crossCluster !== 'vpc-lattice' && layered.crossCluster !== 'none') {
    throw new Error(
      `mesh.layered.crossCluster must be 'vpc-lattice' or 'none' (got ${JSON.stringify(layered.crossCluster)})`,
    );
  }
  return layered;
}

/** The in-cluster shape's data plane plus Lattice hops between clusters. */
export class LayeredDataPlane implements DataPlane {
  readonly shape = 'layered' as const;
  readonly inner: DataPlane;
  /** The Lattice hops, or null when `crossCluster` is 'none' (or the in-cluster shape is Lattice already). */
  readonly lattice: LatticeHops | null;
  private readonly mesh: MeshConfig;
  private readonly crossRoutes: RouteCache;
  /** Each service's cluster. */
  private readonly clusterOf: ReadonlyMap<string, string>;

  constructor(context: DataPlaneContext, create: DataPlaneFactory) {
    this.mesh = context.config.mesh;
    this.clusterOf = new Map(context.config.services.map((s) => [s.name, s.cluster] as const));
    const layered = layeredConfig(this.mesh);
    this.inner = create(context, layered.inCluster);
    this.lattice =
      layered.crossCluster === 'vpc-lattice' && layered.inCluster !== 'vpc-lattice'
        ? new LatticeHops(context, this.mesh)
        : null;
    this.crossRoutes = new RouteCache((caller, target) =>
      (this.lattice as LatticeHops).insertInto(this.inner.route(caller, target), target, false),
    );
  }

  private crossesClusters(caller: CallerRef, target: Instance): boolean {
    return caller.node !== null && caller.node.cluster !== target.node.cluster;
  }

  route(caller: CallerRef, target: Instance): readonly Station<Proxy>[] {
    if (this.lattice !== null && this.crossesClusters(caller, target))
      return this.crossRoutes.get(caller, target);
    return this.inner.route(caller, target);
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

  shapeClientPolicies(caller: CallerRef, target: string): ClientPolicy[] {
    return this.inner.shapeClientPolicies?.(caller, target) ?? [];
  }

  proxies(): readonly Proxy[] {
    return this.lattice === null ? this.inner.proxies() : [...this.inner.proxies(), ...this.lattice.hops];
  }

  totals(durationMs: number): ProxyTotals {
    const inner = this.inner.totals(durationMs);
    if (this.lattice === null) return inner;
    const prices = pricesOf(this.mesh);
    const hops = this.lattice.totals(durationMs, prices, false);
    const totals: ProxyTotals = { ...inner, byKind: [...inner.byKind, hops] };
    if (prices !== null) totals.costPerMonthUsd = (inner.costPerMonthUsd ?? 0) + (hops.costPerMonthUsd ?? 0);
    return totals;
  }
}
