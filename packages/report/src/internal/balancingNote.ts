// The comparison's note when its shapes balance load differently from the baseline: part of an added latency is
// then the balancer's, not the proxies' (a balancer that avoids busy endpoints queues less than a random pick).

import type { ComparisonSummary } from '../summarizeComparison.js';

/** The note, or null when every shape uses the baseline's balancer (or the balancers are not known). */
export function balancingNote(summary: ComparisonSummary): string | null {
  const base = summary.shapes.find((s) => s.shape === summary.baseline);
  if (base === undefined || base.loadBalancer === null) return null;
  const differing = summary.shapes.filter(
    (s) => s.loadBalancer !== null && s.loadBalancer !== base.loadBalancer,
  );
  if (differing.length === 0) return null;
  return (
    `Load balancers differ from ${summary.baseline}'s (${base.loadBalancer}): ` +
    `${differing.map((s) => `${s.shape} ${String(s.loadBalancer)}`).join(', ')}. Part of each added latency — all of ` +
    "a negative one — can be the balancer's rather than the proxies' (one that avoids busy endpoints queues less); " +
    `--set mesh.loadBalancer=${base.loadBalancer} gives every shape the same balancer, to compare the proxies alone.`
  );
}
