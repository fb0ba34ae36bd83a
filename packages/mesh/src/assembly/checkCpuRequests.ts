// Warns about nodes whose pods request more CPU than the node has — the applications' requests plus those of the
// mesh's proxies on the node (sidecars in the pods, per-node proxies, waypoint pods): Kubernetes would not schedule
// them all there, while meshsim's placement ignores requests (it spreads instances evenly).

import type { ClusterCpu } from '../cpu/ClusterCpu.js';
import type { Warnings } from '../ports/Warnings.js';
import type { Instance } from '../server/Instance.js';
import type { Node } from '../topology/Topology.js';

/** A proxy as this check sees it: where it runs and what its container requests. */
export interface RequestingProxy {
  readonly node: Node | null;
  readonly cpuRequestCores: number;
}

/** Adds a warning per node whose instances' `cpuRequestCores` and proxies' requests sum to more than its cores. */
export function checkCpuRequests(
  cpu: ClusterCpu,
  instances: readonly Instance[],
  proxies: readonly RequestingProxy[],
  warnings: Warnings,
): void {
  const apps = new Map<Node, number>();
  const mesh = new Map<Node, number>();
  for (const instance of instances) {
    const request = instance.service.config.cpuRequestCores;
    if (request !== undefined) apps.set(instance.node, (apps.get(instance.node) ?? 0) + request);
  }
  for (const proxy of proxies) {
    if (proxy.node !== null && proxy.cpuRequestCores > 0)
      mesh.set(proxy.node, (mesh.get(proxy.node) ?? 0) + proxy.cpuRequestCores);
  }
  const nodes = [...new Set([...apps.keys(), ...mesh.keys()])].sort((a, b) => a.id - b.id);
  for (const node of nodes) {
    const nodeCpu = cpu.of(node);
    const app = apps.get(node) ?? 0;
    const proxy = mesh.get(node) ?? 0;
    if (nodeCpu === null || app + proxy <= nodeCpu.cores + 1e-9) continue;
    const parts = proxy > 0 ? ` (applications ${round(app)}, the mesh's proxies ${round(proxy)})` : '';
    warnings.add(
      `node ${node.name}: its pods request ${round(app + proxy)} cores${parts} but it has ${nodeCpu.cores}; ` +
        'Kubernetes would not schedule them all there (meshsim places instances without looking at requests)',
    );
  }
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
