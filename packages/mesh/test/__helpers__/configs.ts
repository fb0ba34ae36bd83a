// Small SimulationConfig builders for mesh tests: a chain of services fed by one open-loop source.

import { DEFAULT_CLUSTERS, DEFAULT_NETWORK, NO_POLICY, resolveMeshConfig } from '../../src/index.js';
import type {
  CallConfig,
  CallPolicy,
  ClusterConfig,
  MeshOptions,
  OpenTrafficConfig,
  ServiceConfig,
  SimulationConfig,
  TrafficConfig,
} from '../../src/index.js';
import type { DistributionSpec } from '@meshsim/engine';

/** A service with sensible defaults; override any field. */
export function service(name: string, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    name,
    namespace: 'default',
    cluster: 'cluster-1',
    replicas: 2,
    concurrency: 8,
    queueCapacity: 64,
    queueDiscipline: 'fifo',
    serviceTimeMs: { kind: 'exponential', mean: 5 },
    errorRate: 0,
    calls: [],
    ...overrides,
  };
}

/** A call entry with an explicit policy (or none). */
export function call(to: string, policy?: CallPolicy, overrides: Partial<CallConfig> = {}): CallConfig {
  return {
    to,
    probability: 1,
    optional: false,
    policySet: policy !== undefined,
    policy: policy ?? NO_POLICY,
    ...overrides,
  };
}

/** A constant-rate Poisson source. */
export function poisson(
  to: string,
  rps: number,
  policy: CallPolicy = NO_POLICY,
  name = 'client',
): TrafficConfig {
  return { kind: 'open', name, to, arrival: 'poisson', rate: [{ atMs: 0, rps, rampToNext: false }], policy };
}

/** Evenly spaced arrivals at `rps` (the first 1000/rps ms after 0), with any other source fields in `extra`. */
export function constantArrivals(
  to: string,
  rps: number,
  name = 'client',
  extra: Partial<OpenTrafficConfig> = {},
): OpenTrafficConfig {
  return {
    kind: 'open',
    name,
    to,
    arrival: 'constant',
    rate: [{ atMs: 0, rps, rampToNext: false }],
    policy: NO_POLICY,
    ...extra,
  };
}

/** A full config around the given services and traffic. */
export function config(
  services: ServiceConfig[],
  traffic: TrafficConfig[],
  overrides: Partial<SimulationConfig> & { shape?: string } = {},
): SimulationConfig {
  const { shape = 'none', ...rest } = overrides;
  return {
    name: 'test',
    description: 'test scenario',
    seed: 1,
    durationMs: 10_000,
    mesh: resolveMeshConfig({ shape }),
    network: DEFAULT_NETWORK,
    clusters: DEFAULT_CLUSTERS,
    services,
    traffic,
    faults: [],
    assumptions: [],
    ...rest,
  };
}

/**
 * `services` (and `traffic`) in one cluster `c` of one zone `z`, its nodes as `cluster` says (`nodes` of them,
 * `nodeCpu`, `nodeMaxPods`, pools …), under `mesh`, for `durationMs`: the set-up of the placement tests.
 */
export function inOneCluster(
  services: ServiceConfig[],
  traffic: TrafficConfig[],
  cluster: Partial<ClusterConfig> & { nodes?: number },
  mesh: MeshOptions = { shape: 'none' },
  durationMs = 500,
): SimulationConfig {
  const { nodes = 1, ...rest } = cluster;
  const cfg = config(services, traffic, {
    durationMs,
    clusters: [{ name: 'c', region: 'r', vpc: 'v', zones: [{ name: 'z', nodes }], ...rest }],
  });
  return {
    ...cfg,
    services: cfg.services.map((s) => ({ ...s, cluster: 'c' })),
    mesh: resolveMeshConfig(mesh),
  };
}

/** A zero-latency network, for tests that compare against queueing theory. */
export const ZERO_NETWORK = {
  sameNodeMs: { kind: 'constant', value: 0 } as DistributionSpec,
  sameZoneMs: { kind: 'constant', value: 0 } as DistributionSpec,
  crossZoneMs: { kind: 'constant', value: 0 } as DistributionSpec,
  crossClusterMs: { kind: 'constant', value: 0 } as DistributionSpec,
};

/** A policy with a timeout and retries. */
export function policy(timeoutMs: number, maxAttempts = 1, perTryTimeoutMs = Infinity): CallPolicy {
  return {
    timeoutMs,
    perTryTimeoutMs,
    retry: { maxAttempts, retryOn: ['5xx'], backoff: { baseMs: 25, maxMs: 250, jitter: 'full' } },
  };
}
