// Where a waypoint deployment's pods run: placed after the applications' pods, as pods of their own; those no node
// has room for are Pending, but one always runs (an assumption), with a warning either way.

import { freePodSlots } from '../../topology/Topology.js';
import type { Node, PodPlacement, Topology } from '../../topology/Topology.js';

/**
 * Places a waypoint deployment's pods after the applications': those no node has room for are Pending (fewer
 * replicas run); when none has room, one runs anyway where it fits best, so that the services bound to it stay
 * reachable — an assumption: Kubernetes would leave it Pending and calls through it would fail (checkCpuRequests
 * warns about its node). Warns about either.
 */
export function placeWaypoint(
  topology: Topology,
  deployment: { readonly name: string; readonly cluster: string; readonly replicas: number },
  pod: Pick<PodPlacement, 'cpuRequestCores' | 'memoryRequestMiB'>,
  warn: (message: string) => void,
): Node[] {
  const nodes = topology.place(deployment.cluster, deployment.replicas, { ...pod, leavePending: true });
  const pending = deployment.replicas - nodes.length;
  if (pending === 0) return nodes;
  // Memory counts where the cluster's nodes have a memory size.
  const sized = topology.nodes.some((node) => node.cluster === deployment.cluster && node.memoryMiB !== null);
  const memory = sized && (pod.memoryRequestMiB ?? 0) > 0 ? ` and ${String(pod.memoryRequestMiB)} MiB` : '';
  // Pod slots: named when some node of the cluster has none left (nodeMaxPods).
  const full = topology.nodes.filter(
    (node) => node.cluster === deployment.cluster && freePodSlots(node) <= 0,
  ).length;
  const slots =
    full === 0
      ? ''
      : ` and a free pod slot (${full} of its nodes ${full === 1 ? 'runs' : 'run'} all the pods ${full === 1 ? 'it takes' : 'they take'})`;
  const room = `no node of cluster ${deployment.cluster} has the ${String(Math.round((pod.cpuRequestCores ?? 0) * 1000))}m${memory} its pods request unrequested${slots}`;
  if (nodes.length > 0) {
    warn(
      `istio-ambient: waypoint ${deployment.name}: ${pending} of its ${deployment.replicas} pods ${pending === 1 ? 'is' : 'are'} Pending (${room}); ` +
        `${nodes.length} run${nodes.length === 1 ? 's' : ''}`,
    );
    return nodes;
  }
  warn(
    `istio-ambient: waypoint ${deployment.name}: none of its ${deployment.replicas} pods fits on a node (${room}); ` +
      'meshsim runs one anyway where it fits best (Kubernetes would leave them all Pending, and calls through the waypoint would fail)',
  );
  return topology.place(deployment.cluster, 1, pod);
}
