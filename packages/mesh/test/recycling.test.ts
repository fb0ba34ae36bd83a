// Contracts of reuse: a steady run makes its calls, attempts and server requests once and reuses them (no
// allocation per request), a reused object is indistinguishable from a new one, and what something may still
// refer to is never reused. The checked mode (never reuse; freeze what is finished) gives the same results.

import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulate } from '../src/index.js';
import type {
  CallPolicy,
  MeshShapeName,
  RetryPolicy,
  SimulateOptions,
  SimulationConfig,
} from '../src/index.js';
import { Attempt } from '../src/call/Attempt.js';
import type { AttemptOwner } from '../src/call/Attempt.js';
import { AppRetrySlot } from '../src/call/AppRetrySlot.js';
import { Call } from '../src/call/Call.js';
import type { CallContext } from '../src/call/CallContext.js';
import { CHECK_RECYCLING, FreeList } from '../src/ports/FreeList.js';
import { Instance } from '../src/server/Instance.js';
import { ServerRequest } from '../src/server/ServerRequest.js';
import type { RequestHost } from '../src/server/ServerRequest.js';
import { call, config, poisson, policy, service } from './__helpers__/configs.js';

const flags = globalThis as { [CHECK_RECYCLING]?: boolean | undefined };
const before = flags[CHECK_RECYCLING];
afterEach(() => {
  flags[CHECK_RECYCLING] = before;
  vi.restoreAllMocks();
});

interface Usage {
  /** Calls, attempts and server requests used over the run. */
  uses: number;
  /** Distinct objects behind them. */
  objects: number;
}

/** Runs `cfg` with reuse on and counts, per kind, how many were used and how many distinct objects did it. */
function usage(
  cfg: SimulationConfig,
  options: SimulateOptions = {},
): Record<'calls' | 'attempts' | 'requests', Usage> {
  flags[CHECK_RECYCLING] = false;
  const obtain = vi.spyOn(Call, 'obtain');
  const results = vi.spyOn(Call.prototype, 'onAttemptResult');
  const served = vi.spyOn(Instance.prototype, 'serviceDone');
  simulate(cfg, options);
  const count = (objects: readonly unknown[]): Usage => ({
    uses: objects.length,
    objects: new Set(objects).size,
  });
  return {
    calls: count(obtain.mock.results.map((r) => r.value as unknown)),
    attempts: count(results.mock.calls.map((args) => args[0])),
    requests: count(served.mock.calls.map((args) => args[0])),
  };
}

/** Steady 3-tier traffic: gateway → api → db, nothing timing out or failing. */
function steady(shape: MeshShapeName = 'none', overrides: Partial<SimulationConfig> = {}): SimulationConfig {
  return config(
    [
      service('gateway', { calls: [[call('api', policy(1000, 2, 500))]] }),
      service('api', { calls: [[call('db', policy(1000))]] }),
      service('db', { serviceTimeMs: { kind: 'exponential', mean: 2 } }),
    ],
    [poisson('gateway', 400)],
    { shape, durationMs: 5000, seed: 3, ...overrides },
  );
}

/** Sets every own field of `target` to a value no constructor writes, so a field `reuse` forgets shows. */
function soil(target: object): void {
  for (const key of Object.keys(target)) (target as Record<string, unknown>)[key] = Symbol.for('stale');
}

describe('reuse of finished calls, attempts and server requests', () => {
  it.each(['none', 'istio-sidecar'] as const)(
    'a steady run (%s) makes about as many of each as are in flight at once, not one per request',
    (shape) => {
      const used = usage(steady(shape));
      // 400 req/s for 5 s: about 2,000 requests, each making 3 calls (one attempt each) served by 3 requests.
      for (const [kind, { uses, objects }] of Object.entries(used)) {
        expect(uses, kind).toBeGreaterThan(5500);
        expect(objects, kind).toBeLessThan(uses / 50);
      }
    },
  );

  it('with deadline propagation, calls and requests are reused once the request lets go of its finished calls', () => {
    const cfg = steady();
    const services = cfg.services.map((s) => ({ ...s, deadlinePropagation: true }));
    const used = usage({ ...cfg, services });
    expect(used.calls.objects).toBeLessThan(used.calls.uses / 50);
    expect(used.requests.objects).toBeLessThan(used.requests.uses / 50);
  });

  it('nothing is reused while telemetry may refer to it (traces recorded)', () => {
    const used = usage(steady(), { telemetry: { requests: true, traceSampleRate: 0.5 } });
    expect(used.calls.objects).toBe(used.calls.uses);
    expect(used.attempts.objects).toBe(used.attempts.uses);
  });

  it('a call that gave up on an attempt in flight is never reused (its attempt may still answer)', () => {
    // db takes ~20 ms; the caller's per-try timeout is 5 ms, one attempt: every call gives up on its attempt.
    const cfg = config(
      [
        service('api', { calls: [[call('db', policy(100, 1, 5))]] }),
        service('db', { serviceTimeMs: { kind: 'constant', value: 20 } }),
      ],
      [poisson('api', 100)],
      { durationMs: 2000, seed: 5 },
    );
    flags[CHECK_RECYCLING] = false;
    const put = vi.spyOn(FreeList.prototype, 'put');
    const timedOut = vi.spyOn(Call.prototype, 'perTryTimedOut');
    simulate(cfg);
    const left = new Set(timedOut.mock.instances);
    expect(left.size).toBeGreaterThan(150);
    for (const [item] of put.mock.calls) expect(left.has(item as Call)).toBe(false);
  });
});

describe('application retries (appRetry) and reuse', () => {
  /**
   * The client gives up after 50 ms and api propagates deadlines, so it cancels api's request; db always fails at
   * once, and api's application would re-issue the call after 1 s: every request is cancelled during that backoff.
   */
  function cancelledDuringBackoff(): SimulationConfig {
    const app: RetryPolicy = {
      maxAttempts: 3,
      retryOn: ['5xx'],
      backoff: { baseMs: 1000, maxMs: 1000, jitter: 'none' },
    };
    return config(
      [
        service('api', { deadlinePropagation: true, calls: [[call('db', policy(5000), { appRetry: app })]] }),
        service('db', { errorRate: 1, serviceTimeMs: { kind: 'constant', value: 2 } }),
      ],
      [poisson('api', 100, policy(50))],
      { durationMs: 3000, seed: 11 },
    );
  }

  it('a request cancelled during the backoff cancels its re-issue: none starts, and its finished calls are reused', () => {
    const fired = vi.spyOn(AppRetrySlot.prototype, 'backoffDone');
    const obtain = vi.spyOn(Call, 'obtain');
    const used = usage(cancelledDuringBackoff());
    expect(used.requests.uses).toBeGreaterThan(500);
    expect(fired).not.toHaveBeenCalled();
    // api's calls to db failed before the request was cancelled: let go of, they are reused (the client's calls, which
    // gave up on an attempt in flight, never are).
    const toDb = obtain.mock.results.map((r) => r.value as Call).filter((c) => c.destination === 'db');
    expect(toDb.length).toBeGreaterThan(250);
    expect(new Set(toDb).size).toBeLessThan(toDb.length / 25);
    // db's requests are reused; api's, cancelled, are left to the garbage collector (as without appRetry).
    expect(used.requests.objects).toBeLessThan(used.requests.uses / 2 + used.requests.uses / 25);
  });

  it('in checked mode (a write to a finished object throws) it gives the same result, with no re-issue', () => {
    flags[CHECK_RECYCLING] = true;
    const checked = simulate(cancelledDuringBackoff());
    flags[CHECK_RECYCLING] = false;
    const reusing = simulate(cancelledDuringBackoff());
    expect(JSON.stringify(reusing)).toBe(JSON.stringify(checked));
    const edge = checked.edges.find((e) => e.source === 'api' && e.destination === 'db');
    expect(edge?.policyEvents['app-retries']).toBeUndefined();
    // Nearly every request was cancelled during its backoff (those of the last 50 ms were still waiting at the end).
    expect(checked.services.find((s) => s.name === 'api')?.cancelled).toBeGreaterThan(
      0.95 * (edge?.calls ?? 0),
    );
  });
});

describe('a reused object is a new one', () => {
  const owner = {} as AttemptOwner;
  const instance = {} as Instance;
  const route = [] as const;

  it('Attempt.reuse sets every field the constructor sets', () => {
    const fresh = new Attempt(owner, instance, route, 12.5);
    const reused = new Attempt({} as AttemptOwner, {} as Instance, [], 1);
    soil(reused);
    reused.reuse(owner, instance, route, 12.5);
    expect({ ...reused }).toEqual({ ...fresh });
  });

  it('ServerRequest.reuse sets every field the constructor sets', () => {
    const host = {} as RequestHost;
    const inbound = new Attempt(owner, instance, route, 0);
    const fresh = new ServerRequest(inbound, host, 7.25);
    const reused = new ServerRequest(new Attempt(owner, instance, route, 0), {} as RequestHost, 1);
    soil(reused);
    reused.reuse(inbound, host, 7.25);
    expect({ ...reused }).toEqual({ ...fresh });
  });

  it('Call.obtain makes a call given back like a new one, and a new one when none is', () => {
    const args = [
      {} as CallContext,
      { name: 'a', key: 0 },
      {},
      {},
      {},
      {},
      {},
      {},
      true,
    ] as unknown as Parameters<typeof Call.obtain> extends [unknown, ...infer R] ? R : never;
    flags[CHECK_RECYCLING] = false; // also under MESHSIM_CHECK_RECYCLING=1: this list must reuse
    const home = new FreeList<Call>();
    const made = Call.obtain(home, ...args);
    const fresh = new Call(...args, home);
    expect({ ...made }).toEqual({ ...fresh });
    soil(made);
    home.put(made);
    const reused = Call.obtain(home, ...args);
    expect(reused).toBe(made);
    expect({ ...reused }).toEqual({ ...fresh });
  });
});

const arbPolicy: fc.Arbitrary<CallPolicy> = fc.record({
  timeoutMs: fc.oneof(fc.constant(Infinity), fc.integer({ min: 5, max: 200 })),
  perTryTimeoutMs: fc.oneof(fc.constant(Infinity), fc.integer({ min: 2, max: 100 })),
  retry: fc.record({
    maxAttempts: fc.integer({ min: 1, max: 4 }),
    retryOn: fc.constant(['5xx', 'reset', 'connect-failure', 'per-try-timeout'] as const),
    backoff: fc.record({
      baseMs: fc.integer({ min: 1, max: 30 }),
      maxMs: fc.constant(100),
      jitter: fc.constant('full' as const),
    }),
  }),
});

describe('reuse changes nothing', () => {
  it('gives the same results as the checked mode, which never reuses and fails on a write to a finished object', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 1000 }),
          shape: fc.constantFrom<MeshShapeName>('none', 'library', 'istio-sidecar'),
          rps: fc.integer({ min: 50, max: 900 }),
          concurrency: fc.integer({ min: 1, max: 8 }),
          propagate: fc.boolean(),
          lifo: fc.boolean(),
          ab: arbPolicy,
          bc: arbPolicy,
          appAttempts: fc.integer({ min: 1, max: 3 }),
          crashAtMs: fc.option(fc.integer({ min: 0, max: 1500 })),
          // c's pod, or b's sidecar (which makes b's retries: what it holds fails when it crashes).
          crashSidecarOfB: fc.boolean(),
        }),
        (s) => {
          const common = {
            replicas: 2,
            concurrency: s.concurrency,
            queueCapacity: 8,
            deadlinePropagation: s.propagate,
          };
          const cfg = config(
            [
              service('a', {
                ...common,
                queueDiscipline: s.lifo ? 'lifo' : 'fifo',
                calls: [
                  [
                    call('b', s.ab, { appRetry: { ...s.ab.retry, maxAttempts: s.appAttempts } }),
                    call('c', s.bc, { optional: true }),
                  ],
                ],
              }),
              service('b', { ...common, calls: [[call('c', s.bc)]] }),
              service('c', { ...common, serviceTimeMs: { kind: 'lognormal', median: 3, p99: 40 } }),
            ],
            [poisson('a', s.rps, s.ab)],
            {
              shape: s.shape,
              seed: s.seed,
              durationMs: 2000,
              faults:
                s.crashAtMs === null
                  ? []
                  : [
                      {
                        atMs: s.crashAtMs,
                        durationMs: 300,
                        service: s.crashSidecarOfB ? 'b' : 'c',
                        instances: 1,
                        effect: s.crashSidecarOfB
                          ? { kind: 'crash-proxy', proxy: 'sidecar' }
                          : { kind: 'crash' },
                      },
                    ],
            },
          );
          flags[CHECK_RECYCLING] = true;
          const checked = JSON.stringify(simulate(cfg));
          flags[CHECK_RECYCLING] = false;
          const reusing = JSON.stringify(simulate(cfg));
          expect(reusing).toBe(checked);
        },
      ),
      { numRuns: 25 },
    );
  });
});
