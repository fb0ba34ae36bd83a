// Sidecar-shaped meshes (`istio-sidecar`, `linkerd`, `app-mesh`, `consul`): a proxy in every pod. An
// attempt passes the caller's sidecar (outbound), the network, then the callee's sidecar (inbound);
// caller-side policies run in the outbound sidecar. Per-shape differences are a SidecarMesh.

import { proxyRequestedCpuCores } from '../../config/requestedCpuCores.js';
import { proxyContainerMemory } from '../../config/requestedMemoryMiB.js';
import { createSampler } from '@meshsim/engine';
import type { BalancerQueueSpec } from '../../call/BalancerQueue.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { Station } from '../../call/Station.js';
import { canEnforce } from '../../config/capabilities.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { NO_POLICY } from '../../config/defaults.js';
import { retrySemanticsOf } from '../../call/isRetryable.js';
import type { MeshConfigBase, ProxyProfile } from '../../config/MeshConfig.js';
import type { ServiceConfig, SimulationConfig } from '../../config/SimulationConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import { DataPlaneBase } from '../dataplane/DataPlaneBase.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { Proxy } from '../dataplane/Proxy.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import type { ProxyGroup } from '../dataplane/proxyTotals.js';
import type { SidecarMesh } from './SidecarMesh.js';
import type { ConnectionPool } from '../../call/ConnectionPool.js';
import {
  appConnectionSpec,
  ENVOY_CONNECT_TIMEOUT_MS,
  proxyConnectionSpec,
} from '../dataplane/connectionSpecs.js';
import { profileForLimit } from '../dataplane/proxyConcurrency.js';
import type { Warnings } from '../../ports/Warnings.js';
import type { RunStreams } from '../../ports/RunStreams.js';

/**
 * Endpoints each service's proxies hold when discovery is on demand: the running instances (Pending pods are no
 * endpoints) of the services it calls.
 */
function calledEndpoints(config: SimulationConfig, instances: readonly Instance[]): Map<string, number> {
  const replicas = new Map<string, number>();
  for (const instance of instances)
    replicas.set(instance.service.name, (replicas.get(instance.service.name) ?? 0) + 1);
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

/**
 * One sidecar per instance, of the kind `sidecarMesh` describes. A sidecar-shaped `MeshShape` of your own
 * describes its proxy as a `SidecarMesh` and returns this from `createDataPlane`, as the built-in ones do:
 * `createDataPlane: (context, config) => new SidecarDataPlane(MY_MESH, context, config)`.
 */
export class SidecarDataPlane<C extends MeshConfigBase> extends DataPlaneBase {
  readonly shape: string;
  readonly sidecars: Proxy[];
  private readonly endpointsOf: (proxy: Proxy) => number;
  private readonly streams: RunStreams;
  /** The mesh's default policy as its proxies run it (`SidecarMesh.runDefaultPolicy`). */
  private readonly defaultPolicy: CallPolicy;

  constructor(
    private readonly sidecarMesh: SidecarMesh<C>,
    context: DataPlaneContext,
    private readonly config: C,
  ) {
    super(context, config);
    this.shape = config.shape;
    this.streams = context.streams;
    this.defaultPolicy = sidecarMesh.runDefaultPolicy?.(config.defaultPolicy) ?? config.defaultPolicy;
    const profile = sidecarMesh.profile(config);
    const latency = createSampler(profile.latencyMs, context.streams.stream(sidecarMesh.stream));
    const fromLimit = sidecarMesh.workersFromCpuLimit?.(config) ?? false;
    const fromNode = fromLimit && (sidecarMesh.unlimitedWorkersFromNode?.(config) ?? false);
    // One profile per service (and node size, for a sidecar without a limit whose workers follow its node): its
    // pods' own proxy CPU limit and request (pod annotations) or the mesh's.
    const profiles = new Map<string, ProxyProfile>();
    const profileOf = (service: ServiceConfig, nodeCores: number | null): ProxyProfile => {
      const key = `${service.name}\u0000${String(nodeCores)}`;
      let own = profiles.get(key);
      if (own === undefined) {
        const limit = service.proxyCpuLimitCores ?? profile.cpuLimitCores ?? Infinity;
        own = profileForLimit(profile, limit, fromLimit, fromNode ? nodeCores : null);
        const request = service.proxyCpuRequestCores;
        if (request !== undefined && request !== own.cpuRequestCores)
          own = { ...own, cpuRequestCores: request };
        const memoryRequest = service.proxyMemoryRequestMiB;
        if (memoryRequest !== undefined && memoryRequest !== own.memoryRequestMiB)
          own = { ...own, memoryRequestMiB: memoryRequest };
        const memoryLimit = service.proxyMemoryLimitMiB;
        if (memoryLimit !== undefined && memoryLimit !== own.memoryLimitMiB)
          own = { ...own, memoryLimitMiB: memoryLimit };
        profiles.set(key, own);
        warnRequestAboveLimit(service, own, context.warnings);
      }
      return own;
    };
    this.sidecars = context.instances.map((instance) => {
      const own = profileOf(instance.service.config, instance.node.cores);
      const proxy = new Proxy(
        sidecarMesh.kind,
        `${instance.name}/${sidecarMesh.container}`,
        instance.node,
        own,
        latency,
        context.engine,
        context.onForward,
        context.cpuContainer(
          instance.node,
          instance.name,
          `${instance.name}/${sidecarMesh.container}`,
          own.cpuLimitCores,
          proxyRequestedCpuCores(own),
          proxyContainerMemory(own),
        ),
      );
      proxy.service = instance.service.name;
      proxy.instanceId = instance.id;
      proxy.role = 'sidecar';
      // A sidecar answers for its application when that is down (docs/model.md#endpoints-and-faults): an Envoy 503,
      // linkerd2-proxy 502 ("HTTP 502 means connection errors between proxies", Linkerd's common errors).
      if (retrySemanticsOf(sidecarMesh.enforcer) === 'envoy') instance.inboundProxy = proxy;
      else if (sidecarMesh.enforcer === 'linkerd-proxy') {
        instance.inboundProxy = proxy;
        instance.inboundDownAnswer = 'bad-gateway';
      }
      return proxy;
    });
    if (sidecarMesh.endpointScope === 'all') {
      const all = context.instances.length;
      this.endpointsOf = () => all;
    } else {
      const called = calledEndpoints(context.config, context.instances);
      this.endpointsOf = (proxy) => called.get(proxy.service ?? '') ?? 0;
    }
    sidecarMesh.configWarnings(context.config, config, (message, path) => this.warnings.add(message, path));
  }

  /** Caller's sidecar (mesh callers only), network, callee's sidecar. */
  protected buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
    const route: Station<Proxy>[] = [];
    if (caller.instanceId >= 0) route.push(proxyStation(this.sidecars[caller.instanceId] as Proxy, target));
    route.push({ kind: 'network', from: caller.node, to: target.node });
    route.push(proxyStation(this.sidecars[target.id] as Proxy, target));
    return route;
  }

  /**
   * A mesh caller's requests travel on its sidecar's connections to the callee's sidecar: kept alive,
   * mTLS when the mesh encrypts the call, in the shape's protocol between proxies (Linkerd: HTTP/2)
   * or the service's own. A caller outside the mesh uses its own connections, which the callee's sidecar accepts
   * (its inbound capture): they end with that sidecar, not with the application behind it.
   */
  protected override createPool(
    caller: CallerRef,
    target: Instance,
    keepAlive: boolean,
  ): ConnectionPool | null {
    if (caller.instanceId < 0) {
      const sidecar = this.sidecars[target.id] as Proxy;
      return this.connections.create(
        appConnectionSpec(caller, target, keepAlive, this.instances, false, sidecar),
      );
    }
    // The sidecar keeps its connections alive whatever the application does: one pool per pair.
    if (!keepAlive) return this.connectionPool(caller, target, [], true);
    const protocol = this.sidecarMesh.interProxyProtocol ?? target.service.config.protocol ?? 'http1';
    return this.connections.create(
      proxyConnectionSpec(
        protocol,
        this.mtls(caller, target.service.name),
        this.connectTimeoutMs(target),
        this.sidecars[caller.instanceId] as Proxy,
        this.sidecars[target.id] as Proxy,
      ),
    );
  }

  /**
   * The connect timeout of a caller's sidecar towards `target` [ms]: the service's `connectionPool.connectTimeout`
   * where the sidecar enforces connection-pool settings (Envoy's, not App Mesh's nor Linkerd's), else the mesh's.
   */
  private connectTimeoutMs(target: Instance): number {
    const own = target.service.config.destination?.connectionPool?.connectTimeoutMs;
    if (own !== undefined && canEnforce(this.sidecarMesh.enforcer, 'connection-pool')) return own;
    return this.sidecarMesh.connectTimeoutMs ?? ENVOY_CONNECT_TIMEOUT_MS;
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    // Callers outside the mesh have no sidecar: their policy is their own and no mesh default applies.
    if (caller.instanceId < 0) return policySet ? policy : NO_POLICY;
    if (!policySet) return this.defaultPolicy;
    const call = `calls from "${caller.name}"${target === undefined ? '' : ` to "${target}"`}`;
    const filled = this.sidecarMesh.routePolicy?.(policy, this.config) ?? policy;
    return this.sidecarMesh.adjustPolicy(filled, call, (message) => this.warnings.add(message));
  }

  clientEnforcer(caller: CallerRef): EnforcerKind {
    return caller.instanceId >= 0 ? this.sidecarMesh.enforcer : 'library';
  }

  serverEnforcer(): EnforcerKind {
    return this.sidecarMesh.enforcer;
  }

  /**
   * A mesh caller's sidecar makes its retries: position 0 of its routes, so a failure there (its sidecar crashed: the
   * application's connection to it is refused, or a response it was to carry back is reset) is retried by nothing.
   * A caller outside the mesh (its route starts with the network) retries as its own client: -1.
   */
  retryHopPosition(route: readonly Station[]): number {
    return route[0]?.kind === 'proxy' ? 0 : -1;
  }

  /** A mesh caller's sidecar enforces its retries: the mesh's redraws; a caller outside the mesh has none. */
  retryHostReselections(caller: CallerRef): number {
    return caller.instanceId >= 0 ? (this.sidecarMesh.retryHostReselections ?? 0) : 0;
  }

  /** A mesh caller's sidecar holds requests while no endpoint is ready, if the mesh's does; a caller outside, not. */
  balancerQueue(caller: CallerRef): BalancerQueueSpec | null {
    return caller.instanceId >= 0 ? (this.sidecarMesh.balancerQueue ?? null) : null;
  }

  shapeClientPolicies(caller: CallerRef, target: string): ClientPolicy[] {
    if (caller.instanceId < 0 || this.sidecarMesh.clientPolicies === undefined) return [];
    return this.sidecarMesh.clientPolicies(this.config, caller, target, this.streams);
  }

  proxies(): readonly Proxy[] {
    return this.sidecars;
  }

  protected proxyGroups(): readonly ProxyGroup[] {
    return [{ kind: this.sidecarMesh.kind, proxies: this.sidecars, endpointsOf: this.endpointsOf }];
  }
}

/**
 * Warns (once per service and resource) when a sidecar's request is above its limit once the service's annotations
 * are laid over the mesh's profile: Kubernetes' API server refuses such a pod ("must be less than or equal to cpu
 * limit", docs/sources.md#k8s-request-within-limit). A scenario writing both on the service is refused earlier.
 */
function warnRequestAboveLimit(service: ServiceConfig, own: ProxyProfile, warnings: Warnings): void {
  const cpuRequest = own.cpuRequestCores;
  const cpuLimit = own.cpuLimitCores;
  if (cpuRequest !== undefined && cpuLimit !== undefined && cpuRequest > cpuLimit) {
    const field = service.proxyCpuRequestCores !== undefined ? 'proxyCpuRequest' : 'proxyCpuLimit';
    warnings.add(
      `service ${service.name}: its sidecar requests ${cores(cpuRequest)} of CPU, above its CPU limit (${cores(cpuLimit)}) ` +
        "(its own proxyCpuRequest or proxyCpuLimit over the mesh's): Kubernetes refuses such a pod; the run places " +
        'and weighs it by the request and throttles it at the limit',
      ['services', service.name, field],
    );
  }
  const memoryRequest = own.memoryRequestMiB;
  const memoryLimit = own.memoryLimitMiB;
  if (memoryRequest !== undefined && memoryLimit !== undefined && memoryRequest > memoryLimit) {
    const field = service.proxyMemoryRequestMiB !== undefined ? 'proxyMemoryRequest' : 'proxyMemoryLimit';
    warnings.add(
      `service ${service.name}: its sidecar requests ${memoryRequest} MiB of memory, above its memory limit (` +
        `${memoryLimit} MiB; its own proxyMemoryRequest or proxyMemoryLimit over the mesh's): Kubernetes refuses ` +
        'such a pod; the run places it by the request',
      ['services', service.name, field],
    );
  }
}

function cores(n: number): string {
  return `${n} ${n === 1 ? 'core' : 'cores'}`;
}
