// Shapes without proxies: `none` (the application applies its own policies, kube-proxy picks an
// endpoint) and `library` (a shared in-process client library applies policies; optional partial adoption).

import type { CallPolicy, MeshConfig } from '../../config/SimulationConfig.js';
import type { ProxyKindTotals, ProxyTotals } from '../../config/SimulationResult.js';
import { computeCostPerMonthUsd } from '../dataplane/prices.js';
import { pricesOf } from '../dataplane/proxyTotals.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { Instance } from '../../server/Instance.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { Warnings } from '../../ports/Warnings.js';
import { RouteCache } from '../dataplane/RouteCache.js';
import type { Station } from '../../call/Station.js';
import type { Proxy } from '../dataplane/Proxy.js';
import type { EnforcerKind } from '../../config/capabilities.js';

/** `none` and `library`: one network transfer per attempt, no proxies. */
export class DirectDataPlane implements DataPlane {
  readonly shape: 'none' | 'library';
  private readonly warnings: Warnings;
  private readonly routes = new RouteCache((caller, target) => [
    { kind: 'network', from: caller.node, to: target.node } satisfies Station<Proxy>,
  ]);
  private libraryCalls = 0;
  private readonly adopters: ReadonlySet<string> | 'all';

  constructor(
    private readonly mesh: MeshConfig,
    private readonly instancesByService: ReadonlyMap<string, number>,
    warnings: Warnings,
  ) {
    this.warnings = warnings;
    this.shape = mesh.shape === 'library' ? 'library' : 'none';
    this.adopters = mesh.libraryServices === 'all' ? 'all' : new Set(mesh.libraryServices);
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
    if (this.shape === 'library' && (this.adopters === 'all' || this.adopters.has(service))) return 'library';
    return 'application';
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
    if (this.shape === 'none') return { count: 0, cpuCores: 0, memoryMiB: 0, byKind: [] };
    let instances = 0;
    for (const [service, count] of this.instancesByService) {
      if (this.adopters === 'all' || this.adopters.has(service)) instances += count;
    }
    const cpuCores = durationMs > 0 ? (this.libraryCalls * this.mesh.libraryCpuMsPerCall) / durationMs : 0;
    const library: ProxyKindTotals = {
      kind: 'library (in-process)',
      count: instances,
      cpuCores,
      memoryMiB: 0,
      queued: 0,
    };
    const totals: ProxyTotals = { count: 0, cpuCores, memoryMiB: 0, byKind: [library] };
    const prices = pricesOf(this.mesh);
    if (prices !== null) {
      library.costPerMonthUsd = computeCostPerMonthUsd(prices, cpuCores, 0);
      totals.costPerMonthUsd = library.costPerMonthUsd;
      totals.priceSource = prices.label;
    }
    return totals;
  }

  private usesLibrary(caller: CallerRef): boolean {
    if (this.shape !== 'library' || caller.service === null) return false;
    return this.adopters === 'all' || this.adopters.has(caller.service);
  }
}
