// Contract of a call's `appRetry`: the calling application re-issues a failed call as a new call through the mesh,
// whose own retries apply to each (app 3 × mesh 3 = 9 tries), after its own backoff; each re-issue is a call on the
// edge and an `app-retries` event; a call without it is untouched.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type {
  CallConfig,
  EdgeMetrics,
  RetryPolicy,
  SimulateOptions,
  SimulationResult,
} from '../../src/index.js';
import { assertTraceInvariants } from '../__helpers__/assertions.js';
import { call, config, constantArrivals, policy, service } from '../__helpers__/configs.js';

/** The application's retries: `attempts` tries on any 5xx, `baseMs` between them (no jitter, doubling). */
function appRetry(attempts: number, baseMs = 1): RetryPolicy {
  return {
    maxAttempts: attempts,
    retryOn: ['5xx'],
    backoff: { baseMs, maxMs: 100 * baseMs, jitter: 'none' },
  };
}

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} → ${destination}`);
  return found;
}

/** Requests at 20 req/s for 1.5 s, then none: every call ends before the run does (2 s). */
const TRAFFIC = constantArrivals('api', 20, 'client', {
  rate: [
    { atMs: 0, rps: 20, rampToNext: false },
    { atMs: 1500, rps: 0, rampToNext: false },
  ],
});

/** `api` calls `db`, which always fails (500). */
function failingDb(shape: string, dbCall: CallConfig, options: SimulateOptions = {}): SimulationResult {
  return simulate(
    config([service('api', { calls: [[dbCall]] }), service('db', { errorRate: 1 })], [TRAFFIC], {
      shape,
      durationMs: 2000,
      seed: 7,
    }),
    options,
  );
}

/** The calls the application offered on `e` (its re-issues taken away). */
function offered(e: EdgeMetrics): number {
  return e.calls - (e.policyEvents['app-retries'] ?? 0);
}

describe('appRetry: the application retries around the mesh', () => {
  it('under istio-sidecar, 3 app tries × 3 sidecar tries make exactly 9 tries per call (the retry storm)', () => {
    const result = failingDb('istio-sidecar', call('db', policy(5000, 3), { appRetry: appRetry(3) }));
    const e = edge(result, 'api', 'db');
    const n = offered(e);
    expect(n).toBe(30);
    expect(e.inFlight).toBe(0);
    expect(e.policyEvents['app-retries']).toBe(2 * n);
    expect(e.calls).toBe(3 * n);
    expect(e.attempts).toBe(9 * n);
    expect(e.retries).toBe(6 * n);
    expect(e.failures.error).toBe(3 * n);
    // Every request the application answered failed: the storm did not help.
    expect(edge(result, 'client', 'api').failed).toBe(n);
  });

  it.each(['none', 'istio-sidecar'])(
    'under %s, appRetry alone (no mesh retry) makes 3 tries per call',
    (shape) => {
      const result = failingDb(shape, call('db', policy(5000, 1), { appRetry: appRetry(3) }));
      const e = edge(result, 'api', 'db');
      const n = offered(e);
      expect(n).toBe(30);
      expect(e.attempts).toBe(3 * n);
      expect(e.calls).toBe(3 * n);
      expect(e.retries).toBe(0);
    },
  );

  it('stops at the first success: a healthy callee is called once, with no app-retries event', () => {
    const result = simulate(
      config(
        [service('api', { calls: [[call('db', policy(5000), { appRetry: appRetry(3) })]] }), service('db')],
        [TRAFFIC],
        { durationMs: 2000, seed: 7 },
      ),
    );
    const e = edge(result, 'api', 'db');
    expect(e.calls).toBe(edge(result, 'client', 'api').calls);
    expect(e.policyEvents).toEqual({});
  });

  it('re-issues only failures its retryOn names: a 500 under retryOn [connect-failure] is not retried', () => {
    const only = { ...appRetry(3), retryOn: ['connect-failure' as const] };
    const result = failingDb('none', call('db', policy(5000), { appRetry: only }));
    const e = edge(result, 'api', 'db');
    expect(e.calls).toBe(edge(result, 'client', 'api').calls);
    expect(e.policyEvents['app-retries']).toBeUndefined();
  });

  it("judges what the application received: under istio-sidecar a refused connection reaches it as its Envoy's 503", () => {
    /** `api` calls `db`, whose application is down for the whole run (its sidecar up: connections refused behind it). */
    const crashedDb = (shape: string, retryOn: RetryPolicy['retryOn']): EdgeMetrics => {
      const result = simulate(
        config(
          [
            service('api', {
              calls: [[call('db', policy(5000), { appRetry: { ...appRetry(3), retryOn } })]],
            }),
            service('db'),
          ],
          [TRAFFIC],
          {
            shape,
            durationMs: 2000,
            seed: 7,
            faults: [
              { atMs: 0, durationMs: 2000, service: 'db', instances: Infinity, effect: { kind: 'crash' } },
            ],
          },
        ),
      );
      return edge(result, 'api', 'db');
    };
    // Without a mesh the application sees the refused connection itself: retryOn [connect-failure] re-issues it.
    expect(crashedDb('none', ['connect-failure']).policyEvents['app-retries']).toBeGreaterThan(0);
    // Behind Envoy the failure it receives is a 503: [connect-failure] does not name it, [5xx] does.
    expect(crashedDb('istio-sidecar', ['connect-failure']).policyEvents['app-retries']).toBeUndefined();
    expect(crashedDb('istio-sidecar', ['5xx']).policyEvents['app-retries']).toBeGreaterThan(0);
  });

  it("waits the application's backoff before each re-issue (100 ms, then 200 ms: no jitter)", () => {
    const result = failingDb('none', call('db', policy(5000), { appRetry: appRetry(3, 100) }));
    const api = result.services.find((s) => s.name === 'api');
    // Each request waits 100 + 200 ms of backoff on top of three quick calls.
    expect(api?.latency.p50Ms).toBeGreaterThanOrEqual(300);
    expect(api?.latency.maxMs).toBeLessThan(400);
  });

  it("traced, each re-issue is a call span of its own under the request's server span", () => {
    const traced = failingDb('none', call('db', policy(5000), { appRetry: appRetry(3) }), {
      telemetry: { requests: true, traceSampleRate: 1 },
    });
    assertTraceInvariants(traced);
    const spans = traced.telemetry?.traces?.spans ?? [];
    const n = offered(edge(traced, 'api', 'db'));
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(n);
    // api's call spans (kind internal, service api), each parented by api's server span of its trace.
    const servers = new Map(
      spans.filter((s) => s.kind === 'server' && s.service === 'api').map((s) => [s.spanId, s.traceId]),
    );
    const appCalls = spans.filter((s) => s.kind === 'internal' && s.service === 'api');
    expect(appCalls).toHaveLength(3 * n);
    for (const span of appCalls) expect(servers.get(span.parentSpanId ?? '')).toBe(span.traceId);
  });

  it('gives byte-identical results for the same seed, with jittered app backoff', () => {
    const jittered = { ...appRetry(3, 20), backoff: { baseMs: 20, maxMs: 200, jitter: 'full' as const } };
    const run = (): string =>
      JSON.stringify(failingDb('istio-sidecar', call('db', policy(5000, 2), { appRetry: jittered })));
    expect(run()).toBe(run());
  });

  it('a config built in code with a bad appRetry is refused naming the field', () => {
    const bad = { ...appRetry(3), retryOn: ['5xx', 'bogus'] } as unknown as RetryPolicy;
    expect(() => failingDb('none', call('db', policy(5000), { appRetry: bad }))).toThrow(
      /services\.api\.calls\[0\]\[0\]\.appRetry\.retryOn\[1\]/,
    );
    const zero = { ...appRetry(3), maxAttempts: 0 };
    expect(() => failingDb('none', call('db', policy(5000), { appRetry: zero }))).toThrow(
      /services\.api\.calls\[0\]\[0\]\.appRetry\.maxAttempts must be ≥ 1/,
    );
  });
});
