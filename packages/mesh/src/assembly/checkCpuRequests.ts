// Warns about nodes whose pods request more CPU than the node has: Kubernetes would not schedule
// them all there, while meshsim's placement ignores requests (it spreads instances evenly).

import type { ClusterCpu } from '../cpu/ClusterCpu.js';
import type { Warnings } from '../ports/Warnings.js';
import type { Instance } from '../server/Instance.js';

/** Adds a warning per node whose instances' `cpuRequestCores` sum to more than its cores. */
export function checkCpuRequests(cpu: ClusterCpu, instances: readonly Instance[], warnings: Warnings): void {
  const requested = new Map<number, number>();
  for (const instance of instances) {
    const request = instance.service.config.cpuRequestCores;
    if (request === undefined) continue;
    requested.set(instance.node.id, (requested.get(instance.node.id) ?? 0) + request);
  }
  for (const [nodeId, cores] of requested) {
    const node = instances.find((instance) => instance.node.id === nodeId)?.node ?? null;
    const nodeCpu = cpu.of(node);
    if (node === null || nodeCpu === null || cores <= nodeCpu.cores) continue;
    warnings.add(
      `node ${node.name}: its application containers request ${round(cores)} cores but it has ${nodeCpu.cores}; ` +
        'Kubernetes would not schedule them all there (meshsim places instances without looking at requests)',
    );
  }
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
