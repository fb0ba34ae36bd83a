// Sampled traces of a run as OTLP/JSON (`ExportTraceServiceRequest`s), serialised by OpenTelemetry JS's own
// serializer from SDK spans, for an OTLP/HTTP endpoint (Jaeger, Tempo, an OpenTelemetry Collector): one
// request with every span, or requests of whole traces of about a batch each (JSON Lines).

import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { Attributes, HrTime, SpanStatus } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { SimulationResult, TraceData, TraceSpan } from '@meshsim/mesh';

import type { ExportOptions } from './ExportOptions.js';
import { groupByTrace } from './internal/groupByTrace.js';
import { requireTraces } from './internal/requireTelemetry.js';

const KINDS: Readonly<Record<TraceSpan['kind'], SpanKind>> = {
  internal: SpanKind.INTERNAL,
  client: SpanKind.CLIENT,
  server: SpanKind.SERVER,
};

/** Milliseconds since the epoch as OpenTelemetry's `[seconds, nanoseconds]`. */
function hrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos];
}

function status(span: TraceSpan): SpanStatus {
  if (span.status === 'error') return { code: SpanStatusCode.ERROR, message: span.statusMessage };
  return { code: span.status === 'ok' ? SpanStatusCode.OK : SpanStatusCode.UNSET };
}

/**
 * Spans per request of {@link renderOtlpTraceRequests} by default: the OpenTelemetry SDKs' batch span
 * processor sends at most 512 spans per export (`maxExportBatchSize`, OpenTelemetry specification).
 */
export const OTLP_SPANS_PER_REQUEST = 512;

/** Options of {@link renderOtlpTraceRequests}. */
export interface OtlpRequestOptions extends ExportOptions {
  /** Spans per request, a whole number ≥ 1 (a trace with more goes alone). Default {@link OTLP_SPANS_PER_REQUEST}. */
  spansPerRequest?: number;
}

/**
 * Renders the run's sampled traces as one OTLP/JSON `ExportTraceServiceRequest`: one resource per
 * emitting service (`service.name`: a service, a traffic source, or the service a proxy belongs to),
 * spans with hex ids, string nanosecond times, kind and status (the failure cause as message), retries and
 * timeouts as span events. POST it to an OTLP/HTTP endpoint's `/v1/traces` (docs/telemetry.md); for a large
 * run, {@link renderOtlpTraceRequests} gives smaller requests.
 *
 * @param result - A result of `simulate(config, { telemetry: { traceSampleRate } })`.
 * @param options - Where simulated time 0 is on the wall clock (default: the Unix epoch).
 * @returns The JSON text, ending with a newline.
 * @throws {Error} if the result holds no traces.
 */
export function renderOtlpTraces(result: SimulationResult, options: ExportOptions = {}): string {
  const traces = requireTraces(result, 'renderOtlpTraces');
  return new OtlpSerializer(result, options.startTimeMs ?? 0).request(traces.spans) + '\n';
}

/**
 * The run's sampled traces as several OTLP/JSON `ExportTraceServiceRequest`s, one per item (without a line
 * end), made as they are read: each holds whole traces, in the order they started, and at most
 * `spansPerRequest` spans unless a single trace has more. Written one per line they are JSON Lines, the
 * shape the OpenTelemetry Collector's file exporter writes and its `otlpjsonfile` receiver reads; posted
 * one by one, each stays far below an OTLP/HTTP receiver's request limit. A run with no traced request
 * gives one request with no spans.
 *
 * @param result - A result of `simulate(config, { telemetry: { traceSampleRate } })`.
 * @param options - Where simulated time 0 is on the wall clock, and the spans per request.
 * @throws {Error} at once (not when read) if the result holds no traces or `spansPerRequest` is not a whole
 * number ≥ 1.
 */
export function renderOtlpTraceRequests(
  result: SimulationResult,
  options: OtlpRequestOptions = {},
): IterableIterator<string> {
  const traces = requireTraces(result, 'renderOtlpTraceRequests');
  const limit = options.spansPerRequest ?? OTLP_SPANS_PER_REQUEST;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `renderOtlpTraceRequests: spansPerRequest must be a whole number ≥ 1 (got ${limit})`,
    );
  }
  return requests(traces, limit, new OtlpSerializer(result, options.startTimeMs ?? 0));
}

/** The requests of {@link renderOtlpTraceRequests}: whole traces, in start order, about `limit` spans each. */
function* requests(traces: TraceData, limit: number, serializer: OtlpSerializer): Generator<string> {
  const byTrace = groupByTrace(traces.spans);
  let batch: TraceSpan[] = [];
  for (const spans of byTrace.values()) {
    if (batch.length > 0 && batch.length + spans.length > limit) {
      yield serializer.request(batch);
      batch = [];
    }
    for (const span of spans) batch.push(span);
  }
  if (batch.length > 0 || byTrace.size === 0) yield serializer.request(batch);
}

/** Turns meshsim spans into SDK spans and serialises them; resources are shared by all its requests. */
class OtlpSerializer {
  private readonly resources = new Map<string, Resource>();

  constructor(
    private readonly result: SimulationResult,
    private readonly startMs: number,
  ) {}

  /** One `ExportTraceServiceRequest` holding `spans`, as compact JSON (no line end). */
  request(spans: readonly TraceSpan[]): string {
    const bytes = JsonTraceSerializer.serializeRequest(spans.map((span) => this.sdkSpan(span)));
    if (bytes === undefined)
      throw new Error('renderOtlpTraces: the OpenTelemetry serializer returned nothing');
    return new TextDecoder().decode(bytes);
  }

  private resourceOf(service: string): Resource {
    let resource = this.resources.get(service);
    if (resource === undefined) {
      resource = resourceFromAttributes({
        'service.name': service,
        'meshsim.scenario': this.result.scenario.name,
        'meshsim.mesh': this.result.scenario.mesh,
      });
      this.resources.set(service, resource);
    }
    return resource;
  }

  private sdkSpan(span: TraceSpan): ReadableSpan {
    const startMs = this.startMs;
    const context = { traceId: span.traceId, spanId: span.spanId, traceFlags: TraceFlags.SAMPLED };
    return {
      name: span.name,
      kind: KINDS[span.kind],
      spanContext: () => context,
      ...(span.parentSpanId !== null && {
        parentSpanContext: {
          traceId: span.traceId,
          spanId: span.parentSpanId,
          traceFlags: TraceFlags.SAMPLED,
        },
      }),
      startTime: hrTime(startMs + span.startMs),
      endTime: hrTime(startMs + span.endMs),
      status: status(span),
      attributes: span.attributes as Attributes,
      links: [],
      events: span.events.map((event) => ({
        name: event.name,
        time: hrTime(startMs + event.atMs),
        attributes: event.attributes as Attributes,
      })),
      duration: hrTime(span.endMs - span.startMs),
      ended: true,
      resource: this.resourceOf(span.service),
      instrumentationScope: { name: 'meshsim' },
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  }
}
