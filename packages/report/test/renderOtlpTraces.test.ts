// OTLP/JSON traces: the document OpenTelemetry's serializer writes from the run's spans — resources per
// service, hex ids, parent links across services, string nanosecond times, retries as events.

import { describe, expect, it } from 'vitest';

import { OTLP_SPANS_PER_REQUEST, renderOtlpTraceRequests, renderOtlpTraces } from '../src/index.js';
import { makeResult } from './__helpers__/fixtures.js';
import { telemetryRun } from './__helpers__/telemetryRun.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  events: { name: string }[];
  status: { code: number; message?: string };
}

interface OtlpDocument {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

const result = telemetryRun();
const text = renderOtlpTraces(result, { startTimeMs: 1_700_000_000_000 });
const document = JSON.parse(text) as OtlpDocument;
const spansByService = new Map(
  document.resourceSpans.map((r) => [
    r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '',
    r.scopeSpans.flatMap((s) => s.spans),
  ]),
);
const spans = [...spansByService.values()].flat();

describe('renderOtlpTraces', () => {
  it('writes an ExportTraceServiceRequest with one resource per emitting service', () => {
    expect([...spansByService.keys()]).toEqual(expect.arrayContaining(['shoppers', 'frontend', 'checkout']));
    expect(spans.length).toBe(result.telemetry?.traces?.spans.length);
  });

  it('uses hex ids, string nanosecond times and OTLP span kinds', () => {
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(BigInt(span.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(span.startTimeUnixNano));
      expect(BigInt(span.startTimeUnixNano)).toBeGreaterThanOrEqual(1_700_000_000_000_000_000n);
      expect([1, 2, 3]).toContain(span.kind);
    }
  });

  it('links children to parents of the same trace across services', () => {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const server = (spansByService.get('checkout') ?? []).find((s) => s.kind === 2);
    const attempt = byId.get(server?.parentSpanId ?? '');
    expect(attempt?.kind).toBe(3);
    expect((spansByService.get('frontend') ?? []).map((s) => s.spanId)).toContain(attempt?.spanId);
    for (const span of spans)
      if (span.parentSpanId !== undefined) expect(byId.get(span.parentSpanId)?.traceId).toBe(span.traceId);
  });

  it('shows retries as events and failures as error status', () => {
    expect(spans.some((s) => s.events.some((e) => e.name === 'retry'))).toBe(true);
    expect(spans.some((s) => s.status.code === 2 && s.status.message === 'error')).toBe(true);
  });

  it('is byte-identical for the same run', () => {
    expect(renderOtlpTraces(telemetryRun(), { startTimeMs: 1_700_000_000_000 })).toBe(text);
  });

  it('throws, naming the option, for a result without traces', () => {
    expect(() => renderOtlpTraces(makeResult())).toThrow(/traceSampleRate/);
  });
});

/** The spans of one request, in the order the request lists them. */
function spansOf(json: string): OtlpSpan[] {
  return (JSON.parse(json) as OtlpDocument).resourceSpans.flatMap((r) =>
    r.scopeSpans.flatMap((s) => s.spans),
  );
}

describe('renderOtlpTraceRequests', () => {
  const anchor = { startTimeMs: 1_700_000_000_000 };

  it('splits the spans into requests of whole traces, each at most spansPerRequest spans', () => {
    const requests = [...renderOtlpTraceRequests(result, { ...anchor, spansPerRequest: 40 })];
    expect(requests.length).toBeGreaterThan(3);
    const seenTraces = new Set<string>();
    for (const request of requests) {
      expect(request).not.toContain('\n');
      const requestSpans = spansOf(request);
      expect(requestSpans.length).toBeGreaterThan(0);
      expect(requestSpans.length).toBeLessThanOrEqual(40);
      const traces = new Set(requestSpans.map((s) => s.traceId));
      for (const trace of traces) {
        expect(seenTraces.has(trace), `trace ${trace} split over two requests`).toBe(false);
        seenTraces.add(trace);
      }
    }
  });

  it('holds the same spans, byte for byte, as the single request', () => {
    const key = (s: OtlpSpan): string => JSON.stringify(s);
    const split = [...renderOtlpTraceRequests(result, { ...anchor, spansPerRequest: 40 })].flatMap(spansOf);
    expect(split.map(key).sort()).toEqual(spans.map(key).sort());
  });

  it('is one request with every span when they all fit', () => {
    const requests = [...renderOtlpTraceRequests(result, { ...anchor, spansPerRequest: spans.length })];
    expect(requests).toHaveLength(1);
    expect(spansOf(requests[0] as string).length).toBe(spans.length);
  });

  it('sends a trace with more spans than the limit alone, whole', () => {
    const requests = [...renderOtlpTraceRequests(result, { ...anchor, spansPerRequest: 1 })];
    const traces = new Set(spans.map((s) => s.traceId));
    expect(requests.length).toBe(traces.size);
    for (const request of requests) expect(new Set(spansOf(request).map((s) => s.traceId)).size).toBe(1);
  });

  it('defaults to the OpenTelemetry SDK batch size of 512 spans', () => {
    expect(OTLP_SPANS_PER_REQUEST).toBe(512);
    expect(spans.length).toBeGreaterThan(2 * 512);
    const sizes = [...renderOtlpTraceRequests(result, anchor)].map((r) => spansOf(r).length);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(512);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(spans.length);
  });

  it('gives one empty request when no request was traced', () => {
    const empty = { ...result, telemetry: { ...result.telemetry, traces: { sampleRate: 0.2, spans: [] } } };
    const requests = [...renderOtlpTraceRequests(empty)];
    expect(requests).toHaveLength(1);
    expect(spansOf(requests[0] as string)).toEqual([]);
  });

  it('throws at once, before any request is read, for a bad limit or a result without traces', () => {
    expect(() => renderOtlpTraceRequests(result, { spansPerRequest: 0 })).toThrow(
      /spansPerRequest.*whole number ≥ 1.*got 0/,
    );
    expect(() => renderOtlpTraceRequests(result, { spansPerRequest: 2.5 })).toThrow(/got 2.5/);
    expect(() => renderOtlpTraceRequests(makeResult())).toThrow(/traceSampleRate/);
  });
});
