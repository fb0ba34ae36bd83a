// Policy state held by a shared enforcing proxy (istio-ambient's waypoints): one waypoint Envoy keeps one connection
// pool, one outlier detector and one local rate-limit bucket for every caller behind it — per waypoint replica —
// not one per calling pod (docs/mesh-shapes/istio-ambient.md#policy-state).

import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/index.js';
import type { FaultConfig, ServiceConfig, SimulationConfig } from '../../../src/index.js';
import { ENVOY_OUTLIER_DETECTION, NO_DESTINATION_POLICY } from '../../../src/config/policyDefaults.js';
import { assertConservation } from '../../__helpers__/assertions.js';
import { call, config, constantArrivals, service } from '../../__helpers__/configs.js';
import { edgeOf, inbound, serviceOf } from '../../__helpers__/protection.js';

/** `callers` frontends (no policy written: the mesh's default) calling `backend`, shaped by `backend`. */
function fanIn(
  callers: number,
  backend: Partial<ServiceConfig>,
  rps: number,
  shape = 'istio-ambient',
  faults: FaultConfig[] = [],
): SimulationConfig {
  return config(
    [
      service('frontend', {
        replicas: callers,
        concurrency: 256,
        queueCapacity: 256,
        serviceTimeMs: { kind: 'constant', value: 1 },
        calls: [[call('backend')]],
      }),
      service('backend', { concurrency: 64, queueCapacity: 64, ...backend }),
    ],
    [constantArrivals('frontend', rps, 'users')],
    { shape, durationMs: 5000, faults },
  );
}

/** A backend of 4 pods taking 50 ms, behind a waypoint (`replicas` of it), whose pool allows 5 + 5 pending. */
function pooled(replicas: number): Partial<ServiceConfig> {
  return {
    replicas: 4,
    serviceTimeMs: { kind: 'constant', value: 50 },
    waypoint: { replicas },
    destination: {
      ...NO_DESTINATION_POLICY,
      connectionPool: { maxConnections: 1024, maxRequests: 5, maxPendingRequests: 5, maxRetries: 3 },
    },
  };
}

describe('istio-ambient: the waypoint holds the policy state of every caller behind it', () => {
  it('one waypoint Envoy allows maxRequests for all ten callers together: most of 20 in flight overflow', () => {
    // 400/s × 50 ms = 20 requests in flight, all through the one waypoint, which allows 5 (+ 5 pending).
    const result = simulate(fanIn(10, pooled(1), 400));
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.successRate).toBeLessThan(0.5);
    expect(edge.failed).toBeGreaterThan(0);
  });

  it('two waypoint replicas are two Envoys, each with its own pool: about twice as many get through', () => {
    const one = edgeOf(simulate(fanIn(10, pooled(1), 400)), 'frontend', 'backend').succeeded;
    const two = edgeOf(simulate(fanIn(10, pooled(2), 400)), 'frontend', 'backend').succeeded;
    expect(two).toBeGreaterThan(1.5 * one);
  });

  it('one waypoint ejects the failing pod once, after its consecutive errors, for all thirty callers', () => {
    const bad: FaultConfig = {
      atMs: 0,
      durationMs: Infinity,
      service: 'backend',
      instances: 1,
      effect: { kind: 'error', rate: 1 },
    };
    const backend = {
      replicas: 10,
      waypoint: true,
      destination: { ...NO_DESTINATION_POLICY, outlierDetection: ENVOY_OUTLIER_DETECTION },
    };
    const edge = edgeOf(simulate(fanIn(30, backend, 400, 'istio-ambient', [bad])), 'frontend', 'backend');
    expect(edge.policyEvents['outlier-ejections']).toBe(1);
    // Envoy's default: 5 consecutive 5xx, seen by the one waypoint.
    expect(edge.failures.error).toBe(ENVOY_OUTLIER_DETECTION.consecutive5xx);
  });

  it('a local rate limit behind a waypoint is one bucket per waypoint replica, not one per backend pod', () => {
    const limited = (replicas: number): Partial<ServiceConfig> => ({
      replicas: 4,
      serviceTimeMs: { kind: 'constant', value: 5 },
      waypoint: { replicas },
      inbound: inbound({ rateLimit: { ratePerSecond: 50, burst: 50, scope: 'instance' } }),
    });
    // 400/s offered for 5 s against 50/s (+ a burst of 50) per bucket.
    const passed = (replicas: number): number => {
      const result = simulate(fanIn(2, limited(replicas), 400));
      const backend = serviceOf(result, 'backend');
      return backend.arrived - backend.rateLimited;
    };
    expect(passed(1)).toBeLessThanOrEqual(50 * 5 + 50);
    expect(passed(1)).toBeGreaterThan(50 * 5 * 0.9);
    expect(passed(2)).toBeLessThanOrEqual(2 * (50 * 5 + 50));
    expect(passed(2)).toBeGreaterThan(2 * 50 * 5 * 0.9);
  });

  it('without a waypoint nothing changes: the pool is not enforced by ztunnel (a warning says so)', () => {
    const backend = { ...pooled(1) };
    delete backend.waypoint;
    const result = simulate(fanIn(10, backend, 400));
    expect(edgeOf(result, 'frontend', 'backend').successRate).toBeGreaterThan(0.99);
  });
});
