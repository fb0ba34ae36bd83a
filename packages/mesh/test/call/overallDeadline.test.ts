// The overall timeout of a call with a shorter per-try timeout: its timer is armed only once the call waits
// on something that could outlast the deadline (a later attempt, a backoff), and then it fires on time.
// Every call here outlives its deadline, so each must end as 'timeout', never 'per-try-timeout'.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type { EdgeMetrics } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { ZERO_NETWORK, config, poisson, policy, service } from '../__helpers__/configs.js';

/** 20 req/s into a service that always takes 200 ms, under `timeoutMs` / 3 attempts / `perTryMs`. */
function run(timeoutMs: number, perTryMs: number): EdgeMetrics {
  const result = simulate(
    config(
      [service('slow', { concurrency: 1000, serviceTimeMs: { kind: 'constant', value: 200 } })],
      [poisson('slow', 20, policy(timeoutMs, 3, perTryMs))],
      { durationMs: 20_000, network: ZERO_NETWORK },
    ),
  );
  assertConservation(result);
  const edge = result.edges[0];
  if (edge === undefined) throw new Error('no edge');
  return edge;
}

describe('a call whose per-try timeout is shorter than its overall timeout', () => {
  it('times out overall during its third attempt: 3 × 50 ms of tries outlast a 120 ms deadline', () => {
    const e = run(120, 50);
    expect(e.failed).toBeGreaterThan(350);
    expect(e.failures.timeout).toBe(e.failed);
    expect(e.failures['per-try-timeout']).toBe(0);
    expect(e.retries).toBeGreaterThan(e.calls);
  });

  it('times out overall during a backoff or the second try: 50 ms tries, a 60 ms deadline', () => {
    const e = run(60, 50);
    expect(e.failed).toBeGreaterThan(350);
    expect(e.failures.timeout).toBe(e.failed);
    expect(e.failures['per-try-timeout']).toBe(0);
  });

  it('ends by its last per-try timeout when the tries fit in the deadline: 3 × 50 ms in 1 s', () => {
    const e = run(1000, 50);
    expect(e.failed).toBeGreaterThan(350);
    expect(e.failures['per-try-timeout']).toBe(e.failed);
    expect(e.failures.timeout).toBe(0);
    // Every finished call made its three attempts.
    expect(e.retries).toBeGreaterThanOrEqual(2 * (e.calls - e.inFlight));
    expect(e.retries).toBeLessThanOrEqual(2 * e.calls);
  });
});

describe('a response due at the instant of its timeout (events at one instant fire in the order they were scheduled)', () => {
  it('loses the tie: the timeout, armed when the call started, fires first; a hair later the response wins', () => {
    const at = (timeoutMs: number): EdgeMetrics => run(timeoutMs, Infinity);
    // The service always takes exactly 200 ms and the network takes nothing: response and timeout tie at 200 ms.
    const tie = at(200);
    expect(tie.succeeded).toBe(0);
    expect(tie.failures.timeout).toBe(tie.failed);
    const later = at(200.001);
    expect(later.failed).toBe(0);
    expect(later.succeeded).toBeGreaterThan(350);
  });
});
