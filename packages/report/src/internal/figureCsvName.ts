// A headline (or cascade) figure's key as the stem of its CSV column names (`endToEndP99Ms` → `end_to_end_p99_ms`): one rule
// for the comparison's interval columns and `run --csv --table replications`.

/**
 * Headline figures whose CSV name is that of the same figure in the comparison's shape columns (`shapeColumns.ts`),
 * not its key's: one name per figure in a CSV, its unit at the end.
 */
const FIGURE_CSV_NAMES: Readonly<Record<string, string>> = {
  nodeCpuUtilisation: 'node_cpu_mean_ratio',
  proxyCostPerMonthUsd: 'proxy_cost_usd_per_month',
  proxyRequestsCostPerMonthUsd: 'proxy_requests_cost_usd_per_month',
  // Cascade figures: attempts and amplification are those during the triggers, as the shape columns name them.
  peakAttemptsPerRequest: 'peak_during_attempts_per_request',
  peakAmplification: 'peak_during_amplification',
};

/**
 * A headline figure's key as a CSV name: `endToEndP99Ms` → `end_to_end_p99_ms`, `proxyMemoryMiB` →
 * `proxy_memory_mib`, or the shape columns' name of the same figure (`proxyCostPerMonthUsd` →
 * `proxy_cost_usd_per_month`).
 */
export function figureCsvName(key: string): string {
  return (
    FIGURE_CSV_NAMES[key] ??
    key
      .replace('MiB', 'Mib')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
  );
}
