// Warns about a service's CPU limit or request that cannot apply: its instances' nodes have no CPU size
// (no `nodeCpu`), so no work ever waits for a core and no quota is enforced. Never ignored without a word.

import type { ClusterCpu } from '../cpu/ClusterCpu.js';
import type { Warnings } from '../ports/Warnings.js';
import type { Instance } from '../server/Instance.js';

/** Adds one warning per service with `cpuLimitCores` or `cpuRequestCores` none of whose nodes has a size. */
export function checkCpuWithoutNodes(
  cpu: ClusterCpu,
  instances: readonly Instance[],
  warnings: Warnings,
): void {
  const checked = new Set<string>();
  for (const instance of instances) {
    const service = instance.service.config;
    if (checked.has(service.name)) continue;
    checked.add(service.name);
    const fields = [
      service.cpuLimitCores !== undefined ? 'cpuLimit' : null,
      service.cpuRequestCores !== undefined ? 'cpuRequest' : null,
    ].filter((field): field is string => field !== null);
    if (fields.length === 0) continue;
    const sized = instances.some((i) => i.service === instance.service && cpu.of(i.node) !== null);
    if (sized) continue;
    warnings.add(
      `service ${service.name}: ${fields.join(' and ')} ${fields.length > 1 ? 'have' : 'has'} no effect: its nodes ` +
        'have no CPU size (set nodeCpu, at the top of the scenario or on its cluster)',
      ['services', service.name, fields[0] as string],
    );
  }
}
