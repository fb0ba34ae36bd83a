// `cilium`: Cilium's eBPF datapath on every node, a per-node Envoy for L7 policies, optional WireGuard
// encryption and opt-in mutual authentication.

import { NO_POLICY } from '../../config/defaults.js';
import type { CiliumMeshConfig } from '../../config/MeshConfig.js';
import { proxyRequestedCpuCores } from '../../config/requestedCpuCores.js';
import { proxyRequestedMemoryMiB } from '../../config/requestedMemoryMiB.js';
import type { MeshShape } from '../MeshShape.js';
import { resolveShared, withOverrides } from '../resolveShared.js';
import { CiliumDataPlane } from './CiliumDataPlane.js';
import { meshProfile } from '../profileFields.js';
import type { MeshProfile } from '../profileFields.js';
import { CILIUM_NODE_ENVOY_PROFILE, EBPF_PROFILE, ciliumAssumptions } from './ciliumProfiles.js';

/** The eBPF datapath's and the node Envoy's profiles of `config`, with the fields its options wrote. */
function ciliumProfiles(config: CiliumMeshConfig): [MeshProfile, MeshProfile] {
  return [
    meshProfile('ebpf', 'cilium-ebpf', config.ebpf, config.options),
    meshProfile('nodeProxy', 'cilium-envoy', config.nodeProxy, config.options),
  ];
}

/** The `cilium` shape. */
export const CILIUM_SHAPE: MeshShape<CiliumMeshConfig> = {
  name: 'cilium',
  summary: "Cilium: eBPF datapath per node, the node's Envoy for L7 policies, optional WireGuard",
  capabilityRow: {
    client:
      "`l7-proxy` (the node's Envoy) for destinations with a policy only Envoy runs (not a call's own timeout or retry), `l4-proxy` (eBPF) otherwise",
    server: 'the same',
  },
  usesOptions: ['ebpf', 'nodeProxy', 'encryption'],
  resolve: (options) => ({
    // Cilium's eBPF service load balancing picks a backend at random.
    ...resolveShared('cilium', options, { loadBalancer: 'random', defaultPolicy: NO_POLICY, mtls: false }),
    ebpf: withOverrides(EBPF_PROFILE, options.ebpf),
    nodeProxy: withOverrides(CILIUM_NODE_ENVOY_PROFILE, options.nodeProxy),
    encryption: options.encryption ?? false,
  }),
  assumptions: (config) => {
    const [ebpf, nodeProxy] = ciliumProfiles(config);
    return ciliumAssumptions(ebpf, nodeProxy);
  },
  profiles: ciliumProfiles,
  // The cilium-envoy DaemonSet's pod on every node, installed by default since Cilium 1.16 whether or not a service
  // needs L7 (eBPF and WireGuard are in-kernel).
  podRequests: (config) => ({
    sidecarCpuRequestCores: new Map(),
    sidecarMemoryRequestMiB: new Map(),
    perNodeCpuRequestCores: proxyRequestedCpuCores(config.nodeProxy),
    perNodeMemoryRequestMiB: proxyRequestedMemoryMiB(config.nodeProxy),
    perNodePods: 1,
  }),
  createDataPlane: (context, config) => new CiliumDataPlane(context, config),
};
