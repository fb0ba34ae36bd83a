// `cilium`: an eBPF datapath on every node (near-zero cost, no queueing); a call to a service that
// asks for any L7 policy also passes the client node's Envoy. Optional WireGuard between nodes and
// optional mutual authentication. Route: caller → node eBPF → [node Envoy] → [WireGuard] → network →
// [WireGuard] → callee-node eBPF → callee.

import { createSampler } from '@meshsim/engine';
import type { CallPolicy, MeshConfig } from '../../config/SimulationConfig.js';
import type { ProxyTotals } from '../../config/SimulationResult.js';
import { NO_POLICY, defaultMtls } from '../../config/defaults.js';
import { CILIUM_NODE_ENVOY_PROFILE, EBPF_PROFILE, WIREGUARD_PROFILE } from './ciliumProfiles.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { Instance } from '../../server/Instance.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { l7Demands } from '../dataplane/l7Demands.js';
import { Proxy } from '../dataplane/Proxy.js';
import { pricesOf, sumProxyTotals } from '../dataplane/proxyTotals.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import { RouteCache } from '../dataplane/RouteCache.js';
import type { Station } from '../../call/Station.js';

/** Per-node eBPF stations, per-node Envoys (when any service needs L7), per-node WireGuard (when on). */
export class CiliumDataPlane implements DataPlane {
  readonly shape = 'cilium' as const;
  /** eBPF datapath per node, by node id. Kernel state, not a crashable proxy: not in `proxies()`. */
  readonly ebpf: Proxy[];
  /** Envoy per node, by node id; empty when no service needs L7. */
  readonly nodeEnvoys: Proxy[];
  /** WireGuard per node, by node id; empty when encryption is off. Not in `proxies()`. */
  readonly wireguard: Proxy[];
  private readonly mesh: MeshConfig;
  private readonly mtlsOn: boolean;
  private readonly endpoints: number;
  /** Services whose calls need the node Envoy. */
  private readonly l7Services = new Set<string>();
  private readonly routes: RouteCache;

  constructor(context: DataPlaneContext) {
    const { config, topology, engine, streams, onForward, instances } = context;
    const mesh = config.mesh;
    this.mesh = mesh;
    this.mtlsOn = mesh.mtls ?? defaultMtls('cilium');
    this.endpoints = instances.length;
    for (const [service, demanded] of l7Demands(config))
      if (demanded.length > 0) this.l7Services.add(service);

    const ebpfProfile = mesh.ebpf ?? EBPF_PROFILE;
    const ebpfLatency = createSampler(ebpfProfile.latencyMs, streams.stream('proxy/cilium-ebpf'));
    this.ebpf = topology.nodes.map((node) => {
      const proxy = new Proxy(
        'cilium-ebpf',
        `${node.name}/ebpf`,
        node,
        ebpfProfile,
        ebpfLatency,
        engine,
        onForward,
      );
      proxy.role = 'node-proxy';
      return proxy;
    });
    const envoyProfile = mesh.nodeProxy ?? CILIUM_NODE_ENVOY_PROFILE;
    const envoyLatency = createSampler(envoyProfile.latencyMs, streams.stream('proxy/cilium-envoy'));
    this.nodeEnvoys =
      this.l7Services.size === 0
        ? []
        : topology.nodes.map((node) => {
            const proxy = new Proxy(
              'cilium-envoy',
              `${node.name}/cilium-envoy`,
              node,
              envoyProfile,
              envoyLatency,
              engine,
              onForward,
            );
            proxy.role = 'node-proxy';
            return proxy;
          });
    const wireguardLatency = createSampler(WIREGUARD_PROFILE.latencyMs, streams.stream('proxy/wireguard'));
    this.wireguard =
      mesh.encryption === true
        ? topology.nodes.map((node) => {
            const proxy = new Proxy(
              'wireguard',
              `${node.name}/wireguard`,
              node,
              WIREGUARD_PROFILE,
              wireguardLatency,
              engine,
              onForward,
            );
            proxy.role = 'node-proxy';
            return proxy;
          })
        : [];
    this.routes = new RouteCache((caller, target) => this.buildRoute(caller, target));
  }

  private buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
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

  route(caller: CallerRef, target: Instance): readonly Station<Proxy>[] {
    return this.routes.get(caller, target);
  }

  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean): CallPolicy {
    if (policySet) return policy;
    return caller.instanceId >= 0 ? this.mesh.defaultPolicy : NO_POLICY;
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

  /** Cilium mutual authentication (opt-in, `mtls: true`) for callers in the mesh. WireGuard alone is not mTLS. */
  mtls(caller: CallerRef): boolean {
    return this.mtlsOn && caller.instanceId >= 0;
  }

  countCall(): void {}

  /** The node Envoys (crash-proxy `node-proxy` targets them); eBPF and WireGuard are kernel state. */
  proxies(): readonly Proxy[] {
    return this.nodeEnvoys;
  }

  totals(durationMs: number): ProxyTotals {
    const endpoints = this.endpoints;
    return sumProxyTotals(
      [
        { kind: 'cilium-ebpf', proxies: this.ebpf, endpointsOf: () => endpoints, countsAsProxy: false },
        { kind: 'cilium-envoy', proxies: this.nodeEnvoys, endpointsOf: () => endpoints },
        { kind: 'wireguard', proxies: this.wireguard, endpointsOf: () => 0, countsAsProxy: false },
      ],
      durationMs,
      pricesOf(this.mesh),
    );
  }
}
