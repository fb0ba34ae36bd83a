// Properties over every mesh shape: conservation of requests, bounded retries, no NaN, and
// determinism (same config and seed ⇒ byte-identical result), with random faults including proxy crashes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, meshShapeNames, resolveMeshConfig } from '../../src/index.js';
import type { CallPolicy, FaultConfig, ProxyRole, SimulationConfig } from '../../src/index.js';
import { assertResultInvariants } from '../__helpers__/assertions.js';
import { call, poisson, service } from '../__helpers__/configs.js';

const arbPolicy: fc.Arbitrary<CallPolicy> = fc.record({
  timeoutMs: fc.oneof(fc.constant(Infinity), fc.integer({ min: 5, max: 200 })),
  perTryTimeoutMs: fc.oneof(fc.constant(Infinity), fc.integer({ min: 2, max: 100 })),
  retry: fc.record({
    maxAttempts: fc.integer({ min: 1, max: 3 }),
    retryOn: fc.subarray([
      'connect-failure',
      'reset',
      'overflow',
      '5xx',
      'gateway-error',
      'per-try-timeout',
    ] as const),
    backoff: fc.constant({ baseMs: 25, maxMs: 250, jitter: 'full' as const }),
  }),
});

const arbFault: fc.Arbitrary<FaultConfig> = fc.record({
  atMs: fc.integer({ min: 0, max: 1500 }),
  durationMs: fc.integer({ min: 100, max: 1500 }),
  service: fc.constantFrom('a', 'b', 'c'),
  instances: fc.integer({ min: 1, max: 2 }),
  effect: fc.oneof(
    fc.constant({ kind: 'crash' as const }),
    fc.constant({ kind: 'crash-node' as const }),
    fc.record({
      kind: fc.constant('crash-proxy' as const),
      proxy: fc.constantFrom<ProxyRole>('sidecar', 'ztunnel', 'waypoint', 'node-proxy', 'managed-hop'),
    }),
  ),
});

const arbScenario = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  shape: fc.constantFrom(...meshShapeNames()),
  rps: fc.integer({ min: 20, max: 300 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  waypointOnB: fc.boolean(),
  crossCluster: fc.boolean(),
  abPolicy: fc.option(arbPolicy, { nil: undefined }),
  bcPolicy: fc.option(arbPolicy, { nil: undefined }),
  faults: fc.array(arbFault, { maxLength: 2 }),
});

type Scenario = typeof arbScenario extends fc.Arbitrary<infer T> ? T : never;

/** a → b → c; with `crossCluster`, c runs in a second cluster. */
function scenario(s: Scenario): SimulationConfig {
  const common = { replicas: s.replicas, concurrency: 4, queueCapacity: 8 };
  return {
    name: 'prop',
    description: '',
    seed: s.seed,
    durationMs: 2000,
    mesh: resolveMeshConfig({ shape: s.shape }),
    network: {
      sameNodeMs: { kind: 'constant', value: 0.02 },
      sameZoneMs: { kind: 'constant', value: 0.1 },
      crossZoneMs: { kind: 'constant', value: 0.5 },
      crossClusterMs: { kind: 'constant', value: 1 },
    },
    clusters: [
      {
        name: 'cluster-1',
        region: 'r',
        vpc: 'v1',
        zones: [
          { name: 'z1', nodes: 2 },
          { name: 'z2', nodes: 1 },
        ],
      },
      { name: 'cluster-2', region: 'r', vpc: 'v2', zones: [{ name: 'z3', nodes: 2 }] },
    ],
    services: [
      service('a', { ...common, calls: [[call('b', s.abPolicy)]] }),
      service('b', {
        ...common,
        waypoint: s.waypointOnB,
        requestBytes: 512,
        calls: [[call('c', s.bcPolicy, { optional: true })]],
      }),
      service('c', { ...common, cluster: s.crossCluster ? 'cluster-2' : 'cluster-1' }),
    ],
    traffic: [poisson('a', s.rps)],
    faults: s.faults,
    assumptions: [],
  };
}

describe('every mesh shape', () => {
  it('holds every result invariant (conservation, retry bound, percentiles, finite numbers…) under random faults', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const result = simulate(scenario(s));
        const attempts = [s.abPolicy, s.bcPolicy].map((p) => p?.retry.maxAttempts ?? 1);
        // Mesh defaults retry at most twice.
        assertResultInvariants(result, Math.max(3, ...attempts));
        expect(result.scenario.mesh).toBe(s.shape);
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic: the same scenario and seed give byte-identical results', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const cfg = scenario(s);
        expect(JSON.stringify(simulate(cfg))).toBe(JSON.stringify(simulate(cfg)));
      }),
      { numRuns: 15 },
    );
  });
});
