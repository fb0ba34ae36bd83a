// The attempts one caller has outstanding to one destination — an Envoy cluster's active + pending
// requests, and the retries among them — counted once, by the caller's UpstreamClient, for every
// policy that reads them (Envoy's circuit-breaker thresholds, its retry budget and `max_retries`).

/** Attempts outstanding from one caller to one destination. */
export class AttemptCounts {
  /** Attempts started and not yet ended (answered, timed out or given up) [attempts]. */
  outstanding = 0;
  /** The retries among them (attempts after a call's first) [attempts]. */
  retries = 0;
}
