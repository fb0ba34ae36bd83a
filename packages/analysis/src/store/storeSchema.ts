// The tables of the results store (docs/analysis.md#the-results-store documents every column; a test
// compares the two): one row per run, one per run and override, one per run and edge. Columns are only ever
// added at the end of a table, so a store written by an earlier version opens with them added.

/** `CREATE TABLE` statements, in creation order. */
export const STORE_TABLES: readonly { name: string; columns: readonly [string, string][] }[] = [
  {
    name: 'runs',
    columns: [
      ['run_key', 'VARCHAR PRIMARY KEY'],
      ['scenario', 'VARCHAR'],
      ['scenario_hash', 'VARCHAR'],
      ['overrides', 'VARCHAR'],
      ['point', 'INTEGER'],
      ['replication', 'INTEGER'],
      ['seed', 'VARCHAR'],
      ['mesh', 'VARCHAR'],
      ['duration_ms', 'DOUBLE'],
      ['events', 'DOUBLE'],
      ['verdict', 'VARCHAR'],
      ['recovery_ms', 'DOUBLE'],
      ['still_down_ms', 'DOUBLE'],
      ['success_ratio', 'DOUBLE'],
      ['goodput_rps', 'DOUBLE'],
      ['e2e_p50_ms', 'DOUBLE'],
      ['e2e_p99_ms', 'DOUBLE'],
      ['attempts_per_call', 'DOUBLE'],
      ['work_per_request', 'DOUBLE'],
      ['proxy_cpu_cores', 'DOUBLE'],
      ['reason', 'VARCHAR'],
      // Added after the first release: a store written before has them added (NULL in its older runs).
      ['proxy_cpu_requested_cores', 'DOUBLE'],
      ['proxy_memory_requested_mib', 'DOUBLE'],
      ['node_cpu_utilisation', 'DOUBLE'],
      ['pending_pods', 'DOUBLE'],
      ['extra_nodes_needed', 'DOUBLE'],
      ['model_revision', 'INTEGER'],
      ['proxy_requests_cost_usd_per_month', 'DOUBLE'],
      ['stopped_reason', 'VARCHAR'],
      ['stopped_at_ms', 'DOUBLE'],
      // The event guards a stopped run ran with (JSON); NULL for a finished run, and in a store from before they
      // were kept — a resumed sweep then runs such a stopped run again.
      ['stopped_guards', 'VARCHAR'],
      // The run's warnings (JSON list of strings, `[]` for none); NULL in a store from before they were kept — a
      // resumed sweep then says it cannot show them.
      ['warnings', 'VARCHAR'],
      // What the proxies use (memory at the end of the run [MiB], its monthly cost with their CPU [USD]); NULL in a
      // store from before they were kept, and the cost without prices. Their intervals leave such a run out.
      ['proxy_memory_mib', 'DOUBLE'],
      ['proxy_cost_usd_per_month', 'DOUBLE'],
      // Whether the run is lossy (a recovered verdict losing calls throughout, docs/analysis.md#lossy); NULL in a
      // store from before it was kept.
      ['lossy', 'BOOLEAN'],
      // Three figures under the names the CSVs give them (`compare --csv`, `run --csv --table replications`), the
      // same values as the columns named first (STORE_COLUMN_ALIASES), so a query can use one name everywhere.
      ['end_to_end_p50_ms', 'DOUBLE'],
      ['end_to_end_p99_ms', 'DOUBLE'],
      ['node_cpu_mean_ratio', 'DOUBLE'],
      // The diagnosis's cascade figures besides `recovery_ms` (cascadeFigures, docs/analysis.md#cascade-figures), what
      // compare shows under a verdict; NULL in a store from before they were kept.
      ['min_goodput_ratio', 'DOUBLE'],
      ['peak_during_attempts_per_request', 'DOUBLE'],
      ['peak_during_amplification', 'DOUBLE'],
    ],
  },
  {
    name: 'settings',
    columns: [
      ['run_key', 'VARCHAR'],
      ['path', 'VARCHAR'],
      ['value', 'VARCHAR'],
      ['number', 'DOUBLE'],
      // Added later: NULL in the rows of a store written before (whose quantities with a unit have no number).
      ['unit', 'VARCHAR'],
    ],
  },
  {
    name: 'edges',
    columns: [
      ['run_key', 'VARCHAR'],
      ['source', 'VARCHAR'],
      ['destination', 'VARCHAR'],
      ['depth', 'INTEGER'],
      ['calls', 'INTEGER'],
      ['attempts', 'INTEGER'],
      ['retries', 'INTEGER'],
      ['succeeded', 'INTEGER'],
      ['failed', 'INTEGER'],
      ['timeouts', 'INTEGER'],
      ['success_ratio', 'DOUBLE'],
      ['p50_ms', 'DOUBLE'],
      ['p99_ms', 'DOUBLE'],
    ],
  },
];

/**
 * The `runs` columns that repeat another under the CSVs' name of its figure: each holds the same value as `copyOf`.
 * A store from before them gets them filled from `copyOf` when it opens, and so do the runs a merge brings from such
 * a store.
 */
export const STORE_COLUMN_ALIASES: readonly { column: string; copyOf: string }[] = [
  { column: 'end_to_end_p50_ms', copyOf: 'e2e_p50_ms' },
  { column: 'end_to_end_p99_ms', copyOf: 'e2e_p99_ms' },
  { column: 'node_cpu_mean_ratio', copyOf: 'node_cpu_utilisation' },
];

/** The order rows are read back in (and exported), so two stores with the same runs compare equal. */
export const STORE_ORDER: Readonly<Record<string, string>> = {
  runs: 'point, replication, run_key',
  settings: 'run_key, path',
  edges: 'run_key, source, destination',
};
