// A warning for each service whose application containers request no CPU and, on busy nodes shared with containers
// that do, waited for a core at least as long as they ran: Kubernetes gives a container without a request the
// smallest CPU weight.

import { requestedCpuCores } from '../config/requestedCpuCores.js';
import type { Warnings } from '../ports/Warnings.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';

/**
 * Warns, per service without a CPU request (nor a limit standing for one), when its application containers'
 * runnable work waited for a core at least as long as it ran, up to `nowMs`, on nodes where a container weighs
 * more: on a busy node every neighbour that requests CPU goes first (docs/model.md#node-cpu). Nothing when nodes
 * have no CPU model, or when nothing on its nodes outweighs it (a node saturated by equals).
 */
export function checkCpuStarvation(
  services: Iterable<ServiceRuntime>,
  nowMs: number,
  warnings: Warnings,
): void {
  for (const service of services) {
    if (requestedCpuCores(service.config) !== undefined) continue;
    let ranMs = 0;
    let waitedMs = 0;
    let outweighed = false;
    let weight = 1;
    for (const instance of service.instances) {
      const cpu = instance.cpu;
      if (cpu === null) continue;
      ranMs += cpu.cpuMsAt(nowMs);
      waitedMs += cpu.cpuWaitMsAt(nowMs);
      weight = cpu.weight;
      if (cpu.node.maxWeight > cpu.weight) outweighed = true;
    }
    if (!outweighed || ranMs <= 0 || waitedMs < ranMs) continue;
    warnings.add(
      `services.${service.name} requests no CPU: on busy nodes its application containers (CPU weight ${weight}, the smallest) ` +
        `waited ${(waitedMs / ranMs).toFixed(1)}× as long for a core as they ran, while neighbours that request CPU ` +
        `went first; a cpuRequest gives it a weight (docs/model.md#node-cpu)`,
    );
  }
}
