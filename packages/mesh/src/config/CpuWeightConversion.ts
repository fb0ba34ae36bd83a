// How a node turns a container's CPU request into its CPU weight: the cgroup version and the container runtime's
// conversion (docs/model.md#node-cpu).

/**
 * How a node turns a container's `cpu.shares` into its weight: `quadratic` (cgroup v2, runc ≥ 1.3.2 or
 * crun ≥ 1.23), `linear` (cgroup v2 with older runtimes) or `shares` (cgroup v1: the shares themselves).
 */
export type CpuWeightConversion = 'quadratic' | 'linear' | 'shares';

/** Every {@link CpuWeightConversion}, the default first. */
export const CPU_WEIGHT_CONVERSIONS: readonly CpuWeightConversion[] = ['quadratic', 'linear', 'shares'];
