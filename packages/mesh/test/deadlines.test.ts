// Contracts of deadline propagation (gRPC style): absolute deadlines on attempts, expired work
// dropped with 504, downstream timeouts capped by the remaining deadline, and cancellation of work
// whose caller gave up. Semantics in docs/policies/deadlines.md.

import { describe, expect, it } from 'vitest';
import { NO_POLICY, simulate } from '../src/index.js';
import { propagateDeadline } from '../src/internal/index.js';
import type { CallPolicy, NetworkConfig, RatePoint, TrafficConfig } from '../src/index.js';
import { call, config, poisson, policy, service, ZERO_NETWORK } from './__helpers__/configs.js';
import { assertConservation } from './__helpers__/assertions.js';
import { edgeOf, serviceOf } from './__helpers__/protection.js';

function constantSource(name: string, to: string, rate: RatePoint[], callPolicy: CallPolicy): TrafficConfig {
  return { kind: 'open', name, to, arrival: 'constant', rate, policy: callPolicy };
}

describe('propagateDeadline', () => {
  it('caps the downstream timeout at the remaining deadline: min(policy timeout, deadline − now), ≥ 0', () => {
    const p = policy(500);
    expect(propagateDeadline(p, 1300, 1000).timeoutMs).toBe(300);
    expect(propagateDeadline(p, 2000, 1000)).toBe(p); // the deadline is further than the policy's timeout
    expect(propagateDeadline(p, Infinity, 1000)).toBe(p);
    expect(propagateDeadline(p, 900, 1000).timeoutMs).toBe(0);
    expect(propagateDeadline(NO_POLICY, 1250, 1000).timeoutMs).toBe(250);
    expect(propagateDeadline(p, 1300, 1000).retry).toBe(p.retry);
  });
});

describe('deadline propagation', () => {
  it('drops a queued request whose deadline passed by the time a worker takes it: 504, no service time', () => {
    // `slow` (no deadline) occupies the only worker 1000–1050 ms; `fast` sends at 1020 ms with a 30 ms
    // timeout (deadline 1050) and at 1040 ms (deadline 1070). At 1050 the worker frees up first
    // (its event was scheduled earlier than fast's timer), finds the 1020 request expired and drops it.
    const cfg = config(
      [
        service('s', {
          replicas: 1,
          concurrency: 1,
          serviceTimeMs: { kind: 'constant', value: 50 },
          deadlinePropagation: true,
        }),
      ],
      [
        constantSource('slow', 's', [{ atMs: 0, rps: 1, rampToNext: false }], NO_POLICY),
        constantSource(
          'fast',
          's',
          [
            { atMs: 0, rps: 0, rampToNext: false },
            { atMs: 1000, rps: 50, rampToNext: false },
            { atMs: 1050, rps: 0, rampToNext: false },
          ],
          policy(30),
        ),
      ],
      { network: ZERO_NETWORK, durationMs: 1200 },
    );
    const result = simulate(cfg);
    const s = serviceOf(result, 's');
    expect(s.arrived).toBe(3);
    expect(s.deadlineDropped).toBe(1); // the 1020 ms request, at 1050 ms
    expect(s.cancelled).toBe(1); // the 1040 ms request, stopped in service when its caller gave up at 1070
    expect(s.completed).toBe(1);
    expect(s.wasted).toBe(0);
    // The 1020 ms request's 504 crosses the zero-latency network at once, so it reaches its caller at
    // 1050 ms before the caller's own 30 ms timer, due at the same instant, fires: a deadline failure.
    // The 1040 ms request times out at 1070 ms.
    const failures = edgeOf(result, 'fast', 's').failures;
    expect(failures['deadline-exceeded']).toBe(1);
    expect(failures.timeout).toBe(1);
    // Busy 1000–1050 (slow) and 1050–1070 (cancelled at 1070): 70 worker-ms of 1200.
    expect(s.utilisation).toBeCloseTo(70 / 1200, 9);
    // Its CPU too: the cancelled request used 20 ms of its 50 ms of CPU work, not all of it.
    expect(s.cpuCores).toBeCloseTo(70 / 1200, 9);
    assertConservation(result);
  });

  it('drops an attempt whose caller gave up while it was on its way, at no service cost', () => {
    const slowNetwork: NetworkConfig = {
      sameNodeMs: { kind: 'constant', value: 20 },
      sameZoneMs: { kind: 'constant', value: 20 },
      crossZoneMs: { kind: 'constant', value: 20 },
      crossClusterMs: { kind: 'constant', value: 20 },
    };
    const run = (deadlinePropagation: boolean) =>
      simulate(
        // 50 ms timeout: the connection takes a 40 ms round trip, the request 20 ms more.
        config([service('s', { deadlinePropagation })], [poisson('s', 100, policy(50))], {
          network: slowNetwork,
          durationMs: 2000,
        }),
      );
    const on = serviceOf(run(true), 's');
    expect(on.arrived).toBeGreaterThan(150);
    expect(on.cancelled).toBe(on.arrived);
    expect(on.completed).toBe(0);
    expect(on.utilisation).toBe(0);
    const off = serviceOf(run(false), 's');
    expect(off.wasted).toBe(off.completed);
    expect(off.completed).toBeGreaterThan(150);
  });

  it.each([
    ['without node CPU', null],
    ['on a node of 8 cores', 8],
  ] as const)(
    'a cancelled request counts only the CPU it used (%s): cpuCores ≤ busy workers',
    (_label, nodeCpu) => {
      // c (8 workers, all CPU work) is made 3× slower at 1 s: the client's 300 ms deadline cancels many of its
      // requests part-way through their service time; the CPU they did not use is not c's.
      const front = { replicas: 1, concurrency: 64, queueCapacity: 128, deadlinePropagation: true };
      const cfg = config(
        [
          service('a', { ...front, calls: [[call('b', policy(5000))]] }),
          service('b', { ...front, calls: [[call('c', policy(5000))]] }),
          service('c', {
            replicas: 1,
            concurrency: 8,
            queueCapacity: 512,
            serviceTimeMs: { kind: 'exponential', mean: 10 },
            deadlinePropagation: true,
          }),
        ],
        // Traffic stops at 3.5 s, so no request is part-way through its service time when the run ends at 4 s (whose
        // CPU, without node CPU, counts whole: docs/model.md#metrics).
        [
          {
            kind: 'open',
            name: 'client',
            to: 'a',
            arrival: 'poisson',
            policy: policy(300),
            rate: [
              { atMs: 0, rps: 500, rampToNext: false },
              { atMs: 3500, rps: 0, rampToNext: false },
            ],
          },
        ],
        {
          durationMs: 4000,
          faults: [
            {
              atMs: 1000,
              durationMs: 2000,
              service: 'c',
              instances: 1,
              effect: { kind: 'latency', addMs: null, multiply: 3 },
            },
          ],
          clusters: [{ name: 'c1', region: 'r', vpc: 'v', nodeCpu, zones: [{ name: 'z', nodes: 1 }] }],
        },
      );
      const result = simulate({ ...cfg, services: cfg.services.map((s) => ({ ...s, cluster: 'c1' })) });
      const c = serviceOf(result, 'c');
      expect(c.cancelled).toBeGreaterThan(100);
      const busyWorkers = c.utilisation * c.concurrency * c.instances;
      expect(c.cpuCores).toBeLessThanOrEqual(busyWorkers * (1 + 1e-9));
    },
  );

  it('gives downstream calls the remaining deadline; a callee without propagation keeps working', () => {
    // Client deadline 100 ms; a→b's own timeout is 10 s but b takes 500 ms.
    const run = (deadlinePropagation: boolean) =>
      simulate(
        config(
          [
            service('a', {
              serviceTimeMs: { kind: 'constant', value: 30 },
              calls: [[call('b', policy(10_000))]],
              deadlinePropagation,
            }),
            service('b', { concurrency: 100, serviceTimeMs: { kind: 'constant', value: 500 } }),
          ],
          [poisson('a', 20, policy(100))],
          { durationMs: 3000 },
        ),
      );
    const on = run(true);
    const ab = edgeOf(on, 'a', 'b');
    expect(ab.calls).toBeGreaterThan(30);
    expect(ab.failures.timeout).toBe(ab.calls - ab.inFlight);
    expect(serviceOf(on, 'a').cancelled).toBe(edgeOf(on, 'client', 'a').failures.timeout);
    const b = serviceOf(on, 'b');
    expect(b.wasted).toBe(b.completed); // b does not propagate: it is never told to stop
    assertConservation(on);
    const off = run(false);
    expect(edgeOf(off, 'a', 'b').failures.timeout).toBe(0);
    expect(edgeOf(off, 'a', 'b').succeeded).toBeGreaterThan(30);
  });

  it('Call.cancel stops retries: a cancelled request stops its downstream call between retries', () => {
    // The client's per-try timeout (100 ms) abandons its attempt at `a`; with propagation `a` cancels
    // the request, whose call to `b` (always 500, 40 ms between retries, up to 10 tries) stops retrying.
    const retrying: CallPolicy = {
      timeoutMs: 10_000,
      perTryTimeoutMs: Infinity,
      retry: { maxAttempts: 10, retryOn: ['5xx'], backoff: { baseMs: 40, maxMs: 40, jitter: 'none' } },
    };
    const run = (deadlinePropagation: boolean) =>
      simulate(
        config(
          [
            service('a', {
              serviceTimeMs: { kind: 'constant', value: 0 },
              calls: [[call('b', retrying)]],
              deadlinePropagation,
            }),
            service('b', { errorRate: 1, serviceTimeMs: { kind: 'constant', value: 1 } }),
          ],
          [poisson('a', 50, policy(1000, 1, 100))],
          { durationMs: 3000 },
        ),
      );
    const on = run(true);
    const ab = edgeOf(on, 'a', 'b');
    const finished = ab.calls - ab.inFlight;
    expect(ab.failures.timeout).toBe(finished); // ended by Call.cancel (cause 'timeout')
    expect(ab.failures.error).toBe(0);
    expect(ab.attempts).toBeLessThanOrEqual(3 * ab.calls); // tries at ~0, ~41, ~82 ms; cancelled at 100
    expect(serviceOf(on, 'a').cancelled).toBe(finished);
    assertConservation(on);
    const off = run(false);
    const abOff = edgeOf(off, 'a', 'b');
    expect(abOff.failures.error).toBe(abOff.calls - abOff.inFlight);
    expect(abOff.attempts).toBeGreaterThan(9 * (abOff.calls - abOff.inFlight));
  });

  it('removes the wasted work that sustains overload: wasted → 0 and goodput recovers after the fault', () => {
    // client → a → b; b slows down ×3 from 2 s to 4 s (capacity 800 → 267 rps for 500 rps offered).
    // Client: 1 s deadline, 200 ms per try, 3 tries. Without propagation, abandoned attempts keep
    // the queues full and retries keep them overloaded after the fault (metastable failure).
    const run = (deadlinePropagation: boolean) =>
      simulate(
        config(
          [
            service('a', {
              replicas: 2,
              concurrency: 16,
              queueCapacity: 1000,
              serviceTimeMs: { kind: 'exponential', mean: 1 },
              calls: [[call('b', policy(10_000))]],
              deadlinePropagation,
            }),
            service('b', {
              replicas: 2,
              concurrency: 4,
              queueCapacity: 1000,
              serviceTimeMs: { kind: 'exponential', mean: 10 },
              deadlinePropagation,
            }),
          ],
          [poisson('a', 500, policy(1000, 3, 200))],
          {
            durationMs: 12_000,
            faults: [
              {
                atMs: 2000,
                durationMs: 2000,
                service: 'b',
                instances: Infinity,
                effect: { kind: 'latency', addMs: null, multiply: 3 },
              },
            ],
          },
        ),
      );
    const goodputAfterFault = (succeeded: number[]): number => {
      const after = succeeded.slice(5, 12); // intervals 5 s … 12 s
      return after.reduce((x, y) => x + y, 0) / after.length;
    };
    const clientSeries = (r: ReturnType<typeof run>) => {
      const series = r.timeSeries.edges.find((e) => e.source === 'client');
      if (series === undefined) throw new Error('no client series');
      return series.succeeded;
    };

    const off = run(false);
    const on = run(true);
    assertConservation(off);
    assertConservation(on);
    const wastedOff = serviceOf(off, 'a').wasted + serviceOf(off, 'b').wasted;
    const wastedOn = serviceOf(on, 'a').wasted + serviceOf(on, 'b').wasted;
    expect(wastedOff).toBeGreaterThan(1000);
    expect(wastedOn).toBeLessThanOrEqual(0.01 * serviceOf(on, 'a').completed);
    expect(serviceOf(on, 'a').cancelled).toBeGreaterThan(0);
    expect(goodputAfterFault(clientSeries(off))).toBeLessThan(50); // stuck: ~0 of 500 rps
    expect(goodputAfterFault(clientSeries(on))).toBeGreaterThan(450); // recovered
  });
});
