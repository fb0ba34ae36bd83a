// A headline figure's key as the stem of its CSV column names (`endToEndP99Ms` → `end_to_end_p99_ms`): one rule
// for the comparison's interval columns and `run --csv --table replications`.

/** A headline figure's key as a CSV name: `endToEndP99Ms` → `end_to_end_p99_ms`, `proxyMemoryMiB` → `proxy_memory_mib`. */
export function figureCsvName(key: string): string {
  return key
    .replace('MiB', 'Mib')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
