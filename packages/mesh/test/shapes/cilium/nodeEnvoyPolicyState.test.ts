// Policy state held by Cilium's per-node Envoy: the pods of a node share their node's Envoy, so its connection pool
// and local rate-limit bucket count every call it carries — one state per node Envoy, not one per calling pod.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/index.js';
import type { ServiceConfig, SimulationConfig } from '../../../src/index.js';
import { NO_DESTINATION_POLICY } from '../../../src/config/policyDefaults.js';
import { call, constantArrivals, inOneCluster, service } from '../../__helpers__/configs.js';
import { edgeOf, inbound, serviceOf } from '../../__helpers__/protection.js';

/** Ten frontends calling `backend` at 400/s, every pod on `nodes` nodes of 16 cores, under `shape`. */
function fanIn(backend: Partial<ServiceConfig>, nodes: number, shape: string): SimulationConfig {
  return inOneCluster(
    [
      service('frontend', {
        replicas: 10,
        concurrency: 256,
        queueCapacity: 256,
        serviceTimeMs: { kind: 'constant', value: 1 },
        calls: [[call('backend')]],
      }),
      service('backend', { replicas: 4, concurrency: 64, queueCapacity: 64, ...backend }),
    ],
    [constantArrivals('frontend', 400, 'users')],
    { nodes, nodeCpu: 16 },
    { shape },
    5000,
  );
}

const POOLED: Partial<ServiceConfig> = {
  serviceTimeMs: { kind: 'constant', value: 50 },
  destination: {
    ...NO_DESTINATION_POLICY,
    connectionPool: { maxConnections: 1024, maxRequests: 5, maxPendingRequests: 5, maxRetries: 3 },
  },
};

describe('cilium: the node Envoy holds the policy state of the pods on its node', () => {
  it('one node Envoy allows maxRequests for the ten frontends on its node together', () => {
    // 400/s × 50 ms = 20 in flight through the one node's Envoy, which allows 5 (+ 5 pending).
    const result = simulate(fanIn(POOLED, 1, 'cilium'));
    expect(edgeOf(result, 'frontend', 'backend').successRate).toBeLessThan(0.5);
  });

  it('a local rate limit runs in the callers’ node Envoy: one bucket for a node, not one per backend pod', () => {
    const limited: Partial<ServiceConfig> = {
      serviceTimeMs: { kind: 'constant', value: 5 },
      inbound: inbound({ rateLimit: { ratePerSecond: 50, burst: 50, scope: 'instance' } }),
    };
    const backend = serviceOf(simulate(fanIn(limited, 1, 'cilium')), 'backend');
    expect(backend.arrived - backend.rateLimited).toBeLessThanOrEqual(50 * 5 + 50);
  });
});
