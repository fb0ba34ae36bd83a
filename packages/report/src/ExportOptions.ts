// Options of the exports to other tools (Istio metrics, OTLP traces, Fortio, SMP): where simulated time
// starts on the wall clock, since those tools file data by absolute time.

/** Options of the exports to Prometheus, OpenTelemetry, Fortio and SMP formats. */
export interface ExportOptions {
  /**
   * Wall-clock time of simulated time 0 [ms since the Unix epoch]. Default 0 (1970-01-01T00:00:00Z), so
   * the same run always gives the same bytes; pass a recent time to backfill where dashboards look.
   */
  startTimeMs?: number;
}
