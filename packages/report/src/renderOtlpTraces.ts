// Sampled traces of a run as OTLP/JSON (an `ExportTraceServiceRequest`), serialised by OpenTelemetry JS's
// own serializer from SDK spans, for an OTLP/HTTP endpoint (Jaeger, Tempo, an OpenTelemetry Collector).

import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { Attributes, HrTime, SpanStatus } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { SimulationResult, TraceSpan } from '@meshsim/mesh';

import type { ExportOptions } from './ExportOptions.js';
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
 * Renders the run's sampled traces as an OTLP/JSON `ExportTraceServiceRequest`: one resource per
 * emitting service (`service.name`: a service, a traffic source, or the service a proxy belongs to),
 * spans with hex ids, string nanosecond times, kind and status (the failure cause as message), retries and
 * timeouts as span events. POST it to an OTLP/HTTP endpoint's `/v1/traces` (docs/telemetry.md).
 *
 * @param result - A result of `simulate(config, { telemetry: { traceSampleRate } })`.
 * @param options - Where simulated time 0 is on the wall clock (default: the Unix epoch).
 * @returns The JSON text, ending with a newline.
 * @throws {Error} if the result holds no traces.
 */
export function renderOtlpTraces(result: SimulationResult, options: ExportOptions = {}): string {
  const traces = requireTraces(result, 'renderOtlpTraces');
  const startMs = options.startTimeMs ?? 0;
  const resources = new Map<string, Resource>();
  const resourceOf = (service: string): Resource => {
    let resource = resources.get(service);
    if (resource === undefined) {
      resource = resourceFromAttributes({
        'service.name': service,
        'meshsim.scenario': result.scenario.name,
        'meshsim.mesh': result.scenario.mesh,
      });
      resources.set(service, resource);
    }
    return resource;
  };
  const spans: ReadableSpan[] = traces.spans.map((span) => {
    const start = hrTime(startMs + span.startMs);
    const end = hrTime(startMs + span.endMs);
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
      startTime: start,
      endTime: end,
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
      resource: resourceOf(span.service),
      instrumentationScope: { name: 'meshsim' },
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  });
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (bytes === undefined) throw new Error('renderOtlpTraces: the OpenTelemetry serializer returned nothing');
  return new TextDecoder().decode(bytes) + '\n';
}
