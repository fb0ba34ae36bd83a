// The median latency the load generator sees: the p50 of every traffic source's successful calls together (what
// wrk2/fortio report over all their requests), shared by the Kinvolk calibration and the saturation sweep.

import type { SimulationResult } from 'meshsim';

/** p50 of the traffic sources' successful calls, all sources together [ms]; NaN when none succeeded. */
export function entryMedianMs(result: SimulationResult): number {
  const latency = result.endToEndLatency;
  if (latency === undefined)
    throw new Error('entryMedianMs: the result has no endToEndLatency (not from simulate)');
  return latency.count > 0 ? latency.p50Ms : NaN;
}
