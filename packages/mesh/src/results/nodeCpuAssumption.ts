// The node-CPU sharing assumption of a run: printed with the results whenever nodes have a size, naming the weight
// conversion the run used.

import type { CpuWeightConversion } from '../config/CpuWeightConversion.js';

const CONVERSIONS: Record<CpuWeightConversion, string> = {
  quadratic: 'cgroup v2, runc 1.3.2+ / crun 1.23+',
  linear: 'cgroup v2, older runtimes',
  shares: 'cgroup v1',
};

/** The assumption to print when node CPU is modelled (`modelled`), else null. */
export function nodeCpuAssumption(
  modelled: boolean,
  conversion: CpuWeightConversion = 'quadratic',
): string | null {
  if (!modelled) return null;
  return (
    `Busy nodes share their cores by the containers' CPU weights from their requests (cpuWeights: ${conversion}, ` +
    `${CONVERSIONS[conversion]}); each container weighs its own request among all the node's containers (the pod ` +
    `and QoS levels of the cgroup tree flattened) and in-kernel datapath work weighs the most: assumptions.`
  );
}
