// Builds one proxy of a kind on every node (ztunnels, Cilium's eBPF datapath, node Envoys, WireGuard),
// all drawing their latency from one named stream.

import { proxyRequestedCpuCores } from '../../config/requestedCpuCores.js';
import { proxyContainerMemory } from '../../config/requestedMemoryMiB.js';
import { createSampler } from '@meshsim/engine';
import type { ProxyProfile } from '../../config/MeshConfig.js';
import type { ProxyRole } from '../../config/SimulationConfig.js';
import type { DataPlaneContext } from './DataPlaneContext.js';
import { Proxy } from './Proxy.js';

/** What the proxies on every node are. */
export interface NodeProxySpec {
  /** Proxy kind in the totals, e.g. `ztunnel`. */
  readonly kind: string;
  /** Proxy name suffix after the node's name: `<node>/<suffix>`. */
  readonly suffix: string;
  readonly profile: ProxyProfile;
  /** Name of the random stream their latency is drawn from. */
  readonly stream: string;
  readonly role: ProxyRole;
  /** In-kernel work (eBPF, WireGuard): weighed as the kernel on a busy node, not by a request. @defaultValue false */
  readonly inKernel?: boolean;
}

/** One proxy per node of the topology, indexed by node id. */
export function perNodeProxies(context: DataPlaneContext, spec: NodeProxySpec): Proxy[] {
  const latency = createSampler(spec.profile.latencyMs, context.streams.stream(spec.stream));
  return context.topology.nodes.map((node) => {
    const proxy = new Proxy(
      spec.kind,
      `${node.name}/${spec.suffix}`,
      node,
      spec.profile,
      latency,
      context.engine,
      context.onForward,
      // A per-node proxy runs in a pod of its own (a DaemonSet's); in-kernel work in none.
      context.cpuContainer(
        node,
        spec.inKernel === true ? null : `${node.name}/${spec.suffix}`,
        `${node.name}/${spec.suffix}`,
        spec.profile.cpuLimitCores,
        proxyRequestedCpuCores(spec.profile),
        proxyContainerMemory(spec.profile),
      ),
    );
    proxy.role = spec.role;
    return proxy;
  });
}
