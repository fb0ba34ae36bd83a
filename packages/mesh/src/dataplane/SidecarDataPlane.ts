// `istio-sidecar`: an Envoy proxy in every pod. An attempt passes the caller's sidecar (outbound),
// the network, then the callee's sidecar (inbound); policies run in the outbound sidecar.

import { createSampler } from '@meshsim/engine';
import type { Engine, RandomStreams } from '@meshsim/engine';
import type { CallPolicy, MeshConfig } from '../config/SimulationConfig.js';
import type { ProxyTotals } from '../config/SimulationResult.js';
import { NO_POLICY } from '../config/defaults.js';
import type { CallerRef } from '../call/CallerRef.js';
import type { Instance } from '../server/Instance.js';
import type { DataPlane } from './DataPlane.js';
import { Proxy } from './Proxy.js';
import type { ProxyTraveller } from './Proxy.js';
import { RouteCache } from './RouteCache.js';
import type { Station } from './Station.js';
import type { EnforcerKind } from '../policies/capabilities.js';

/** Envoy sidecars, one per instance. */
export class SidecarDataPlane implements DataPlane {
  readonly shape = 'istio-sidecar' as const;
  readonly warnings: string[] = [];
  readonly sidecars: Proxy[];
  private readonly routes: RouteCache;

  constructor(
    private readonly mesh: MeshConfig,
    private readonly instances: readonly Instance[],
    engine: Engine,
    streams: RandomStreams,
    onForward: (traveller: ProxyTraveller) => void,
  ) {
    const latency = createSampler(mesh.sidecar.latencyMs, streams.stream('proxy/sidecar'));
    this.sidecars = instances.map((instance) => {
      const proxy = new Proxy(
        'envoy-sidecar',
        `${instance.name}/istio-proxy`,
        instance.node,
        mesh.sidecar,
        latency,
        engine,
        onForward,
      );
      proxy.service = instance.service.name;
      proxy.instanceId = instance.id;
      return proxy;
    });
    this.routes = new RouteCache((caller, target) => {
      const route: Station[] = [];
      if (caller.instanceId >= 0)
        route.push({ kind: 'proxy', proxy: this.sidecars[caller.instanceId] as Proxy });
      route.push({ kind: 'network', from: caller.node, to: target.node });
      route.push({ kind: 'proxy', proxy: this.sidecars[target.id] as Proxy });
      return route;
    });
  }

  route(caller: CallerRef, target: Instance): readonly Station[] {
    return this.routes.get(caller, target);
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean): CallPolicy {
    if (policySet) return policy;
    // Callers outside the mesh have no sidecar, so no mesh default applies to them.
    return caller.instanceId >= 0 ? this.mesh.defaultPolicy : NO_POLICY;
  }

  clientEnforcer(caller: CallerRef): EnforcerKind {
    return caller.instanceId >= 0 ? 'l7-proxy' : 'library';
  }

  serverEnforcer(): EnforcerKind {
    return 'l7-proxy';
  }

  /**
   * Istio auto mTLS: true between two sidecars, i.e. for any caller inside the mesh (every service
   * has a sidecar here); false for a traffic source outside it, which has no workload certificate.
   */
  mtls(caller: CallerRef): boolean {
    return caller.instanceId >= 0;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  proxies(): readonly Proxy[] {
    return this.sidecars;
  }

  countCall(): void {}

  totals(durationMs: number): ProxyTotals {
    let cpuMs = 0;
    let memoryMiB = 0;
    let queued = 0;
    // Istio pushes every endpoint to every sidecar unless a Sidecar resource scopes it.
    const endpoints = this.instances.length;
    for (const proxy of this.sidecars) {
      cpuMs += proxy.cpuMs;
      memoryMiB += proxy.memoryMiB(endpoints);
      queued += proxy.queued;
    }
    const cpuCores = durationMs > 0 ? cpuMs / durationMs : 0;
    const count = this.sidecars.length;
    return {
      count,
      cpuCores,
      memoryMiB,
      byKind: [{ kind: 'envoy-sidecar', count, cpuCores, memoryMiB, queued }],
    };
  }
}
