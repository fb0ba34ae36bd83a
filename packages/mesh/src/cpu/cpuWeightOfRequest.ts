// The cgroup CPU weight Kubernetes gives a container for its CPU request: the kubelet's millicores-to-shares
// rule, then the container runtime's cgroup v2 conversion of shares to `cpu.weight` (runc ≥ 1.3.2, crun ≥ 1.23;
// older runtimes convert linearly, and on cgroup v1 the shares are the weight).

import type { CpuWeightConversion } from '../config/CpuWeightConversion.js';

/** `cpu.shares` of a container without a CPU request: the kubelet's `MinShares` (docs/sources.md#k8s-cgroup-v2-cpu-weight). */
const MIN_SHARES = 2;
/** The kernel's largest `cpu.shares` (`MAX_SHARES`, 2¹⁸). */
const MAX_SHARES = 262_144;
/** `cpu.shares` per core: the kubelet's `SharesPerCPU`. */
const SHARES_PER_CORE = 1024;

/**
 * `cpu.shares` for a CPU request [cores] as the kubelet computes it (`MilliCPUToShares`): whole millicores ×
 * 1024 / 1000, rounded down, at least 2 (also without a request) and at most 2¹⁸.
 */
export function cpuSharesOfRequest(requestCores: number | undefined): number {
  if (requestCores === undefined || !(requestCores > 0)) return MIN_SHARES;
  const milli = Math.round(requestCores * 1000);
  const shares = Math.floor((milli * SHARES_PER_CORE) / 1000);
  return shares < MIN_SHARES ? MIN_SHARES : shares > MAX_SHARES ? MAX_SHARES : shares;
}

/**
 * The CPU weight of a container requesting `requestCores` of CPU (none: undefined or 0) under `conversion`:
 * with `quadratic` (the default) the cgroup v2 `cpu.weight` (1–10,000) of the container runtimes' 2025 conversion
 * of its `cpu.shares` (a quadratic fit through 2 → 1, 1024 → 100 and 262,144 → 10,000, adopted by runc 1.3.2 and
 * crun 1.23), with `linear` the earlier `1 + (shares − 2) × 9999 / 262142`, with `shares` (cgroup v1) the shares
 * (docs/sources.md#k8s-cgroup-v2-cpu-weight). Under `quadratic` a container requesting 100m weighs 17, one
 * requesting nothing 1, one requesting a core 100.
 */
export function cpuWeightOfRequest(
  requestCores: number | undefined,
  conversion: CpuWeightConversion = 'quadratic',
): number {
  return cpuWeightOfShares(cpuSharesOfRequest(requestCores), conversion);
}

/** The CPU weight of a cgroup with `cpu.shares` = `shares` under `conversion` (see {@link cpuWeightOfRequest}). */
export function cpuWeightOfShares(shares: number, conversion: CpuWeightConversion): number {
  switch (conversion) {
    case 'shares':
      return shares;
    case 'linear':
      return 1 + Math.floor(((shares - MIN_SHARES) * 9999) / (MAX_SHARES - MIN_SHARES));
    case 'quadratic': {
      if (shares <= MIN_SHARES) return 1;
      if (shares >= MAX_SHARES) return 10_000;
      const l = Math.log2(shares);
      const exponent = (l * l + 125 * l) / 612 - 7 / 34;
      return Math.ceil(10 ** exponent);
    }
  }
}

/**
 * The weight given to in-kernel datapath work (Cilium's eBPF programs, WireGuard) on a busy node: the largest
 * cgroup weight. Such work runs in softirq or in the sender's system call, ahead of the cgroups' tasks rather than
 * shared with them by weight; the largest weight is the closest this sharing model comes (an assumption,
 * docs/model.md#node-cpu).
 */
export const KERNEL_CPU_WEIGHT = 10_000;

/**
 * The weight of in-kernel datapath work under `conversion`: the largest weight its cgroups can have
 * ({@link KERNEL_CPU_WEIGHT} on cgroup v2, the largest `cpu.shares`, 262,144, on cgroup v1).
 */
export function kernelCpuWeight(conversion: CpuWeightConversion): number {
  return conversion === 'shares' ? MAX_SHARES : KERNEL_CPU_WEIGHT;
}

/**
 * The CPU weight the kubelet writes for the cgroups it manages itself — `kubepods`, the Burstable and BestEffort
 * classes, each pod — from their `cpu.shares`: on cgroup v2 its own linear `getCPUWeight` (`1 + (shares − 2) × 9999
 * / 262142`, kubernetes/kubernetes `pkg/kubelet/cm/cgroup_manager_linux.go`), whatever the container runtime's
 * conversion of the containers' weights; on cgroup v1 (`shares`) the shares (docs/sources.md#k8s-cgroup-v2-cpu-weight).
 */
export function kubeletCpuWeight(shares: number, conversion: CpuWeightConversion): number {
  return cpuWeightOfShares(shares, conversion === 'shares' ? 'shares' : 'linear');
}
