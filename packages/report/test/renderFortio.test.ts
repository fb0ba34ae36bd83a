// Fortio and SMP results of a run: counts, status codes and latency statistics from the caller-side series.

import { describe, expect, it } from 'vitest';

import { renderFortio, renderSmpResult } from '../src/index.js';
import { makeResult } from './__helpers__/fixtures.js';
import { telemetryRun } from './__helpers__/telemetryRun.js';

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
