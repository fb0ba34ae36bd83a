// Counters that policies keep on an edge (e.g. `retry-budget-denied`), and what reports them.

/** Counters by event name. */
export type PolicyCounters = Record<string, number>;

/** Something that adds its counters to an edge's totals when the run's results are collected. */
export interface PolicyCounterSource {
  /** Adds this source's counters into `into`. */
  collect(into: PolicyCounters, nowMs: number): void;
}
