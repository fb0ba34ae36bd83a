// The blast radius of a run, for the comparison (its text, JSON, CSV row and its HTML chart): how many services
// were hurt and for how long, as service-seconds in which more than DEGRADED_FAILED_RATIO of the calls into a service failed.

import type { SimulationResult } from '@meshsim/mesh';

import { measuredMs } from './columnContext.js';

/** Share of failed calls into a service, in one interval, above which the service counts as degraded. */
export const DEGRADED_FAILED_RATIO = 0.01;

/**
 * Service-seconds degraded: over every service and interval, the interval's length [s] when more than
 * {@link DEGRADED_FAILED_RATIO} of the calls into the service completed in it failed (all callers together).
 */
export function degradedServiceSeconds(result: SimulationResult): number {
  const { startMs, intervalMs, edges } = result.timeSeries;
  const services = new Set(result.services.map((s) => s.name));
  const inbound = new Map<string, { succeeded: number[]; failed: number[] }>();
  for (const series of edges) {
    if (!services.has(series.destination)) continue;
    const totals = inbound.get(series.destination) ?? {
      succeeded: new Array<number>(startMs.length).fill(0),
      failed: new Array<number>(startMs.length).fill(0),
    };
    for (let i = 0; i < startMs.length; i++) {
      totals.succeeded[i] = (totals.succeeded[i] ?? 0) + (series.succeeded[i] ?? 0);
      totals.failed[i] = (totals.failed[i] ?? 0) + (series.failed[i] ?? 0);
    }
    inbound.set(series.destination, totals);
  }
  // The last interval ends with the run: its duration, or where a guard stopped it.
  const endMs = measuredMs(result);
  let seconds = 0;
  for (const { succeeded, failed } of inbound.values()) {
    for (let i = 0; i < startMs.length; i++) {
      const bad = failed[i] ?? 0;
      const completed = bad + (succeeded[i] ?? 0);
      if (completed > 0 && bad / completed > DEGRADED_FAILED_RATIO) {
        const start = startMs[i] ?? 0;
        seconds += (Math.min(endMs, start + intervalMs) - start) / 1000;
      }
    }
  }
  return seconds;
}
