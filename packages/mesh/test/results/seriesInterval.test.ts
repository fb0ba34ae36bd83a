// The series interval: 1 s on runs of up to an hour, widened on longer ones so that no series holds more than
// MAX_SERIES_INTERVALS values; a widened series conserves the 1 s series' counts, and the run's results stay the same.

import { describe, expect, it } from 'vitest';

import { MAX_SERIES_INTERVALS, simulate, seriesIntervalMs } from '../../src/index.js';
import type { SimulationResult } from '../../src/index.js';
import { call, config, poisson, policy, service } from '../__helpers__/configs.js';

const HOUR = 3_600_000;

/** A 2 h 10 min run whose calls fail and retry: a → b (one worker, 10 % errors), three attempts, 30 ms timeout. */
function longRun(): ReturnType<typeof config> {
  return config(
    [
      service('a', { calls: [[call('b', policy(30, 3))]] }),
      service('b', { replicas: 1, concurrency: 1, queueCapacity: 4, errorRate: 0.1 }),
    ],
    [poisson('a', 4)],
    { durationMs: 2 * HOUR + 600_000 },
  );
}

/** Sums of `values` over consecutive groups of `size`. */
function grouped(values: readonly number[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += size)
    out.push(values.slice(i, i + size).reduce((a, b) => a + b, 0));
  return out;
}

/** The result without what depends on the series interval: its series and the engine events (one per interval). */
function model(result: SimulationResult): string {
  const { timeSeries: _series, events: _events, telemetry: _telemetry, ...rest } = result;
  return JSON.stringify(rest);
}

describe('seriesIntervalMs', () => {
  it('is 1 s up to an hour of run, then the smallest nice interval that keeps a run within the cap', () => {
    expect(MAX_SERIES_INTERVALS).toBe(3600);
    const cases: [number, number][] = [
      [500, 1000],
      [60_000, 1000],
      [HOUR, 1000],
      [HOUR + 1, 2000],
      [2 * HOUR, 2000],
      [2 * HOUR + 1, 5000],
      [5 * HOUR, 5000],
      [24 * HOUR, 30_000],
      [100 * HOUR, 120_000],
      [720 * HOUR, 900_000],
      [5000 * HOUR, 2 * HOUR],
    ];
    expect(cases.map(([duration]) => seriesIntervalMs(duration))).toEqual(cases.map(([, ms]) => ms));
    for (const [duration, ms] of cases) expect(Math.ceil(duration / ms)).toBeLessThanOrEqual(3600);
  });
});

describe('a run longer than an hour', () => {
  const cfg = longRun();
  const coarse = simulate(cfg, { telemetry: { requests: true } });
  const fine = simulate(cfg, { telemetry: { requests: true }, seriesIntervalMs: 1000 });

  it('records its series every 5 s, within the cap, from 0 to the run end', () => {
    const { intervalMs, startMs, edges, services } = coarse.timeSeries;
    expect(intervalMs).toBe(5000);
    expect(startMs).toHaveLength(Math.ceil(cfg.durationMs / 5000));
    expect(startMs.length).toBeLessThanOrEqual(MAX_SERIES_INTERVALS);
    expect(startMs.slice(0, 3)).toEqual([0, 5000, 10_000]);
    for (const series of edges) expect(series.calls).toHaveLength(startMs.length);
    for (const series of services) expect(series.utilisation).toHaveLength(startMs.length);
    expect(fine.timeSeries.startMs).toHaveLength(cfg.durationMs / 1000);
  });

  it('has the same results as with 1 s series, and its series conserve the 1 s series’ counts', () => {
    expect(model(coarse)).toBe(model(fine));
    const edge = coarse.edges.find((e) => e.source === 'a' && e.destination === 'b');
    expect(edge?.retries).toBeGreaterThan(0);
    expect(edge?.failed).toBeGreaterThan(0);
    for (const [i, series] of coarse.timeSeries.edges.entries()) {
      const oneSecond = fine.timeSeries.edges[i];
      const totals = coarse.edges.find(
        (e) => e.source === series.source && e.destination === series.destination,
      );
      for (const field of ['calls', 'succeeded', 'failed', 'retries'] as const) {
        expect(series[field]).toEqual(grouped(oneSecond?.[field] ?? [], 5));
        expect(series[field].reduce((a, b) => a + b, 0)).toBe(totals?.[field]);
      }
    }
    for (const [i, series] of coarse.timeSeries.services.entries()) {
      const oneSecond = fine.timeSeries.services[i];
      expect(series.completed).toEqual(grouped(oneSecond?.completed ?? [], 5));
      expect(series.rejected).toEqual(grouped(oneSecond?.rejected ?? [], 5));
      // Busy time is conserved: a 5 s utilisation is the mean of its five 1 s ones.
      const means = grouped(oneSecond?.utilisation ?? [], 5).map((sum) => sum / 5);
      series.utilisation.forEach((u, k) => expect(u).toBeCloseTo(means[k] ?? 0, 9));
    }
  });

  it('samples its request series every 5 s too, with the same final counts', () => {
    const requests = coarse.telemetry?.requests;
    expect(requests?.sampleEndMs).toHaveLength(Math.ceil(cfg.durationMs / 5000));
    expect(requests?.sampleEndMs.slice(0, 2)).toEqual([5000, 10_000]);
    expect(requests?.sampleEndMs.at(-1)).toBe(cfg.durationMs);
    const finals = (result: SimulationResult): number[] =>
      (result.telemetry?.requests?.series ?? []).map((s) => s.count.at(-1) ?? 0);
    expect(finals(coarse)).toEqual(finals(fine));
    expect(finals(coarse).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('refuses an interval that is not a number of milliseconds >= 1, naming the option', () => {
    for (const bad of [0, 0.5, Number.NaN, Infinity])
      expect(() => simulate(cfg, { seriesIntervalMs: bad })).toThrow(/seriesIntervalMs must be/);
  });
});
