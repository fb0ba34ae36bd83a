// A warning for each service whose application containers request no CPU and, on busy nodes shared with containers
// that do, waited for a core at least as long as they ran: Kubernetes gives a container without a request the
// smallest CPU weight in its pod, and a pod without any request the smallest class.

import { requestedCpuCores } from '../config/requestedCpuCores.js';
import type { ClusterCpu } from '../cpu/ClusterCpu.js';
import type { ArrangedPod, PodContainerCpu } from '../cpu/arrangePodCgroups.js';
import type { CpuContainer } from '../cpu/NodeCpu.js';
import type { Warnings } from '../ports/Warnings.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';

/**
 * Warns, per service without a CPU request (nor a limit standing for one), when its application containers'
 * runnable work waited for a core at least as long as it ran, up to `nowMs`, on nodes where a container weighs
 * more: on a busy node every neighbour that requests CPU goes first (docs/model.md#node-cpu). The warning says
 * where it lost: its pods are BestEffort (no container of theirs requests CPU), or in its pods its sidecars
 * outweigh it. Nothing when nodes have no CPU model, or when nothing on its nodes outweighs it (a node saturated
 * by equals).
 */
export function checkCpuStarvation(
  services: Iterable<ServiceRuntime>,
  cpu: ClusterCpu,
  nowMs: number,
  warnings: Warnings,
): void {
  for (const service of services) {
    if (requestedCpuCores(service.config) !== undefined) continue;
    let ranMs = 0;
    let waitedMs = 0;
    let outweighed = false;
    let app: CpuContainer | null = null;
    for (const instance of service.instances) {
      const container = instance.cpu;
      if (container === null) continue;
      ranMs += container.cpuMsAt(nowMs);
      waitedMs += container.cpuWaitMsAt(nowMs);
      app = container;
      if (container.node.maxWeight > container.weight) outweighed = true;
    }
    if (app === null || !outweighed || ranMs <= 0 || waitedMs < ranMs) continue;
    const ratio = (waitedMs / ranMs).toFixed(1);
    warnings.add(
      `services.${service.name} requests no CPU: ${whereItLost(app, cpu.podOf(app))}; its application containers ` +
        `waited ${ratio}× as long for a core as they ran; a cpuRequest gives them a weight (docs/model.md#node-cpu)`,
    );
  }
}

/** Where a container without a request lost on a busy node: its pod's class, or its pod's other containers. */
function whereItLost(app: CpuContainer, pod: ArrangedPod | undefined): string {
  if (pod?.qos === 'BestEffort' && pod.containers.length > 0) {
    return (
      `its pods are BestEffort (no container of theirs requests CPU), the class that weighs least on a busy node ` +
      `(${pod.classWeight}, however many pods it holds)`
    );
  }
  let heaviest: PodContainerCpu | null = null;
  for (const member of pod?.containers ?? []) {
    if (
      member.container !== app &&
      (heaviest === null || member.container.weight > heaviest.container.weight)
    ) {
      heaviest = member;
    }
  }
  if (heaviest !== null && heaviest.container.weight > app.weight) {
    const name = heaviest.container.name;
    const milli = Math.round((heaviest.requestCores ?? 0) * 1000);
    return (
      `in its pods its application containers (CPU weight ${app.weight}, the smallest) come after their ` +
      `${name.slice(name.lastIndexOf('/') + 1)} containers (${heaviest.container.weight}, from a ${milli}m request)`
    );
  }
  return `on busy nodes its application containers (CPU weight ${app.weight}, the smallest) come last`;
}
