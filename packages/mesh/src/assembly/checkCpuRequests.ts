// Warns about nodes whose pods request more CPU than the node has — the applications' requests plus those of the
// mesh's proxies on the node (sidecars in the pods, per-node proxies, waypoint pods) and of the cluster's other
// DaemonSets' pods: Kubernetes would not schedule
// them all there. Placement (Topology) leaves a pod with no room Pending, sidecar and per-node proxies counted; a
// waypoint's only pod, or a service's pod on a node of its own, is placed anyway, and this says so.

import type { ClusterCpu } from '../cpu/ClusterCpu.js';
import { requestsExceedCores, requestsExceedMemory } from '../config/requestsExceedCores.js';
import type { Warnings } from '../ports/Warnings.js';
import { freePodSlots } from '../topology/Topology.js';
import type { Instance } from '../server/Instance.js';
import type { Node } from '../topology/Topology.js';
import { nodeCpuRequests } from './nodeCpuRequests.js';
import type { RequestingProxy } from './nodeCpuRequests.js';

/**
 * Adds a warning per node whose instances' requests (`cpuRequestCores`, else their limit) and proxies' requests sum to
 * more than its cores, or, on a node with a memory size, whose memory requests sum to more than its memory, or that
 * runs more pods than its `maxPods`.
 */
export function checkCpuRequests(
  cpu: ClusterCpu,
  instances: readonly Instance[],
  proxies: readonly RequestingProxy[],
  nodes: readonly Node[],
  warnings: Warnings,
): void {
  const requests = [...nodeCpuRequests(instances, proxies, nodes)].sort(([a], [b]) => a.id - b.id);
  for (const [
    node,
    { applicationCores: app, proxyCores: proxy, systemCores: system, memoryMiB },
  ] of requests) {
    const nodeCpu = cpu.of(node);
    if (nodeCpu === null) continue;
    const over: string[] = [];
    if (requestsExceedCores(app + proxy + system, nodeCpu.cores)) {
      const parts = [
        ...(proxy > 0 ? [`the mesh's containers ${round(proxy)}`] : []),
        ...(system > 0 ? [`other DaemonSets ${round(system)}`] : []),
      ];
      const split = parts.length > 0 ? ` (applications ${round(app)}, ${parts.join(', ')})` : '';
      over.push(`${round(app + proxy + system)} cores${split} but it has ${nodeCpu.cores}`);
    }
    if (node.memoryMiB !== null && requestsExceedMemory(memoryMiB, node.memoryMiB))
      over.push(`${round(memoryMiB)} MiB of memory but it has ${node.memoryMiB}`);
    const pods = node.instanceCount + node.daemonPods + node.systemPods;
    const daemons = [
      ...(node.daemonPods > 0 ? [`${node.daemonPods} of them the mesh's per-node pods`] : []),
      ...(node.systemPods > 0 ? [`${node.systemPods} of them other DaemonSets' pods`] : []),
    ];
    const crowded =
      freePodSlots(node) < 0
        ? `it runs ${pods} pods${daemons.length > 0 ? ` (${daemons.join(', ')})` : ''} but takes at most ${node.maxPods}`
        : null;
    if (over.length === 0 && crowded === null) continue;
    const parts = [
      ...(over.length === 0 ? [] : [`its pods request ${over.join(', and ')}`]),
      ...(crowded === null ? [] : [crowded]),
    ];
    warnings.add(
      `node ${node.name}: ${parts.join('; and ')}; ` +
        'Kubernetes would not schedule them all there (meshsim leaves a pod no node has room for Pending, but runs ' +
        "a waypoint's first pod, or a pod on a node of its own, where it would fit best)",
    );
  }
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
