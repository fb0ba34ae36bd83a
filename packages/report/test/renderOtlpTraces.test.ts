// OTLP/JSON traces: the document OpenTelemetry's serializer writes from the run's spans — resources per
// service, hex ids, parent links across services, string nanosecond times, retries as events.

import { describe, expect, it } from 'vitest';

import { renderOtlpTraces } from '../src/index.js';
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
