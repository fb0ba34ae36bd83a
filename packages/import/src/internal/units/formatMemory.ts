// Memory quantities in a written scenario, exact and as Kubernetes manifests write them (`128Mi`, `1Gi`, `1GB`).

/** The units a scenario's memory size takes, largest first, binary before decimal. */
const UNITS: readonly (readonly [string, number])[] = [
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['GB', 1e9],
  ['MB', 1e6],
  ['Ki', 2 ** 10],
  ['KB', 1e3],
];

/**
 * A memory amount in MiB as the scenario writes it, exactly: a whole number of bytes in the largest unit that divides
 * it (`1Gi`, `128Mi`, `1GB` for 10^9 bytes, `7934372Ki`, `100B`), `0Mi`, else the number of MiB.
 */
export function formatMemory(mib: number): string | number {
  const bytes = mib * 2 ** 20;
  if (mib === 0) return '0Mi';
  if (!Number.isInteger(bytes) || bytes < 0) return Number(mib.toPrecision(15));
  const [unit, size] = UNITS.find(([, each]) => bytes % each === 0) ?? ['B', 1];
  return `${String(bytes / size)}${unit}`;
}
