// An open-loop source with `connections` keeps at most that many requests in flight, like a load
// generator's connection count (wrk2 -c): an arrival that finds them all busy waits at the source (FIFO),
// and its latency on the source's edge counts from when it was due (wrk2's coordinated-omission correction).

import { describe, expect, it } from 'vitest';
import { NO_POLICY, simulate } from '../../src/index.js';
import type { SimulationResult, TrafficConfig } from '../../src/index.js';
import { assertConservation, assertFinite, assertResultInvariants } from '../__helpers__/assertions.js';
import { ZERO_NETWORK, config, policy, service } from '../__helpers__/configs.js';

/** Constant arrivals at `rps` to `api` (one replica, constant `serviceMs`, room for 100 at once), zero network. */
function run(
  source: Partial<TrafficConfig> & { rps: number },
  serviceMs = 10,
  durationMs = 1000,
): SimulationResult {
  const { rps, ...rest } = source;
  const traffic = {
    kind: 'open',
    name: 'wrk2',
    to: 'api',
    arrival: 'constant',
    rate: [{ atMs: 0, rps, rampToNext: false }],
    policy: NO_POLICY,
    ...rest,
  } as TrafficConfig;
  const result = simulate(
    config(
      [
        service('api', {
          replicas: 1,
          concurrency: 100,
          serviceTimeMs: { kind: 'constant', value: serviceMs },
        }),
      ],
      [traffic],
      { durationMs, network: ZERO_NETWORK },
    ),
  );
  assertConservation(result);
  return result;
}

function edge(result: SimulationResult) {
  const found = result.edges.find((e) => e.source === 'wrk2');
  if (found === undefined) throw new Error('no wrk2 edge');
  return found;
}

describe('an open-loop source with connections', () => {
  it('one connection, arrivals every 5 ms, 10 ms each: one at a time, the k-th waits 5k ms and its latency counts it', () => {
    const result = run({ rps: 200, connections: 1 });
    const e = edge(result);
    // Arrivals are due at 5, 10, …, 995 ms (199, all offered on the edge when due); request k is sent at
    // 5 + 10k and ends at 15 + 10k, so 100 are sent before 1000 ms, 99 end, and 99 still wait (in flight).
    expect(e.calls).toBe(199);
    expect(e.latency.count).toBe(99);
    expect(e.inFlight).toBe(100);
    expect(e.waitingAtSource).toBe(99);
    expect(e.attempts).toBe(100);
    expect(e.latency.maxMs).toBeCloseTo(10 + 5 * 98, 6);
    expect(e.latency.meanMs).toBeCloseTo(10 + 5 * 49, 6);
    const warning = result.warnings.find((w) => w.startsWith('Traffic source wrk2:'));
    expect(warning).toContain('198 requests waited for one of its 1 connections');
    expect(warning).toContain('99 were still waiting when the run ended (never sent; in flight on the edge)');
  });

  it('without connections, the same arrivals are all sent when due: latency is the service time', () => {
    const result = run({ rps: 200 });
    const e = edge(result);
    expect(e.calls).toBe(199);
    expect(e.latency.maxMs).toBeCloseTo(10, 6);
    expect(result.warnings.some((w) => w.startsWith('Traffic source wrk2:'))).toBe(false);
  });

  it('overloaded, it completes connections / service time per second, however high the offered rate', () => {
    const e = edge(run({ rps: 1000, connections: 3 }));
    // 3 in flight, 10 ms each: 300 per second (the last round may not end before 1000 ms); all 999 offered.
    expect(e.latency.count).toBeGreaterThanOrEqual(297);
    expect(e.latency.count).toBeLessThanOrEqual(300);
    expect(e.calls).toBe(999);
  });

  it('below its connections it changes nothing: the result equals the unlimited run', () => {
    const limited = run({ rps: 50, connections: 4 });
    const unlimited = run({ rps: 50 });
    expect(limited.edges).toEqual(unlimited.edges);
    expect(limited.warnings).toEqual(unlimited.warnings);
  });

  it('a request that times out frees its connection for the next arrival', () => {
    // 100 ms service, 20 ms timeout: every request times out; one connection serves one per 20 ms.
    const result = run({ rps: 200, connections: 1, policy: policy(20) }, 100);
    const e = edge(result);
    expect(e.failures.timeout).toBeGreaterThanOrEqual(48);
    expect(e.failures.timeout).toBeLessThanOrEqual(50);
    expect(e.latency.count).toBe(0);
  });

  it("the time series says how many calls wait at the source at each interval's end, so the first tries sent add up", () => {
    // One connection, arrivals every 5 ms, 10 ms each: the backlog grows by about 100 per second.
    const result = run({ rps: 200, connections: 1 }, 10, 5000);
    const e = edge(result);
    const series = result.timeSeries.edges.find((s) => s.source === 'wrk2');
    const waiting = series?.waitingAtSource ?? [];
    expect(waiting).toHaveLength(result.timeSeries.startMs.length);
    expect(waiting.at(-1)).toBe(e.waitingAtSource);
    for (let i = 1; i < waiting.length; i++) expect(waiting[i]).toBeGreaterThan(waiting[i - 1] ?? 0);
    // Calls due minus the growth of the backlog = first tries sent = attempts (no retries).
    const due = series?.calls.reduce((sum, n) => sum + n, 0) ?? 0;
    expect(due - (waiting.at(-1) ?? 0)).toBe(e.attempts);
  });

  it('has no waiting series on an edge where no call waited', () => {
    const result = run({ rps: 50, connections: 1 });
    const series = result.timeSeries.edges.find((s) => s.source === 'wrk2');
    expect(series?.calls.length).toBeGreaterThan(0);
    expect(series).not.toHaveProperty('waitingAtSource');
  });
});

describe('an open-loop source with connections, when several requests end at one instant', () => {
  it('hands each waiting arrival one freed connection and frees the rest (a crash resets two at once, one waits)', () => {
    // 2 connections, 100 ms per request, an arrival every 100/3 ms: two are in flight and one waits when the
    // instance crashes at 120 ms and resets both at that instant.
    const result = simulate(
      config(
        [service('api', { replicas: 1, concurrency: 100, serviceTimeMs: { kind: 'constant', value: 100 } })],
        [
          {
            kind: 'open',
            name: 'wrk2',
            to: 'api',
            arrival: 'constant',
            rate: [{ atMs: 0, rps: 30, rampToNext: false }],
            policy: NO_POLICY,
            connections: 2,
          },
        ],
        {
          durationMs: 1000,
          network: ZERO_NETWORK,
          faults: [{ atMs: 120, durationMs: 50, service: 'api', instances: 1, effect: { kind: 'crash' } }],
        },
      ),
    );
    assertResultInvariants(result, 1);
    assertFinite(result);
    const e = edge(result);
    // At 120 ms both requests in flight are reset; one connection goes to the arrival due at 100 ms, which
    // fails to connect at once (the instance is down until 170 ms), the other is freed. The arrivals due at
    // 133 and 167 ms fail the same way; from 200 ms on, every request succeeds.
    expect(e.failures.reset).toBe(2);
    expect(e.failures['connect-failure']).toBe(3);
    expect(e.attempts).toBe(e.calls - e.waitingAtSource);
  });
  it('counts a waiting call in goodput by the interval it was due in, or the one it ended in once it ended 2 s or more later', () => {
    // Request k (from 0) is due at 5 + 5k ms, sent at 5 + 10k, ended at 15 + 10k: it ends ever later after being due.
    const result = run({ rps: 200, connections: 1 }, 10, 5000);
    const series = result.timeSeries.edges.find((e) => e.source === 'wrk2');
    const expected = [0, 0, 0, 0, 0];
    for (let k = 0; 15 + 10 * k <= 5000; k++) {
      const due = Math.floor((5 + 5 * k) / 1000);
      const ended = Math.floor((15 + 10 * k) / 1000);
      const at = ended - due <= 1 ? due : ended;
      expected[at] = (expected[at] ?? 0) + 1;
    }
    // Due in 0–1 s and ended by 2 s: in the interval it was due in; ended 2 or more intervals later: in the one it ended in.
    expect(expected).toEqual([199, 100, 0, 100, 100]);
    expect(series?.goodput).toEqual(expected);
    expect(series?.succeeded.reduce((a, b) => a + b, 0)).toBe(edge(result).succeeded);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(edge(result).succeeded);
  });
});
