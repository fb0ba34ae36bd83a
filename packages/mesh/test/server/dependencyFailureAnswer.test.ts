// Contracts of what a service answers when one of its calls failed (`onDependencyFailure`, Instance.ts): the
// status it answers, and how its caller records it — as an error of a request the service served, not as the
// `rejected` of a full queue (docs/model.md#what-a-failed-dependency-returns, docs/output-formats.md).

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type { DependencyFailureAnswer, ServiceConfig } from '../../src/index.js';
import { call, config, policy, poisson, service } from '../__helpers__/configs.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { edgeOf, serviceOf } from '../__helpers__/protection.js';

/** frontend → backend, backend as `backend` says; frontend answers `answer` when its call fails. */
function run(answer: DependencyFailureAnswer, backend: Partial<ServiceConfig>, retryOn = false) {
  const client = policy(10_000, retryOn ? 3 : 1);
  return simulate(
    config(
      [
        service('frontend', { onDependencyFailure: answer, calls: [[call('backend')]] }),
        service('backend', backend),
      ],
      [
        poisson('frontend', 100, {
          ...client,
          retry: {
            ...client.retry,
            retryOn: ['gateway-error'],
            backoff: { baseMs: 1, maxMs: 1, jitter: 'none' },
          },
        }),
      ],
      { durationMs: 2000 },
    ),
  );
}

describe('onDependencyFailure', () => {
  it('503: the caller records service-unavailable (served, an error), not rejected (refused unserved)', () => {
    const result = run({ kind: 'status', status: 503 }, { errorRate: 1 });
    const edge = edgeOf(result, 'client', 'frontend');
    expect(edge.failed).toBeGreaterThan(100);
    expect(edge.failures['service-unavailable']).toBe(edge.failed);
    expect(edge.failures.rejected).toBe(0);
    const frontend = serviceOf(result, 'frontend');
    expect(frontend.rejected).toBe(0);
    expect(frontend.errors).toBe(frontend.completed);
    assertConservation(result);
  });

  it('passthrough of a full queue: 503 service-unavailable at the caller; the full queue is rejected one hop down', () => {
    // backend: one worker, no queue, 50 ms per request at 100 req/s: most of frontend's calls find it full.
    const result = run(
      { kind: 'passthrough' },
      { replicas: 1, concurrency: 1, queueCapacity: 0, serviceTimeMs: { kind: 'constant', value: 50 } },
    );
    const down = edgeOf(result, 'frontend', 'backend');
    expect(down.failures.rejected).toBeGreaterThan(50);
    const edge = edgeOf(result, 'client', 'frontend');
    expect(edge.failures['service-unavailable']).toBe(down.failures.rejected);
    expect(edge.failures.rejected).toBe(0);
  });

  it('a 503 answered for a dependency is still a 503 on the wire: retried under gateway-error', () => {
    const result = run({ kind: 'status', status: 503 }, { errorRate: 1 }, true);
    const edge = edgeOf(result, 'client', 'frontend');
    expect(edge.failed).toBeGreaterThan(100);
    expect(edge.retries).toBeGreaterThanOrEqual(2 * edge.failed); // every failed call had its two retries
    expect(edge.failures['service-unavailable']).toBe(edge.failed);
  });
});
