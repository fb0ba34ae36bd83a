// Counters that policies keep on an edge: how often something happened (e.g. `retry-budget-denied`) and how
// long a policy held a state (e.g. breakers open [ms]), kept apart so a duration is never read as a count.

/** What a policy reports on an edge: event counts, and times spent in a state [ms], each by name. */
export interface PolicyCounters {
  /** How often each event happened, by event name (e.g. `breaker-opened`). */
  events: Record<string, number>;
  /** Time spent in each state [ms], by state name (e.g. `breaker-open`), summed over the policy's breakers or hosts. */
  timeMs: Record<string, number>;
}

/** Something that adds its counters to an edge's totals when the run's results are collected. */
export interface PolicyCounterSource {
  /** Adds this source's counters into `into`. */
  collect(into: PolicyCounters, nowMs: number): void;
  /**
   * The calling proxies whose outlier detector for the edge's destination this source is (1) or not (0): what an
   * edge's `outlierDetectors` counts. @defaultValue none: 0
   */
  outlierDetectors?(): number;
}
