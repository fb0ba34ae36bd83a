// CPU quantities in a written scenario, as Kubernetes manifests write them (`250m`, `2`).

/** `500m` for less than a core or a fraction, `2` for whole cores, `unlimited` for no limit (Infinity). */
export function formatCpu(cores: number): string | number {
  if (cores === Infinity) return 'unlimited';
  return Number.isInteger(cores) ? cores : `${String(Number((cores * 1000).toPrecision(15)))}m`;
}
