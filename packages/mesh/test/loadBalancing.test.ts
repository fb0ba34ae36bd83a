// End-to-end effects of the destination's load balancer: the peak-EWMA fast-failure pitfall,
// least-request avoiding a slow instance, locality-aware routing, and the capability warning.

import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import type { EdgeMetrics, FaultConfig, ServiceConfig, SimulationResult } from '../src/index.js';
import type { LoadBalancerConfig } from '../src/config/PolicyConfig.js';
import { NO_DESTINATION_POLICY } from '../src/config/policyDefaults.js';
import { assertConservation } from './__helpers__/assertions.js';
import { call, config, poisson, service } from './__helpers__/configs.js';

function withBalancer(balancer: LoadBalancerConfig | null): Pick<ServiceConfig, 'destination'> {
  return { destination: { ...NO_DESTINATION_POLICY, loadBalancer: balancer } };
}

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

const failFastOnFirst: FaultConfig[] = [
  // The first instance answers every request with an immediate 500.
  { atMs: 0, durationMs: Infinity, service: 'b', instances: 1, effect: { kind: 'error', rate: 1 } },
  {
    atMs: 0,
    durationMs: Infinity,
    service: 'b',
    instances: 1,
    effect: { kind: 'latency', addMs: null, multiply: 0 },
  },
];

describe('load balancing end to end', () => {
  it('peak-EWMA sends a fast-failing instance far more than its share; round robin does not (the pitfall)', () => {
    const run = (balancer: LoadBalancerConfig): SimulationResult =>
      simulate(
        config(
          [
            service('b', {
              replicas: 5,
              concurrency: 4,
              serviceTimeMs: { kind: 'exponential', mean: 10 },
              ...withBalancer(balancer),
            }),
          ],
          [poisson('b', 200)],
          { shape: 'library', durationMs: 20_000, faults: failFastOnFirst },
        ),
      );
    const roundRobin = run({ kind: 'round-robin' });
    const peakEwma = run({ kind: 'peak-ewma', defaultRttMs: 30, decayMs: 10_000 });
    const failedShare = (r: SimulationResult): number => {
      const e = edge(r, 'client', 'b');
      return e.failed / (e.succeeded + e.failed);
    };
    // Fair share of one instance in five: 20 %. P2C picks the failing one whenever it is drawn (≈ 40 %).
    expect(failedShare(roundRobin)).toBeGreaterThan(0.18);
    expect(failedShare(roundRobin)).toBeLessThan(0.22);
    expect(failedShare(peakEwma)).toBeGreaterThan(0.3);
    assertConservation(roundRobin);
    assertConservation(peakEwma);
  });

  it('least-request sends less traffic to a slow instance than round robin, lowering mean latency', () => {
    const slow: FaultConfig = {
      atMs: 0,
      durationMs: Infinity,
      service: 'b',
      instances: 1,
      effect: { kind: 'latency', addMs: null, multiply: 10 },
    };
    const run = (balancer: LoadBalancerConfig): SimulationResult =>
      simulate(
        config(
          [service('b', { replicas: 4, concurrency: 16, queueCapacity: 1000, ...withBalancer(balancer) })],
          [poisson('b', 400)],
          { shape: 'library', durationMs: 10_000, faults: [slow] },
        ),
      );
    const roundRobin = run({ kind: 'round-robin' });
    const leastRequest = run({ kind: 'least-request', choiceCount: 2 });
    const rrMean = edge(roundRobin, 'client', 'b').latency.meanMs;
    const lrMean = edge(leastRequest, 'client', 'b').latency.meanMs;
    expect(lrMean).toBeLessThan(rrMean * 0.8);
    assertConservation(roundRobin);
    assertConservation(leastRequest);
  });

  it("locality-aware keeps calls in the caller's zone, avoiding cross-zone latency", () => {
    const network = {
      sameNodeMs: { kind: 'constant', value: 0 },
      sameZoneMs: { kind: 'constant', value: 0 },
      crossZoneMs: { kind: 'constant', value: 20 },
      crossClusterMs: { kind: 'constant', value: 40 },
    } as const;
    const run = (balancer: LoadBalancerConfig): SimulationResult =>
      simulate(
        config(
          [
            service('a', { replicas: 3, calls: [[call('b')]] }),
            service('b', {
              replicas: 3,
              serviceTimeMs: { kind: 'constant', value: 1 },
              ...withBalancer(balancer),
            }),
          ],
          [poisson('a', 100)],
          { shape: 'library', durationMs: 5000, network },
        ),
      );
    const roundRobin = run({ kind: 'round-robin' });
    const local = run({ kind: 'locality-aware', minHealthyPercent: 70 });
    // Three zones, one b per zone: round robin crosses zones 2 times in 3 (≈ 2/3 × 40 ms round trip).
    expect(edge(local, 'a', 'b').latency.meanMs).toBeLessThan(1.5);
    expect(edge(roundRobin, 'a', 'b').latency.meanMs).toBeGreaterThan(20);
    assertConservation(local);
    assertConservation(roundRobin);
  });

  it('warns and falls back to the mesh default when the caller hop cannot enforce the balancer', () => {
    const result = simulate(
      config(
        [
          service('a', { calls: [[call('b')]] }),
          service('b', withBalancer({ kind: 'least-request', choiceCount: 2 })),
        ],
        [poisson('a', 50)],
        { shape: 'none', durationMs: 1000 },
      ),
    );
    const warning = result.warnings.find((w) => w.includes('load-balancer'));
    expect(warning).toContain('"b"');
    expect(warning).toContain('application');
    expect(warning).toContain('"none"');
    assertConservation(result);
  });
});
