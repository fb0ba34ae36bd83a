// Contracts of the mesh model's request path: queueing, timeouts, retries, faults, shapes, metrics.

import { describe, expect, it } from 'vitest';
import { simulate, resolveMeshConfig } from '../src/index.js';
import type { EdgeMetrics, SimulationResult } from '../src/index.js';
import { call, config, poisson, policy, service, ZERO_NETWORK } from './__helpers__/configs.js';
import { assertConservation } from './__helpers__/assertions.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

describe('simulate', () => {
  it('is deterministic: the same config and seed give byte-identical results', () => {
    const cfg = config(
      [service('a', { calls: [[call('b', policy(50, 3))]] }), service('b')],
      [poisson('a', 200)],
    );
    const first = JSON.stringify(simulate(cfg));
    const second = JSON.stringify(simulate(cfg));
    expect(second).toBe(first);
    const otherSeed = JSON.stringify(simulate({ ...cfg, seed: 2 }));
    expect(otherSeed).not.toBe(first);
  });

  it('reproduces M/M/1 mean sojourn 1/(μ−λ) on a single-worker service with a zero-latency network', () => {
    // λ = 50 req/s, mean service 10 ms (μ = 100 req/s) ⇒ W = 1/(μ−λ) = 20 ms.
    const cfg = config(
      [
        service('s', {
          replicas: 1,
          concurrency: 1,
          queueCapacity: Infinity,
          serviceTimeMs: { kind: 'exponential', mean: 10 },
        }),
      ],
      [poisson('s', 50)],
      { network: ZERO_NETWORK, durationMs: 2_000_000 },
    );
    const result = simulate(cfg);
    const s = result.services[0];
    expect(s?.latency.meanMs).toBeGreaterThan(19);
    expect(s?.latency.meanMs).toBeLessThan(21);
    expect(s?.utilisation).toBeGreaterThan(0.48);
    expect(s?.utilisation).toBeLessThan(0.52);
    assertConservation(result);
  });

  it('rejects with 503 when the queue is full, and counts each rejection once', () => {
    const cfg = config(
      [
        service('s', {
          replicas: 1,
          concurrency: 1,
          queueCapacity: 2,
          serviceTimeMs: { kind: 'constant', value: 10 },
        }),
      ],
      [poisson('s', 500)],
      { network: ZERO_NETWORK, durationMs: 5000 },
    );
    const result = simulate(cfg);
    const e = edge(result, 'client', 's');
    expect(e.failures.rejected).toBeGreaterThan(0);
    expect(result.services[0]?.rejected).toBe(e.failures.rejected);
    expect(result.services[0]?.maxQueueLength).toBe(2);
    assertConservation(result);
  });

  it('fails every call by timeout when the callee is slower than the timeout, and counts the wasted work', () => {
    const cfg = config(
      [service('s', { serviceTimeMs: { kind: 'constant', value: 100 }, concurrency: 100 })],
      [poisson('s', 20, policy(50))],
      { network: ZERO_NETWORK, durationMs: 5000 },
    );
    const result = simulate(cfg);
    const e = edge(result, 'client', 's');
    expect(e.succeeded).toBe(0);
    expect(e.failures.timeout).toBe(e.failed);
    expect(e.failed).toBeGreaterThan(50);
    // Work continues after the caller gave up: every completed request was wasted.
    expect(result.services[0]?.wasted).toBe(result.services[0]?.completed);
    assertConservation(result);
  });

  it('retries 5xx up to maxAttempts: success 1 − 0.5³ and attempts/call 1.75 at a 50% error rate', () => {
    const cfg = config(
      [service('s', { errorRate: 0.5, concurrency: 64, serviceTimeMs: { kind: 'constant', value: 1 } })],
      [poisson('s', 500, policy(Infinity, 3))],
      { durationMs: 60_000 },
    );
    const e = edge(simulate(cfg), 'client', 's');
    expect(e.successRate).toBeGreaterThan(0.865);
    expect(e.successRate).toBeLessThan(0.885);
    expect(e.attempts / e.calls).toBeGreaterThan(1.73);
    expect(e.attempts / e.calls).toBeLessThan(1.77);
    expect(e.retries).toBe(e.attempts - e.calls);
    expect(e.retries).toBeLessThanOrEqual(2 * e.calls);
  });

  it('retries a per-try timeout: with one slow instance of two and random picks, success is 1 − 0.5³', () => {
    // One of two instances is slow (latency fault ×100 on the first instance); per-try timeout 20 ms.
    // Each attempt independently lands on the slow instance with probability 1/2.
    const cfg = config(
      [service('s', { replicas: 2, concurrency: 64, serviceTimeMs: { kind: 'constant', value: 2 } })],
      [poisson('s', 100, policy(1000, 3, 20))],
      {
        durationMs: 20_000,
        mesh: { ...config([], []).mesh, loadBalancer: 'random' },
        faults: [
          {
            atMs: 0,
            durationMs: Infinity,
            service: 's',
            instances: 1,
            effect: { kind: 'latency', addMs: null, multiply: 100 },
          },
        ],
      },
    );
    const e = edge(simulate(cfg), 'client', 's');
    expect(e.successRate).toBeGreaterThan(0.85);
    expect(e.successRate).toBeLessThan(0.9);
    expect(e.failures['per-try-timeout']).toBe(e.failed);
    expect(e.retries).toBeGreaterThan(0.6 * e.calls);
    expect(e.latency.p50Ms).toBeLessThan(30);
  });

  it('crashed instances fail calls with connect-failure/reset until endpoints update; retries hide it', () => {
    const crash = {
      atMs: 5000,
      durationMs: 10_000,
      service: 's',
      instances: 2,
      effect: { kind: 'crash' as const },
    };
    const base = config(
      [service('s', { replicas: 4, concurrency: 32, serviceTimeMs: { kind: 'exponential', mean: 5 } })],
      [poisson('s', 400)],
      { durationMs: 20_000, faults: [crash] },
    );
    const without = edge(simulate(base), 'client', 's');
    expect(without.failures['connect-failure'] + without.failures.reset).toBeGreaterThan(0);
    const withRetries = config(
      base.services.slice(),
      [
        poisson('s', 400, {
          ...policy(Infinity, 3),
          retry: { ...policy(Infinity, 3).retry, retryOn: ['connect-failure', 'reset'] },
        }),
      ],
      {
        durationMs: 20_000,
        faults: [crash],
      },
    );
    const retried = edge(simulate(withRetries), 'client', 's');
    // Random picks with 2 of 4 instances down: a call fails only if all 3 tries hit a dead one (1/8).
    expect(retried.failed).toBeLessThan(without.failed / 3);
  });

  it('makes probabilistic calls at the configured rate and parallel calls wait for the slowest', () => {
    const cfg = config(
      [
        service('a', {
          concurrency: 256,
          serviceTimeMs: { kind: 'constant', value: 0 },
          calls: [[call('b', undefined, { probability: 0.3 }), call('c')]],
        }),
        service('b', { concurrency: 256, serviceTimeMs: { kind: 'constant', value: 10 } }),
        service('c', { concurrency: 256, serviceTimeMs: { kind: 'constant', value: 20 } }),
      ],
      [poisson('a', 200)],
      { network: ZERO_NETWORK, durationMs: 30_000 },
    );
    const result = simulate(cfg);
    const ab = edge(result, 'a', 'b');
    const ac = edge(result, 'a', 'c');
    expect(ab.calls / ac.calls).toBeGreaterThan(0.27);
    expect(ab.calls / ac.calls).toBeLessThan(0.33);
    // In parallel: the client sees 20 ms (c), never 30 ms (b + c in sequence).
    expect(edge(result, 'client', 'a').latency.maxMs).toBeLessThan(21);
  });

  it('istio-sidecar adds proxy hops: more latency than none, one sidecar per instance, CPU ∝ traffic', () => {
    const services = [service('a', { calls: [[call('b')]] }), service('b')];
    const none = simulate(config(services, [poisson('a', 500)], { shape: 'none' }));
    const sidecar = simulate(config(services, [poisson('a', 500)], { shape: 'istio-sidecar' }));
    expect(edge(sidecar, 'client', 'a').latency.p50Ms).toBeGreaterThan(
      edge(none, 'client', 'a').latency.p50Ms,
    );
    expect(sidecar.proxies.count).toBe(4);
    expect(none.proxies.count).toBe(0);
    // 500 req/s: client→a passes one sidecar, a→b two: 3 × 0.2 ms CPU per request ⇒ 0.3 cores.
    expect(sidecar.proxies.cpuCores).toBeGreaterThan(0.27);
    expect(sidecar.proxies.cpuCores).toBeLessThan(0.33);
  });

  it("istio-sidecar applies Istio's default retry (connect-failure) to calls that set no policy", () => {
    // The whole pod: its sidecar too (an application crash alone gets the sidecar's 503, which 1.24 does not retry).
    const pod = { atMs: 2000, durationMs: 5000, service: 'b', instances: 1 };
    const sidecarCrash = { ...pod, effect: { kind: 'crash-proxy' as const, proxy: 'sidecar' as const } };
    const crash = { ...pod, effect: { kind: 'crash' as const } };
    const services = [
      service('a', { concurrency: 64, calls: [[call('b')]] }),
      service('b', { replicas: 3, concurrency: 64 }),
    ];
    const none = simulate(config(services, [poisson('a', 300)], { shape: 'none', faults: [crash] }));
    const sidecar = simulate(
      config(services, [poisson('a', 300)], { shape: 'istio-sidecar', faults: [sidecarCrash, crash] }),
    );
    expect(edge(none, 'a', 'b').retries).toBe(0);
    expect(edge(sidecar, 'a', 'b').retries).toBeGreaterThan(0);
    expect(edge(sidecar, 'a', 'b').failed).toBeLessThan(edge(none, 'a', 'b').failed);
  });

  it('library mesh applies its default policy only to adopting services (partial adoption)', () => {
    const retrying = policy(Infinity, 3);
    const services = [
      service('a', { calls: [[call('c')]] }),
      service('b', { calls: [[call('c')]] }),
      service('c', { errorRate: 0.3 }),
    ];
    const base = config(services, [poisson('a', 100), poisson('b', 100, undefined, 'client-b')], {
      shape: 'library',
    });
    const result = simulate({
      ...base,
      mesh: resolveMeshConfig({ shape: 'library', libraryServices: ['a'], defaultPolicy: retrying }),
    });
    expect(edge(result, 'a', 'c').retries).toBeGreaterThan(0);
    expect(edge(result, 'b', 'c').retries).toBe(0);
  });

  it('records one time-series point per simulated second', () => {
    const result = simulate(config([service('a')], [poisson('a', 100)], { durationMs: 5500 }));
    expect(result.timeSeries.startMs).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    const series = result.timeSeries.edges[0];
    expect(series?.calls.reduce((a, b) => a + b, 0)).toBe(result.edges[0]?.calls);
  });
});
