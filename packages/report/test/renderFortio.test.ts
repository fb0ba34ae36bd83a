// Fortio and SMP results of a run: counts, status codes and latency statistics from the caller-side series, with the
// run's own percentiles where they are of the same requests.

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import { applyOverrides, loadScenario, parseScenario } from '@meshsim/scenario';

import { renderFortio, renderSmpResult } from '../src/index.js';
import { makeResult } from './__helpers__/fixtures.js';
import { TELEMETRY_SCENARIO, telemetryRun } from './__helpers__/telemetryRun.js';

const result = telemetryRun();
const shoppers = result.edges.find((e) => e.source === 'shoppers');

describe('renderFortio', () => {
  const files = renderFortio(result, {
    startTimeMs: Date.UTC(2026, 0, 1),
    load: { shoppers: { requestedQps: '200', threads: 0 } },
  });
  const fortio = JSON.parse(files[0]?.json ?? '{}') as {
    StartTime: string;
    RequestedQPS: string;
    ActualQPS: number;
    DurationHistogram: {
      Count: number;
      Avg: number;
      Data: { Count: number; Percent: number }[];
      Percentiles: { Percentile: number; Value: number }[];
    };
    RetCodes: Record<string, number>;
  };

  it('writes one result per traffic source, named as Fortio names its files', () => {
    expect(files.map((f) => f.source)).toEqual(['shoppers']);
    expect(files[0]?.fileName).toBe('2026-01-01-000000_meshsim_telemetry_canary_istio_sidecar_shoppers.json');
    expect(fortio.StartTime).toBe('2026-01-01T00:00:00.000Z');
    expect(fortio.RequestedQPS).toBe('200');
  });

  it("counts every completed request by status, and the histogram's buckets add up", () => {
    const completed = (shoppers?.succeeded ?? 0) + (shoppers?.failed ?? 0);
    expect(fortio.DurationHistogram.Count).toBe(completed);
    expect(fortio.RetCodes).toEqual({ '200': shoppers?.succeeded, '500': shoppers?.failed });
    expect(fortio.DurationHistogram.Data.reduce((n, b) => n + b.Count, 0)).toBe(completed);
    expect(fortio.DurationHistogram.Data.at(-1)?.Percent).toBe(100);
    expect(fortio.ActualQPS).toBeCloseTo(completed / 3.5, 6);
  });

  it('gives Fortio its default percentiles in seconds, increasing', () => {
    const values = fortio.DurationHistogram.Percentiles.map((p) => p.Value);
    expect(fortio.DurationHistogram.Percentiles.map((p) => p.Percentile)).toEqual([50, 75, 90, 99, 99.9]);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeGreaterThan(0);
    expect(values[0]).toBeLessThan(1);
  });

  it('needs request series', () => {
    expect(() => renderFortio(makeResult())).toThrow(/requests: true/);
  });
});

describe('renderSmpResult', () => {
  it('summarises the run as an SMP PerformanceTestResult', () => {
    const smp = JSON.parse(renderSmpResult(result, { startTimeMs: 0 })) as {
      smpVersion: string;
      startTime: string;
      endTime: string;
      latenciesMs: { min: number; average: number; p50: number; p90: number; p99: number; max: number };
      actualQPS: number;
    };
    const { latenciesMs: l } = smp;
    expect(smp.endTime).toBe('1970-01-01T00:00:03.500Z');
    expect([l.min, l.p50, l.p90, l.p99, l.max]).toEqual(
      [l.min, l.p50, l.p90, l.p99, l.max].sort((a, b) => a - b),
    );
    expect(l.average).toBeCloseTo(fortioAverageMs(), 6);
    expect(smp.actualQPS).toBeCloseTo(((shoppers?.succeeded ?? 0) + (shoppers?.failed ?? 0)) / 3.5, 6);
  });
});

function fortioAverageMs(): number {
  const fortio = JSON.parse(renderFortio(result)[0]?.json ?? '{}') as { DurationHistogram: { Avg: number } };
  return fortio.DurationHistogram.Avg * 1000;
}

/** The SMP document's fields these tests read. */
interface Smp {
  labels: Record<string, string>;
  latenciesMs: { min: number; average: number; p50: number; p90: number; p99: number; max: number };
}

/** The Fortio document's fields these tests read. */
interface Fortio {
  DurationHistogram: {
    Max: number;
    Data: { End: number }[];
    Percentiles: { Percentile: number; Value: number }[];
  };
}

describe("the run's own percentiles in Fortio and SMP", () => {
  // The canary without its failing version: every call of the source succeeds, so the requests the series count are
  // the calls whose latency the run's edge table gives.
  const calm = simulate(
    parseScenario(TELEMETRY_SCENARIO.replace(', errorRate: 0.5', ''), 'telemetry-calm.yaml'),
    { telemetry: { requests: true } },
  );
  const edge = calm.edges.find((e) => e.source === 'shoppers');
  if (edge === undefined) throw new Error('no shoppers edge');

  it('SMP gives the p50, p90, p99 and max of the edge table when no call of the source failed', () => {
    expect(edge.failed).toBe(0);
    const smp = JSON.parse(renderSmpResult(calm)) as Smp;
    const round6 = (ms: number): number => Math.round(ms * 1e6) / 1e6;
    expect(smp.labels['latencies']).toBe('run');
    expect(smp.latenciesMs).toMatchObject({
      p50: round6(edge.latency.p50Ms),
      p90: round6(edge.latency.p90Ms),
      p99: round6(edge.latency.p99Ms),
      max: round6(edge.latency.maxMs),
    });
    expect(smp.latenciesMs.average).toBeCloseTo(edge.latency.meanMs, 6);
    // min stays a bucket edge (the run records no minimum), at or below everything else.
    expect(smp.latenciesMs.min).toBeLessThanOrEqual(smp.latenciesMs.p50);
  });

  it("Fortio gives the edge table's percentiles and max, p75 between its neighbours", () => {
    const fortio = JSON.parse(renderFortio(calm)[0]?.json ?? '{}') as Fortio;
    const seconds = (ms: number): number => Math.round(ms * 1e6) / 1e9;
    const values = Object.fromEntries(
      fortio.DurationHistogram.Percentiles.map((p) => [p.Percentile, p.Value]),
    );
    expect(values['50']).toBeCloseTo(seconds(edge.latency.p50Ms), 9);
    expect(values['90']).toBeCloseTo(seconds(edge.latency.p90Ms), 9);
    expect(values['99']).toBeCloseTo(seconds(edge.latency.p99Ms), 9);
    expect(values['99.9']).toBeCloseTo(seconds(edge.latency.p999Ms), 9);
    expect(values['75']).toBeGreaterThanOrEqual(values['50'] ?? Infinity);
    expect(values['75']).toBeLessThanOrEqual(values['90'] ?? -Infinity);
    expect(fortio.DurationHistogram.Max).toBeCloseTo(seconds(edge.latency.maxMs), 9);
    expect(fortio.DurationHistogram.Data.at(-1)?.End).toBe(fortio.DurationHistogram.Max);
  });

  it("SMP over several sources gives the run's merged end-to-end p50, p90, p99 and max when none of their calls failed", () => {
    // steady-3tier: two traffic sources (shoppers, batch-jobs), no failure.
    const run = simulate(applyOverrides(loadScenario('steady-3tier'), { durationMs: 10_000 }), {
      telemetry: { requests: true },
    });
    const services = new Set(run.services.map((s) => s.name));
    const sources = run.edges.filter((e) => !services.has(e.source));
    expect(sources.length).toBeGreaterThan(1);
    expect(sources.every((e) => e.failed === 0)).toBe(true);
    const endToEnd = run.endToEndLatency;
    if (endToEnd === undefined) throw new Error('no endToEndLatency');
    const smp = JSON.parse(renderSmpResult(run)) as Smp;
    const round6 = (ms: number): number => Math.round(ms * 1e6) / 1e6;
    expect(smp.labels['latencies']).toBe('run');
    expect(smp.latenciesMs).toMatchObject({
      p50: round6(endToEnd.p50Ms),
      p90: round6(endToEnd.p90Ms),
      p99: round6(endToEnd.p99Ms),
      max: round6(endToEnd.maxMs),
    });
    expect(smp.latenciesMs.average).toBeCloseTo(endToEnd.meanMs, 6);
  });

  it('keeps the bucket estimates when calls failed (the edge table covers only the successful ones)', () => {
    expect(shoppers?.failed).toBeGreaterThan(0);
    const smp = JSON.parse(renderSmpResult(result)) as Smp;
    expect(smp.labels['latencies']).toBe('buckets');
    expect(smp.latenciesMs.p99).not.toBeCloseTo(shoppers?.latency.p99Ms ?? 0, 1);
  });
});
