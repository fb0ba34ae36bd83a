// The run's guards: a Zeno loop, too many events and a caller's budget stop a run early with what was
// measured so far and a `stopped` that says why; with no guard tripping, results are unchanged.

import { describe, expect, it } from 'vitest';
import { CHECK_EVERY_EVENTS, NO_POLICY, simulate } from '../src/index.js';
import type { SimulationConfig, TrafficConfig } from '../src/index.js';
import { assertConservation, assertFinite } from './__helpers__/assertions.js';
import { ZERO_NETWORK, call, config, poisson, service } from './__helpers__/configs.js';

/** `users` closed-loop users with no think time on a zero-latency network. */
function users(count: number, to = 'api'): TrafficConfig {
  return {
    kind: 'closed',
    name: 'users',
    to,
    users: count,
    thinkTimeMs: { kind: 'constant', value: 0 },
    policy: NO_POLICY,
  };
}

function burst(durationMs = 1000): SimulationConfig {
  return config([service('api', { calls: [[call('db')]] }), service('db')], [users(200)], {
    network: ZERO_NETWORK,
    durationMs,
  });
}

describe('simulate guards', () => {
  it('stops a run with more events at one instant than maxEventsAtOneInstant and names what calls there', () => {
    const result = simulate(burst(), { maxEventsAtOneInstant: 100 });

    expect(result.stopped).toMatchObject({ reason: 'zeno', atMs: 0, limit: 100 });
    expect(result.stopped?.loop?.sources).toEqual(['users']);
    expect(result.stopped?.loop?.edges.map((e) => `${e.source}->${e.destination}`)).toContain('users->api');
    expect(result.stopped?.message).toMatch(
      /^more than 100 events at 0 ms of simulated time \(maxEventsAtOneInstant\): simulated time stopped advancing; calls at that instant: users → api \(\d+\)/,
    );
    expect(result.stopped?.message).toContain('traffic sources: users');
    assertConservation(result);
    assertFinite(result);
  });

  it('stops after maxEvents with the metrics of the span it covered', () => {
    const cfg = config([service('api')], [poisson('api', 500)], { durationMs: 10_000 });
    const result = simulate(cfg, { maxEvents: 5000 });

    expect(result.stopped).toMatchObject({ reason: 'max-events', limit: 5000 });
    expect(result.events).toBe(5000);
    const atMs = result.stopped?.atMs ?? Number.NaN;
    expect(atMs).toBeGreaterThan(0);
    expect(atMs).toBeLessThan(10_000);
    expect(result.stopped?.message).toBe(
      `5,000 events fired (maxEvents) at ${String(Math.round(atMs * 1000) / 1000).replace(/\B(?=(\d{3})+(?!\d))/, ',')} ms of simulated time`,
    );
    // Rates and utilisation cover [0, atMs], not the configured 10 s: ~500 calls/s at ~5 ms on 16 workers.
    const api = result.services[0];
    expect(api?.utilisation).toBeGreaterThan(0.05);
    expect(api?.utilisation).toBeLessThanOrEqual(1);
    expect(result.scenario.durationMs).toBe(10_000);
    // The last, partial interval of the time series is closed at atMs.
    expect(result.timeSeries.startMs.at(-1)).toBeLessThan(atMs);
    assertConservation(result);
  });

  it("stops where the caller's onCheck says, every CHECK_EVERY_EVENTS events, with its reason", () => {
    const cfg = config([service('api')], [poisson('api', 2000)], { durationMs: 60_000 });
    const seen: number[] = [];
    const result = simulate(cfg, {
      onCheck: (events) => {
        seen.push(events);
        return events >= 2 * CHECK_EVERY_EVENTS
          ? { reason: 'wall-time', limit: 1000, message: 'wall-time budget of 1 s used up' }
          : undefined;
      },
    });

    expect(seen).toEqual([CHECK_EVERY_EVENTS, 2 * CHECK_EVERY_EVENTS]);
    expect(result.stopped).toMatchObject({
      reason: 'wall-time',
      limit: 1000,
      message: 'wall-time budget of 1 s used up',
    });
    expect(result.events).toBe(2 * CHECK_EVERY_EVENTS);
  });

  it('reports progress by events too, so a run whose simulated time stalls still shows progress', () => {
    const progress: [number, number, number][] = [];
    simulate(burst(), {
      maxEventsAtOneInstant: 300_000,
      onProgress: (simulatedMs, totalMs, events) => progress.push([simulatedMs, totalMs, events]),
    });
    // 200 users at t = 0 make a few thousand events: no check yet, then one report per simulated second.
    expect(progress.at(-1)).toEqual([1000, 1000, expect.any(Number)]);

    // 50,000 users all sending at t = 0 on a zero-latency network (2 events each: the send and the
    // service): over 2^16 events before time moves.
    const stalled: number[] = [];
    const crowd = config([service('api')], [users(50_000)], { network: ZERO_NETWORK, durationMs: 1 });
    const result = simulate(crowd, {
      onProgress: (ms, _total, events) => (ms === 0 ? stalled.push(events) : undefined),
    });
    expect(result.events).toBeGreaterThan(CHECK_EVERY_EVENTS);
    expect(stalled[0]).toBe(CHECK_EVERY_EVENTS);
  });

  it('gives byte-identical results whether or not guards and hooks are given, when none trips', () => {
    const cfg = config(
      [service('api', { calls: [[call('db')]] }), service('db')],
      [poisson('api', 300), users(5, 'db')],
      { durationMs: 3000 },
    );
    const plain = JSON.stringify(simulate(cfg));
    const guarded = simulate(cfg, {
      maxEvents: 1e12,
      maxEventsAtOneInstant: 1e9,
      onCheck: () => undefined,
      onProgress: () => undefined,
    });
    expect(guarded.stopped).toBeUndefined();
    expect(JSON.stringify(guarded)).toBe(plain);
  });

  it('refuses guard values below 1, naming them', () => {
    const cfg = burst();
    expect(() => simulate(cfg, { maxEvents: 0 })).toThrow(
      'simulate: maxEvents must be a number >= 1 (got 0)',
    );
    expect(() => simulate(cfg, { maxEventsAtOneInstant: Number.NaN })).toThrow(/maxEventsAtOneInstant/);
  });
});
