// Default values of the model, each with its source or labelled as an assumption.
// Sources are in docs/sources.md (see docs/mesh-shapes/ for where each figure is used).

import type {
  CallPolicy,
  ClusterConfig,
  IstioVersion,
  LayeredConfig,
  MeshConfig,
  MeshShapeName,
  NetworkConfig,
  ProxyProfile,
  RetryPolicy,
} from './SimulationConfig.js';
import { WAYPOINT_PROFILE, ZTUNNEL_PROFILE } from './profiles/ambient.js';
import { APP_MESH_ENVOY_PROFILE } from './profiles/appMesh.js';
import { CILIUM_NODE_ENVOY_PROFILE, EBPF_PROFILE } from './profiles/cilium.js';
import { CONSUL_ENVOY_PROFILE, CONSUL_REQUEST_TIMEOUT_MS } from './profiles/consul.js';
import { DEFAULT_ISTIO_VERSION, ISTIO_SIDECAR_PROFILES, istioSidecarProfile } from './profiles/istio.js';
import { LATTICE_HOP_PROFILE } from './profiles/lattice.js';
import { LINKERD_PROXY_PROFILE } from './profiles/linkerd.js';
import { AWS_US_EAST_1_PRICES } from './profiles/prices.js';

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
 * App Mesh's implicit retry policy (meshes in accounts without meshes before 2020-07-29): max retries
 * 2 on HTTP 503, connect-failure, refused-stream and Envoy `reset` (aws-app-mesh-user-guide
 * envoy-defaults.md). In this model: connect failures, resets and 503 overflows.
 */
export const APP_MESH_DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  retryOn: ['connect-failure', 'reset', 'overflow'],
  backoff: ENVOY_DEFAULT_BACKOFF,
};

/** App Mesh route request timeout default: 15 s (aws-app-mesh-user-guide routes.md). */
export const APP_MESH_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Envoy sidecar in Istio 1.20–1.24 (the default `sidecar` profile): latency fitted to the 1.20 page
 * (+0.228 ms p90 / +0.298 ms p99 for two proxies), 0.20 vCPU and 60 MB per 1000 rps (1.24 page).
 * All bands are in config/profiles/istio.ts.
 */
export const ISTIO_SIDECAR_PROFILE: ProxyProfile = ISTIO_SIDECAR_PROFILES['1.20-1.24'];

/** The seed-000 design: Istio ambient inside each cluster, VPC Lattice between clusters. */
export const DEFAULT_LAYERED: LayeredConfig = { inCluster: 'istio-ambient', crossCluster: 'vpc-lattice' };

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
 * Default load balancer per shape: kube-proxy and Cilium's eBPF service load balancing pick at random;
 * Istio sidecars use LEAST_REQUEST (Istio's default since pilot's `defaultLBAlgorithm()`;
 * docs/sources.md#istio-default-lb); linkerd2-proxy P2C over peak-EWMA (#linkerd-load-balancing). App Mesh and Consul keep
 * Envoy's cluster default ROUND_ROBIN; libraries, ambient's ztunnel and Lattice round-robin in this
 * model (an assumption).
 */
export function defaultLoadBalancer(shape: MeshShapeName): MeshConfig['loadBalancer'] {
  switch (shape) {
    case 'none':
    case 'cilium':
      return 'random';
    case 'istio-sidecar':
      return 'least-request';
    case 'linkerd':
      return 'peak-ewma';
    default:
      return 'round-robin';
  }
}

/** Options of {@link defaultMeshConfig} that change other defaults. */
export interface MeshDefaultsOptions {
  /** `istio-sidecar`: the release whose profile fills `sidecar`. @defaultValue '1.24' */
  istioVersion?: IstioVersion;
  /** `app-mesh`: pre-2020-07-29 account defaults (no implicit retries). @defaultValue false */
  appMeshLegacyAccount?: boolean;
  /** `layered`: the shapes inside and between clusters. @defaultValue DEFAULT_LAYERED */
  layered?: LayeredConfig;
}

/** The policy a shape's proxies apply to calls that set none. */
export function defaultShapePolicy(shape: MeshShapeName, options: MeshDefaultsOptions = {}): CallPolicy {
  switch (shape) {
    case 'istio-sidecar':
    case 'istio-ambient':
      return { timeoutMs: Infinity, perTryTimeoutMs: Infinity, retry: ISTIO_DEFAULT_RETRY };
    case 'app-mesh':
      return {
        timeoutMs: APP_MESH_REQUEST_TIMEOUT_MS,
        perTryTimeoutMs: Infinity,
        retry: options.appMeshLegacyAccount === true ? NO_RETRY : APP_MESH_DEFAULT_RETRY,
      };
    case 'consul':
      return { timeoutMs: CONSUL_REQUEST_TIMEOUT_MS, perTryTimeoutMs: Infinity, retry: NO_RETRY };
    case 'layered':
      return defaultShapePolicy((options.layered ?? DEFAULT_LAYERED).inCluster, options);
    case 'none':
    case 'library':
    case 'linkerd':
    case 'cilium':
    case 'vpc-lattice':
      return NO_POLICY;
  }
}

/** Whether a shape authenticates both ends with mTLS by default (docs/mesh-shapes/ per shape). */
export function defaultMtls(shape: MeshShapeName, layered: LayeredConfig = DEFAULT_LAYERED): boolean {
  switch (shape) {
    case 'istio-sidecar':
    case 'istio-ambient':
    case 'linkerd':
    case 'consul':
      return true;
    case 'layered':
      return layered.inCluster !== 'layered' && defaultMtls(layered.inCluster);
    case 'none':
    case 'library':
    case 'cilium':
    case 'app-mesh':
    case 'vpc-lattice':
      return false;
  }
}

/** The profile fields a shape uses, filled with their defaults (other shapes leave them unset). */
function shapeProfiles(shape: MeshShapeName, options: MeshDefaultsOptions): Partial<MeshConfig> {
  switch (shape) {
    case 'istio-sidecar': {
      const istioVersion = options.istioVersion ?? DEFAULT_ISTIO_VERSION;
      return { istioVersion, sidecar: istioSidecarProfile(istioVersion) };
    }
    case 'istio-ambient':
      return { ztunnel: ZTUNNEL_PROFILE, waypoint: WAYPOINT_PROFILE };
    case 'linkerd':
      return { linkerdProxy: LINKERD_PROXY_PROFILE };
    case 'cilium':
      return { ebpf: EBPF_PROFILE, nodeProxy: CILIUM_NODE_ENVOY_PROFILE, encryption: false };
    case 'app-mesh':
      return { sidecar: APP_MESH_ENVOY_PROFILE, appMeshLegacyAccount: options.appMeshLegacyAccount ?? false };
    case 'consul':
      return { sidecar: CONSUL_ENVOY_PROFILE };
    case 'vpc-lattice':
      return { lattice: LATTICE_HOP_PROFILE };
    case 'layered': {
      const layered = options.layered ?? DEFAULT_LAYERED;
      const inner = layered.inCluster === 'layered' ? {} : shapeProfiles(layered.inCluster, options);
      return {
        ...inner,
        layered,
        ...(layered.crossCluster === 'vpc-lattice' && { lattice: LATTICE_HOP_PROFILE }),
      };
    }
    case 'none':
    case 'library':
      return {};
  }
}

/**
 * The default mesh configuration of a shape: its profiles, default policy, balancer, mTLS and prices.
 * `options` pick the variant whose defaults differ (Istio release, App Mesh account age, layering);
 * scenario loaders should pass them rather than patch the result, so dependent defaults follow.
 */
export function defaultMeshConfig(shape: MeshShapeName, options: MeshDefaultsOptions = {}): MeshConfig {
  const layered = options.layered ?? DEFAULT_LAYERED;
  const loadBalancer = defaultLoadBalancer(shape === 'layered' ? layered.inCluster : shape);
  return {
    shape,
    libraryServices: 'all',
    libraryCpuMsPerCall: 0.02,
    sidecar: ISTIO_SIDECAR_PROFILE,
    endpointUpdateDelayMs: 1000,
    loadBalancer,
    defaultPolicy: defaultShapePolicy(shape, options),
    ...shapeProfiles(shape, options),
    mtls: defaultMtls(shape, layered),
    prices: AWS_US_EAST_1_PRICES,
  };
}

/** Assumptions every run prints, so nobody mistakes a guess for a measurement. */
export const MODEL_ASSUMPTIONS: readonly string[] = [
  'Network latency by locality (same node 0.02 ms, same zone 0.1 ms, cross-zone 0.5 ms, cross-cluster 1 ms median, one way) is an assumption, not a measurement.',
  'Endpoint changes (crash, restart) reach load balancers after 1 s by default: an assumption.',
  'A worker stays busy while its request waits on downstream calls (thread-per-request server).',
];
