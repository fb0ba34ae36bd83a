// Warns about services with pods no node had room for: Kubernetes would leave them Pending, so they never run
// and take no traffic. Names what one pod asks for (its application's and its sidecar's requests) and what the
// mesh's per-node proxies hold back on every node.

import { requestedCpuCores } from '../config/requestedCpuCores.js';
import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';
import type { MeshPodRequests } from '../shapes/MeshShape.js';

/** A service as the check sees it: its name and how many of its pods are Pending. */
export interface PendingPodsOf {
  readonly name: string;
  readonly pendingPods: number;
}

/** Adds a warning per service with Pending pods, in declared order. */
export function checkPendingPods(
  config: SimulationConfig,
  services: Iterable<PendingPodsOf>,
  meshPods: MeshPodRequests,
  warnings: Warnings,
): void {
  const pendingOf = new Map<string, number>();
  for (const service of services) pendingOf.set(service.name, service.pendingPods);
  for (const service of config.services) {
    const pending = pendingOf.get(service.name) ?? 0;
    if (pending === 0) continue;
    const app = requestedCpuCores(service) ?? 0;
    const sidecar = meshPods.sidecarCpuRequestCores.get(service.name) ?? 0;
    const parts = [`its application's ${cores(app)}`];
    if (sidecar > 0) parts.push(`its sidecar's ${cores(sidecar)}`);
    const perNode = meshPods.perNodeCpuRequestCores;
    const held =
      perNode > 0 ? `, next to the ${cores(perNode)} the mesh's per-node proxies request on every node` : '';
    const which =
      pending === service.replicas
        ? `${service.replicas === 1 ? 'its pod is' : `all ${service.replicas} of its pods are`} Pending: it never runs, and every call to it fails (503, no endpoints)`
        : pending === 1
          ? `1 of its ${service.replicas} pods is Pending: it never runs and takes no traffic`
          : `${pending} of its ${service.replicas} pods are Pending: they never run and take no traffic`;
    warnings.add(
      `service ${service.name}: ${which}. No node of cluster ${service.cluster}${service.nodePool === undefined ? '' : ` (pool ${service.nodePool})`} ` +
        `has ${cores(app + sidecar)} cores unrequested for one (${parts.join(' and ')}${held}); ` +
        `Kubernetes would leave ${pending === 1 ? 'it' : 'them'} Pending. Add nodes or larger ones (nodes, nodeCpu), or lower the requests`,
    );
  }
}

/** `value` rounded to the millicore, as Kubernetes counts CPU. */
function cores(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
