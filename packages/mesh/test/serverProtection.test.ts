// Contracts of server-side protections end to end: local rate limit (429), bulkheads (local 503),
// queue-timeout and CoDel load shedding (503). Formulas in docs/policies/server-protection.md.

import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import type { SheddingConfig, TrafficConfig } from '../src/index.js';
import {
  call,
  config,
  constantArrivals,
  poisson,
  policy,
  service,
  ZERO_NETWORK,
} from './__helpers__/configs.js';
import { assertConservation } from './__helpers__/assertions.js';
import { edgeOf, inbound, serviceOf } from './__helpers__/protection.js';

/** Evenly spaced arrivals at `rps`, starting 1000/rps ms after 0. */
function constant(to: string, rps: number, name = 'client'): TrafficConfig {
  return constantArrivals(to, rps, name, { policy: policy(Infinity) });
}

describe('local rate limit (token bucket)', () => {
  it('admits the burst, then ratePerSecond, and refuses the rest with 429 before queueing', () => {
    // 1000 rps for 1 s (arrivals at 1..999 ms) against 100 tokens/s with a burst of 20.
    const cfg = config(
      [
        service('s', {
          replicas: 1,
          inbound: inbound({ rateLimit: { ratePerSecond: 100, burst: 20, scope: 'instance' } }),
        }),
      ],
      [constant('s', 1000)],
      { network: ZERO_NETWORK, durationMs: 1000 },
    );
    const result = simulate(cfg);
    const s = serviceOf(result, 's');
    const e = edgeOf(result, 'client', 's');
    const admitted = s.arrived - s.rateLimited;
    expect(admitted).toBe(Math.floor(20 + (100 * 999) / 1000)); // burst + rate × (last arrival − 0)
    expect(e.failures['rate-limited']).toBe(s.rateLimited);
    expect(e.retries).toBe(0); // 429 is not a 5xx: never retried
    expect(s.maxQueueLength).toBe(0);
    assertConservation(result);
  });

  it("shares one bucket across the service with scope 'service', one per instance with scope 'instance'", () => {
    const run = (scope: 'instance' | 'service'): number => {
      const cfg = config(
        [
          service('s', {
            replicas: 2,
            inbound: inbound({ rateLimit: { ratePerSecond: 100, burst: 20, scope } }),
          }),
        ],
        [constant('s', 1000)],
        { network: ZERO_NETWORK, durationMs: 1000 },
      );
      const s = serviceOf(simulate(cfg), 's');
      return s.arrived - s.rateLimited;
    };
    expect(run('service')).toBe(119);
    const perInstance = run('instance');
    expect(perInstance).toBeGreaterThan(230);
    expect(perInstance).toBeLessThanOrEqual(2 * 120);
  });
});

describe('bulkheads', () => {
  it('cap each caller instance at maxConcurrent calls to the downstream; excess fails fast with a local 503', () => {
    // 2 instances of `a`, each allowed 2 concurrent calls to `b`; b has exactly 4 workers and no
    // queue, so any 5th concurrent call would be rejected by b itself.
    const make = (bulkheads: Record<string, number>) =>
      config(
        [
          service('a', {
            replicas: 2,
            concurrency: 32,
            serviceTimeMs: { kind: 'constant', value: 0 },
            calls: [[call('b', policy(Infinity))]],
            inbound: inbound({ bulkheads }),
          }),
          service('b', {
            replicas: 1,
            concurrency: 4,
            queueCapacity: 0,
            serviceTimeMs: { kind: 'exponential', mean: 20 },
          }),
        ],
        [poisson('a', 300)],
        { durationMs: 3000 },
      );
    const capped = simulate(make({ b: 2 }));
    const e = edgeOf(capped, 'a', 'b');
    expect(serviceOf(capped, 'b').rejected).toBe(0);
    expect(e.policyEvents['bulkhead-rejected']).toBeGreaterThan(0);
    expect(e.failures['breaker-open']).toBe(e.policyEvents['bulkhead-rejected']);
    expect(serviceOf(capped, 'b').arrived).toBe(e.calls - e.failures['breaker-open']); // refused calls never left `a`
    assertConservation(capped);
    const uncapped = simulate(make({}));
    expect(serviceOf(uncapped, 'b').rejected).toBeGreaterThan(0);
    expect(edgeOf(uncapped, 'a', 'b').policyEvents['bulkhead-rejected']).toBeUndefined();
  });
});

describe('load shedding', () => {
  it('queue-timeout drops at dequeue exactly the requests that waited longer than timeoutMs (503)', () => {
    // One worker, 10 ms per request, arrivals every 5 ms, timeout 10 ms: compare with a direct
    // replay of the rule (a request that waited exactly 10 ms is served).
    const timeoutMs = 10;
    const cfg = config(
      [
        service('s', {
          replicas: 1,
          concurrency: 1,
          queueCapacity: Infinity,
          serviceTimeMs: { kind: 'constant', value: 10 },
          inbound: inbound({ shedding: { kind: 'queue-timeout', timeoutMs } }),
        }),
      ],
      [constant('s', 200)],
      { network: ZERO_NETWORK, durationMs: 1000 },
    );
    const result = simulate(cfg);
    const s = serviceOf(result, 's');

    // Replay: completions at the same instant as an arrival happen first (they were scheduled earlier).
    let busyUntilMs = -1;
    let shed = 0;
    let served = 0;
    const queue: number[] = [];
    const startNext = (nowMs: number): void => {
      busyUntilMs = -1;
      for (let a = queue.shift(); a !== undefined; a = queue.shift()) {
        if (nowMs - a > timeoutMs) shed++;
        else {
          busyUntilMs = nowMs + 10;
          return;
        }
      }
    };
    for (let arrivalMs = 5; arrivalMs < 1000; arrivalMs += 5) {
      while (busyUntilMs >= 0 && busyUntilMs <= arrivalMs) {
        served++;
        startNext(busyUntilMs);
      }
      if (busyUntilMs < 0) busyUntilMs = arrivalMs + 10;
      else queue.push(arrivalMs);
    }
    while (busyUntilMs >= 0 && busyUntilMs <= 1000) {
      served++;
      startNext(busyUntilMs);
    }
    expect(shed).toBeGreaterThan(90); // about every other request from t = 20 ms on
    expect(s.shed).toBe(shed);
    expect(s.completed).toBe(served);
    expect(s.latency.maxMs).toBe(timeoutMs + 10); // served after waiting exactly the timeout
    expect(edgeOf(result, 'client', 's').failures.rejected).toBe(s.shed);
    expect(s.rejected).toBe(0); // `rejected` stays "queue full"; shedding is counted in `shed`
    assertConservation(result);
  });

  it('bounds queueing latency under sustained overload (CoDel and queue-timeout), unlike an unbounded FIFO', () => {
    // 600 rps against 400 rps of capacity for 10 s.
    const run = (shedding: SheddingConfig | null) => {
      const cfg = config(
        [
          service('s', {
            replicas: 1,
            concurrency: 4,
            queueCapacity: Infinity,
            serviceTimeMs: { kind: 'exponential', mean: 10 },
            inbound: inbound({ shedding }),
          }),
        ],
        [poisson('s', 600)],
        { network: ZERO_NETWORK, durationMs: 10_000 },
      );
      const result = simulate(cfg);
      assertConservation(result);
      return serviceOf(result, 's');
    };
    const none = run(null);
    const codel = run({ kind: 'codel', targetMs: 5, intervalMs: 100 });
    const timeout = run({ kind: 'queue-timeout', timeoutMs: 100 });
    expect(none.shed).toBe(0);
    expect(none.latency.maxMs).toBeGreaterThan(3000); // grows with the run: ~0.5 s per simulated second
    expect(codel.shed).toBeGreaterThan(0);
    expect(codel.latency.maxMs).toBeLessThan(1000);
    expect(codel.completed).toBeGreaterThanOrEqual(none.completed * 0.99); // shedding keeps goodput
    expect(timeout.latency.maxMs).toBeLessThan(100 + 150); // timeout + a generous service-time tail
  });
});
