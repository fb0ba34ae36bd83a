// The columns of a timeline row (a few seconds of the run): offered and retry rates, goodput (of offered calls),
// success (of completed calls) and worst p99 of the traffic sources, and the busiest service's utilisation.

import { fixed, ms, percent } from '../internal/format.js';
import type { ColumnTable } from './Column.js';

/** A span of the run, aggregated over the intervals it covers. */
export interface TimelineRow {
  /** The span, e.g. `10–20` [s]. */
  span: string;
  /** Calls offered by the traffic sources per second [req/s]. */
  offeredRps: number;
  /**
   * Goodput ÷ offered calls of the sources in the span, the successes counted as the verdict counts them (the edges'
   * `goodput` series: where a call was offered when it completed by the end of the next interval), capped at 1 as
   * the verdict's goodput is; null when none was offered.
   */
  goodputRatio: number | null;
  /** Succeeded ÷ completed calls of the sources; null when none completed. */
  successRatio: number | null;
  /**
   * Worst per-interval p99 of the sources [ms], of the intervals with at least 100 successful calls of a source;
   * null when none had that many.
   */
  worstP99Ms: number | null;
  /** Retries on every edge per second [1/s]. */
  retriesPerS: number;
  /** Mean utilisation of the busiest service over the span, in [0, 1]. */
  utilisation: number;
}

/**
 * The timeline table.
 * @param busiest - Name of the busiest service (its utilisation column is named after it).
 */
export function timelineColumns(busiest: string): ColumnTable<TimelineRow> {
  return {
    columns: [
      { key: 'span', read: (row) => row.span, text: { header: 'time (s)' } },
      {
        key: 'offeredRps',
        read: (row) => row.offeredRps,
        text: { header: 'offered (req/s)', format: (rate) => fixed(rate, 1) },
      },
      {
        key: 'goodputRatio',
        read: (row) => row.goodputRatio,
        text: { header: 'goodput (% of offered)', format: (ratio) => percent(ratio, 2) },
      },
      {
        key: 'successRatio',
        read: (row) => row.successRatio,
        text: { header: 'success of completed (%)', format: (ratio) => percent(ratio, 2) },
      },
      // Failed calls have no latency: during an outage the few that succeed can be fast, so the header says whose.
      {
        key: 'worstP99Ms',
        read: (row) => row.worstP99Ms,
        text: { header: 'worst p99 of successful calls (ms)', format: ms },
      },
      {
        key: 'retriesPerS',
        read: (row) => row.retriesPerS,
        text: { header: 'retries (/s)', format: (rate) => fixed(rate, 1) },
      },
      {
        key: 'utilisation',
        read: (row) => row.utilisation,
        text: { header: `${busiest} utilisation (%)`, format: (ratio) => percent(ratio, 1) },
      },
    ],
  };
}
