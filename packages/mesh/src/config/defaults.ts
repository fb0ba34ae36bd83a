// Default values of the model, each with its source or labelled as an assumption.
// Sources are in ../shared/research/mesh-calibration.md (see docs/mesh-shapes/ for the full citations).

import type {
  CallPolicy,
  ClusterConfig,
  MeshConfig,
  MeshShapeName,
  NetworkConfig,
  ProxyProfile,
  RetryPolicy,
} from './SimulationConfig.js';

/** Envoy's default retry backoff: base 25 ms, full jitter, max 10 × base (Envoy router filter docs). */
export const ENVOY_DEFAULT_BACKOFF = { baseMs: 25, maxMs: 250, jitter: 'full' } as const;

/** No retries. */
export const NO_RETRY: RetryPolicy = { maxAttempts: 1, retryOn: [], backoff: ENVOY_DEFAULT_BACKOFF };

/** No timeout, no retries: what an application does when the scenario says nothing. */
export const NO_POLICY: CallPolicy = { timeoutMs: Infinity, perTryTimeoutMs: Infinity, retry: NO_RETRY };

/**
 * Istio's default retry policy when a VirtualService sets none: 2 retries on
 * connect-failure, refused-stream, unavailable, cancelled (istio/istio retry.go; current releases
 * no longer retry application 503s, PR #52111). In this model: connect failures and resets.
 */
export const ISTIO_DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  retryOn: ['connect-failure', 'reset'],
  backoff: ENVOY_DEFAULT_BACKOFF,
};

/**
 * Envoy sidecar in Istio 1.20–1.24. Latency: the 1.20 perf page reports +0.228 ms p90 / +0.298 ms p99
 * for two proxies (four traversals); each traversal is lognormal, fitted to that (calibrated in
 * docs/mesh-shapes/istio-sidecar.md). CPU: 0.20 vCPU per 1000 rps (1.24 page) = 0.2 ms per request.
 * Memory: 60 MB (1.24 page). Workers: 2 (the benchmark's proxy worker threads).
 * Memory per endpoint: an assumption (the docs only say memory follows configuration size).
 */
export const ISTIO_SIDECAR_PROFILE: ProxyProfile = {
  latencyMs: { kind: 'lognormal', median: 0.045, p99: 0.11 },
  workers: 2,
  cpuMsPerRequest: 0.2,
  memoryBaseMiB: 60 / 1.048576,
  memoryPerEndpointKiB: 2,
};

/** Network one-way latency by locality. All four are assumptions (no citable figure found). */
export const DEFAULT_NETWORK: NetworkConfig = {
  sameNodeMs: { kind: 'lognormal', median: 0.02, p99: 0.05 },
  sameZoneMs: { kind: 'lognormal', median: 0.1, p99: 0.3 },
  crossZoneMs: { kind: 'lognormal', median: 0.5, p99: 1.5 },
  crossClusterMs: { kind: 'lognormal', median: 1, p99: 3 },
};

/** One cluster in one region with three zones of four nodes each (an assumption of convenience). */
export const DEFAULT_CLUSTERS: readonly ClusterConfig[] = [
  {
    name: 'cluster-1',
    region: 'region-1',
    vpc: 'vpc-1',
    zones: [
      { name: 'zone-a', nodes: 4 },
      { name: 'zone-b', nodes: 4 },
      { name: 'zone-c', nodes: 4 },
    ],
  },
];

/** Default load balancer per shape: kube-proxy picks at random; libraries and Envoy round-robin in this slice. */
export function defaultLoadBalancer(shape: MeshShapeName): MeshConfig['loadBalancer'] {
  return shape === 'none' ? 'random' : 'round-robin';
}

/** The default mesh configuration of a shape. */
export function defaultMeshConfig(shape: MeshShapeName): MeshConfig {
  return {
    shape,
    libraryServices: 'all',
    libraryCpuMsPerCall: 0.02,
    sidecar: ISTIO_SIDECAR_PROFILE,
    endpointUpdateDelayMs: 1000,
    loadBalancer: defaultLoadBalancer(shape),
    defaultPolicy:
      shape === 'istio-sidecar'
        ? { timeoutMs: Infinity, perTryTimeoutMs: Infinity, retry: ISTIO_DEFAULT_RETRY }
        : NO_POLICY,
  };
}

/** Assumptions every run prints, so nobody mistakes a guess for a measurement. */
export const MODEL_ASSUMPTIONS: readonly string[] = [
  'Network latency by locality (same node 0.02 ms, same zone 0.1 ms, cross-zone 0.5 ms, cross-cluster 1 ms median, one way) is an assumption, not a measurement.',
  'Endpoint changes (crash, restart) reach load balancers after 1 s by default: an assumption.',
  'A worker stays busy while its request waits on downstream calls (thread-per-request server).',
];
