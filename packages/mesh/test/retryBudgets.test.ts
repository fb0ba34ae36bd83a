// Contracts of the retry budgets: Linkerd's ratio + floor over a ttl window, Envoy's concurrent-retry
// budget and max_retries, gRPC retry throttling (gRFC A6) and the AWS SDK retry quota.

import fc from 'fast-check';
import { uniform } from '../../engine/test/__helpers__/uniform.js';
import { describe, expect, it } from 'vitest';
import { AWS_SDK_RETRY_QUOTA } from '../src/index.js';
import {
  AwsRetryQuota,
  EnvoyRetryBudget,
  GrpcRetryThrottle,
  LinkerdRetryBudget,
  createRetryBudget,
} from '../src/internal/index.js';
import type { AttemptResult } from '../src/config/AttemptResult.js';
import type { PolicyCounters } from '../src/ports/PolicyCounters.js';
import { clientOf, fakeInstances } from './__helpers__/policyHarness.js';

const [host] = fakeInstances(1) as [ReturnType<typeof fakeInstances>[number]];

/** The policy's event counts (a retry budget keeps no time in a state). */
function counters(policy: { collect(into: PolicyCounters, nowMs: number): void }): Record<string, number> {
  const into: PolicyCounters = { events: {}, timeMs: {} };
  policy.collect(into, 0);
  expect(into.timeMs).toEqual({});
  return into.events;
}

describe('LinkerdRetryBudget (Tower TpsBudget)', () => {
  const linkerd = (retryRatio: number, minRetriesPerSecond: number, ttlMs: number) =>
    new LinkerdRetryBudget({ kind: 'linkerd', retryRatio, minRetriesPerSecond, ttlMs });

  it('admits floor((reserve + deposits) / withdraw) retries within one generation (Linkerd defaults: 20 % + 10/s)', () => {
    // Linkerd docs: "retries may add at most an additional 20% to the request load plus 10 'free' retries per second".
    // Tower: ratio 0.2 ⇒ deposit 1 token per call, withdraw 5 per retry; reserve 10/s × 1 s × 5 = 50 tokens.
    const budget = linkerd(0.2, 10, 1000);
    for (let i = 0; i < 100; i++) budget.onCallStart(i * 0.5); // 100 calls in the first generation (100 ms)
    let admitted = 0;
    for (let i = 0; i < 100; i++) if (budget.allowRetry(60)) admitted++;
    expect(admitted).toBe((50 + 100) / 5); // 30
    expect(counters(budget)).toEqual({ 'retry-budget-admitted': 30, 'retry-budget-denied': 70 });
  });

  it("matches Tower's integer token arithmetic for any ratio, floor, ttl and call count (one generation)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), uniform(0.001, 1), uniform(1, 20)),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1000, max: 60_000 }),
        fc.integer({ min: 0, max: 300 }),
        (retryRatio, minRetriesPerSecond, ttlMs, calls) => {
          const budget = linkerd(retryRatio, minRetriesPerSecond, ttlMs);
          for (let i = 0; i < calls; i++) budget.onCallStart(0);
          let admitted = 0;
          const tries = 5000;
          for (let i = 0; i < tries; i++) if (budget.allowRetry(0)) admitted++;
          const [deposit, withdraw] =
            retryRatio === 0
              ? [0, 1]
              : retryRatio <= 1
                ? [1, Math.floor(1 / retryRatio)]
                : [1000, Math.floor(1000 / retryRatio)];
          const reserve = minRetriesPerSecond * Math.floor(ttlMs / 1000) * withdraw;
          expect(admitted).toBe(Math.min(tries, Math.floor((reserve + deposit * calls) / withdraw)));
        },
      ),
    );
  });

  it('rounds the ratio to whole tokens: 0.3 admits one retry per 3 calls (withdraw = floor(1/0.3) = 3)', () => {
    const budget = linkerd(0.3, 0, 1000);
    for (let i = 0; i < 30; i++) budget.onCallStart(0);
    expect(budget.balance(0)).toBe(10); // not 9
  });

  // Tower's own tests (tps_budget.rs: tps_leaky, tps_slots, tps_reserve), in simulated ms.
  it('forgets a deposit once its generation has left the window (tps_leaky)', () => {
    const budget = linkerd(1, 0, 1000);
    budget.onCallStart(0);
    expect(budget.allowRetry(3000)).toBe(false);
  });

  it('keeps deposits for about ttl, expiring them a generation (ttl/10) at a time (tps_slots)', () => {
    const budget = linkerd(0.5, 0, 1000);
    budget.onCallStart(0);
    budget.onCallStart(0);
    expect(budget.allowRetry(901)).toBe(true); // 900 ms later the deposits are still valid
    let t = 901 + 2001; // blank slate
    budget.onCallStart(t);
    t += 301;
    budget.onCallStart(t);
    t += 801;
    budget.onCallStart(t);
    // The first of the three has expired; the second and third make one retry (withdraw 2).
    expect(budget.allowRetry(t)).toBe(true);
    expect(budget.allowRetry(t)).toBe(false);
  });

  it("keeps a deposit ~ttl/2 under continuous traffic: Tower's expire skips a slot when a generation overran", () => {
    // ttl 1 s ⇒ generations of 100 ms. Looked at exactly every 100 ms, a deposit lives 10 generations
    // (+ the current one); looked at every 101 ms, each expire also clears the next slot (diff > window),
    // so only every other slot is used and the deposit is overwritten after 5 generations.
    const everyExactly = linkerd(1, 0, 1000);
    everyExactly.onCallStart(0);
    for (let t = 100; t <= 1000; t += 100) expect(everyExactly.balance(t), `t=${t}`).toBe(1);
    expect(everyExactly.balance(1100)).toBe(0);
    const everyLate = linkerd(1, 0, 1000);
    everyLate.onCallStart(0);
    for (let t = 101; t <= 505; t += 101) expect(everyLate.balance(t), `t=${t}`).toBe(1);
    expect(everyLate.balance(606)).toBe(0);
  });

  it('allows minRetriesPerSecond × ttl retries with no calls at all (tps_reserve)', () => {
    const budget = linkerd(1, 5, 1000);
    for (let i = 0; i < 5; i++) expect(budget.allowRetry(0)).toBe(true);
    expect(budget.allowRetry(0)).toBe(false);
  });

  it('rejects values Tower asserts against, naming the field', () => {
    expect(() => linkerd(0.2, 10, 500)).toThrow(/ttlMs.*500/);
    expect(() => linkerd(0.2, 10, 61_000)).toThrow(/ttlMs/);
    expect(() => linkerd(1001, 10, 10_000)).toThrow(/retryRatio/);
    expect(() => linkerd(0.2, 1.5, 10_000)).toThrow(/minRetriesPerSecond/);
  });
});

describe('EnvoyRetryBudget', () => {
  it('limits concurrent retries to max(minRetryConcurrency, floor(budgetPercent % × active+pending))', () => {
    const budget = EnvoyRetryBudget.budget({ kind: 'envoy', budgetPercent: 20, minRetryConcurrency: 3 });
    const client = clientOf([budget]);
    for (let i = 0; i < 10; i++) client.attemptStarted(host, false, 0);
    // 10 outstanding: 20 % = 2 < 3 ⇒ limit 3.
    expect(budget.limit()).toBe(3);
    for (let i = 0; i < 3; i++) {
      expect(client.allowRetry(0)).toBe(true);
      client.attemptStarted(host, true, 0);
    }
    // 13 outstanding (the retries count as requests too): floor(2.6) = 2 < 3 ⇒ limit 3, 3 retries out.
    expect(client.allowRetry(0)).toBe(false);
    for (let i = 0; i < 100; i++) client.attemptStarted(host, false, 0);
    expect(budget.limit()).toBe(Math.floor(0.2 * 113)); // 22
    expect(client.allowRetry(0)).toBe(true); // admitted: it holds a slot during its backoff already
    expect(budget.retriesInFlight).toBe(4);
    // A retry that ends frees its slot.
    client.attemptEnded(host, 'error', 1, 0, 'error');
    expect(budget.retriesInFlight).toBe(3);
    expect(counters(budget)).toEqual({ 'retry-budget-admitted': 4, 'retry-budget-denied': 1 });
  });

  it('without a budget, enforces Envoy max_retries (3 concurrent retries by default)', () => {
    const limit = EnvoyRetryBudget.maxRetries(3);
    const client = clientOf([limit]);
    for (let i = 0; i < 3; i++) {
      expect(client.allowRetry(0)).toBe(true);
      client.attemptStarted(host, true, 0);
    }
    expect(client.allowRetry(0)).toBe(false);
    client.attemptEnded(host, 'ok', 1, 0, 'error');
    expect(client.allowRetry(0)).toBe(true);
    // A first attempt ending does not free a retry slot.
    client.attemptStarted(host, true, 0);
    client.attemptStarted(host, false, 0);
    client.attemptEnded(host, 'ok', 1, 0, null);
    expect(client.allowRetry(0)).toBe(false);
  });

  it("holds a retry's slot from the decision, through its backoff, until the retried attempt ends or the retry is dropped (Envoy's shouldRetry / resetRetry)", () => {
    const limit = EnvoyRetryBudget.maxRetries(1);
    const client = clientOf([limit]);
    expect(client.allowRetry(0)).toBe(true); // decided at 0 ms: backing off, no attempt started yet
    expect(limit.retriesInFlight).toBe(1);
    expect(client.allowRetry(10)).toBe(false); // a retry decided during that backoff overflows
    client.attemptStarted(host, true, 50); // the backoff is over: the retry is sent
    expect(client.allowRetry(60)).toBe(false);
    client.attemptEnded(host, 'error', 20, 70, 'error'); // its response gives the slot back
    expect(client.allowRetry(70)).toBe(true);
    client.retryDropped(); // refused before it started, or given up during its backoff
    expect(limit.retriesInFlight).toBe(0);
    expect(client.allowRetry(80)).toBe(true);
    // No budget here: max_retries' refusals are Envoy's upstream_rq_retry_overflow; it counts no admission.
    expect(counters(limit)).toEqual({ 'retry-overflow': 2 });
  });

  it('never lets retries in flight exceed the limit at the moment each retry is admitted', () => {
    const op = fc.oneof(
      fc.constant({ kind: 'start' as const }),
      fc.constant({ kind: 'retry' as const }),
      fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(op, { maxLength: 300 }),
        (budgetPercent, minRetryConcurrency, ops) => {
          const budget = EnvoyRetryBudget.budget({ kind: 'envoy', budgetPercent, minRetryConcurrency });
          const client = clientOf([budget]);
          const inFlight: boolean[] = []; // isRetry of each outstanding attempt
          for (const o of ops) {
            if (o.kind === 'start') {
              client.attemptStarted(host, false, 0);
              inFlight.push(false);
            } else if (o.kind === 'retry') {
              const retries = inFlight.filter((r) => r).length;
              const limit = Math.max(
                minRetryConcurrency,
                Math.floor((budgetPercent / 100) * inFlight.length),
              );
              const allowed = client.allowRetry(0);
              expect(allowed).toBe(retries < limit);
              if (allowed) {
                // Sent at once (no backoff): its slot is held until the attempt ends.
                client.attemptStarted(host, true, 0);
                inFlight.push(true);
                expect(retries + 1).toBeLessThanOrEqual(limit);
              }
            } else if (inFlight.length > 0) {
              const [isRetry] = inFlight.splice(o.pick % inFlight.length, 1);
              client.attemptEnded(host, 'error', 1, 0, isRetry === true ? 'error' : null);
            }
          }
        },
      ),
    );
  });
});

describe('GrpcRetryThrottle (gRFC A6)', () => {
  it('disables retries once token_count falls to maxTokens / 2, and re-enables them above it', () => {
    const throttle = new GrpcRetryThrottle({ kind: 'grpc', maxTokens: 10, tokenRatio: 0.1 });
    for (let i = 0; i < 4; i++) throttle.onAttemptEnd(host, 'error');
    expect(throttle.tokens).toBe(6);
    expect(throttle.allowRetry()).toBe(true);
    throttle.onAttemptEnd(host, 'per-try-timeout');
    expect(throttle.tokens).toBe(5); // = maxTokens / 2: not above the threshold
    expect(throttle.allowRetry()).toBe(false);
    throttle.onAttemptEnd(host, 'rate-limited'); // 429 is not a failure, nor a success
    expect(throttle.tokens).toBe(5);
    throttle.onAttemptEnd(host, 'ok');
    expect(throttle.tokens).toBeCloseTo(5.1, 10);
    expect(throttle.allowRetry()).toBe(true);
    expect(counters(throttle)).toEqual({ 'retry-budget-admitted': 2, 'retry-budget-denied': 1 });
  });

  it('scales tokenRatio to thousandths as grpc-java does: (int) (0.251f * 1000f) = 250', () => {
    const throttle = new GrpcRetryThrottle({ kind: 'grpc', maxTokens: 10, tokenRatio: 0.251 });
    throttle.onAttemptEnd(host, 'error');
    throttle.onAttemptEnd(host, 'ok');
    expect(throttle.tokens).toBe(9.25);
  });

  it('keeps tokens in [0, maxTokens] and allows retries exactly while tokens > maxTokens / 2', () => {
    const result = fc.constantFrom<AttemptResult>(
      'ok',
      'error',
      'reset',
      'rate-limited',
      'denied',
      'per-try-timeout',
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(result, { maxLength: 200 }),
        (maxTokens, ratioMilli, results) => {
          const tokenRatio = ratioMilli / 1000;
          const throttle = new GrpcRetryThrottle({ kind: 'grpc', maxTokens, tokenRatio });
          // grpc-java: (int) (tokenRatio * 1000f) in 32-bit floats.
          const javaRatioMilli = Math.trunc(Math.fround(Math.fround(tokenRatio) * 1000));
          let milli = maxTokens * 1000;
          for (const r of results) {
            throttle.onAttemptEnd(host, r);
            if (r === 'ok') milli = Math.min(maxTokens * 1000, milli + javaRatioMilli);
            else if (r !== 'rate-limited' && r !== 'denied') milli = Math.max(0, milli - 1000);
            expect(throttle.tokens).toBeCloseTo(milli / 1000, 9);
            expect(throttle.allowRetry()).toBe(milli > (maxTokens * 1000) / 2);
          }
        },
      ),
    );
  });
});

describe('AwsRetryQuota (AWS SDK standard mode)', () => {
  it('pays retryCost per retry and refuses once the 500-token bucket cannot pay: 100 retries at cost 5', () => {
    const quota = new AwsRetryQuota(
      AWS_SDK_RETRY_QUOTA as Extract<typeof AWS_SDK_RETRY_QUOTA, { kind: 'aws-sdk' }>,
    );
    let admitted = 0;
    for (let i = 0; i < 150; i++) {
      quota.onAttemptEnd(host, 'error', 1, 0, null);
      if (quota.allowRetry()) admitted++;
    }
    expect(admitted).toBe(100);
    expect(quota.tokens).toBe(0);
  });

  it('charges timeoutCost for retrying a timed-out attempt: 50 retries at cost 10', () => {
    const quota = new AwsRetryQuota({
      kind: 'aws-sdk',
      capacity: 500,
      retryCost: 5,
      timeoutCost: 10,
      successRefund: 1,
    });
    let admitted = 0;
    for (let i = 0; i < 80; i++) {
      quota.onAttemptEnd(host, 'per-try-timeout', 1, 0, null);
      if (quota.allowRetry()) admitted++;
    }
    expect(admitted).toBe(50);
  });

  it('refunds successRefund on a first-try success and the retry cost on a successful retry, capped at capacity', () => {
    const quota = new AwsRetryQuota({
      kind: 'aws-sdk',
      capacity: 500,
      retryCost: 5,
      timeoutCost: 10,
      successRefund: 1,
    });
    quota.onAttemptEnd(host, 'ok', 1, 0, null);
    expect(quota.tokens).toBe(500); // capped
    quota.onAttemptEnd(host, 'per-try-timeout', 1, 0, null);
    expect(quota.allowRetry()).toBe(true);
    expect(quota.tokens).toBe(490);
    quota.onAttemptEnd(host, 'ok', 1, 0, 'per-try-timeout'); // the retry succeeded: its 10 come back
    expect(quota.tokens).toBe(500);
    quota.onAttemptEnd(host, 'error', 1, 0, null);
    quota.allowRetry();
    quota.onAttemptEnd(host, 'error', 1, 0, 'error');
    quota.allowRetry();
    expect(quota.tokens).toBe(490);
    quota.onAttemptEnd(host, 'ok', 1, 0, 'error'); // only the last retry's 5 come back
    expect(quota.tokens).toBe(495);
    quota.onAttemptEnd(host, 'ok', 1, 0, null);
    expect(quota.tokens).toBe(496);
  });

  it('never goes below 0 or above capacity, and refuses exactly when the bucket holds less than the cost', () => {
    const step = fc.record({
      result: fc.constantFrom<AttemptResult>('ok', 'error', 'per-try-timeout', 'reset'),
      retryOf: fc.constantFrom<AttemptResult | null>(null, 'error', 'per-try-timeout'),
      askRetry: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(step, { maxLength: 200 }), (capacity, steps) => {
        const quota = new AwsRetryQuota({
          kind: 'aws-sdk',
          capacity,
          retryCost: 5,
          timeoutCost: 10,
          successRefund: 1,
        });
        let tokens = capacity;
        for (const s of steps) {
          quota.onAttemptEnd(host, s.result, 1, 0, s.retryOf);
          if (s.result === 'ok') {
            tokens = Math.min(
              capacity,
              tokens + (s.retryOf === null ? 1 : s.retryOf === 'per-try-timeout' ? 10 : 5),
            );
          } else if (s.askRetry) {
            const cost = s.result === 'per-try-timeout' ? 10 : 5;
            expect(quota.allowRetry()).toBe(tokens >= cost);
            if (tokens >= cost) tokens -= cost;
          }
          expect(quota.tokens).toBe(tokens);
          expect(tokens).toBeGreaterThanOrEqual(0);
          expect(tokens).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });
});

describe('createRetryBudget', () => {
  it('builds the policy of each kind', () => {
    expect(
      createRetryBudget({ kind: 'linkerd', retryRatio: 0.2, minRetriesPerSecond: 10, ttlMs: 10_000 }).name,
    ).toBe('linkerd-retry-budget');
    expect(createRetryBudget({ kind: 'envoy', budgetPercent: 20, minRetryConcurrency: 3 }).name).toBe(
      'envoy-retry-budget',
    );
    expect(createRetryBudget({ kind: 'grpc', maxTokens: 10, tokenRatio: 0.1 }).name).toBe(
      'grpc-retry-throttle',
    );
    expect(
      createRetryBudget({ kind: 'aws-sdk', capacity: 500, retryCost: 5, timeoutCost: 10, successRefund: 1 })
        .name,
    ).toBe('aws-retry-quota');
  });

  it('rejects out-of-range parameters with an error naming the field and the value', () => {
    expect(() =>
      createRetryBudget(
        { kind: 'linkerd', retryRatio: -1, minRetriesPerSecond: 10, ttlMs: 1000 },
        'dest.retryBudget',
      ),
    ).toThrow('dest.retryBudget.retryRatio must be ≥ 0 (got -1)');
    expect(() => createRetryBudget({ kind: 'envoy', budgetPercent: 120, minRetryConcurrency: 3 })).toThrow(
      'retryBudget.budgetPercent must be ≤ 100 (got 120)',
    );
    expect(() => createRetryBudget({ kind: 'grpc', maxTokens: 0, tokenRatio: 0.1 })).toThrow(
      'retryBudget.maxTokens must be > 0 (got 0)',
    );
    expect(() =>
      createRetryBudget({ kind: 'linkerd', retryRatio: 0.2, minRetriesPerSecond: 10, ttlMs: Number.NaN }),
    ).toThrow('retryBudget.ttlMs must be a finite number (got NaN)');
  });
});
