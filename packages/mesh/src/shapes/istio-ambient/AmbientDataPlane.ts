// `istio-ambient`: a ztunnel (L4, mTLS) on every node and, for services that ask for one, a waypoint
// Envoy deployment (L7). Route: caller → caller-node ztunnel → network → [waypoint → network] →
// callee-node ztunnel → callee. L7 policies of a destination run at its waypoint; without one they
// fall back to the calling application (timeouts, retries) or are not applied, with a warning.

import { warnUnappliedDefaultPolicy } from '../dataplane/unappliedDefaultPolicy.js';
import { proxyRequestedCpuCores } from '../../config/requestedCpuCores.js';
import { proxyContainerMemory, proxyRequestedMemoryMiB } from '../../config/requestedMemoryMiB.js';
import { createSampler } from '@meshsim/engine';
import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { IstioAmbientMeshConfig } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import { DataPlaneBase } from '../dataplane/DataPlaneBase.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { l7Demands } from '../dataplane/l7Demands.js';
import { perNodeProxies } from '../dataplane/perNodeProxies.js';
import { Proxy } from '../dataplane/Proxy.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import type { ProxyGroup } from '../dataplane/proxyTotals.js';
import { profileForLimit } from '../dataplane/proxyConcurrency.js';
import { hboneConnectionSpec } from './hboneConnections.js';
import { placeWaypoint } from './placeWaypoint.js';
import { waypointDeployments } from './waypointDeployments.js';
import type { ConnectionPool } from '../../call/ConnectionPool.js';
import { ISTIO_HOST_SELECTION_RETRY_MAX_ATTEMPTS } from '../istio-sidecar/istioRetryHosts.js';
import { ISTIO_DEFAULT_RETRY, istioRoutePolicy } from '../istio-sidecar/istioDefaultRetry.js';
import { pushAll } from '../../config/manyValues.js';

/** ztunnels per node, and the waypoint deployments (a service's own, or shared by name). */
export class AmbientDataPlane extends DataPlaneBase {
  readonly shape: string;
  /** One ztunnel per node, indexed by node id. */
  readonly ztunnels: Proxy[];
  /** Waypoint replicas by service name (services without a waypoint are absent; a shared one appears under each). */
  readonly waypoints = new Map<string, Proxy[]>();
  /** The replicas of each waypoint deployment, once each. */
  private readonly waypointReplicas: Proxy[][] = [];
  private readonly endpoints: number;
  /** The waypoint replicas in front of each instance (by instance id), or null. */
  private readonly waypointsOfInstance: (Proxy[] | null)[];
  /** Enforcer when the target is not given: l7 only if every service asking for L7 has a waypoint. */
  private readonly untargetedEnforcer: EnforcerKind;
  /** Routes through waypoints with several replicas, by (caller, instance) key, one per replica. */
  private readonly replicaRoutes = new Map<number, (readonly Station<Proxy>[] | undefined)[]>();
  /** Next waypoint replica per (caller, destination service). */
  private readonly cursors = new Map<number, number>();
  /**
   * The Ready replicas of each waypoint deployment (indices into its replicas), by its replica array; a deployment
   * whose replicas are all Ready is absent. Rebuilt by {@link proxyEndpoints}.
   */
  private readonly readyReplicas = new Map<readonly Proxy[], number[]>();
  /**
   * The waypoints' endpoint lists: a waypoint is reached through its Service, whose endpoints are its Ready pods, so
   * callers choose among the replicas Kubernetes counts Ready. Faults refresh it as they refresh services' endpoints
   * (after the endpoint update delay; a powered-off node's pods once the node controller marks them NotReady).
   */
  readonly proxyEndpoints = { refreshEndpoints: (): void => this.refreshReadyReplicas() };
  /** Index of each service in the config, by name (for round-robin cursors). */
  private readonly serviceIndex: ReadonlyMap<string, number>;
  /** HBONE pools by route (mesh callers): the route fixes the caller's ztunnel and its first hop. */
  private readonly hbonePools = new Map<readonly Station[], ConnectionPool>();
  /** HBONE pools by (caller, destination pod or waypoint replica): shared by the routes that have them. */
  private readonly sharedPools = new Map<string, ConnectionPool>();

  constructor(context: DataPlaneContext, mesh: IstioAmbientMeshConfig) {
    super(context, mesh);
    this.shape = mesh.shape;
    const { config, topology, engine, streams, onForward, instances } = context;
    this.endpoints = instances.length;
    this.ztunnels = perNodeProxies(context, {
      kind: 'ztunnel',
      suffix: 'ztunnel',
      profile: mesh.ztunnel,
      stream: 'proxy/ztunnel',
      role: 'ztunnel',
    });
    const waypointProfile = mesh.waypoint;
    // Waypoints size their workers from their CPU limit like any Istio 1.18+ proxy (docs/sources.md#istio-1-18-concurrency).
    const workersFromLimit = mesh.options.waypoint?.workers === undefined;
    const waypointLatency = createSampler(waypointProfile.latencyMs, streams.stream('proxy/waypoint'));
    for (const deployment of waypointDeployments(config.services, waypointProfile.replicas)) {
      const limit = deployment.cpuLimitCores ?? waypointProfile.cpuLimitCores ?? Infinity;
      // A pod requesting nothing is scored as the scheduler's 100m default; an explicit request as it is.
      const cpuRequestCores =
        waypointProfile.cpuRequestCores === undefined && !Number.isFinite(limit)
          ? undefined
          : proxyRequestedCpuCores({ ...waypointProfile, cpuLimitCores: limit });
      const pod = { cpuRequestCores, memoryRequestMiB: proxyRequestedMemoryMiB(waypointProfile) };
      const at = ['services', deployment.services[0] ?? deployment.name, 'waypoint'];
      const nodes = placeWaypoint(topology, deployment, pod, (message) => this.warnings.add(message, at));
      const replicas = nodes.map((node, i) => {
        // Without a limit, a waypoint's Envoy runs a worker per core of its node, as a sidecar's does.
        const profile = profileForLimit(waypointProfile, limit, workersFromLimit, node.cores);
        const proxy = new Proxy(
          'waypoint',
          `${deployment.name}-${i + 1}`,
          node,
          profile,
          waypointLatency,
          engine,
          onForward,
          context.cpuContainer(
            node,
            `${deployment.name}-${i + 1}`,
            `${deployment.name}-${i + 1}/istio-proxy`,
            profile.cpuLimitCores,
            proxyRequestedCpuCores(profile),
            proxyContainerMemory(profile),
          ),
        );
        proxy.role = 'waypoint';
        // A service's own waypoint reports its service in telemetry; a shared one its own name.
        proxy.service = deployment.ownedBy ?? deployment.name;
        proxy.boundServices = deployment.services;
        return proxy;
      });
      this.waypointReplicas.push(replicas);
      for (const service of deployment.services) this.waypoints.set(service, replicas);
    }
    const serviceIndex = new Map(config.services.map((s, i) => [s.name, i] as const));
    this.serviceIndex = serviceIndex;
    this.waypointsOfInstance = instances.map((instance) => this.waypoints.get(instance.service.name) ?? null);

    let allL7Waypointed = true;
    for (const [service, demanded] of l7Demands(config)) {
      if (demanded.length === 0 || this.waypoints.has(service)) continue;
      allL7Waypointed = false;
      this.warnings.add(
        `istio-ambient: service "${service}" has no waypoint, so its L7 policies (${demanded.join(', ')}) cannot be ` +
          'enforced by the ztunnel (an l4-proxy): timeouts and retries run in the calling applications, the others ' +
          'are not applied; give the service `waypoint: true` to enforce them',
        ['services', service],
      );
    }
    this.untargetedEnforcer = allL7Waypointed ? 'l7-proxy' : 'l4-proxy';
  }

  /**
   * The waypoint replica that serves `caller`'s next call to `target` (its index among the replicas), or -1 when
   * `target` has no waypoint. A caller's ztunnel sends its calls to a service's waypoint replicas in turn (round
   * robin per caller and service, an assumption: ztunnel's own choice of a waypoint endpoint is not modelled),
   * among those Kubernetes counts Ready ({@link proxyEndpoints}); the call's every attempt goes through that replica, which holds the call's policy state and makes its
   * retries.
   */
  enforcerSlot(caller: CallerRef, target: string): number {
    const waypoints = this.waypoints.get(target);
    if (waypoints === undefined) return -1;
    if (waypoints.length === 1) return 0;
    // PERF: numeric cursor key (caller key × 2^16 + service index), no string per call.
    const cursorKey = caller.key * 65_536 + (this.serviceIndex.get(target) ?? 0);
    const next = this.cursors.get(cursorKey) ?? 0;
    this.cursors.set(cursorKey, next + 1);
    // PERF: a map lookup that misses while every replica is Ready (no fault marked one NotReady).
    const ready = this.readyReplicas.get(waypoints);
    if (ready === undefined) return next % waypoints.length;
    return ready[next % ready.length] as number;
  }

  /**
   * Rebuilds the Ready replicas of each waypoint from its proxies' `ready`. A waypoint with none Ready keeps them all
   * in the choice (an assumption: its Service has no endpoints, and calls to it fail as they do through dead replicas).
   */
  private refreshReadyReplicas(): void {
    this.readyReplicas.clear();
    for (const replicas of this.waypointReplicas) {
      const ready: number[] = [];
      replicas.forEach((replica, i) => {
        if (replica.ready) ready.push(i);
      });
      if (ready.length > 0 && ready.length < replicas.length) this.readyReplicas.set(replicas, ready);
    }
  }

  /**
   * The route through waypoint replica `slot` ({@link enforcerSlot}); without one (-1: a caller that did not
   * ask), the next replica in the caller's turn.
   */
  override route(caller: CallerRef, target: Instance, slot = -1): readonly Station<Proxy>[] {
    const waypoints = this.waypointsOfInstance[target.id] ?? null;
    if (waypoints === null || waypoints.length === 1) return super.route(caller, target);
    // Several waypoint replicas: one cached route per replica.
    const index =
      slot >= 0 && slot < waypoints.length ? slot : this.enforcerSlot(caller, target.service.name);
    const key = caller.key * 1_048_576 + target.id;
    let variants = this.replicaRoutes.get(key);
    if (variants === undefined) {
      variants = [];
      this.replicaRoutes.set(key, variants);
    }
    let route = variants[index];
    if (route === undefined) {
      route = this.routeVia(caller, target, waypoints[index] as Proxy);
      variants[index] = route;
    }
    return route;
  }

  /**
   * A service behind a waypoint has its local rate limit at the waypoint: one token bucket per replica (each is
   * one Envoy), shared by every caller it serves. 0 without a waypoint (the callee's own hop: per instance).
   */
  inboundEnforcerSlots(service: string): number {
    return this.waypoints.get(service)?.length ?? 0;
  }

  /** The route through the target's only waypoint, or through ztunnels alone. */
  protected buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
    const waypoints = this.waypointsOfInstance[target.id] ?? null;
    return this.routeVia(caller, target, waypoints === null ? null : (waypoints[0] as Proxy));
  }

  /** Caller-node ztunnel (mesh callers), [network, waypoint], network, callee-node ztunnel. */
  private routeVia(caller: CallerRef, target: Instance, waypoint: Proxy | null): Station<Proxy>[] {
    const route: Station<Proxy>[] = [];
    const from = caller.node;
    if (from !== null) route.push(proxyStation(this.ztunnels[from.id] as Proxy, target));
    if (waypoint !== null) {
      route.push({ kind: 'network', from, to: waypoint.node });
      route.push(proxyStation(waypoint, target));
      route.push({ kind: 'network', from: waypoint.node, to: target.node });
    } else {
      route.push({ kind: 'network', from, to: target.node });
    }
    route.push(proxyStation(this.ztunnels[target.node.id] as Proxy, target));
    return route;
  }

  /**
   * A mesh caller's requests travel in an HBONE tunnel (HTTP/2 CONNECT over mTLS) from its node's ztunnel to
   * the first hop, the waypoint or the callee's ztunnel. ztunnel pools these per source pod (its identity and
   * address) and destination address: the callee pod, or the waypoint pod its requests go to (`WorkloadKey`,
   * docs/sources.md#ztunnel-hbone-pool). So a pool per (caller pod, callee pod), or per (caller pod, waypoint
   * replica), shared by the calls to every pod behind that waypoint. A caller outside the mesh uses its own
   * connections.
   */
  override connectionPool(
    caller: CallerRef,
    target: Instance,
    route: readonly Station[],
    keepAlive: boolean,
  ): ConnectionPool | null {
    if (caller.node === null || caller.instanceId < 0)
      return super.connectionPool(caller, target, route, keepAlive);
    let pool = this.hbonePools.get(route);
    if (pool === undefined) {
      const ztunnel = this.ztunnels[caller.node.id] as Proxy;
      const firstHop = route.find((station) => station.kind === 'proxy' && station.proxy !== ztunnel);
      const hop = firstHop?.kind === 'proxy' ? (firstHop.proxy as Proxy) : ztunnel;
      // The destination address: the waypoint pod, else the callee pod (whose node's ztunnel terminates HBONE).
      const destination = hop.role === 'waypoint' ? `waypoint:${hop.name}` : `pod:${target.id}`;
      const key = `${caller.key}|${destination}`;
      pool = this.sharedPools.get(key);
      if (pool === undefined) {
        pool = this.connections.create(
          hboneConnectionSpec(this.mtls(caller, target.service.name), ztunnel, hop),
        );
        this.sharedPools.set(key, pool);
      }
      this.hbonePools.set(route, pool);
    }
    return pool;
  }

  /**
   * Scenario-set policies run as set: through a waypoint it enforces them (a timeout written without retries keeps
   * the default retry, a retry without retryOn Istio's default conditions, as pilot builds the route), without one they are the calling application's own (the
   * per-service warning built at construction says so). Unset: Istio's default retry where a waypoint exists,
   * nothing where only ztunnels are on the path.
   */
  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    const waypoint = caller.instanceId >= 0 && target !== undefined && this.waypoints.has(target);
    // A waypoint builds its routes as pilot builds a sidecar's: a timeout without retries keeps the default retry.
    if (policySet) {
      return waypoint
        ? istioRoutePolicy(policy, this.mesh.defaultPolicy.retry, ISTIO_DEFAULT_RETRY.retryOn)
        : policy;
    }
    if (caller.instanceId < 0) return NO_POLICY;
    if (waypoint) return this.mesh.defaultPolicy;
    // A ztunnel runs no request policy: a written default (the shape's own is a waypoint's) has nowhere to run.
    if (target !== undefined && this.mesh.options.defaultPolicy !== undefined) {
      warnUnappliedDefaultPolicy(
        this.warnings,
        this.mesh.defaultPolicy,
        'on calls to services without a waypoint',
      );
    }
    return NO_POLICY;
  }

  /**
   * A waypoint enforces the retries of calls to its service, with Istio's previous-hosts predicate (pilot builds a
   * waypoint's routes as a sidecar's outbound ones); without a waypoint the retries are the application's own.
   */
  retryHostReselections(caller: CallerRef, target: string): number {
    return caller.instanceId >= 0 && this.waypoints.has(target) ? ISTIO_HOST_SELECTION_RETRY_MAX_ATTEMPTS : 0;
  }

  /**
   * A waypoint makes the retries of the calls through it (Istio's default retry is applied by waypoints only;
   * ztunnel retries nothing): its position on `route`, or -1 for a route without one (the calling application's
   * own retries). A failure at the caller's ztunnel, on the way to the waypoint or at the waypoint itself never
   * reaches it and is not retried.
   */
  retryHopPosition(route: readonly Station[]): number {
    for (let i = 0; i < route.length; i++) {
      const station = route[i] as Station<Proxy>;
      if (station.kind === 'proxy' && station.proxy.role === 'waypoint') return i;
    }
    return -1;
  }

  clientEnforcer(caller: CallerRef, target?: string): EnforcerKind {
    if (caller.instanceId < 0) return 'library';
    if (target === undefined) return this.untargetedEnforcer;
    return this.waypoints.has(target) ? 'l7-proxy' : 'l4-proxy';
  }

  serverEnforcer(service: string): EnforcerKind {
    return this.waypoints.has(service) ? 'l7-proxy' : 'l4-proxy';
  }

  proxies(): readonly Proxy[] {
    const all = [...this.ztunnels];
    for (const replicas of this.waypointReplicas) pushAll(all, replicas);
    return all;
  }

  protected proxyGroups(): readonly ProxyGroup[] {
    const endpoints = this.endpoints;
    const waypoints: Proxy[] = [];
    for (const replicas of this.waypointReplicas) pushAll(waypoints, replicas);
    return [
      { kind: 'ztunnel', proxies: this.ztunnels, endpointsOf: () => endpoints },
      { kind: 'waypoint', proxies: waypoints, endpointsOf: () => endpoints },
    ];
  }
}
