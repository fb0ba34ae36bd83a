// The node-CPU sharing assumption of a run: printed with the results whenever nodes have a size, naming the weight
// conversion the run used for containers.

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
    `Busy nodes share their cores by CPU weights from the requests, level by level of the kubelet's cgroup tree ` +
    `(QoS classes and pods weighed by the kubelet, containers by the runtime: cpuWeights: ${conversion}, ` +
    `${CONVERSIONS[conversion]}); nothing is reserved for system ` +
    `daemons, and in-kernel datapath work weighs the most: assumptions.`
  );
}
