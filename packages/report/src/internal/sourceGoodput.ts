// The traffic sources' goodput per interval and the calls it is over, less the calls still in flight at the end that
// are not yet due: one rule for the text timeline's `goodput (% of offered)` and the HTML report's goodput chart.

import { callsDue, normalLatencyMs } from '@meshsim/analysis';
import type { EdgeSeries, SimulationResult } from '@meshsim/mesh';

import { measuredMs } from './columnContext.js';

/** Goodput and the calls it is over, per interval, over the traffic sources together. */
export interface SourceGoodput {
  /**
   * Successful calls as the verdict counts them (the edges' `goodput` series: in the interval a call was offered in
   * when it completed by the end of the next, else where it completed).
   */
  goodput: number[];
  /**
   * Calls offered, less, in the last intervals, those still in flight at the end that were offered within a normal
   * call's time before it (not yet due: `callsDue` of @meshsim/analysis); may be fractional.
   */
  due: number[];
}

/** The entry edges of the traffic sources (their caller is not a service). */
export function sourceSeries(result: SimulationResult): EdgeSeries[] {
  const services = new Set(result.services.map((s) => s.name));
  return result.timeSeries.edges.filter((e) => !services.has(e.source));
}

/** The traffic sources' goodput and calls due per interval of the result's time series. */
export function sourceGoodput(result: SimulationResult): SourceGoodput {
  const series = result.timeSeries;
  const intervals = series.startMs.length;
  const goodput = new Array<number>(intervals).fill(0);
  const due = new Array<number>(intervals).fill(0);
  const endMs = measuredMs(result);
  for (const edge of sourceSeries(result)) {
    const calls = callsDue(edge, edge.goodput, {
      startMs: series.startMs,
      endMs,
      latencyMs: normalLatencyMs(edge),
    });
    for (let i = 0; i < intervals; i++) {
      goodput[i] = (goodput[i] ?? 0) + (edge.goodput[i] ?? 0);
      due[i] = (due[i] ?? 0) + (calls[i] ?? 0);
    }
  }
  return { goodput, due };
}

/**
 * Goodput ÷ calls due of the intervals `from` to `to` (exclusive) together, capped at 1 as the verdict's goodput is (a
 * backlog completing can outnumber them); null when none was due.
 */
export function goodputRatio(source: SourceGoodput, from: number, to: number): number | null {
  let goodput = 0;
  let due = 0;
  for (let i = from; i < to; i++) {
    goodput += source.goodput[i] ?? 0;
    due += source.due[i] ?? 0;
  }
  return due > 0 ? Math.min(1, goodput / due) : null;
}
