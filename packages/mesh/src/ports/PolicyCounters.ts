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

/** Adds `amount` to event counter `name` in `into`. */
export function addCount(into: PolicyCounters, name: string, amount: number): void {
  into.events[name] = (into.events[name] ?? 0) + amount;
}

/** Adds `ms` to the time spent in state `name` in `into` [ms]. */
export function addTimeMs(into: PolicyCounters, name: string, ms: number): void {
  into.timeMs[name] = (into.timeMs[name] ?? 0) + ms;
}
