// The comparison's note when the scenario has faults: each shape's added latency then includes what the faults did
// under it (its retries, timeouts, ejections), not only the proxies' cost — so it says how to measure that cost alone.

import type { ComparisonSummary } from '../summarizeComparison.js';

/** The note, or null when the scenario has no fault within the run (or the comparison does not know its faults). */
export function faultsNote(summary: ComparisonSummary): string | null {
  const faults = summary.faults ?? [];
  if (faults.length === 0) return null;
  return (
    `The scenario has faults (${faults.join('; ')}): the added latencies include their effect, which differs per ` +
    'shape (each answers them with its own retries, timeouts, ejections and balancer) — a negative one is no saving of ' +
    "the mesh's. For the mesh's steady-state overhead, compare without them: --set faults=null."
  );
}
