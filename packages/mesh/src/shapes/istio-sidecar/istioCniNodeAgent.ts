// Istio's CNI node agent (`istio-cni-node`): a DaemonSet that redirects pods' traffic instead of each pod's
// `istio-init` container — required by ambient mode, optional with sidecars. It carries no traffic itself.

import type { NodeAgentSpec } from '../../config/MeshConfig.js';

/**
 * The Istio CNI node agent's requests on every node (docs/sources.md#istio-cni-node-agent): its Helm defaults
 * (docs/sources.md#istio-cni-values). It takes room on every node (these requests and a pod slot), nothing else.
 */
export const ISTIO_CNI_NODE_AGENT: NodeAgentSpec = {
  cpuRequestCores: 0.1, // Helm default `cni.resources.requests.cpu: 100m`
  memoryRequestMiB: 100, // Helm default `cni.resources.requests.memory: 100Mi`
};
