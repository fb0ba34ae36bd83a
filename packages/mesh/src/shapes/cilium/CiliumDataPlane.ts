// `cilium`: an eBPF datapath on every node (near-zero cost, no queueing); a call to a service with a policy only Envoy
// runs also passes the client node's Envoy, which runs on every node. Optional WireGuard between nodes and optional
// mutual authentication. Route: caller → node eBPF → [node Envoy] → [WireGuard] → network → [WireGuard] →
// callee-node eBPF → callee.

import { warnUnappliedDefaultPolicy } from '../dataplane/unappliedDefaultPolicy.js';
import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { CiliumMeshConfig } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import { DataPlaneBase } from '../dataplane/DataPlaneBase.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import type { ConnectionPool } from '../../call/ConnectionPool.js';
import type { MeshConfig } from '../../config/MeshConfig.js';
import {
  APP_MAX_STREAMS,
  CILIUM_ENVOY_CONNECT_TIMEOUT_MS,
  CILIUM_ENVOY_IDLE_TIMEOUT_MS,
  streamsOf,
} from '../dataplane/connectionSpecs.js';
import { envoyDestinationWarning, envoyDestinations } from './envoyDestinations.js';
import { perNodeProxies } from '../dataplane/perNodeProxies.js';
import type { Proxy } from '../dataplane/Proxy.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import type { ProxyGroup } from '../dataplane/proxyTotals.js';
import { WIREGUARD_PROFILE } from './ciliumProfiles.js';

/**
 * The load balancer of Cilium's Envoy where the mesh writes none: `round_robin`, the operator's
 * `loadbalancer-l7-algorithm` default (docs/sources.md#cilium-envoy-defaults), also Envoy's own cluster default.
 */
const NODE_ENVOY_LOAD_BALANCER: MeshConfig['loadBalancer'] = 'round-robin';

/** Per-node eBPF stations, per-node Envoys (the cilium-envoy DaemonSet), per-node WireGuard (when on). */
export class CiliumDataPlane extends DataPlaneBase {
  readonly shape: string;
  /** eBPF datapath per node, by node id. Kernel state, not a crashable proxy: not in `proxies()`. */
  readonly ebpf: Proxy[];
  /** Envoy per node, by node id: Cilium 1.16+ runs the cilium-envoy DaemonSet whether or not a service needs it. */
  readonly nodeEnvoys: Proxy[];
  /** WireGuard per node, by node id; empty when encryption is off. Not in `proxies()`. */
  readonly wireguard: Proxy[];
  private readonly endpoints: number;
  /** Services whose calls need the node Envoy. */
  private readonly l7Services = new Set<string>();
  /** Whether WireGuard encrypts traffic between nodes. */
  private readonly encryption: boolean;
  /** The node Envoys' pools to each callee pod, by `<node id>|<instance id>`: a node's pods share them. */
  private readonly envoyPools = new Map<string, ConnectionPool>();

  constructor(context: DataPlaneContext, mesh: CiliumMeshConfig) {
    super(context, mesh);
    this.shape = mesh.shape;
    this.endpoints = context.instances.length;
    this.encryption = mesh.encryption;
    for (const [service, causes] of envoyDestinations(context.config)) {
      this.l7Services.add(service);
      this.warnings.add(envoyDestinationWarning(context.config, service, causes), ['services', service]);
    }
    if (mesh.mtls && !mesh.encryption) {
      this.warnings.add(
        'cilium: mutual authentication (mtls: true) authenticates the two workloads before their traffic flows but ' +
          'does not encrypt it (encryption is WireGuard or IPsec, a separate setting): its calls are not counted in ' +
          'mTLS coverage; set encryption: true as well for mutually authenticated, encrypted edges',
        ['mesh', 'mtls'],
      );
    }
    this.ebpf = perNodeProxies(context, {
      kind: 'cilium-ebpf',
      suffix: 'ebpf',
      profile: mesh.ebpf,
      stream: 'proxy/cilium-ebpf',
      role: 'node-proxy',
      inKernel: true,
    });
    // Cilium 1.16+ installs the cilium-envoy DaemonSet by default (docs/sources.md#cilium-envoy-defaults).
    this.nodeEnvoys = perNodeProxies(context, {
      kind: 'cilium-envoy',
      suffix: 'cilium-envoy',
      profile: mesh.nodeProxy,
      stream: 'proxy/cilium-envoy',
      role: 'node-proxy',
    });
    // Cilium mutual authentication is `mtls` (opt-in); WireGuard alone is encryption, not mTLS.
    this.wireguard = mesh.encryption
      ? perNodeProxies(context, {
          kind: 'wireguard',
          suffix: 'wireguard',
          profile: WIREGUARD_PROFILE,
          stream: 'proxy/wireguard',
          role: 'node-proxy',
          inKernel: true,
        })
      : [];
  }

  protected buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
    const route: Station<Proxy>[] = [];
    const from = caller.node;
    const to = target.node;
    const encrypt = this.wireguard.length > 0 && from !== null && from.id !== to.id;
    if (from !== null) {
      route.push(proxyStation(this.ebpf[from.id] as Proxy, target));
      if (this.l7Services.has(target.service.name))
        route.push(proxyStation(this.nodeEnvoys[from.id] as Proxy, target));
      if (encrypt) route.push(proxyStation(this.wireguard[from.id] as Proxy, target));
    }
    route.push({ kind: 'network', from, to });
    if (encrypt) route.push(proxyStation(this.wireguard[to.id] as Proxy, target));
    route.push(proxyStation(this.ebpf[to.id] as Proxy, target));
    return route;
  }

  /**
   * A call through the node Envoy travels on that Envoy's connections to the callee pod, which every pod of the node
   * shares: kept alive whatever the application does, plaintext (mutual authentication encrypts nothing; WireGuard is
   * below them), with Cilium's Envoy connect and idle timeouts (the callee's `connectionPool.connectTimeout` where
   * written). Other calls are the application's own connections.
   */
  protected override createPool(
    caller: CallerRef,
    target: Instance,
    keepAlive: boolean,
  ): ConnectionPool | null {
    const node = caller.node;
    if (node === null || !this.l7Services.has(target.service.name))
      return super.createPool(caller, target, keepAlive);
    const key = `${node.id}|${target.id}`;
    let pool = this.envoyPools.get(key);
    if (pool === undefined) {
      const envoy = this.nodeEnvoys[node.id] as Proxy;
      const protocol = target.service.config.protocol ?? 'http1';
      pool = this.connections.create({
        protocol,
        keepAlive: true,
        tls: false,
        idleTimeoutMs: CILIUM_ENVOY_IDLE_TIMEOUT_MS,
        connectTimeoutMs:
          target.service.config.destination?.connectionPool?.connectTimeoutMs ??
          CILIUM_ENVOY_CONNECT_TIMEOUT_MS,
        maxStreams: streamsOf(protocol, APP_MAX_STREAMS),
        from: envoy.node,
        to: target.node,
        client: envoy,
        server: target,
      });
      this.envoyPools.set(key, pool);
    }
    return pool;
  }

  /**
   * The node Envoy balances the calls it carries with Cilium's L7 default, round robin, unless the mesh writes a
   * `loadBalancer`; calls through eBPF alone keep the mesh's (random).
   */
  managedLoadBalancer(caller: CallerRef, target: string): MeshConfig['loadBalancer'] | null {
    if (caller.node === null || !this.l7Services.has(target)) return null;
    return this.mesh.options.loadBalancer ?? NODE_ENVOY_LOAD_BALANCER;
  }

  /**
   * Mutually authenticated and encrypted only with both Cilium's mutual authentication (`mtls`) and its transparent
   * encryption on: mutual authentication alone encrypts nothing, WireGuard alone authenticates no workload.
   */
  override mtls(caller: CallerRef, _targetService?: string): boolean {
    return this.mesh.mtls && this.encryption && caller.instanceId >= 0;
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy {
    if (policySet) return policy;
    if (caller.instanceId < 0) return NO_POLICY;
    // Only the node Envoy runs a default policy: a call through the eBPF datapath alone has none.
    if (target !== undefined && !this.l7Services.has(target)) {
      warnUnappliedDefaultPolicy(
        this.warnings,
        this.mesh.defaultPolicy,
        "on calls through Cilium's eBPF alone",
      );
      return NO_POLICY;
    }
    return this.mesh.defaultPolicy;
  }

  clientEnforcer(caller: CallerRef, target?: string): EnforcerKind {
    if (caller.instanceId < 0) return 'library';
    // Without a target the question comes from a destination that configured an L7 policy, which
    // makes it an L7 service: answer for those when any exist.
    if (target === undefined) return this.l7Services.size > 0 ? 'l7-proxy' : 'l4-proxy';
    return this.l7Services.has(target) ? 'l7-proxy' : 'l4-proxy';
  }

  serverEnforcer(service: string): EnforcerKind {
    return this.l7Services.has(service) ? 'l7-proxy' : 'l4-proxy';
  }

  /**
   * The node Envoy that serves `caller`'s calls to an L7 service: its own node's (the id of that node), whose
   * policy state every pod of the node shares; -1 for a service reached without it, or a caller outside the
   * clusters (it passes no node Envoy).
   */
  enforcerSlot(caller: CallerRef, target: string): number {
    return caller.node !== null && this.l7Services.has(target) ? caller.node.id : -1;
  }

  /**
   * The caller node's Envoy makes the retries of calls to an L7 service: its position on `route` (a failure there, the
   * Envoy crashed, is retried by nothing); -1 for a route without one (an L4 call: the application's own retries).
   */
  retryHopPosition(route: readonly Station[]): number {
    for (let i = 0; i < route.length; i++) {
      const station = route[i] as Station<Proxy>;
      if (station.kind === 'proxy' && station.proxy.kind === 'cilium-envoy') return i;
    }
    return -1;
  }

  /** An L7 service's local rate limit runs in the callers' node Envoys: one bucket per node. */
  inboundEnforcerSlots(service: string): number {
    return this.l7Services.has(service) ? this.nodeEnvoys.length : 0;
  }

  /** The node Envoys (crash-proxy `node-proxy` targets them); eBPF and WireGuard are kernel state. */
  proxies(): readonly Proxy[] {
    return this.nodeEnvoys;
  }

  protected proxyGroups(): readonly ProxyGroup[] {
    const endpoints = this.endpoints;
    return [
      { kind: 'cilium-ebpf', proxies: this.ebpf, endpointsOf: () => endpoints, countsAsProxy: false },
      { kind: 'cilium-envoy', proxies: this.nodeEnvoys, endpointsOf: () => endpoints },
      { kind: 'wireguard', proxies: this.wireguard, endpointsOf: () => 0, countsAsProxy: false },
    ];
  }
}
