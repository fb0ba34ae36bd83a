// Who retries under istio-ambient: a waypoint retries what failed upstream of it, and nothing that failed before
// it (itself down, the caller's ztunnel down): ztunnel has no retry, so such a failure reaches the calling
// application as it is. A calling application's own retry policy (no waypoint) still retries.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/index.js';
import type { CallPolicy, FaultConfig, ServiceConfig, SimulationConfig } from '../../../src/index.js';
import { assertConservation } from '../../__helpers__/assertions.js';
import { call, config, constantArrivals, service } from '../../__helpers__/configs.js';
import { edgeOf } from '../../__helpers__/protection.js';

function crash(service: string, proxy: 'waypoint' | 'ztunnel', instances = 1): FaultConfig {
  return { atMs: 1000, durationMs: 2000, service, instances, effect: { kind: 'crash-proxy', proxy } };
}

/** frontend ×2 → backend ×4 (`backend` overrides), 200/s, under istio-ambient; `policy`: frontend's written one. */
function pair(backend: Partial<ServiceConfig>, faults: FaultConfig[], policy?: CallPolicy): SimulationConfig {
  return config(
    [
      service('frontend', {
        concurrency: 64,
        serviceTimeMs: { kind: 'constant', value: 1 },
        calls: [[call('backend', policy)]],
      }),
      service('backend', {
        replicas: 4,
        concurrency: 16,
        serviceTimeMs: { kind: 'constant', value: 5 },
        ...backend,
      }),
    ],
    [constantArrivals('frontend', 200, 'users')],
    { shape: 'istio-ambient', durationMs: 4000, faults },
  );
}

const RETRY_ALL: CallPolicy = {
  timeoutMs: Infinity,
  perTryTimeoutMs: Infinity,
  retry: {
    maxAttempts: 3,
    retryOn: ['5xx', 'connect-failure', 'reset'],
    backoff: { baseMs: 25, maxMs: 250, jitter: 'full' },
  },
};

describe('istio-ambient: retries are the waypoint’s, for failures it saw', () => {
  it('a crashed waypoint retries nothing: its calls fail once each (Istio’s default retry is the waypoint’s)', () => {
    const result = simulate(pair({ waypoint: { replicas: 2 } }, [crash('backend', 'waypoint')]));
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.failures['connect-failure']).toBeGreaterThan(0);
    expect(edge.retries).toBe(0);
  });

  it('nor does it retry a written retry policy it enforces while it is down', () => {
    const result = simulate(pair({ waypoint: true }, [crash('backend', 'waypoint')], RETRY_ALL));
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.failed).toBeGreaterThan(0);
    expect(edge.retries).toBe(0);
  });

  it('a crashed ztunnel on the caller’s node: the waypoint never sees the call, nothing retries', () => {
    const result = simulate(pair({ waypoint: true }, [crash('frontend', 'ztunnel', 2)], RETRY_ALL));
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.failed).toBeGreaterThan(0);
    expect(edge.retries).toBe(0);
  });

  it('the waypoint still retries what failed upstream of it (a pod’s errors)', () => {
    const result = simulate(pair({ waypoint: true, errorRate: 0.2 }, [], RETRY_ALL));
    expect(edgeOf(result, 'frontend', 'backend').retries).toBeGreaterThan(0);
  });

  it('without a waypoint the retries are the application’s own: it retries a dead ztunnel’s refusals', () => {
    const result = simulate(pair({}, [crash('frontend', 'ztunnel', 2)], RETRY_ALL));
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.failed).toBeGreaterThan(0);
    expect(edge.retries).toBeGreaterThan(0);
  });
});
