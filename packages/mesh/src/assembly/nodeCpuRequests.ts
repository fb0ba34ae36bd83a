// The CPU and memory the pods on each node request — the applications' containers (their request, else their limit),
// the mesh's proxies there (sidecars, per-node proxies, waypoint pods) and the cluster's other DaemonSets' pods: one
// source for the nodes' requests check and the nodes' results.

import { requestedCpuCores } from '../config/requestedCpuCores.js';
import { requestedMemoryMiB } from '../config/requestedMemoryMiB.js';
import type { Instance } from '../server/Instance.js';
import type { Node } from '../topology/Topology.js';

/** A proxy as the requests see it: where it runs and what its container requests. */
export interface RequestingProxy {
  readonly node: Node | null;
  readonly cpuRequestCores: number;
  readonly memoryRequestMiB: number;
}

/** What the pods on one node request. */
export interface NodeRequests {
  /** The application containers' [cores]. */
  applicationCores: number;
  /** The mesh's proxies' [cores]. */
  proxyCores: number;
  /** The pods of the cluster's other DaemonSets (`daemonSets`: kube-proxy, …) [cores]. */
  systemCores: number;
  /** Memory of the application containers, the mesh's proxies and the other DaemonSets' pods together [MiB]. */
  memoryMiB: number;
}

/** The requests on each node that has any, by node (`nodes`: where the cluster's other DaemonSets run). */
export function nodeCpuRequests(
  instances: readonly Instance[],
  proxies: readonly RequestingProxy[],
  nodes: readonly Node[],
): Map<Node, NodeRequests> {
  const byNode = new Map<Node, NodeRequests>();
  const of = (node: Node): NodeRequests => {
    let requests = byNode.get(node);
    if (requests === undefined) {
      requests = { applicationCores: 0, proxyCores: 0, systemCores: 0, memoryMiB: 0 };
      byNode.set(node, requests);
    }
    return requests;
  };
  for (const node of nodes) {
    if (node.systemCpuRequestCores > 0) of(node).systemCores += node.systemCpuRequestCores;
    if (node.systemMemoryRequestMiB > 0) of(node).memoryMiB += node.systemMemoryRequestMiB;
  }
  for (const instance of instances) {
    const request = requestedCpuCores(instance.service.config);
    if (request !== undefined) of(instance.node).applicationCores += request;
    const memory = requestedMemoryMiB(instance.service.config);
    if (memory > 0) of(instance.node).memoryMiB += memory;
  }
  for (const proxy of proxies) {
    if (proxy.node === null) continue;
    if (proxy.cpuRequestCores > 0) of(proxy.node).proxyCores += proxy.cpuRequestCores;
    if (proxy.memoryRequestMiB > 0) of(proxy.node).memoryMiB += proxy.memoryRequestMiB;
  }
  return byNode;
}
