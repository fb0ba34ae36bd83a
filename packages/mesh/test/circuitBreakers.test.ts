// Contracts of the circuit breakers: Envoy connection-pool thresholds, Linkerd failure accrual (penalty
// sequence, probes, all-endpoints-down 503) and the error-rate breaker (window, open, half-open).

import { RandomStreams } from '@meshsim/engine';
import fc from 'fast-check';
import { uniform } from '../../engine/test/__helpers__/uniform.js';
import { describe, expect, it } from 'vitest';
import { ENVOY_CONNECTION_POOL, HYSTRIX_BREAKER, LINKERD_FAILURE_ACCRUAL } from '../src/index.js';
import {
  BreakerStateMachine,
  ErrorRateBreaker,
  EnvoyThresholds,
  FailureAccrual,
  LEGAL_BREAKER_TRANSITIONS,
  failureAccrualPenaltyMs,
  isLegalBreakerTransition,
  isPolicyFailure,
} from '../src/internal/index.js';
import type { FailureAccrualConfig } from '../src/index.js';
import type { BreakerState } from '../src/internal/index.js';
import type { PolicyCounters } from '../src/ports/PolicyCounters.js';
import { clientOf, fakeInstances } from './__helpers__/policyHarness.js';

/** What the policy reports at `nowMs`: its event counts and its times in a state [ms]. */
function counters(
  policy: { collect(into: PolicyCounters, nowMs: number): void },
  nowMs: number,
): PolicyCounters {
  const into: PolicyCounters = { events: {}, timeMs: {} };
  policy.collect(into, nowMs);
  return into;
}

describe('isPolicyFailure', () => {
  it('counts every result but ok, 429 and 403 as a failure, timeouts included', () => {
    expect(isPolicyFailure('ok')).toBe(false);
    expect(isPolicyFailure('rate-limited')).toBe(false);
    expect(isPolicyFailure('denied')).toBe(false);
    for (const r of [
      'error',
      'rejected',
      'reset',
      'connect-failure',
      'per-try-timeout',
      'timeout',
    ] as const) {
      expect(isPolicyFailure(r)).toBe(true);
    }
  });
});

describe('BreakerStateMachine', () => {
  it('allows only closed → open → half-open → closed | open, and throws on anything else', () => {
    const states: BreakerState[] = ['closed', 'open', 'half-open'];
    const legal = states.flatMap((from) =>
      states.filter((to) => isLegalBreakerTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(legal).toEqual(['closed>open', 'open>half-open', 'half-open>closed', 'half-open>open']);
    expect(LEGAL_BREAKER_TRANSITIONS.closed).toEqual(['open']);
    const machine = new BreakerStateMachine();
    expect(() => machine.close(0)).toThrow('illegal transition closed → closed');
    machine.open(0, 100);
    expect(() => machine.open(10, 100)).toThrow('illegal transition open → open');
  });

  it('counts the open time up to the end of the open period, not up to when someone looks', () => {
    const machine = new BreakerStateMachine();
    machine.open(100, 1000);
    expect(machine.openMsAt(600)).toBe(500);
    expect(machine.stateAt(5000)).toBe('half-open'); // dated 1100
    expect(machine.openMsAt(5000)).toBe(1000);
    machine.open(5000, 200);
    expect(machine.openMsAt(9000)).toBe(1200);
    expect(machine.timesOpened).toBe(2);
  });
});

describe('EnvoyThresholds', () => {
  it('rejects the 1025th concurrent attempt with breaker-open (defaults: 1024 requests) and never queues it', () => {
    const thresholds = new EnvoyThresholds(ENVOY_CONNECTION_POOL);
    const client = clientOf([thresholds]);
    const [host] = fakeInstances(1) as [ReturnType<typeof fakeInstances>[number]];
    for (let i = 0; i < 1024; i++) {
      expect(client.admit(false, 0)).toBeNull();
      client.attemptStarted(host, false, 0);
    }
    expect(client.admit(false, 0)).toBe('breaker-open');
    expect(thresholds.inFlight).toBe(1024); // the refused attempt is not held anywhere
    client.attemptEnded(host, 'ok', 1, 0);
    expect(client.admit(false, 0)).toBeNull();
    expect(counters(thresholds, 0)).toEqual({ events: { 'breaker-overflow': 1 }, timeMs: {} });
  });

  it('treats attempts beyond maxConnections as pending: overflow at maxConnections + maxPendingRequests', () => {
    const thresholds = new EnvoyThresholds({
      maxConnections: 2,
      maxPendingRequests: 3,
      maxRequests: 1024,
      maxRetries: 3,
    });
    const client = clientOf([thresholds]);
    const [host] = fakeInstances(1) as [ReturnType<typeof fakeInstances>[number]];
    for (let i = 0; i < 5; i++) {
      expect(client.admit(false, 0)).toBeNull();
      client.attemptStarted(host, i > 2, 0); // retries count as requests too
    }
    expect(client.admit(false, 0)).toBe('breaker-open');
  });

  it('rejects invalid thresholds naming the field and the value', () => {
    expect(
      () =>
        new EnvoyThresholds(
          { maxConnections: -1, maxPendingRequests: 1, maxRequests: 1, maxRetries: 1 },
          'd.cp',
        ),
    ).toThrow('d.cp.maxConnections must be ≥ 0 (got -1)');
  });

  it('runs a maxConnections of 0 as 1 (Envoy opens a connection to an endpoint that has none); maxRequests 0 admits nothing', () => {
    /** How many concurrent attempts thresholds of `pool` (otherwise 1024, no pending) admit, up to 10. */
    const admitted = (pool: Partial<typeof ENVOY_CONNECTION_POOL>): number => {
      const client = clientOf([
        new EnvoyThresholds({ ...ENVOY_CONNECTION_POOL, maxPendingRequests: 0, ...pool }),
      ]);
      const [host] = fakeInstances(1) as [ReturnType<typeof fakeInstances>[number]];
      let n = 0;
      while (n < 10 && client.admit(false, 0) === null) {
        client.attemptStarted(host, false, 0);
        n++;
      }
      return n;
    };
    expect(admitted({ maxConnections: 0 })).toBe(1);
    expect(admitted({ maxConnections: 0, maxPendingRequests: 2 })).toBe(3);
    expect(admitted({ maxRequests: 0 })).toBe(0);
  });
});

describe('failureAccrualPenaltyMs', () => {
  it('grows 1 s, 2 s, 4 s … and caps at 60 s (Linkerd defaults without jitter)', () => {
    const config: FailureAccrualConfig = { ...LINKERD_FAILURE_ACCRUAL, jitterRatio: 0 };
    const penalties = Array.from({ length: 9 }, (_, n) => failureAccrualPenaltyMs(config, n, () => 0.5));
    expect(penalties).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('stays within [base, min(max, base × (1 + jitterRatio))] for any draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 70 }),
        uniform(0, 1, { maxExcluded: true }),
        uniform(0, 2),
        (iteration, u, jitterRatio) => {
          const config = { ...LINKERD_FAILURE_ACCRUAL, jitterRatio };
          const base = Math.min(60_000, 1000 * 2 ** iteration);
          const penalty = failureAccrualPenaltyMs(config, iteration, () => u);
          expect(penalty).toBeGreaterThanOrEqual(base);
          expect(penalty).toBeLessThanOrEqual(Math.min(60_000, base * (1 + jitterRatio)) + 1e-9);
        },
      ),
    );
  });
});

describe('FailureAccrual', () => {
  function setup(config: FailureAccrualConfig = LINKERD_FAILURE_ACCRUAL, n = 2) {
    const instances = fakeInstances(n);
    const accrual = new FailureAccrual(
      config,
      { instances, endpoints: instances },
      RandomStreams.create(1, 'fa'),
    );
    return { accrual, instances };
  }

  it('marks an endpoint unavailable after maxFailures consecutive failures, then penalises 1 s, 2 s, 4 s … ≤ 60 s within jitter', () => {
    const { accrual, instances } = setup();
    const [bad] = instances as [ReturnType<typeof fakeInstances>[number]];
    let now = 0;
    for (let i = 0; i < 6; i++) accrual.onAttemptEnd(bad, 'error', 1, now);
    expect(accrual.isAvailable(bad, now)).toBe(true);
    accrual.onAttemptEnd(bad, 'error', 1, now); // the 7th consecutive failure
    expect(accrual.isAvailable(bad, now)).toBe(false);
    const penalties: number[] = [];
    for (let n = 0; n < 9; n++) {
      const ends = accrual.penaltyEndsAtMs(bad);
      penalties.push(ends - now);
      expect(accrual.isAvailable(bad, ends - 1)).toBe(false);
      now = ends;
      expect(accrual.stateOf(bad, now)).toBe('half-open');
      expect(accrual.isAvailable(bad, now)).toBe(true); // one probe allowed
      accrual.onAttemptStart(bad, false, now);
      expect(accrual.isAvailable(bad, now)).toBe(false); // … and only one
      accrual.onAttemptEnd(bad, 'per-try-timeout', 1, now + 10);
      now += 10;
    }
    penalties.forEach((penalty, n) => {
      const base = Math.min(60_000, 1000 * 2 ** n);
      expect(penalty).toBeGreaterThanOrEqual(base);
      expect(penalty).toBeLessThanOrEqual(Math.min(60_000, base * 1.5));
    });
    expect(penalties.slice(-3)).toEqual([60_000, 60_000, 60_000]);
    // The first opening plus one per failed probe.
    expect(counters(accrual, now).events).toMatchObject({
      'failure-accrual-ejections': 10,
      'breaker-opened': 10,
    });
    expect(counters(accrual, now).events['breaker-half-open-probes']).toBe(9);
  });

  it('resets on a successful probe: the next opening starts again at minPenaltyMs; successes reset the failure count', () => {
    const { accrual, instances } = setup({ ...LINKERD_FAILURE_ACCRUAL, jitterRatio: 0, maxFailures: 3 });
    const [bad] = instances as [ReturnType<typeof fakeInstances>[number]];
    accrual.onAttemptEnd(bad, 'error', 1, 0);
    accrual.onAttemptEnd(bad, 'error', 1, 0);
    accrual.onAttemptEnd(bad, 'rate-limited', 1, 0); // a 429 is not the upstream's fault: resets
    accrual.onAttemptEnd(bad, 'error', 1, 0);
    accrual.onAttemptEnd(bad, 'error', 1, 0);
    expect(accrual.stateOf(bad, 0)).toBe('closed');
    accrual.onAttemptEnd(bad, 'error', 1, 0);
    expect(accrual.penaltyEndsAtMs(bad)).toBe(1000);
    accrual.onAttemptStart(bad, false, 1000);
    accrual.onAttemptEnd(bad, 'error', 1, 1005);
    expect(accrual.penaltyEndsAtMs(bad)).toBe(3005); // second penalty: 2 s
    accrual.onAttemptStart(bad, false, 3005);
    accrual.onAttemptEnd(bad, 'ok', 1, 3010);
    expect(accrual.stateOf(bad, 3010)).toBe('closed');
    for (let i = 0; i < 3; i++) accrual.onAttemptEnd(bad, 'error', 1, 4000);
    expect(accrual.penaltyEndsAtMs(bad)).toBe(5000); // back to 1 s
    // Time open is a duration [ms], reported apart from the event counts.
    expect(counters(accrual, 10_000).timeMs).toEqual({ 'breaker-open': 1000 + 2000 + 1000 });
    expect(Object.keys(counters(accrual, 10_000).events)).not.toContain('breaker-open');
  });

  it('fails attempts with breaker-open via admit when every endpoint is in penalty (Linkerd answers 503)', () => {
    const { accrual, instances } = setup({ ...LINKERD_FAILURE_ACCRUAL, jitterRatio: 0, maxFailures: 1 });
    const [a, b] = instances as [
      ReturnType<typeof fakeInstances>[number],
      ReturnType<typeof fakeInstances>[number],
    ];
    accrual.onAttemptEnd(a, 'error', 1, 0);
    expect(accrual.admit(false, 0)).toBeNull(); // b is still available
    accrual.onAttemptEnd(b, 'reset', 1, 0);
    expect(accrual.admit(false, 0)).toBe('breaker-open');
    expect(accrual.admit(true, 999)).toBe('breaker-open');
    expect(accrual.admit(false, 1000)).toBeNull(); // penalties over: probes allowed
  });
});

describe('ErrorRateBreaker', () => {
  const [host] = fakeInstances(1) as [ReturnType<typeof fakeInstances>[number]];

  it('opens when ≥ minimumRequests and the failure fraction reaches failureRateThreshold (Hystrix defaults: 20, 50 %)', () => {
    const breaker = new ErrorRateBreaker(HYSTRIX_BREAKER);
    for (let i = 0; i < 10; i++) breaker.onAttemptEnd(host, 'ok', 1, i);
    for (let i = 0; i < 9; i++) breaker.onAttemptEnd(host, 'per-try-timeout', 1, 10 + i);
    expect(breaker.stateAt(100)).toBe('closed'); // 19 requests: below the minimum
    breaker.onAttemptEnd(host, 'denied', 1, 100); // 20 requests, 9 failures: 45 %
    expect(breaker.stateAt(100)).toBe('closed');
    breaker.onAttemptEnd(host, 'timeout', 1, 101); // 21 requests, 10 failures: 47.6 %
    expect(breaker.stateAt(101)).toBe('closed');
    breaker.onAttemptEnd(host, 'error', 1, 102); // 22 requests, 11 failures: 50 %
    expect(breaker.stateAt(102)).toBe('open');
    expect(breaker.admit(false, 102)).toBe('breaker-open');
    expect(breaker.admit(true, 5101)).toBe('breaker-open');
  });

  it('forgets requests older than the rolling window', () => {
    const breaker = new ErrorRateBreaker({ ...HYSTRIX_BREAKER, minimumRequests: 4, windowMs: 1000 });
    for (let i = 0; i < 3; i++) breaker.onAttemptEnd(host, 'error', 1, 0);
    breaker.onAttemptEnd(host, 'error', 1, 1000); // the bucket of t = 0 has left the 10-bucket window
    expect(breaker.stateAt(1000)).toBe('closed');
    breaker.onAttemptEnd(host, 'error', 1, 1050);
    breaker.onAttemptEnd(host, 'error', 1, 1100);
    breaker.onAttemptEnd(host, 'error', 1, 1150);
    expect(breaker.stateAt(1150)).toBe('open');
  });

  it('after openMs lets halfOpenProbes attempts through; all succeeding closes it, one failing reopens it', () => {
    const breaker = new ErrorRateBreaker({
      ...HYSTRIX_BREAKER,
      minimumRequests: 1,
      openMs: 500,
      halfOpenProbes: 2,
    });
    breaker.onAttemptEnd(host, 'error', 1, 0);
    expect(breaker.admit(false, 499)).toBe('breaker-open');
    expect(breaker.admit(false, 500)).toBeNull();
    breaker.onAttemptStart(host, false, 500);
    expect(breaker.admit(false, 500)).toBeNull();
    breaker.onAttemptStart(host, false, 500);
    expect(breaker.admit(false, 500)).toBe('breaker-open'); // both probes out
    breaker.onAttemptEnd(host, 'ok', 1, 510);
    breaker.onAttemptEnd(host, 'error', 1, 520);
    expect(breaker.stateAt(520)).toBe('open');
    expect(breaker.admit(false, 1020)).toBeNull();
    breaker.onAttemptStart(host, false, 1020);
    breaker.onAttemptStart(host, false, 1020);
    breaker.onAttemptEnd(host, 'ok', 1, 1030);
    expect(breaker.stateAt(1030)).toBe('half-open');
    breaker.onAttemptEnd(host, 'ok', 1, 1040);
    expect(breaker.stateAt(1040)).toBe('closed');
    expect(counters(breaker, 2000)).toEqual({
      events: { 'breaker-opened': 2, 'breaker-half-open-probes': 4 },
      timeMs: { 'breaker-open': 1000 },
    });
  });
});
