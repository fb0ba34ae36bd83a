// What most data planes share: cached routes, the run's warnings, mTLS for callers inside the mesh,
// no in-process cost per call, and proxy totals summed per kind of proxy.

import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { MeshConfigBase } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { ProxyKindTotals, ProxyTotals } from '../../config/SimulationResult.js';
import type { Warnings } from '../../ports/Warnings.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { DataPlane } from './DataPlane.js';
import type { DataPlaneContext } from './DataPlaneContext.js';
import type { Proxy } from './Proxy.js';
import { sumProxyTotals } from './proxyTotals.js';
import type { ProxyGroup } from './proxyTotals.js';
import { RouteCache } from './RouteCache.js';
import { PoolCache } from './PoolCache.js';
import { appConnectionSpec } from './connectionSpecs.js';
import type { ConnectionPool } from '../../call/ConnectionPool.js';
import type { ConnectionPools } from '../../call/ConnectionPools.js';

/** A data plane with proxies; subclasses say how routes look and which proxies exist. */
export abstract class DataPlaneBase implements DataPlane {
  abstract readonly shape: string;
  protected readonly warnings: Warnings;
  private readonly routes: RouteCache;
  private readonly pools: PoolCache;
  /** The run's pools, to make new ones from. */
  protected readonly connections: ConnectionPools;
  /** Every instance, by id (the application ends of connections). */
  protected readonly instances: readonly Instance[];

  constructor(
    context: DataPlaneContext,
    protected readonly mesh: MeshConfigBase,
  ) {
    this.warnings = context.warnings;
    this.routes = new RouteCache((caller, target) => this.buildRoute(caller, target));
    this.connections = context.connections;
    this.instances = context.instances;
    this.pools = new PoolCache((caller, target, keepAlive) => this.createPool(caller, target, keepAlive));
  }

  /**
   * The pool of `caller` → `target` connections (called once per (caller, target, keep-alive)): by
   * default the calling application's own, plaintext. Shapes whose proxies own the connections override it.
   */
  protected createPool(caller: CallerRef, target: Instance, keepAlive: boolean): ConnectionPool | null {
    return this.connections.create(appConnectionSpec(caller, target, keepAlive, this.instances));
  }

  connectionPool(
    caller: CallerRef,
    target: Instance,
    _route: readonly Station[],
    keepAlive: boolean,
  ): ConnectionPool | null {
    return this.pools.get(caller, target, keepAlive);
  }

  /** The stations of an attempt from `caller` to `target` (called once per pair; routes are cached). */
  protected abstract buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[];

  /** The proxies to account for, by kind (kinds with no proxies are left out of the totals). */
  protected abstract proxyGroups(): readonly ProxyGroup[];

  abstract effectivePolicy(
    caller: CallerRef,
    policy: CallPolicy,
    policySet: boolean,
    target?: string,
  ): CallPolicy;
  abstract clientEnforcer(caller: CallerRef, target?: string): EnforcerKind;
  abstract serverEnforcer(service: string): EnforcerKind;
  abstract proxies(): readonly Proxy[];

  route(caller: CallerRef, target: Instance): readonly Station<Proxy>[] {
    return this.routes.get(caller, target);
  }

  /**
   * mTLS between the mesh's proxies for every caller inside the mesh when the shape's mTLS is on;
   * never for a traffic source outside it (it has no workload certificate).
   */
  mtls(caller: CallerRef, _targetService?: string): boolean {
    return this.mesh.mtls && caller.instanceId >= 0;
  }

  /** Proxies cost nothing inside the calling application. */
  countCall(): void {}

  /** Kinds priced outside the proxy groups (managed hops), added to the totals. */
  protected extraTotals(_durationMs: number): readonly ProxyKindTotals[] {
    return [];
  }

  totals(durationMs: number): ProxyTotals {
    return sumProxyTotals(this.proxyGroups(), durationMs, this.mesh.prices, this.extraTotals(durationMs));
  }
}
