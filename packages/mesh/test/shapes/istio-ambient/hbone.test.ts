// ztunnel's HBONE connections (istio-ambient) as a contract: pooled per (source pod, destination pod or waypoint),
// at most 100 streams each, and torn down by their keep-alive pings when the peer's node stops answering (the
// caller's requests on them fail as resets) or comes back rebooted.

import { describe, expect, it } from 'vitest';
import { NO_POLICY, simulate } from '../../../src/index.js';
import type { EdgeMetrics, FaultConfig, ServiceConfig, SimulationResult } from '../../../src/index.js';
import { assertConservation } from '../../__helpers__/assertions.js';
import { call, config, constantArrivals, inOneCluster, poisson, service } from '../../__helpers__/configs.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

/** Seconds (interval starts) in which the edge failed calls. */
function failingSeconds(result: SimulationResult, source: string, destination: string): number[] {
  const series = result.timeSeries.edges.find((e) => e.source === source && e.destination === destination);
  const intervalS = result.timeSeries.intervalMs / 1000;
  return (series?.failed ?? []).flatMap((n, i) => (n > 0 ? [i * intervalS] : []));
}

describe('istio-ambient HBONE pools', () => {
  /** frontend ×8 → backend ×8 on 2 nodes (4 pods of each per node), 400/s for 10 s. */
  const twoNodes = (backend: Partial<ServiceConfig> = {}) =>
    inOneCluster(
      [
        service('frontend', { replicas: 8, concurrency: 64, calls: [[call('backend')]] }),
        service('backend', { replicas: 8, concurrency: 64, ...backend }),
      ],
      [poisson('frontend', 400)],
      { nodes: 2 },
      { shape: 'istio-ambient' },
      10_000,
    );

  it('keeps a connection per (source pod, destination pod): pods of one service on one node do not share', () => {
    const result = simulate(twoNodes());
    // 8 × 8 pairs, each used within 10 s; per (caller service, node pair) it would be 2 × 2 = 4.
    expect(edge(result, 'frontend', 'backend').connectionsOpened).toBe(64);
    expect(result.connections.tlsHandshakes).toBe(64);
  });

  it('keeps a connection per (source pod, waypoint replica) through a waypoint, shared by the pods behind it', () => {
    const result = simulate(twoNodes({ waypoint: true }));
    expect(edge(result, 'frontend', 'backend').connectionsOpened).toBe(8);
  });

  it('carries at most 100 streams per connection: more concurrent requests between two pods open more', () => {
    const pair = (rps: number) =>
      simulate(
        config(
          [
            service('a', { replicas: 1, concurrency: 1000, queueCapacity: 1000, calls: [[call('b')]] }),
            service('b', {
              replicas: 1,
              concurrency: 1000,
              queueCapacity: 1000,
              serviceTimeMs: { kind: 'constant', value: 200 },
            }),
          ],
          [constantArrivals('a', rps)],
          { shape: 'istio-ambient', durationMs: 3000 },
        ),
      );
    // About 80 requests in flight between a-1 and b-1: one connection; about 200: more than one.
    expect(edge(pair(400), 'a', 'b').connectionsOpened).toBe(1);
    expect(edge(pair(1000), 'a', 'b').connectionsOpened).toBeGreaterThanOrEqual(2);
  });
});

describe('istio-ambient HBONE keep-alive on a powered-off node', () => {
  const crashNode = (atMs: number, durationMs: number): FaultConfig => ({
    atMs,
    durationMs,
    service: 'b',
    instances: 1,
    effect: { kind: 'crash-node' },
  });
  /**
   * a ×2 → b ×4, no timeouts anywhere: only the connections can end a lost request. `rps` low enough that the
   * requests lost on a connection stay under its 100 streams (more would open a connection to the node that is off,
   * which fails at the 10 s connect timeout).
   */
  const run = (fault: FaultConfig, durationMs: number, rps: number): SimulationResult =>
    simulate(
      config(
        [
          service('a', { replicas: 2, concurrency: 256, queueCapacity: 256, calls: [[call('b')]] }),
          service('b', { replicas: 4, concurrency: 64 }),
        ],
        [poisson('a', rps, NO_POLICY)],
        { shape: 'istio-ambient', durationMs, faults: [fault] },
      ),
    );

  it('fails the requests lost with the node as resets 20–30 s after it went off (a ping unanswered for 20 s)', () => {
    const result = run(crashNode(2000, 60_000), 40_000, 16);
    const ab = edge(result, 'a', 'b');
    expect(ab.failures.reset).toBeGreaterThan(0);
    // Pings every 10 s from each connection's opening: the first after 2 s goes out by 12 s, and times out 20 s later.
    const seconds = failingSeconds(result, 'a', 'b');
    expect(seconds[0]).toBeGreaterThanOrEqual(22);
    expect(seconds[0]).toBeLessThan(33);
    assertConservation(result);
  });

  it("fails them at the node's return when it comes back rebooted while a ping is unanswered", () => {
    // Off from 9 s to 14 s: the pings of about 10 s go unanswered; their retransmission at about 16.2 s is reset.
    const result = run(crashNode(9000, 5000), 30_000, 40);
    expect(edge(result, 'a', 'b').failures.reset).toBeGreaterThan(0);
    const seconds = failingSeconds(result, 'a', 'b');
    expect(seconds[0]).toBeGreaterThanOrEqual(14);
    expect(seconds.at(-1)).toBeLessThan(17);
    // Nothing is left waiting on node b-1: its lost requests failed, and later ones went to it once it was back.
    expect(edge(result, 'a', 'b').inFlight).toBeLessThan(10);
    assertConservation(result);
  });
});
