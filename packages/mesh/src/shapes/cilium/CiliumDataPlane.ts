// `cilium`: an eBPF datapath on every node (near-zero cost, no queueing); a call to a service that
// asks for any L7 policy also passes the client node's Envoy. Optional WireGuard between nodes and
// optional mutual authentication. Route: caller → node eBPF → [node Envoy] → [WireGuard] → network →
// [WireGuard] → callee-node eBPF → callee.

import { warnUnappliedDefaultPolicy } from '../dataplane/unappliedDefaultPolicy.js';
import type { Station } from '../../call/Station.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { CiliumMeshConfig } from '../../config/MeshConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { SimulationConfig } from '../../config/SimulationConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import { DataPlaneBase } from '../dataplane/DataPlaneBase.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { l7Demands } from '../dataplane/l7Demands.js';
import { perNodeProxies } from '../dataplane/perNodeProxies.js';
import type { Proxy } from '../dataplane/Proxy.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import type { ProxyGroup } from '../dataplane/proxyTotals.js';
import { WIREGUARD_PROFILE } from './ciliumProfiles.js';

/** Whether a service of `config` asks for an L7 policy, so that every node runs Cilium's Envoy. */
export function needsNodeEnvoys(config: SimulationConfig): boolean {
  for (const [, demanded] of l7Demands(config)) if (demanded.length > 0) return true;
  return false;
}

/** Per-node eBPF stations, per-node Envoys (when any service needs L7), per-node WireGuard (when on). */
export class CiliumDataPlane extends DataPlaneBase {
  readonly shape: string;
  /** eBPF datapath per node, by node id. Kernel state, not a crashable proxy: not in `proxies()`. */
  readonly ebpf: Proxy[];
  /** Envoy per node, by node id; empty when no service needs L7. */
  readonly nodeEnvoys: Proxy[];
  /** WireGuard per node, by node id; empty when encryption is off. Not in `proxies()`. */
  readonly wireguard: Proxy[];
  private readonly endpoints: number;
  /** Services whose calls need the node Envoy. */
  private readonly l7Services = new Set<string>();

  constructor(context: DataPlaneContext, mesh: CiliumMeshConfig) {
    super(context, mesh);
    this.shape = mesh.shape;
    this.endpoints = context.instances.length;
    for (const [service, demanded] of l7Demands(context.config))
      if (demanded.length > 0) this.l7Services.add(service);
    this.ebpf = perNodeProxies(context, {
      kind: 'cilium-ebpf',
      suffix: 'ebpf',
      profile: mesh.ebpf,
      stream: 'proxy/cilium-ebpf',
      role: 'node-proxy',
      inKernel: true,
    });
    this.nodeEnvoys =
      this.l7Services.size === 0
        ? []
        : perNodeProxies(context, {
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
