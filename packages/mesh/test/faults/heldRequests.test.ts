// What a mesh proxy's process holds when it crashes on a live node: the requests it forwarded and has not answered,
// and the calls it waits to retry. Its kernel resets their connections at once, so they fail back to its caller then;
// a dead retrying proxy (ambient waypoint, caller's sidecar) runs no per-try or overall timers and retries nothing.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type { CallPolicy, FaultConfig, ProxyRole, SimulationResult } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { call, constantArrivals, inOneCluster, service } from '../__helpers__/configs.js';
import { edgeOf } from '../__helpers__/protection.js';

const PER_TRY: CallPolicy = {
  timeoutMs: 3000,
  perTryTimeoutMs: 400,
  retry: {
    maxAttempts: 3,
    retryOn: ['connect-failure', 'reset', '5xx'],
    backoff: { baseMs: 25, maxMs: 250, jitter: 'full' },
  },
};

const NO_RETRY: CallPolicy = {
  timeoutMs: Infinity,
  perTryTimeoutMs: Infinity,
  retry: { maxAttempts: 1, retryOn: [], backoff: { baseMs: 25, maxMs: 250, jitter: 'full' } },
};

/**
 * frontend ×1 → backend ×2 (600 ms per request) under `shape` on 3 nodes, 100 calls/s until 0.9 s, none after; a
 * 1-replica waypoint in front of backend under istio-ambient. `fault` starts at 1 s, when every call is still running.
 */
function run(shape: string, policy: CallPolicy, fault: FaultConfig | null): SimulationResult {
  const cfg = inOneCluster(
    [
      service('frontend', {
        replicas: 1,
        concurrency: 256,
        serviceTimeMs: { kind: 'constant', value: 1 },
        calls: [[call('backend', policy)]],
      }),
      service('backend', {
        replicas: 2,
        concurrency: 256,
        serviceTimeMs: { kind: 'constant', value: 600 },
        ...(shape === 'istio-ambient' ? { waypoint: { replicas: 1 } } : {}),
      }),
    ],
    [
      constantArrivals('frontend', 100, 'users', {
        rate: [
          { atMs: 0, rps: 100, rampToNext: false },
          { atMs: 900, rps: 0, rampToNext: false },
        ],
      }),
    ],
    { nodes: 3 },
    { shape },
    6000,
  );
  return simulate({ ...cfg, faults: fault === null ? [] : [fault] });
}

function crashProxy(target: string, proxy: ProxyRole, durationMs: number): FaultConfig {
  return { atMs: 1000, durationMs, service: target, instances: 1, effect: { kind: 'crash-proxy', proxy } };
}

/** Retries the edge frontend → backend made from 1 s on (the time series' intervals are 1 s). */
function retriesFromOneSecond(result: SimulationResult): number {
  const series = result.timeSeries.edges.find((e) => e.source === 'frontend' && e.destination === 'backend');
  return (series?.retries ?? []).slice(1).reduce((sum, n) => sum + n, 0);
}

describe('a crashed retrying proxy fails what it holds and times out nothing after its crash', () => {
  for (const [shape, target, role] of [
    ['istio-ambient', 'backend', 'waypoint'],
    ['istio-sidecar', 'frontend', 'sidecar'],
  ] as const) {
    it(`${shape}: the ${role}'s calls fail as resets at its crash, with no retry or per-try timeout after it`, () => {
      const calm = run(shape, PER_TRY, null);
      // The set-up: every call is still running at 1 s (600 ms tries time out at 400 ms, and are retried).
      expect(calm.timeSeries.edges.find((e) => e.source === 'frontend')?.failed[0]).toBe(0);
      expect(retriesFromOneSecond(calm)).toBeGreaterThan(0);
      const crashed = run(shape, PER_TRY, crashProxy(target, role, 10_000));
      assertConservation(crashed);
      const edge = edgeOf(crashed, 'frontend', 'backend');
      expect(retriesFromOneSecond(crashed)).toBe(0);
      expect(edge.failures['per-try-timeout']).toBe(0);
      expect(edge.failures.reset).toBe(edge.calls);
    });
  }
});

describe('a request whose proxy crashed fails, even when the proxy is back before its response', () => {
  for (const [shape, role] of [
    ['istio-sidecar', 'sidecar'],
    ['istio-ambient', 'ztunnel'],
  ] as const) {
    it(`${shape}: the requests backend-1's ${role} held at its crash fail as resets`, () => {
      // Down 1.0–1.2 s: the responses of requests sent to backend-1 from 0.4 s on come back from 1.0 s to 1.5 s.
      const calm = run(shape, NO_RETRY, null);
      expect(edgeOf(calm, 'frontend', 'backend').failed).toBe(0);
      const crashed = run(shape, NO_RETRY, crashProxy('backend', role, 200));
      assertConservation(crashed);
      const edge = edgeOf(crashed, 'frontend', 'backend');
      // Half of the ~50 calls in flight at 1 s went to backend-1 (round robin over two pods).
      expect(edge.failures.reset).toBeGreaterThanOrEqual(24);
      expect(edge.failed).toBe(edge.failures.reset);
    });
  }
});
