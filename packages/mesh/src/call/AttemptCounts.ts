// The attempts one caller has outstanding to one destination — an Envoy cluster's active + pending
// requests — and its retries from the retry decision to the retried attempt's end, counted once, by the
// caller's UpstreamClient, for every policy that reads them (Envoy's circuit-breaker thresholds, its retry budget and `max_retries`).

/** Attempts outstanding from one caller to one destination. */
export class AttemptCounts {
  /** Attempts started and not yet ended (answered, timed out or given up) [attempts]. */
  outstanding = 0;
  /**
   * Retries holding a retry slot [retries]: let through by the retry gates and not yet ended — waiting out
   * their backoff or outstanding — as Envoy counts its `retries` resource (UpstreamClient.allowRetry).
   */
  retries = 0;
}
