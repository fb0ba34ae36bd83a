// The thresholds behind every verdict, in one place, with the values docs/analysis.md documents (a test
// compares the two).

/** Thresholds of {@link diagnose}; every field documented in docs/analysis.md#thresholds. */
export interface DiagnosisThresholds {
  /** Length of the goodput window [ms]: ratios are pooled over it, and recovery must hold that long. */
  windowMs: number;
  /** A window is within the band when its goodput ratio ≥ this × the reference ratio. */
  bandRatio: number;
  /**
   * A window below the band counts only when its shortfall (floor × calls − successes) is at least this many standard
   * deviations of a binomial count of its calls at the band's floor: sampling noise of a window of a few calls is not a
   * fall (an assumption, docs/analysis.md#the-band).
   */
  bandNoiseSigmas: number;
  /** A reference goodput ratio below this means the source was down before any trigger (`degraded`). */
  downRatio: number;
  /**
   * A `stable` or `degraded-recovered` source whose reference goodput ratio is below this loses calls throughout:
   * it is `lossy` (an assumption: the band's width, docs/analysis.md#lossy).
   */
  lossyRatio: number;
  /**
   * A source's calls pile up when its calls in flight grow (beyond what a change of its scheduled rate explains, by
   * Little's law), over the second half of the judged run and over each half of that, by at least this share of the
   * calls it offered meanwhile (an assumption, docs/analysis.md#calls-piling-up).
   */
  backlogGrowthRatio: number;
  /** …and by at least this many calls over the second half (an assumption: a few calls more in flight is noise). */
  backlogMinCalls: number;
  /** Minimum time after the last trigger before a source still below the band is `metastable` [ms]. */
  metastableAfterMs: number;
  /**
   * A source's warm-up lasts until the calls that complete in an interval reach this share of the calls offered in it
   * (calls still in flight at the start of a run are not failures).
   */
  warmUpRatio: number;
  /** Mean utilisation at or above which a service is saturated in the sustaining loop. */
  loopUtilisation: number;
  /** Share of retries among an edge's attempts at or above which retries are a loop mechanism. */
  loopRetryShare: number;
  /** Share of timeouts among an edge's failed calls at or above which timeouts are a loop mechanism. */
  loopTimeoutShare: number;
  /**
   * Mean CPU utilisation over the run at or above which a node is saturated (an assumption: the services'
   * `loopUtilisation`, docs/analysis.md#node-cpu-and-proxies).
   */
  nodeCpuUtilisation: number;
  /**
   * A kind of proxy is starved of CPU when its containers waited for a core at least this many times as long as they
   * ran (an assumption: the bar of the CPU-starvation warning, docs/analysis.md#node-cpu-and-proxies).
   */
  proxyCpuWaitRatio: number;
  /** Utilisation at or above which a service joins the cascade as `saturated`. */
  cascadeUtilisation: number;
  /**
   * How long [ms] its utilisation, averaged, must stay at or above `cascadeUtilisation` for a service to join as
   * `saturated` (an assumption: a busy second of a stable queue is noise).
   */
  cascadeSaturatedMs: number;
  /** Rise of the failed share of calls to a service (over its reference) at which it joins as `failing`. */
  cascadeFailureRise: number;
  /** Failed calls an interval needs before its failed share counts (noise on small edges). */
  cascadeMinFailed: number;
}

/** The documented thresholds (docs/analysis.md#thresholds). */
export const DIAGNOSIS_THRESHOLDS: Readonly<DiagnosisThresholds> = Object.freeze({
  windowMs: 5000,
  bandRatio: 0.95,
  bandNoiseSigmas: 4,
  downRatio: 0.5,
  lossyRatio: 0.95,
  backlogGrowthRatio: 0.1,
  backlogMinCalls: 20,
  metastableAfterMs: 10_000,
  warmUpRatio: 0.5,
  loopUtilisation: 0.9,
  loopRetryShare: 0.1,
  loopTimeoutShare: 0.5,
  nodeCpuUtilisation: 0.9,
  proxyCpuWaitRatio: 1,
  cascadeUtilisation: 0.95,
  cascadeSaturatedMs: 5000,
  cascadeFailureRise: 0.1,
  cascadeMinFailed: 3,
});
