// A waypoint replica on a powered-off node: callers keep choosing it until the node controller marks its pod NotReady
// (the grace period, then the endpoint update delay, as for app pods), then leave it until the node returns. The
// timeouts and retries are the waypoint's, so a powered-off one neither times out nor retries the calls it holds:
// they fail when their HBONE connection to it is torn down.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/index.js';
import type { CallPolicy, SimulationConfig, SimulationResult } from '../../../src/index.js';
import { assertConservation } from '../../__helpers__/assertions.js';
import { call, constantArrivals, inOneCluster, service } from '../../__helpers__/configs.js';
import { edgeOf } from '../../__helpers__/protection.js';

const TIMEOUTS: CallPolicy = {
  timeoutMs: 1000,
  perTryTimeoutMs: 300,
  retry: {
    maxAttempts: 3,
    retryOn: ['connect-failure', 'reset', '5xx'],
    backoff: { baseMs: 25, maxMs: 250, jitter: 'full' },
  },
};

/**
 * frontend ×2 → backend ×2 behind a waypoint of 2 replicas, 100 calls/s, on 3 nodes of one zone (placement puts
 * backend-1 and one waypoint replica on node-3); backend-1's node is powered off from 10 s to 90 s of a 120 s run.
 */
function run(sourceToBackend = false): SimulationResult {
  const cfg: SimulationConfig = inOneCluster(
    [
      service('frontend', {
        replicas: 2,
        concurrency: 64,
        serviceTimeMs: { kind: 'constant', value: 1 },
        calls: [[call('backend', TIMEOUTS)]],
      }),
      service('backend', {
        replicas: 2,
        concurrency: 16,
        serviceTimeMs: { kind: 'constant', value: 5 },
        waypoint: { replicas: 2 },
      }),
    ],
    sourceToBackend
      ? [constantArrivals('backend', 100, 'users', { policy: TIMEOUTS })]
      : [constantArrivals('frontend', 100, 'users')],
    { nodes: 3 },
    { shape: 'istio-ambient' },
    120_000,
  );
  return simulate({
    ...cfg,
    faults: [
      { atMs: 10_000, durationMs: 80_000, service: 'backend', instances: 1, effect: { kind: 'crash-node' } },
    ],
  });
}

describe('istio-ambient: a waypoint replica on a powered-off node', () => {
  const result = run();
  const edge = edgeOf(result, 'frontend', 'backend');
  const series = result.timeSeries.edges.find((e) => e.source === 'frontend' && e.destination === 'backend');
  const failedBetween = (fromMs: number, toMs: number): number =>
    result.timeSeries.startMs.reduce(
      (sum, start, i) => (start >= fromMs && start < toMs ? sum + (series?.failed[i] ?? 0) : sum),
      0,
    );

  it('is on the crashed node (the set-up holds)', () => {
    expect(result.nodeCrashes?.[0]?.proxies).toContainEqual({ kind: 'waypoint', count: 1 });
    assertConservation(result);
  });

  it('takes calls until its pod is marked NotReady, then leaves the callers’ choice until its node returns', () => {
    expect(failedBetween(10_000, 60_000)).toBeGreaterThan(0);
    // Marked NotReady at 60 s (the 50 s grace period), out of the callers' choice an endpoint update delay (1 s)
    // later; the last calls sent to it fail at their 10 s HBONE connect timeout. None fails after, though its node
    // stays off until 90 s (before the fix every other call went to it until then).
    expect(failedBetween(72_000, 120_000)).toBe(0);
  });

  it('neither times out nor retries the calls it holds: they fail when their connection to it is torn down', () => {
    expect(edge.failures['per-try-timeout']).toBe(0);
    expect(edge.failures.timeout).toBe(0);
    expect(edge.failures.reset + edge.failures['connect-failure']).toBe(edge.failed);
  });
});

describe('istio-ambient: a traffic source outside the mesh, to a waypoint on a powered-off node', () => {
  it("times out in its own client: its timers are not the waypoint's", () => {
    const result = run(true);
    const edge = edgeOf(result, 'users', 'backend');
    expect(edge.failures['per-try-timeout'] + edge.failures.timeout).toBeGreaterThan(0);
    assertConservation(result);
  });
});
