// Memory quantities in a written scenario, as Kubernetes manifests write them (`128Mi`, `1Gi`).

/** `1Gi` for whole GiB, `128Mi` for whole MiB, else the number of MiB (the scenario format's unit), to 0.001. */
export function formatMemory(mib: number): string | number {
  if (Number.isInteger(mib / 1024) && mib > 0) return `${mib / 1024}Gi`;
  if (Number.isInteger(mib)) return `${mib}Mi`;
  return Number(mib.toFixed(3));
}
