// Properties of every simulation: every result invariant (__helpers__/assertions.ts) and determinism; the
// wider random scenarios of the whole format are in packages/report/test/invariants.

import fc from 'fast-check';
import { uniform } from '../../engine/test/__helpers__/uniform.js';
import { describe, it } from 'vitest';
import { simulate } from '../src/index.js';
import type { CallPolicy, FaultConfig, MeshShapeName, RetryCondition, RetryPolicy } from '../src/index.js';
import { assertResultInvariants } from './__helpers__/assertions.js';
import { call, config, poisson, service } from './__helpers__/configs.js';
import { expect } from 'vitest';

const arbPolicy: fc.Arbitrary<CallPolicy> = fc.record({
  timeoutMs: fc.oneof(fc.constant(Infinity), fc.integer({ min: 5, max: 200 })),
  perTryTimeoutMs: fc.oneof(fc.constant(Infinity), fc.integer({ min: 2, max: 100 })),
  retry: fc.record({
    maxAttempts: fc.integer({ min: 1, max: 4 }),
    retryOn: fc.subarray([
      'connect-failure',
      'reset',
      'overflow',
      '5xx',
      'gateway-error',
      'per-try-timeout',
    ] as const),
    backoff: fc.record({
      baseMs: fc.integer({ min: 1, max: 30 }),
      maxMs: fc.integer({ min: 30, max: 300 }),
      jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated' as const),
    }),
  }),
});

const arbFault: fc.Arbitrary<FaultConfig> = fc.record({
  atMs: fc.integer({ min: 0, max: 3000 }),
  durationMs: fc.integer({ min: 100, max: 3000 }),
  service: fc.constantFrom('a', 'b', 'c'),
  instances: fc.integer({ min: 1, max: 3 }),
  effect: fc.oneof(
    fc.constant({ kind: 'crash' as const }),
    fc.record({ kind: fc.constant('error' as const), rate: uniform(0, 1) }),
    fc.record({
      kind: fc.constant('latency' as const),
      addMs: fc.constant(null),
      multiply: uniform(1, 20),
    }),
  ),
});

const arbScenario = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  shape: fc.constantFrom<MeshShapeName>('none', 'library', 'istio-sidecar'),
  rps: fc.integer({ min: 10, max: 800 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  concurrency: fc.integer({ min: 1, max: 16 }),
  queue: fc.integer({ min: 0, max: 20 }),
  lifo: fc.boolean(),
  clientPolicy: arbPolicy,
  abPolicy: arbPolicy,
  bcPolicy: arbPolicy,
  /** The tries of a's application around the mesh's on a → b (`appRetry`; 1 = none), and its conditions. */
  appAttempts: fc.integer({ min: 1, max: 3 }),
  appRetryOn: fc.constantFrom(['5xx'] as const, ['gateway-error', 'reset'] as const),
  faults: fc.array(arbFault, { maxLength: 3 }),
});

/** a's application retries on a → b: none for 1 attempt, else `appAttempts` tries on `appRetryOn`. */
function appRetryOf(s: {
  appAttempts: number;
  appRetryOn: readonly RetryCondition[];
  abPolicy: CallPolicy;
}): RetryPolicy | null {
  if (s.appAttempts === 1) return null;
  return { maxAttempts: s.appAttempts, retryOn: s.appRetryOn, backoff: s.abPolicy.retry.backoff };
}

describe('simulation invariants', () => {
  it('holds every result invariant (conservation, retry bound, percentiles, utilisation…) for random 3-tier scenarios', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const common = { replicas: s.replicas, concurrency: s.concurrency, queueCapacity: s.queue };
        const discipline = s.lifo ? ('lifo' as const) : ('fifo' as const);
        const cfg = config(
          [
            service('a', {
              ...common,
              queueDiscipline: discipline,
              calls: [[call('b', s.abPolicy, { appRetry: appRetryOf(s) })]],
            }),
            service('b', { ...common, calls: [[call('c', s.bcPolicy, { optional: true })]] }),
            service('c', { ...common, serviceTimeMs: { kind: 'lognormal', median: 3, p99: 40 } }),
          ],
          [poisson('a', s.rps, s.clientPolicy)],
          { shape: s.shape, seed: s.seed, durationMs: 4000, faults: s.faults },
        );
        const result = simulate(cfg);
        const maxAttempts = Math.max(
          s.clientPolicy.retry.maxAttempts,
          s.abPolicy.retry.maxAttempts,
          s.bcPolicy.retry.maxAttempts,
          s.shape === 'istio-sidecar' ? 3 : 1,
        );
        assertResultInvariants(result, maxAttempts, s.appAttempts);
      }),
      { numRuns: 40 },
    );
  });

  it('gives byte-identical results for the same scenario and seed', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const cfg = config(
          [
            service('a', { calls: [[call('b', s.abPolicy, { appRetry: appRetryOf(s) })]] }),
            service('b'),
            service('c'),
          ],
          [poisson('a', s.rps, s.clientPolicy)],
          { shape: s.shape, seed: s.seed, durationMs: 2000, faults: s.faults },
        );
        expect(JSON.stringify(simulate(cfg))).toBe(JSON.stringify(simulate(cfg)));
      }),
      { numRuns: 15 },
    );
  });
});
