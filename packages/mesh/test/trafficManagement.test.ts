// Contracts of traffic management: versions and per-version metrics, weighted splits (with schedule),
// class-based routes, mirroring and fault injection (docs/policies/traffic-management.md).

import { RandomStreams, createSampler } from '@meshsim/engine';
import fc from 'fast-check';
import { uniform } from '../../engine/test/__helpers__/uniform.js';
import { describe, expect, it } from 'vitest';
import { NO_POLICY, resolveVersions, simulate } from '../src/index.js';
import type { CallPolicy, FaultInjectionConfig, ServiceConfig, SimulationConfig } from '../src/index.js';
import { ServiceVersions } from '../src/server/ServiceVersions.js';
import { RunStreams } from '../src/ports/RunStreams.js';
import { assertConservation, assertFinite, assertRetriesBounded } from './__helpers__/assertions.js';
import { call, config, poisson, service, ZERO_NETWORK } from './__helpers__/configs.js';
import {
  edgeOf,
  expectBetween,
  expectProportion,
  serviceOf,
  version,
  versionOf,
} from './__helpers__/traffic.js';

const FAST: Partial<ServiceConfig> = { serviceTimeMs: { kind: 'constant', value: 1 }, concurrency: 64 };

/** client → a → b, with b's versions (and routes, schedule) from `b`. */
function twoTier(
  b: Partial<ServiceConfig>,
  opts: { rps?: number; durationMs?: number; shape?: SimulationConfig['mesh']['shape'] } = {},
): SimulationConfig {
  return config(
    [service('a', { ...FAST, replicas: 2, calls: [[call('b')]] }), service('b', { ...FAST, ...b })],
    [poisson('a', opts.rps ?? 1000)],
    { shape: opts.shape ?? 'library', durationMs: opts.durationMs ?? 10_000, network: ZERO_NETWORK },
  );
}

describe('resolveVersions', () => {
  it('gives a service without versions one version v1 with every replica and no weights', () => {
    const resolved = resolveVersions(service('s', { replicas: 3 }));
    expect(resolved.versions).toEqual([
      { name: 'v1', replicas: 3, firstInstance: 0, serviceTimeMs: null, errorRate: null },
    ]);
    expect(resolved.weights).toBeNull();
  });

  it('assigns instances to versions in placement order: first the first version’s replicas, then the next', () => {
    const resolved = resolveVersions(
      service('s', { replicas: 5, versions: [version('v1', 3, 60), version('v2', 2, 40)] }),
    );
    expect(resolved.versions.map((v) => [v.name, v.firstInstance])).toEqual([
      ['v1', 0],
      ['v2', 3],
    ]);
    expect(resolved.weights).toEqual([60, 40]);
  });

  it.each([
    [
      { replicas: 4, versions: [version('v1', 3), version('v2', 2)] },
      /service "s": versions\[\]\.replicas add up to 5, but replicas is 4/,
    ],
    [
      { replicas: 2, versions: [version('v1', 1, 50), version('v2', 1)] },
      /service "s": versions\[\]\.weight must be set on every version or on none/,
    ],
    [
      { replicas: 2, versions: [version('v1', 1, 50), version('v2', 1, 40)] },
      /service "s": versions\[\]\.weight must add up to 100 \(got 90\)/,
    ],
    [
      { replicas: 2, versions: [version('v1', 1), version('v1', 1)] },
      /versions\[1\]\.name "v1" is declared twice/,
    ],
    [
      { replicas: 2, versions: [version('v1', 1.5), version('v2', 0.5)] },
      /versions\[0\]\.replicas must be a non-negative integer \(got 1.5\)/,
    ],
    [
      { replicas: 2, routes: [{ match: { requestClass: 'beta' }, version: 'v9' }] },
      /service "s": routes\[0\]\.version "v9"/,
    ],
    [
      { replicas: 2, weightSchedule: [{ atMs: 0, weights: { v1: 100 } }] },
      /weightSchedule needs versions\[\]\.weight/,
    ],
    [
      {
        replicas: 2,
        versions: [version('v1', 1, 50), version('v2', 1, 50)],
        weightSchedule: [{ atMs: 5, weights: { v1: 90, v3: 10 } }],
      },
      /weightSchedule\[0\]\.weights: "v3" is not a version/,
    ],
    [
      {
        replicas: 2,
        versions: [version('v1', 1, 50), version('v2', 1, 50)],
        weightSchedule: [{ atMs: 5, weights: { v1: 90 } }],
      },
      /weightSchedule\[0\]\.weights must add up to 100 \(got 90\)/,
    ],
  ] as [Partial<ServiceConfig>, RegExp][])(
    'rejects an invalid versions config naming the service and field (%#)',
    (overrides, message) => {
      expect(() => resolveVersions(service('s', overrides))).toThrow(message);
    },
  );

  it('accepts weights summing to 100 within 1e-9', () => {
    const versions = [version('v1', 1, 100 / 3), version('v2', 1, 100 / 3), version('v3', 1, 100 / 3)];
    expect(() => resolveVersions(service('s', { replicas: 3, versions }))).not.toThrow();
  });

  it('a weighted pick lands only on versions with a positive weight, for any weights and draw', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 5 })
          .filter((w) => w.some((x) => x > 0)),
        uniform(0, 1, { maxExcluded: true }),
        (raw, u) => {
          const sum = raw.reduce((a, b) => a + b, 0);
          const versions = raw.map((w, i) => version(`v${i}`, 1, (w * 100) / sum));
          const set = new ServiceVersions(
            service('s', { replicas: raw.length, versions }),
            new RunStreams(new RandomStreams(1)),
            () => 1,
          );
          const picked = set.pickWeighted(u, 0);
          expect(raw[picked]).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('versions', () => {
  it('builds one service-time sampler per overriding version on its own stream; others share the service’s', () => {
    const random = new RandomStreams(7);
    const streams = new RunStreams(random);
    const base = createSampler({ kind: 'constant', value: 1 }, streams.stream('service-time/s'));
    const set = new ServiceVersions(
      service('s', {
        replicas: 3,
        errorRate: 0.1,
        versions: [
          version('v1', 2),
          version('v2', 1, null, { serviceTimeMs: { kind: 'constant', value: 9 }, errorRate: 0.5 }),
        ],
      }),
      streams,
      base,
    );
    expect(set.list[0]?.serviceTime).toBe(base);
    expect(set.list[1]?.serviceTime()).toBe(9);
    expect(set.list.map((v) => v.errorRate)).toEqual([0.1, 0.5]);
    expect(random.names()).toContain('service-time/s/v2');
    expect([0, 1, 2].map((i) => set.forInstance(i).name)).toEqual(['v1', 'v1', 'v2']);
  });

  it('reports per-version metrics that add up to the service’s and use each version’s error rate', () => {
    const result = simulate(
      twoTier(
        { replicas: 4, versions: [version('v1', 3), version('v2', 1, null, { errorRate: 1 })] },
        { rps: 500 },
      ),
    );
    const b = serviceOf(result, 'b');
    expect(b.versions.map((v) => [v.name, v.instances])).toEqual([
      ['v1', 3],
      ['v2', 1],
    ]);
    const [v1, v2] = b.versions;
    expect((v1?.arrived ?? 0) + (v2?.arrived ?? 0)).toBe(b.arrived);
    expect((v1?.completed ?? 0) + (v2?.completed ?? 0)).toBe(b.completed);
    expect(v1?.errors).toBe(0);
    expect(v1?.successRate).toBe(1);
    expect(v2?.errors).toBe(v2?.completed);
    expect(v2?.successRate).toBe(0);
    // No weights: round robin over all endpoints, so v2 (1 of 4 replicas) gets a quarter.
    expectProportion(v2?.arrived ?? 0, b.arrived, 0.25);
    assertConservation(result);
  });

  it('gives a version that answered nothing a null success rate (none measured), not 1', () => {
    // v2 has no replica: with no weights traffic follows the replicas, so no request reaches it.
    const result = simulate(
      twoTier(
        { replicas: 2, versions: [version('v1', 2), version('v2', 0)] },
        { rps: 200, durationMs: 1000 },
      ),
    );
    expect(versionOf(result, 'b', 'v2')).toMatchObject({ arrived: 0, completed: 0, rejected: 0 });
    expect(versionOf(result, 'b', 'v2').successRate).toBeNull();
    expect(versionOf(result, 'b', 'v1').successRate).toBe(1);
  });

  it('gives an edge with no completed call a null success rate (none measured), not 1', () => {
    // b takes 10 s per request and the run 1 s: every call a → b is still in flight at the end.
    const result = simulate(
      twoTier({ serviceTimeMs: { kind: 'constant', value: 10_000 } }, { rps: 50, durationMs: 1000 }),
    );
    const slow = edgeOf(result, 'a', 'b');
    expect(slow.calls).toBeGreaterThan(0);
    expect(slow.succeeded + slow.failed).toBe(0);
    expect(slow.successRate).toBeNull();
  });

  it('reports a single v1 entry for a service without versions', () => {
    const result = simulate(twoTier({}, { rps: 100, durationMs: 1000 }));
    const b = serviceOf(result, 'b');
    expect(b.versions).toEqual([
      {
        name: 'v1',
        instances: 2,
        arrived: b.arrived,
        completed: b.completed,
        rejected: 0,
        errors: 0,
        successRate: 1,
      },
    ]);
  });
});

describe('weighted split', () => {
  const canary = { replicas: 4, versions: [version('v1', 3, 99), version('v2', 1, 1)] };

  it('sends 1 % of attempts to a 1 % canary when the caller’s hop can split (library)', () => {
    const result = simulate(twoTier(canary, { rps: 3000 }));
    const b = serviceOf(result, 'b');
    expect(b.arrived).toBeGreaterThan(25_000);
    expectProportion(versionOf(result, 'b', 'v2').arrived, b.arrived, 0.01);
    expect(edgeOf(result, 'a', 'b').policyEvents['split-version-down']).toBe(0);
    expect(result.warnings.some((w) => w.startsWith('traffic-split'))).toBe(false);
    assertConservation(result);
  });

  it('ignores the weights under the none shape (kube-proxy): the split follows replica counts, with a warning', () => {
    const result = simulate(twoTier(canary, { rps: 1000, shape: 'none' }));
    const b = serviceOf(result, 'b');
    expectProportion(versionOf(result, 'b', 'v2').arrived, b.arrived, 0.25);
    const warning = result.warnings.find((w) => w.startsWith('traffic-split'));
    expect(warning).toContain('"b"');
    expect(warning).toContain('"none"');
    expect(warning).toContain('replica');
    expect(result.warnings.filter((w) => w.startsWith('traffic-split'))).toHaveLength(1);
    expect(edgeOf(result, 'a', 'b').policyEvents['split-version-down']).toBeUndefined();
    assertConservation(result);
  });

  it('fails the attempts whose version has no endpoint up (503, no healthy upstream), as Envoy and Linkerd do', () => {
    const result = simulate({
      ...twoTier(
        { replicas: 3, versions: [version('v1', 2, 50), version('v2', 1, 50)] },
        { rps: 500, durationMs: 4000 },
      ),
      faults: [{ atMs: 0, durationMs: Infinity, service: 'b', instances: 2, effect: { kind: 'crash' } }],
    });
    // v1 (instances 1–2) is down from the start: its half of the attempts fails at the caller; v2 gets only its half.
    const ab = edgeOf(result, 'a', 'b');
    expect(versionOf(result, 'b', 'v2').arrived).toBe(serviceOf(result, 'b').arrived);
    expect(ab.attempts).toBe(ab.calls);
    expect(ab.policyEvents['split-version-down']).toBe(ab.failures['no-endpoints']);
    // Until the endpoints catch up with the crash, v1's attempts meet crashed pods (connect failures) instead.
    expect(ab.failures['no-endpoints']).toBeGreaterThan(ab.failures['connect-failure']);
    expect(ab.failed).toBe(ab.failures['no-endpoints'] + ab.failures['connect-failure']);
    expectProportion(ab.failed, ab.calls, 0.5);
    assertConservation(result);
  });

  it('applies a weight schedule at its times: a 1 % → 5 % → 25 % canary rollout in one scenario', () => {
    // v2 always fails, so the per-second failure share of a→b is v2's share of the traffic.
    const result = simulate(
      twoTier(
        {
          replicas: 4,
          versions: [version('v1', 3, 99), version('v2', 1, 1, { errorRate: 1 })],
          weightSchedule: [
            { atMs: 3000, weights: { v1: 95, v2: 5 } },
            { atMs: 6000, weights: { v1: 75, v2: 25 } },
          ],
        },
        { rps: 2000 },
      ),
    );
    const series = result.timeSeries.edges.find((e) => e.source === 'a' && e.destination === 'b');
    if (series === undefined) throw new Error('no a->b series');
    const phase = (from: number, to: number): [number, number] => {
      let failed = 0;
      let calls = 0;
      for (let i = from; i < to; i++) {
        failed += series.failed[i] ?? 0;
        calls += series.calls[i] ?? 0;
      }
      return [failed, calls];
    };
    expectProportion(...phase(0, 3), 0.01);
    expectProportion(...phase(3, 6), 0.05);
    expectProportion(...phase(6, 10), 0.25);
    assertConservation(result);
  });
});

describe('class-based routes', () => {
  it('sends every call of the beta class to v2 through the whole call tree, whatever the weights', () => {
    // client/beta → a → b → c; c routes beta to v2 (weight 0), which always fails.
    const cfg = config(
      [
        service('a', { ...FAST, calls: [[call('b')]] }),
        service('b', { ...FAST, calls: [[call('c')]] }),
        service('c', {
          ...FAST,
          replicas: 3,
          versions: [version('v1', 2, 100), version('v2', 1, 0, { errorRate: 1 })],
          routes: [{ match: { requestClass: 'beta' }, version: 'v2' }],
        }),
      ],
      [poisson('a', 300), { ...poisson('a', 100, NO_POLICY, 'beta'), requestClass: 'beta' }],
      { shape: 'istio-sidecar', durationMs: 5000, network: ZERO_NETWORK },
    );
    const result = simulate(cfg);
    const beta = edgeOf(result, 'beta', 'a');
    const client = edgeOf(result, 'client', 'a');
    expect(beta.calls).toBeGreaterThan(300);
    expect(beta.succeeded).toBe(0);
    expect(client.failed).toBe(0);
    // Every finished beta request reached c-v2 (in-flight ones may or may not have got there yet).
    expectBetween(versionOf(result, 'c', 'v2').arrived, beta.calls - beta.inFlight, beta.calls);
    assertConservation(result);
  });
});

describe('mirroring', () => {
  function mirrored(
    percent: number,
    shape: SimulationConfig['mesh']['shape'] = 'istio-sidecar',
  ): SimulationConfig {
    return config(
      [
        service('a', { ...FAST, calls: [[call('b', undefined, { mirror: { to: 'shadow', percent } })]] }),
        service('b', FAST),
        service('shadow', { ...FAST, errorRate: 1 }),
      ],
      [poisson('a', 500)],
      { shape, durationMs: 4000, network: ZERO_NETWORK },
    );
  }

  it('sends a real call to the mirror target per mirrored call, counted on its own edge and in `mirrored`', () => {
    const result = simulate(mirrored(100));
    const ab = edgeOf(result, 'a', 'b');
    const shadowEdge = edgeOf(result, 'a', 'shadow');
    expect(ab.policyEvents['mirrored']).toBe(ab.calls);
    expect(shadowEdge.calls).toBe(ab.calls);
    expect(shadowEdge.retries).toBe(0);
    expect(shadowEdge.failed).toBe(shadowEdge.calls - shadowEdge.inFlight);
    expectBetween(
      serviceOf(result, 'shadow').arrived,
      shadowEdge.calls - shadowEdge.inFlight,
      shadowEdge.calls,
    );
    assertConservation(result);
  });

  it('never fails the parent: success rates with a 100 %-failing mirror equal those without a mirror', () => {
    const withMirror = simulate(mirrored(100));
    const without = simulate(mirrored(0));
    expect(edgeOf(withMirror, 'a', 'b').successRate).toBe(1);
    expect(edgeOf(withMirror, 'client', 'a').successRate).toBe(1);
    expect(edgeOf(without, 'client', 'a').successRate).toBe(1);
    expect(edgeOf(withMirror, 'client', 'a').failed).toBe(0);
  });

  it('mirrors percent/100 of the calls', () => {
    const result = simulate(mirrored(30));
    const ab = edgeOf(result, 'a', 'b');
    expectProportion(ab.policyEvents['mirrored'] ?? -1, ab.calls, 0.3);
    expect(edgeOf(result, 'a', 'shadow').calls).toBe(ab.policyEvents['mirrored']);
  });

  it('is not applied where the caller’s hop cannot mirror (library), with a warning', () => {
    const result = simulate(mirrored(100, 'library'));
    expect(result.edges.some((e) => e.destination === 'shadow')).toBe(false);
    expect(edgeOf(result, 'a', 'b').policyEvents['mirrored']).toBeUndefined();
    const warning = result.warnings.find((w) => w.startsWith('mirror'));
    expect(warning).toContain('"a"');
    expect(warning).toContain('"library"');
  });
});

describe('fault injection', () => {
  const retrying: CallPolicy = {
    timeoutMs: Infinity,
    perTryTimeoutMs: Infinity,
    retry: { maxAttempts: 3, retryOn: ['5xx'], backoff: { baseMs: 1, maxMs: 10, jitter: 'full' } },
  };

  function faulted(fault: FaultInjectionConfig, policy: CallPolicy = retrying): SimulationConfig {
    return config(
      [
        service('a', { ...FAST, calls: [[call('b', policy, { faultInjection: fault })]] }),
        service('b', FAST),
      ],
      [poisson('a', 1000)],
      { shape: 'library', durationMs: 5000, network: ZERO_NETWORK },
    );
  }

  it('delays percent/100 of the calls by delayMs and aborts percent/100 without contacting the server', () => {
    const result = simulate(
      faulted({ delay: { percent: 30, delayMs: 100 }, abort: { percent: 20, status: 'error' } }),
    );
    const ab = edgeOf(result, 'a', 'b');
    const delayed = ab.policyEvents['fault-delayed'] ?? -1;
    const aborted = ab.policyEvents['fault-aborted'] ?? -1;
    expectProportion(delayed, ab.calls, 0.3);
    expectProportion(aborted, ab.calls, 0.2);
    // Aborted calls fail with a 500 and never reach b; they are not retried although 5xx is retryable.
    // (an abort that was also delayed may still be pending at the end of the run)
    expectBetween(ab.failures.error, aborted - ab.inFlight, aborted);
    expect(ab.failed).toBe(ab.failures.error);
    expect(ab.retries).toBe(0);
    expectBetween(serviceOf(result, 'b').arrived, ab.calls - aborted - ab.inFlight, ab.calls - aborted);
    // About 30 % of the successful calls waited 100 ms more.
    expect(ab.latency.p50Ms).toBeLessThan(50);
    expect(ab.latency.p90Ms).toBeGreaterThanOrEqual(100);
    assertConservation(result);
    assertRetriesBounded(result, 3);
  });

  it('aborts with a 503 when the status is rejected', () => {
    const result = simulate(faulted({ delay: null, abort: { percent: 100, status: 'rejected' } }));
    const ab = edgeOf(result, 'a', 'b');
    expect(ab.failures.rejected).toBe(ab.calls);
    expect(serviceOf(result, 'b').arrived).toBe(0);
    expect(edgeOf(result, 'client', 'a').succeeded).toBe(0);
  });

  it('counts the delay against the overall timeout', () => {
    const policy: CallPolicy = { ...NO_POLICY, timeoutMs: 50 };
    const result = simulate(faulted({ delay: { percent: 100, delayMs: 100 }, abort: null }, policy));
    const ab = edgeOf(result, 'a', 'b');
    expect(ab.failures.timeout).toBe(ab.calls - ab.inFlight);
    expect(serviceOf(result, 'b').arrived).toBe(0);
  });

  it('counts the delay against the first attempt’s per-try timeout; the retry is not delayed', () => {
    const policy: CallPolicy = {
      timeoutMs: Infinity,
      perTryTimeoutMs: 50,
      retry: {
        maxAttempts: 2,
        retryOn: ['per-try-timeout'],
        backoff: { baseMs: 1, maxMs: 1, jitter: 'none' },
      },
    };
    const result = simulate(faulted({ delay: { percent: 100, delayMs: 100 }, abort: null }, policy));
    const ab = edgeOf(result, 'a', 'b');
    expect(ab.failed).toBe(0);
    expectBetween(ab.retries, ab.calls - ab.inFlight, ab.calls);
    // The delayed first attempts were abandoned before they left: b saw only the retries.
    expect(serviceOf(result, 'b').arrived).toBe(ab.retries);
    expect(ab.latency.p50Ms).toBeGreaterThanOrEqual(50);
  });

  it('is not applied where the caller’s hop cannot inject faults (none), with a warning', () => {
    const cfg = faulted({ delay: null, abort: { percent: 100, status: 'error' } });
    const result = simulate({ ...cfg, mesh: { ...cfg.mesh, shape: 'none' } });
    expect(edgeOf(result, 'a', 'b').failed).toBe(0);
    expect(result.warnings.find((w) => w.startsWith('fault-injection'))).toContain('"none"');
  });

  it('rejects an invalid percentage naming the call and field', () => {
    expect(() => simulate(faulted({ delay: { percent: 120, delayMs: 5 }, abort: null }))).toThrow(
      new RangeError('services.a.calls[0][0].faultInjection.delay.percent must be ≤ 100 (got 120)'),
    );
  });
});

describe('traffic management together', () => {
  function everything(): SimulationConfig {
    return config(
      [
        service('a', {
          ...FAST,
          calls: [
            [
              call('b', retryingPolicy(), {
                faultInjection: {
                  delay: { percent: 10, delayMs: 20 },
                  abort: { percent: 5, status: 'rejected' },
                },
                mirror: { to: 'shadow', percent: 50 },
              }),
            ],
          ],
        }),
        service('b', {
          ...FAST,
          replicas: 4,
          versions: [version('v1', 3, 90), version('v2', 1, 10, { errorRate: 0.2 })],
          weightSchedule: [{ atMs: 1500, weights: { v1: 50, v2: 50 } }],
          routes: [{ match: { requestClass: 'beta' }, version: 'v2' }],
        }),
        service('shadow', { ...FAST, replicas: 1, errorRate: 0.5 }),
      ],
      [
        poisson('a', 400, retryingPolicy()),
        { ...poisson('a', 100, NO_POLICY, 'beta'), requestClass: 'beta' },
      ],
      { shape: 'istio-sidecar', durationMs: 3000 },
    );
  }

  it('conserves requests, bounds retries and stays finite with versions, split, routes, mirror and faults on', () => {
    const result = simulate(everything());
    assertConservation(result);
    assertRetriesBounded(result, 3);
    assertFinite(result);
    const events = edgeOf(result, 'a', 'b').policyEvents;
    expect(events['fault-aborted']).toBeGreaterThan(0);
    expect(events['fault-delayed']).toBeGreaterThan(0);
    expect(events['mirrored']).toBeGreaterThan(0);
  });

  it('is deterministic: the same config and seed give byte-identical results', () => {
    const first = JSON.stringify(simulate(everything()));
    expect(JSON.stringify(simulate(everything()))).toBe(first);
    expect(JSON.stringify(simulate({ ...everything(), seed: 2 }))).not.toBe(first);
  });
});

function retryingPolicy(): CallPolicy {
  return {
    timeoutMs: 200,
    perTryTimeoutMs: 50,
    retry: { maxAttempts: 3, retryOn: ['5xx'], backoff: { baseMs: 5, maxMs: 50, jitter: 'full' } },
  };
}
