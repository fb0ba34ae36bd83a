// Contracts of inbound authorization (403 at the server, no service time), mTLS coverage per mesh
// shape, the capability gate's warning, and conservation with every protection switched on.

import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import { Warnings } from '../src/ports/Warnings.js';
import { enforceOrWarn } from '../src/ports/enforceOrWarn.js';
import { call, config, poisson, policy, service } from './__helpers__/configs.js';
import { assertConservation, assertRetriesBounded } from './__helpers__/assertions.js';
import { edgeOf, inbound, serviceOf } from './__helpers__/protection.js';

describe('authorization (allowedCallers)', () => {
  it('refuses a caller not in the list with 403 on arrival: no queueing, no service time, no retry', () => {
    const cfg = config(
      [
        service('a', { calls: [[call('secret', policy(1000, 3))]] }),
        service('secret', {
          serviceTimeMs: { kind: 'constant', value: 50 },
          inbound: inbound({ allowedCallers: ['b'] }),
        }),
        service('b', { calls: [[call('secret', policy(1000))]] }),
      ],
      [poisson('a', 100), poisson('b', 50, policy(Infinity), 'batch')],
      { durationMs: 3000 },
    );
    const result = simulate(cfg);
    const denied = edgeOf(result, 'a', 'secret');
    const allowed = edgeOf(result, 'b', 'secret');
    const secret = serviceOf(result, 'secret');
    expect(denied.calls).toBeGreaterThan(200);
    expect(denied.failures.denied).toBe(denied.calls - denied.inFlight);
    expect(denied.retries).toBe(0); // 403 is not retryable
    expect(allowed.succeeded).toBeGreaterThan(100);
    expect(secret.denied).toBe(denied.calls - denied.inFlight);
    expect(secret.completed).toBeGreaterThanOrEqual(allowed.succeeded);
    expect(secret.completed).toBeLessThanOrEqual(allowed.succeeded + allowed.inFlight);
    // Only the allowed calls used workers: 50 ms each.
    const workerMs = secret.utilisation * secret.instances * secret.concurrency * 3000;
    expect(workerMs).toBeGreaterThan(50 * secret.completed - 1e-6);
    expect(workerMs).toBeLessThanOrEqual(50 * (secret.completed + 8 * secret.instances) + 1e-6);
    assertConservation(result);
  });

  it('accepts traffic-source names in the list', () => {
    const run = (allowedCallers: string[]) =>
      serviceOf(
        simulate(
          config([service('s', { inbound: inbound({ allowedCallers }) })], [poisson('s', 100)], {
            durationMs: 1000,
          }),
        ),
        's',
      );
    expect(run(['client']).denied).toBe(0);
    const s = run(['someone-else']);
    expect(s.denied).toBe(s.arrived);
    expect(s.completed).toBe(0);
  });
});

describe('mTLS coverage', () => {
  const cfg = (shape: 'none' | 'library' | 'istio-sidecar') =>
    config(
      [service('a', { calls: [[call('b', policy(1000))]] }), service('b')],
      [poisson('a', 200, policy(1000))],
      { durationMs: 2000, shape },
    );

  it('istio-sidecar: service-to-service edges are mTLS, edges from traffic sources outside the mesh are not', () => {
    const result = simulate(cfg('istio-sidecar'));
    const fromClient = edgeOf(result, 'client', 'a');
    const internal = edgeOf(result, 'a', 'b');
    expect(fromClient.mtls).toBe(false);
    expect(internal.mtls).toBe(true);
    expect(result.mtlsCoverage).toBeCloseTo(internal.calls / (internal.calls + fromClient.calls), 12);
    expect(result.mtlsCoverage).toBeGreaterThan(0.45);
  });

  it('none and library shapes encrypt nothing: coverage 0', () => {
    for (const shape of ['none', 'library'] as const) {
      const result = simulate(cfg(shape));
      expect(result.edges.every((e) => !e.mtls)).toBe(true);
      expect(result.mtlsCoverage).toBe(0);
    }
  });
});

describe('capability gate', () => {
  it('warns, naming the policy, the service and the mesh shape, when a hop cannot enforce a policy', () => {
    const sink = new Warnings();
    const scope = { warnings: sink, shape: 'istio-sidecar' };
    expect(enforceOrWarn(scope, 'l4-proxy', 'rate-limit', 'checkout')).toBe(false);
    expect(enforceOrWarn(scope, 'l4-proxy', 'authorization', 'checkout')).toBe(true);
    expect(enforceOrWarn(scope, 'application', 'shedding', 'checkout')).toBe(true);
    const warnings = sink.all();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('rate-limit');
    expect(warnings[0]).toContain('"checkout"');
    expect(warnings[0]).toContain('istio-sidecar');
  });

  it('rejects invalid inbound settings with an error naming the field and value', () => {
    const bad = (inboundPolicy: Parameters<typeof inbound>[0]) => () =>
      simulate(config([service('s', { inbound: inbound(inboundPolicy) })], [poisson('s', 10)]));
    expect(bad({ rateLimit: { ratePerSecond: -1, burst: 5, scope: 'instance' } })).toThrow(
      /inbound\.rateLimit\.ratePerSecond.*-1/,
    );
    expect(bad({ shedding: { kind: 'codel', targetMs: 0, intervalMs: 100 } })).toThrow(
      /inbound\.shedding\.targetMs.*0/,
    );
    expect(bad({ bulkheads: { nowhere: 2 } })).toThrow(/inbound\.bulkheads\.nowhere/);
  });
});

describe('all protections together', () => {
  it('conserve requests, bound retries and stay deterministic with every policy on, under a fault, in a sidecar mesh', () => {
    const cfg = config(
      [
        service('front', {
          replicas: 2,
          concurrency: 8,
          calls: [[call('mid', policy(300, 3, 100)), call('side', policy(200, 2))]],
          deadlinePropagation: true,
          inbound: inbound({
            rateLimit: { ratePerSecond: 250, burst: 50, scope: 'instance' },
            shedding: { kind: 'queue-timeout', timeoutMs: 50 },
            bulkheads: { mid: 6, side: 4 },
          }),
        }),
        service('mid', {
          replicas: 2,
          concurrency: 4,
          calls: [[call('db', policy(200, 2, 80))]],
          deadlinePropagation: true,
          inbound: inbound({
            shedding: { kind: 'codel', targetMs: 5, intervalMs: 100 },
            allowedCallers: ['front'],
          }),
        }),
        service('side', { replicas: 1, inbound: inbound({ allowedCallers: ['mid'] }) }),
        service('db', {
          replicas: 2,
          concurrency: 4,
          deadlinePropagation: true,
          queueDiscipline: 'lifo',
          inbound: inbound({ rateLimit: { ratePerSecond: 500, burst: 20, scope: 'service' } }),
        }),
      ],
      [poisson('front', 500, policy(500, 3, 200))],
      {
        shape: 'istio-sidecar',
        durationMs: 3000,
        faults: [
          {
            atMs: 500,
            durationMs: 1000,
            service: 'db',
            // Every db instance: a least-request balancer would route around a single slow one.
            instances: 2,
            effect: { kind: 'latency', addMs: { kind: 'constant', value: 30 }, multiply: 1 },
          },
          { atMs: 2000, durationMs: 500, service: 'mid', instances: 1, effect: { kind: 'crash' } },
        ],
      },
    );
    const result = simulate(cfg);
    assertConservation(result);
    assertRetriesBounded(result, 3);
    const total = (key: 'rateLimited' | 'denied' | 'shed' | 'cancelled') =>
      result.services.reduce((sum, s) => sum + s[key], 0);
    expect(total('rateLimited')).toBeGreaterThan(0);
    expect(total('denied')).toBeGreaterThan(0);
    expect(total('shed')).toBeGreaterThan(0);
    expect(total('cancelled')).toBeGreaterThan(0);
    expect(edgeOf(result, 'front', 'mid').policyEvents['bulkhead-rejected']).toBeGreaterThan(0);
    expect(result.warnings).toEqual([]);
    expect(JSON.stringify(simulate(cfg))).toBe(JSON.stringify(result));
  });
});
