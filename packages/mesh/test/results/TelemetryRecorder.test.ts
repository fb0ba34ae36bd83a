// Telemetry of a run (request series and sampled traces): recording it changes nothing else, the series
// add up to the edge counts, response codes and flags follow Envoy's, and traces link across services.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import type { RequestSeries, SimulationResult } from '../../src/index.js';
import { call, config, poisson, policy, service } from '../__helpers__/configs.js';

const chain = config(
  [
    service('frontend', { calls: [[call('backend', policy(1000, 3))]] }),
    service('backend', { errorRate: 0.2, requestBytes: 300, responseBytes: 2000 }),
  ],
  [poisson('frontend', 200)],
  { durationMs: 3500, shape: 'istio-sidecar' },
);

function withoutTelemetry(result: SimulationResult): SimulationResult {
  const { telemetry, ...rest } = result;
  expect(telemetry).toBeDefined();
  return rest;
}

function last(values: readonly number[]): number {
  return values[values.length - 1] ?? 0;
}

function total(series: readonly RequestSeries[], match: (s: RequestSeries) => boolean): number {
  return series.filter(match).reduce((sum, s) => sum + last(s.count), 0);
}

describe('telemetry', () => {
  const plain = simulate(chain);
  const recorded = simulate(chain, { telemetry: { requests: true, traceSampleRate: 0.1 } });

  it('changes nothing else in the result (same events, same draws)', () => {
    expect(plain.telemetry).toBeUndefined();
    expect(withoutTelemetry(recorded)).toEqual(plain);
  });

  it('samples every simulated second up to the duration', () => {
    expect(recorded.telemetry?.requests?.sampleEndMs).toEqual([1000, 2000, 3000, 3500]);
  });

  it('reports each finished call at its caller and each answered attempt at its callee', () => {
    const series = recorded.telemetry?.requests?.series ?? [];
    const edge = plain.edges.find((e) => e.source === 'frontend' && e.destination === 'backend');
    expect(edge).toBeDefined();
    const calls = total(series, (s) => s.reporter === 'source' && s.destination === 'backend');
    expect(calls).toBe((edge?.succeeded ?? 0) + (edge?.failed ?? 0));
    const ok = total(
      series,
      (s) => s.reporter === 'source' && s.destination === 'backend' && s.responseCode === 200,
    );
    expect(ok).toBe(edge?.succeeded);
    // Retries exhausted on a 500 earn URX; the callee saw every attempt.
    expect(series.some((s) => s.responseCode === 500 && s.responseFlags === 'URX')).toBe(true);
    const answered = total(series, (s) => s.reporter === 'destination' && s.destination === 'backend');
    expect(answered).toBe(edge?.attempts);
  });

  it('keeps counters cumulative and histograms consistent', () => {
    for (const s of recorded.telemetry?.requests?.series ?? []) {
      for (let i = 1; i < s.count.length; i++) expect(s.count[i]).toBeGreaterThanOrEqual(s.count[i - 1] ?? 0);
      s.durationMs.buckets.forEach((buckets, i) => {
        for (let b = 1; b < buckets.length; b++)
          expect(buckets[b]).toBeGreaterThanOrEqual(buckets[b - 1] ?? 0);
        expect(last(buckets)).toBeLessThanOrEqual(s.count[i] ?? 0);
      });
      expect(s.mtls).toBe(s.source === 'frontend');
    }
    const ok = (recorded.telemetry?.requests?.series ?? []).find(
      (s) => s.responseCode === 200 && s.destination === 'backend',
    );
    expect(last(ok?.responseBytes.sum ?? [])).toBe(2000 * last(ok?.count ?? []));
  });

  it('traces a sampled share of requests, children parented across services', () => {
    const spans = recorded.telemetry?.traces?.spans ?? [];
    const roots = spans.filter((s) => s.parentSpanId === null);
    // About 10% of ~700 requests.
    expect(roots.length).toBeGreaterThan(30);
    expect(roots.length).toBeLessThan(120);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const span of spans) {
      if (span.parentSpanId === null) continue;
      const parent = byId.get(span.parentSpanId);
      expect(parent?.traceId).toBe(span.traceId);
    }
    const backendServer = spans.find((s) => s.kind === 'server' && s.service === 'backend');
    const attempt = byId.get(backendServer?.parentSpanId ?? '');
    expect(attempt?.kind).toBe('client');
    expect(attempt?.service).toBe('frontend');
    const frontendServer = byId.get(byId.get(attempt?.parentSpanId ?? '')?.parentSpanId ?? '');
    expect(frontendServer?.kind).toBe('server');
    expect(frontendServer?.service).toBe('frontend');
    expect(
      spans.some(
        (s) => s.name === 'envoy-sidecar request' || s.attributes['meshsim.proxy.kind'] !== undefined,
      ),
    ).toBe(true);
    expect(spans.some((s) => s.events.some((e) => e.name === 'retry'))).toBe(true);
  });

  it('gives the same telemetry for the same seed', () => {
    const again = simulate(chain, { telemetry: { requests: true, traceSampleRate: 0.1 } });
    expect(JSON.stringify(again.telemetry)).toBe(JSON.stringify(recorded.telemetry));
  });

  it('rejects a sample rate outside [0, 1]', () => {
    expect(() => simulate(chain, { telemetry: { traceSampleRate: 2 } })).toThrow(/traceSampleRate/);
  });
});
