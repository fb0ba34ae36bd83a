// Closed-loop traffic: a user whose call ended at the instant it was sent pauses at least
// MIN_THINK_AFTER_INSTANT_CALL_MS before resending, so a run with instantaneous refusals advances.

import { describe, expect, it } from 'vitest';
import {
  HYSTRIX_BREAKER,
  MIN_THINK_AFTER_INSTANT_CALL_MS,
  NO_DESTINATION_POLICY,
  NO_POLICY,
  simulate,
} from '../../src/index.js';
import type { TrafficConfig } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { ZERO_NETWORK, config, service } from '../__helpers__/configs.js';

/** `count` closed-loop users with no think time. */
function users(count: number): TrafficConfig {
  return {
    kind: 'closed',
    name: 'users',
    to: 'api',
    users: count,
    thinkTimeMs: { kind: 'constant', value: 0 },
    policy: NO_POLICY,
  };
}

describe('closed-loop users and instantaneous answers', () => {
  it('the issue #12 Zeno hang: 10 users with no think time against an open error-rate breaker finish the run', () => {
    const cfg = config(
      [
        service('api', {
          errorRate: 0.9,
          destination: {
            ...NO_DESTINATION_POLICY,
            errorRateBreaker: { ...HYSTRIX_BREAKER, minimumRequests: 5, windowMs: 2000, openMs: 5000 },
          },
        }),
      ],
      [users(10)],
      { durationMs: 10_000 },
    );
    const result = simulate(cfg);

    expect(result.stopped).toBeUndefined();
    const edge = result.edges[0];
    expect(edge?.failures['breaker-open']).toBeGreaterThan(0);
    // Each refused user resends at most once per MIN_THINK_AFTER_INSTANT_CALL_MS (1 ms).
    expect(MIN_THINK_AFTER_INSTANT_CALL_MS).toBe(1);
    expect(edge?.calls).toBeLessThanOrEqual(10 * 10_000 + 10);
    expect(
      result.warnings.some((w) => w.startsWith('Closed-loop users of users got answers at the instant')),
    ).toBe(true);
    assertConservation(result);
  });

  it('a call that ends at the instant it started is followed by a pause of 1 ms, whatever the think time', () => {
    const cfg = config([service('api', { serviceTimeMs: { kind: 'constant', value: 0 } })], [users(1)], {
      network: ZERO_NETWORK,
      durationMs: 1000,
    });
    const result = simulate(cfg);

    expect(result.warnings.filter((w) => w.includes('at the instant they sent'))).toHaveLength(1);
    // Sends at 0, 1, …, 999 ms: every call takes 0 ms, then the user waits 1 ms.
    expect(result.edges[0]?.calls).toBe(1000);
    expect(result.stopped).toBeUndefined();
  });

  it('leaves users alone whose calls take time: no pause added, no warning', () => {
    const cfg = config([service('api')], [users(3)], { durationMs: 2000 });
    const result = simulate(cfg);
    expect(result.warnings.some((w) => w.includes('at the instant they sent'))).toBe(false);
  });
});
