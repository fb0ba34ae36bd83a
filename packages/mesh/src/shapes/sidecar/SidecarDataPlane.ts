// Sidecar-shaped meshes (`istio-sidecar`, `linkerd`, `app-mesh`, `consul`): a proxy in every pod. An
// attempt passes the caller's sidecar (outbound), the network, then the callee's sidecar (inbound);
// caller-side policies run in the outbound sidecar. Per-shape differences live in sidecarMeshes.ts.

import { createSampler } from '@meshsim/engine';
import type { CallPolicy, MeshConfig, SimulationConfig } from '../../config/SimulationConfig.js';
import type { ProxyTotals } from '../../config/SimulationResult.js';
import { NO_POLICY, defaultMtls } from '../../config/defaults.js';
import { ENVOY_CONNECTION_POOL } from '../../config/policyDefaults.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { Instance } from '../../server/Instance.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import { EnvoyThresholds } from '../../policies/breakers/EnvoyThresholds.js';
import { EnvoyRetryBudget } from '../../policies/retryBudgets/EnvoyRetryBudget.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { Warnings } from '../../ports/Warnings.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { Proxy } from '../dataplane/Proxy.js';
import { pricesOf, sumProxyTotals } from '../dataplane/proxyTotals.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import { RouteCache } from '../dataplane/RouteCache.js';
import type { SidecarMesh } from './sidecarMeshes.js';
import type { Station } from '../../call/Station.js';

/** Endpoints each service's proxies hold when discovery is on demand: those of the services it calls. */
function calledEndpoints(config: SimulationConfig): Map<string, number> {
  const replicas = new Map(config.services.map((s) => [s.name, s.replicas] as const));
  const endpoints = new Map<string, number>();
  for (const service of config.services) {
    const called = new Set<string>();
    for (const stage of service.calls) for (const call of stage) called.add(call.to);
    let count = 0;
    for (const name of called) count += replicas.get(name) ?? 0;
    endpoints.set(service.name, count);
  }
  return endpoints;
}

/** One sidecar per instance, of the kind `sidecarMesh` describes. */
export class SidecarDataPlane implements DataPlane {
  readonly shape: SidecarMesh['shape'];
  private readonly warnings: Warnings;
  readonly sidecars: Proxy[];
  private readonly mesh: MeshConfig;
  private readonly routes: RouteCache;
  private readonly endpointsOf: (proxy: Proxy) => number;
  private readonly mtlsOn: boolean;

  constructor(
    private readonly sidecarMesh: SidecarMesh,
    context: DataPlaneContext,
  ) {
    this.warnings = context.warnings;
    const mesh = context.config.mesh;
    this.mesh = mesh;
    this.shape = sidecarMesh.shape;
    this.mtlsOn = mesh.mtls ?? defaultMtls(sidecarMesh.shape);
    const profile = sidecarMesh.profile(mesh);
    // `proxy/sidecar` keeps Istio's stream name (and so its results) from before the other shapes.
    const streamName = sidecarMesh.shape === 'istio-sidecar' ? 'proxy/sidecar' : `proxy/${sidecarMesh.kind}`;
    const latency = createSampler(profile.latencyMs, context.streams.stream(streamName));
    this.sidecars = context.instances.map((instance) => {
      const proxy = new Proxy(
        sidecarMesh.kind,
        `${instance.name}/${sidecarMesh.container}`,
        instance.node,
        profile,
        latency,
        context.engine,
        context.onForward,
      );
      proxy.service = instance.service.name;
      proxy.instanceId = instance.id;
      proxy.role = 'sidecar';
      return proxy;
    });
    if (sidecarMesh.endpointScope === 'all') {
      const all = context.instances.length;
      this.endpointsOf = () => all;
    } else {
      const called = calledEndpoints(context.config);
      this.endpointsOf = (proxy) => called.get(proxy.service ?? '') ?? 0;
    }
    this.routes = new RouteCache((caller, target) => this.buildRoute(caller, target));
    sidecarMesh.configWarnings(context.config, (message) => this.warnings.add(message));
  }

  /** Caller's sidecar (mesh callers only), network, callee's sidecar. */
  buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
    const route: Station<Proxy>[] = [];
    if (caller.instanceId >= 0) route.push(proxyStation(this.sidecars[caller.instanceId] as Proxy, target));
    route.push({ kind: 'network', from: caller.node, to: target.node });
    route.push(proxyStation(this.sidecars[target.id] as Proxy, target));
    return route;
  }

  route(caller: CallerRef, target: Instance): readonly Station<Proxy>[] {
    return this.routes.get(caller, target);
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    // Callers outside the mesh have no sidecar: their policy is their own and no mesh default applies.
    if (caller.instanceId < 0) return policySet ? policy : NO_POLICY;
    if (!policySet) return this.mesh.defaultPolicy;
    const call = `calls from "${caller.name}"${target === undefined ? '' : ` to "${target}"`}`;
    return this.sidecarMesh.adjustPolicy(policy, call, (message) => this.warnings.add(message));
  }

  clientEnforcer(caller: CallerRef): EnforcerKind {
    return caller.instanceId >= 0 ? this.sidecarMesh.enforcer : 'library';
  }

  serverEnforcer(): EnforcerKind {
    return this.sidecarMesh.enforcer;
  }

  /**
   * mTLS between two sidecars, i.e. for any caller inside the mesh (every service has a sidecar
   * here) when the shape's mTLS is on; never for a traffic source outside it (no workload certificate).
   */
  mtls(caller: CallerRef): boolean {
    return this.mtlsOn && caller.instanceId >= 0;
  }

  /**
   * App Mesh in a legacy account: Envoy's default circuit breakers (1024/1024/1024, 3 concurrent
   * retries) on every caller, whatever the scenario says (envoy-defaults.md).
   */
  shapeClientPolicies(caller: CallerRef, target: string): ClientPolicy[] {
    if (this.shape !== 'app-mesh' || this.mesh.appMeshLegacyAccount !== true || caller.instanceId < 0)
      return [];
    const path = `app-mesh Envoy defaults (${caller.name} -> ${target})`;
    return [
      new EnvoyThresholds(ENVOY_CONNECTION_POOL, path),
      EnvoyRetryBudget.maxRetries(ENVOY_CONNECTION_POOL.maxRetries, path),
    ];
  }

  proxies(): readonly Proxy[] {
    return this.sidecars;
  }

  countCall(): void {}

  totals(durationMs: number): ProxyTotals {
    return sumProxyTotals(
      [{ kind: this.sidecarMesh.kind, proxies: this.sidecars, endpointsOf: this.endpointsOf }],
      durationMs,
      pricesOf(this.mesh),
    );
  }
}
