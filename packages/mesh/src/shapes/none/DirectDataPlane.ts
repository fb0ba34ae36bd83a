// Shapes without proxies: `none` (the application applies its own policies, kube-proxy picks an
// endpoint) and `library` (a shared in-process client library applies policies; optional partial adoption).

import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { LibraryMeshConfig, NoneMeshConfig } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { ProxyKindTotals, ProxyTotals } from '../../config/SimulationResult.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { computeCostPerMonthUsd } from '../dataplane/prices.js';
import type { Proxy } from '../dataplane/Proxy.js';
import { RouteCache } from '../dataplane/RouteCache.js';
import { PoolCache } from '../dataplane/PoolCache.js';
import { appConnectionSpec } from '../dataplane/connectionSpecs.js';
import { warnUnappliedDefaultPolicy } from '../dataplane/unappliedDefaultPolicy.js';
import type { ConnectionPool } from '../../call/ConnectionPool.js';

/** `none` and `library`: one network transfer per attempt, no proxies. */
export class DirectDataPlane implements DataPlane {
  readonly shape: 'none' | 'library';
  private readonly routes = new RouteCache((caller, target) => [
    { kind: 'network', from: caller.node, to: target.node } satisfies Station<Proxy>,
  ]);
  /** The applications' own connections (plaintext: nothing encrypts without proxies). */
  private readonly pools: PoolCache;
  private libraryCalls = 0;
  /** `library`: the adopting services ('all', or a set); `none`: an empty set. */
  private readonly adopters: ReadonlySet<string> | 'all';
  private readonly instancesByService: ReadonlyMap<string, number>;

  constructor(
    context: DataPlaneContext,
    private readonly mesh: NoneMeshConfig | LibraryMeshConfig,
  ) {
    this.shape = mesh.shape;
    // A default policy kept from another shape (`--mesh none` on an Istio scenario): no mesh applies it here.
    if (mesh.shape === 'none') warnUnappliedDefaultPolicy(context.warnings, mesh.defaultPolicy, 'under none');
    this.adopters =
      mesh.shape === 'none'
        ? new Set()
        : mesh.libraryServices === 'all'
          ? 'all'
          : new Set(mesh.libraryServices);
    // Running instances (Pending pods run no library).
    const byService = new Map<string, number>();
    for (const instance of context.instances)
      byService.set(instance.service.name, (byService.get(instance.service.name) ?? 0) + 1);
    this.instancesByService = byService;
    this.pools = new PoolCache((caller, target, keepAlive) =>
      context.connections.create(appConnectionSpec(caller, target, keepAlive, context.instances)),
    );
  }

  connectionPool(
    caller: CallerRef,
    target: Instance,
    _route: readonly Station[],
    keepAlive: boolean,
  ): ConnectionPool | null {
    return this.pools.get(caller, target, keepAlive);
  }

  route(caller: CallerRef, target: Instance): readonly Station<Proxy>[] {
    return this.routes.get(caller, target);
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean): CallPolicy {
    if (policySet) return policy;
    return this.usesLibrary(caller) ? this.mesh.defaultPolicy : NO_POLICY;
  }

  clientEnforcer(caller: CallerRef): EnforcerKind {
    if (caller.service === null) return 'library';
    return this.usesLibrary(caller) ? 'library' : 'application';
  }

  serverEnforcer(service: string): EnforcerKind {
    return this.adopts(service) ? 'library' : 'application';
  }

  /** Never: without proxies nothing encrypts or authenticates calls transparently. */
  mtls(): boolean {
    return false;
  }

  proxies(): readonly Proxy[] {
    return [];
  }

  countCall(caller: CallerRef): void {
    if (this.usesLibrary(caller)) this.libraryCalls++;
  }

  totals(durationMs: number): ProxyTotals {
    if (this.mesh.shape === 'none') {
      // No proxies: with prices they cost 0 (a cost to subtract from, as every other shape's), without none is known.
      const none: ProxyTotals = { count: 0, cpuCores: 0, memoryMiB: 0, byKind: [] };
      if (this.mesh.prices !== null) {
        none.costPerMonthUsd = 0;
        none.priceSource = this.mesh.prices.label;
      }
      return none;
    }
    let instances = 0;
    for (const [service, count] of this.instancesByService) if (this.adopts(service)) instances += count;
    const cpuCores = durationMs > 0 ? (this.libraryCalls * this.mesh.libraryCpuMsPerCall) / durationMs : 0;
    const library: ProxyKindTotals = {
      kind: 'library (in-process)',
      count: instances,
      cpuCores,
      memoryMiB: 0,
      queued: 0,
      // Every kind has every field. The library has no container, proxy or hop of its own (no traversal, memory or
      // handshake), and its CPU is counted (calls × libraryCpuMsPerCall), not run on the nodes' cores: none of it is
      // throttled or waits for a core.
      traversals: 0,
      maxMemoryMiB: 0,
      throttledMs: 0,
      cpuWaitMs: 0,
      handshakes: 0,
    };
    const totals: ProxyTotals = { count: 0, cpuCores, memoryMiB: 0, byKind: [library] };
    const prices = this.mesh.prices;
    if (prices !== null) {
      library.costPerMonthUsd = computeCostPerMonthUsd(prices, cpuCores, 0);
      totals.costPerMonthUsd = library.costPerMonthUsd;
      totals.priceSource = prices.label;
    }
    return totals;
  }

  private adopts(service: string): boolean {
    return this.adopters === 'all' || this.adopters.has(service);
  }

  private usesLibrary(caller: CallerRef): boolean {
    return caller.service !== null && this.adopts(caller.service);
  }
}
