// A config built in code meets the same bounds as a scenario file: simulate() refuses it, naming the field.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTERS, NO_POLICY, Simulation, simulate } from '../../../src/index.js';
import { call, config, policy, poisson, service } from '../../__helpers__/configs.js';

describe('checkConfigBounds (run by Simulation before building the model)', () => {
  it.each([
    ['durationMs', { durationMs: Infinity }, 'durationMs must be a finite number (got Infinity)'],
    ['a duration over 30 days', { durationMs: 1e12 }, 'durationMs must be ≤ 2592000000 (got 1000000000000)'],
    [
      'replicas 1e12 (a V8 crash before)',
      { services: [service('a', { replicas: 1e12 })] },
      'services.a.replicas must be ≤ 10000 (got 1000000000000)',
    ],
    [
      'a CPU request above its limit (Kubernetes refuses the pod)',
      { services: [service('a', { cpuLimitCores: 0.5, cpuRequestCores: 1 })] },
      'services.a.cpuLimitCores must be ≥ cpuRequestCores (1) (got 0.5): Kubernetes refuses a pod whose request is above its limit',
    ],
    [
      "a sidecar's memory request above its limit",
      { services: [service('a', { proxyMemoryLimitMiB: 256, proxyMemoryRequestMiB: 1024 })] },
      'services.a.proxyMemoryLimitMiB must be ≥ proxyMemoryRequestMiB (1024) (got 256): Kubernetes refuses a pod whose request is above its limit',
    ],
    [
      'a fractional concurrency',
      { services: [service('a', { concurrency: 1.5 })] },
      'services.a.concurrency must be an integer (got 1.5)',
    ],
    [
      '1000 attempts',
      { services: [service('a', { calls: [[call('b', policy(100, 1000))]] }), service('b')] },
      'services.a.calls[0][0].policy.retry.maxAttempts must be ≤ 100 (got 1000)',
    ],
    [
      'a rate of 1e300 (out of heap before)',
      { traffic: [poisson('a', 1e300)] },
      'traffic[0].rate[0].rps must be in [0, 1000000] (got 1e+300)',
    ],
    [
      'a million users too many',
      {
        traffic: [
          {
            kind: 'closed' as const,
            name: 'u',
            to: 'a',
            users: 2e6,
            thinkTimeMs: { kind: 'constant' as const, value: 1 },
            policy: NO_POLICY,
          },
        ],
      },
      'traffic[0].users must be ≤ 1000000 (got 2000000)',
    ],
    [
      'a node of 9.4e-323 cores (its next event at Infinity before)',
      { clusters: [{ ...DEFAULT_CLUSTERS[0]!, nodeCpu: 9.4e-323 }] },
      'clusters[0].nodeCpu must be ≥ 0.001 (got 9.4e-323)',
    ],
    [
      'a cluster of a billion nodes (out of memory before)',
      { clusters: [{ ...DEFAULT_CLUSTERS[0]!, zones: [{ name: 'z', nodes: 1e9 }] }] },
      'clusters[0].zones: the nodes add up to 1000000000, more than 5000',
    ],
    [
      '31 clusters of 5,000 nodes',
      {
        clusters: Array.from({ length: 31 }, (_, i) => ({
          ...DEFAULT_CLUSTERS[0]!,
          name: `c${i}`,
          zones: [{ name: 'z', nodes: 5000 }],
        })),
      },
      'clusters: the nodes add up to 155000, more than 150000',
    ],
    [
      'a CPU limit finer than 1m',
      { services: [service('a', { cpuLimitCores: 0.0005 })] },
      'services.a.cpuLimitCores must be ≥ 0.001 (got 0.0005)',
    ],
    [
      'a CPU request of 0',
      { services: [service('a', { cpuRequestCores: 0 })] },
      'services.a.cpuRequestCores must be ≥ 0.001 (got 0)',
    ],
    [
      'a NaN proxy CPU limit',
      { services: [service('a', { proxyCpuLimitCores: NaN })] },
      'services.a.proxyCpuLimitCores must be a finite number or Infinity (unlimited) (got NaN)',
    ],
    [
      'a negative CPU share of the service time (negative CPU and cost before)',
      { services: [service('a', { serviceTimeCpuShare: -1 })] },
      'services.a.serviceTimeCpuShare must be ≥ 0 (got -1)',
    ],
    [
      'a CPU share of 2 (twice the CPU before)',
      { services: [service('a', { serviceTimeCpuShare: 2 })] },
      'services.a.serviceTimeCpuShare must be ≤ 1 (got 2)',
    ],
    [
      'a zone of 0 nodes (no node to place a pod on, without a path, before)',
      { clusters: [{ ...DEFAULT_CLUSTERS[0]!, zones: [{ name: 'z', nodes: 0 }] }] },
      'clusters[0].zones[0].nodes must be ≥ 1 (got 0): leave out a zone without nodes',
    ],
    [
      'an unknown protocol',
      { services: [service('a', { protocol: 'http3' as 'http1' })] },
      'services.a.protocol must be one of "http1", "http2" (got http3)',
    ],
    [
      'an answer of 418 to a failed dependency',
      { services: [service('a', { onDependencyFailure: { kind: 'status', status: 418 as 500 } })] },
      'services.a.onDependencyFailure must be one of 500, 502, 503, 504, "passthrough" (got 418)',
    ],
    [
      'a timeout of null (JSON writes Infinity so)',
      {
        traffic: [
          { ...poisson('a', 10), policy: { ...NO_POLICY, perTryTimeoutMs: null as unknown as number } },
        ],
      },
      'traffic[0].policy.perTryTimeoutMs must be a finite number or Infinity (none) (got null): JSON writes Infinity as null; put Infinity back',
    ],
  ])('refuses %s', (_name, overrides, message) => {
    const cfg = { ...config([service('a')], [poisson('a', 10)]), ...overrides };
    expect(() => new Simulation(cfg)).toThrow(new RangeError(message));
  });

  it('accepts an unbounded queue and every value at its bound', () => {
    const cfg = config(
      [service('a', { replicas: 3, queueCapacity: Infinity, concurrency: 100_000, cpuLimitCores: 0.001 })],
      [poisson('a', 10)],
      {
        durationMs: 500,
        clusters: DEFAULT_CLUSTERS.map((cluster) => ({ ...cluster, nodeCpu: 0.001 })),
      },
    );
    expect(simulate(cfg).stopped).toBeUndefined();
  });
});
