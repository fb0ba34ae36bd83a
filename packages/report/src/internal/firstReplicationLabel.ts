// How a comparison names what holds one run per shape when there are replications: its shape table, its
// per-edge table (text and HTML) and the charts that are not means, all of the first replication.

import type { ComparisonSummary } from '../summarizeComparison.js';

/**
 * `replication 1 of 5 (seed 42)` when the comparison has 2 replications or more (the shape table and the results
 * are then the first replication's, on the scenario's seed), else null.
 */
export function firstReplicationLabel(summary: ComparisonSummary): string | null {
  const n = summary.replications;
  if (n === undefined || n < 2) return null;
  return `replication 1 of ${n} (seed ${String(summary.seed)})`;
}
