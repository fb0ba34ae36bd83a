// The median latency the load generator sees: the p50 of the traffic sources' entry edges, weighted by
// their successful calls (what wrk2/fortio report), shared by the Kinvolk calibration and the saturation sweep.

import type { SimulationResult } from 'meshsim';

/** Weighted p50 of the edges whose caller is a traffic source, not a service [ms]; NaN when none succeeded. */
export function entryMedianMs(result: SimulationResult): number {
  const callers = new Set(result.services.map((s) => s.name));
  let total = 0;
  let weight = 0;
  for (const edge of result.edges) {
    if (callers.has(edge.source)) continue;
    total += edge.latency.p50Ms * edge.latency.count;
    weight += edge.latency.count;
  }
  return weight > 0 ? total / weight : NaN;
}
