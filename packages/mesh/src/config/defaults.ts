// Default values of the model that no mesh shape owns, each with its source or labelled as an
// assumption: call policies, the network, the clusters, and the assumptions every run prints.

import type { ClusterConfig, NetworkConfig } from './SimulationConfig.js';
import type { CallPolicy, RetryPolicy } from './CallPolicy.js';

/** Envoy's default retry backoff: base 25 ms, full jitter, max 10 × base (Envoy router filter docs). */
export const ENVOY_DEFAULT_BACKOFF = { baseMs: 25, maxMs: 250, jitter: 'full' } as const;

/** No retries. */
export const NO_RETRY: RetryPolicy = { maxAttempts: 1, retryOn: [], backoff: ENVOY_DEFAULT_BACKOFF };

/** No timeout, no retries: what an application does when the scenario says nothing. */
export const NO_POLICY: CallPolicy = { timeoutMs: Infinity, perTryTimeoutMs: Infinity, retry: NO_RETRY };

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

/**
 * CPU of the client side of a TLS 1.3 handshake in an application (TLS to a managed hop such as VPC
 * Lattice: an X25519 exchange and checking the server's RSA-2048 certificate chain, 0.10 ms of primitives
 * measured with `openssl speed`, times the same ≈ 1.4 as the proxies' handshakes) [ms of one core]. An
 * assumption (docs/model.md#connections).
 */
export const APP_TLS_HANDSHAKE_CPU_MS = 0.15;

/** Assumptions every run prints, so nobody mistakes a guess for a measurement. */
export const MODEL_ASSUMPTIONS: readonly string[] = [
  'Endpoint changes (crash, restart) reach load balancers after 1 s by default: an assumption.',
  'A worker stays busy while its request waits on downstream calls (thread-per-request server).',
];
