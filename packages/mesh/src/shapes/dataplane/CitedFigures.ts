// The published figures a proxy profile was fitted to, kept next to the profile so calibration tests
// and docs can compare the simulation against them.

/**
 * What a profile claims to reproduce under the documented test conditions (1000 rps, 1 KB payload,
 * one client→server pair, two proxies on the path). Each number names its source in `source`;
 * `derived`/`assumption` flags say when it is not a direct measurement.
 */
export interface CitedFigures {
  /** Added latency of the whole path (client-side + server-side hop) over the baseline, p90 [ms]. */
  addedP90Ms: number;
  /** Added latency of the whole path over the baseline, p99 [ms]. */
  addedP99Ms: number;
  /** CPU of one proxy per 1000 requests/s through it [vCPU]. */
  vcpuPer1000Rps: number;
  /** Memory of one proxy [MB, 10^6 bytes, as the pages print it]. */
  memoryMB: number;
  /** Where each figure comes from (page and version; the entries of docs/sources.md). */
  source: string;
  /** True when the latency was derived (scaled) from another product's figure, not measured. */
  derived: boolean;
  /** True when a figure is an assumption (no citable measurement exists). */
  assumption: boolean;
}

/** Megabytes (10^6 bytes, as the performance pages print them) to MiB. */
export function mbToMiB(mb: number): number {
  return mb / 1.048576;
}
