// Optional telemetry of a run, off unless asked for: per-second request series as a mesh's proxies report
// them (response code, Envoy response flags, latency and size histograms) and sampled traces of requests.

/** What to record besides the result (`simulate(config, { telemetry })`). Nothing is recorded by default. */
export interface TelemetryOptions {
  /** Record per-second request series, as client proxies (`source`) and server proxies (`destination`) report them. */
  requests?: boolean;
  /**
   * Trace this share of traffic-source requests, in [0, 1] (0 or absent: no tracing). Which requests are
   * traced comes from its own random stream (`trace-sampling`): turning tracing on changes no other draw.
   */
  traceSampleRate?: number;
  /**
   * Tail sampling: besides the head sample (`traceSampleRate`), keep every trace that turns out to matter —
   * with a failed span (`errors`), or longer than `slowerThanMs` from its first span's start to its last
   * span's end — as the OpenTelemetry Collector's `tail_sampling` processor does with its `status_code` and
   * `latency` policies. Every traffic-source request is then recorded until its spans have ended (a slower
   * run) and kept or forgotten then. Absent: head sampling only.
   */
  traceKeep?: TraceKeepOptions;
}

/** Which traces tail sampling keeps (`TelemetryOptions.traceKeep`); a trace is kept if any rule says so. */
export interface TraceKeepOptions {
  /** Keep every trace with a span whose status is error (a failed call, attempt, or answer). */
  errors?: boolean;
  /** Keep every trace that lasted longer than this [ms], first span's start to last span's end; > 0. */
  slowerThanMs?: number;
  /**
   * Of the traces the rules pick, keep this share, in (0, 1] (default 1: all), drawn from a random stream of
   * its own (`trace-tail-sampling`) — for runs where most requests fail or are slow (a retry storm), as a
   * Collector pairs `status_code` with a `probabilistic` policy.
   */
  share?: number;
}

/**
 * Envoy's default histogram bucket bounds, which Istio's standard histograms (`istio_request_duration_milliseconds`
 * [ms], `istio_request_bytes` and `istio_response_bytes` [bytes]) use unless a pod overrides them
 * (`sidecar.istio.io/statsHistogramBuckets`). Source: Envoy `HistogramSettingsImpl::defaultBuckets()`
 * (docs/sources.md#envoy-default-buckets).
 */
export const ENVOY_DEFAULT_BUCKETS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
];

/** A histogram per sample: cumulative over time, and each bucket counts values ≤ its bound (Prometheus `le`). */
export interface HistogramSamples {
  /** Sum of the values observed up to each sample. */
  sum: number[];
  /** `buckets[i][b]`: values ≤ `bounds[b]` observed up to sample i. */
  buckets: number[][];
}

/** Who reports a request: the caller's proxy (`source`) or the callee's (`destination`), as in Istio. */
export type Reporter = 'source' | 'destination';

/** One request series: a label set and its cumulative samples, from the sample it first appears in. */
export interface RequestSeries {
  reporter: Reporter;
  /** The caller: a service, or a traffic source (outside the mesh, or in a service's pod: `sourceHost`). */
  source: string;
  /** The calling service, or null for a traffic source. */
  sourceService: string | null;
  /** For a traffic source that runs in a service's pod (`from`): that service; else null. */
  sourceHost: string | null;
  /** Version (subset) of the calling instance, or null for a traffic source. */
  sourceVersion: string | null;
  /** The called service. */
  destination: string;
  /** Version of the instance that answered (the last attempt's), or null when no instance was reached. */
  destinationVersion: string | null;
  /** HTTP status the reporter saw; 0 when no response was sent (the caller hung up first). */
  responseCode: number;
  /** Envoy response flags, comma-separated (`UF,URX`), or `-` when none. */
  responseFlags: string;
  /** True when the data plane secures the edge with mTLS. */
  mtls: boolean;
  /** Index in `sampleEndMs` of this series' first sample. */
  firstSample: number;
  /** Requests reported up to each sample (cumulative). */
  count: number[];
  /** Request duration [ms]: the whole call (retries included) for `source`, the server's time for `destination`. */
  durationMs: HistogramSamples;
  /** Request body size [bytes] (the callee's `requestBytes`). */
  requestBytes: HistogramSamples;
  /** Response body size [bytes] (the callee's `responseBytes` for a 2xx answer, else 0). */
  responseBytes: HistogramSamples;
}

/** Request series of a run, sampled at its series interval (`timeSeries.intervalMs`: 1 s on a run of up to an hour). */
export interface RequestTelemetry {
  /** End of each sample interval [ms of simulated time]: 1000, 2000, …, the run's duration (every interval's end). */
  sampleEndMs: number[];
  /** Bucket bounds of every histogram (ms for durations, bytes for sizes). */
  bucketBounds: readonly number[];
  /** Series in first-seen order. */
  series: RequestSeries[];
}

/** A value of a span or event attribute. */
export type TraceAttributeValue = string | number | boolean;

/** Something that happened at one time within a span (a retry, a timeout). */
export interface TraceEvent {
  name: string;
  atMs: number;
  attributes: Record<string, TraceAttributeValue>;
}

/** One span of a trace. */
export interface TraceSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  /** The parent span's id, or null for a trace's root. */
  parentSpanId: string | null;
  name: string;
  /** OpenTelemetry span kind: a call (`internal`), an attempt (`client`), serving it (`server`), a proxy hop (`internal`). */
  kind: 'client' | 'server' | 'internal';
  /** Who emits the span: a service, a traffic source, or a proxy's service (OpenTelemetry `service.name`). */
  service: string;
  startMs: number;
  /** End [ms]; a span still open when the run ended ends at the run's end with attribute `meshsim.unfinished`. */
  endMs: number;
  status: 'unset' | 'ok' | 'error';
  /** Why the span failed (a failure cause), for status `error`. */
  statusMessage: string;
  attributes: Record<string, TraceAttributeValue>;
  events: TraceEvent[];
}

/** Sampled traces of a run. */
export interface TraceData {
  sampleRate: number;
  /** Spans in start order. */
  spans: TraceSpan[];
  /** What tail sampling kept; present when `traceKeep` was given. */
  tail?: TraceTailSummary;
}

/** The tail sampling of a run: its rules, and how many traces each kept (a trace counts once, first rule first). */
export interface TraceTailSummary {
  errors: boolean;
  /** The duration rule [ms], or null without one. */
  slowerThanMs: number | null;
  /** The share of the traces the rules pick that is kept (1: all). */
  share: number;
  /** Traffic-source requests recorded: every one, each a trace until it is kept or forgotten. */
  requests: number;
  /** Traces a rule picked (not head-sampled), before the share: `keptForError + keptForDuration` at share 1. */
  picked: number;
  /** Traces kept because the head sample took them (`traceSampleRate`). */
  keptByHeadSample: number;
  /** Traces kept for a failed span. */
  keptForError: number;
  /** Traces kept for lasting longer than `slowerThanMs`. */
  keptForDuration: number;
}

/** Telemetry recorded on request (`TelemetryOptions`); each part is absent unless asked for. */
export interface TelemetryResult {
  requests?: RequestTelemetry;
  traces?: TraceData;
}
