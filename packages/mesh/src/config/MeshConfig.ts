// The mesh shape of a simulation and its cost profiles: the options a user writes (MeshOptions) and the
// config resolved from them (MeshConfig, a union with one member per built-in shape). Plain data only;
// each shape's defaults and behaviour live in shapes/<shape>/.

import type { DistributionSpec } from '@meshsim/engine';
import type { CallPolicy } from './CallPolicy.js';

/** Names of the built-in mesh shapes (docs/mesh-shapes/ has one page per shape). */
export type BuiltInShapeName =
  | 'none'
  | 'library'
  | 'istio-sidecar'
  | 'istio-ambient'
  | 'linkerd'
  | 'cilium'
  | 'app-mesh'
  | 'consul'
  | 'vpc-lattice'
  | 'layered';

/**
 * The name of a built-in mesh shape. A run also accepts the shapes registered with `registerMeshShape`, whose
 * names this type does not list (they are known only at run time: `meshShapeNames()` gives the registry's list).
 */
export type MeshShapeName = BuiltInShapeName;

/**
 * Istio releases with a cited sidecar profile (shapes/istio-sidecar/istioProfiles.ts): 1.4; 1.5–1.8; 1.9–1.16;
 * 1.20–1.24. 1.17–1.19 are missing on purpose: their performance pages give charts only.
 */
export type IstioVersion =
  | '1.4'
  | '1.5'
  | '1.6'
  | '1.7'
  | '1.8'
  | '1.9'
  | '1.10'
  | '1.11'
  | '1.12'
  | '1.13'
  | '1.14'
  | '1.15'
  | '1.16'
  | '1.20'
  | '1.21'
  | '1.22'
  | '1.23'
  | '1.24';

/**
 * Linkerd profiles (shapes/linkerd/linkerdProfile.ts): `2.10` and `2.11`, the releases Buoyant benchmarked
 * against Istio 1.10 and 1.12; `current`, today's Istio scaled by the latest of those ratios.
 */
export type LinkerdVersion = '2.10' | '2.11' | 'current';

/** Per-proxy cost profile (one traversal = one direction through the proxy). */
export interface ProxyProfile {
  /** Processing time per traversal [ms]; the worker is busy for this long. */
  latencyMs: DistributionSpec;
  /**
   * Worker threads; traversals beyond this wait in FIFO order. Istio 1.18+ Envoys (sidecars, waypoints) and
   * Linkerd proxies with a finite `cpuLimitCores` run ⌈limit⌉ instead, unless `workers` is written in the
   * mesh options (shapes/dataplane/proxyConcurrency.ts).
   */
  workers: number;
  /** CPU consumed per request (both directions together) [ms of one core]. */
  cpuMsPerRequest: number;
  /** Memory at rest [MiB]. */
  memoryBaseMiB: number;
  /** Memory per endpoint in its configuration (xDS config size) [KiB]. */
  memoryPerEndpointKiB: number;
  /** CPU per KiB of payload, per traversal [ms of one core]; payload sizes come from `ServiceConfig.requestBytes`/`responseBytes`. @defaultValue 0 */
  cpuMsPerKiB?: number;
  /** Memory per pooled upstream connection (one per caller instance × target instance routed through it) [KiB]. @defaultValue 0 */
  memoryPerConnectionKiB?: number;
  /** CPU limit of the proxy's container (a CFS quota, when nodes have CPU) [cores]. @defaultValue Infinity (none) */
  cpuLimitCores?: number;
  /**
   * CPU request of the proxy's container [cores]: node capacity it reserves (reported, and counted in a node's
   * requests) and its weight when its node's CPU is contended, not CPU it uses. @defaultValue a finite
   * `cpuLimitCores` (Kubernetes copies a limit into a missing request), else 0
   */
  cpuRequestCores?: number;
  /**
   * Memory request of the proxy's container [MiB]: node capacity it reserves (reported), not memory it uses (that is
   * `memoryBaseMiB` and its per-endpoint and per-connection parts). @defaultValue 0 (none)
   */
  memoryRequestMiB?: number;
  /**
   * Memory limit of the proxy's container [MiB]: copied into a missing request, as Kubernetes copies it, and part of its
   * pod's QoS class (Guaranteed needs every container's memory limit equal to its request); no OOM kill is modelled.
   * @defaultValue none
   */
  memoryLimitMiB?: number;
  /** CPU of one TLS 1.3 handshake at this proxy, when it terminates mTLS [ms of one core]. @defaultValue 0 */
  tlsHandshakeCpuMs?: number;
}

/** An Istio ambient waypoint: an Envoy deployment per service, its profile and replica count. */
export interface WaypointProfile extends ProxyProfile {
  /** Waypoint pods per service that has one (a service's own `waypoint: { replicas }` overrides it). */
  replicas: number;
}

/** A field of a proxy profile, in the model's units (`latencyMs`, `workers`, …; only a waypoint's has `replicas`). */
export type ProxyProfileField = keyof WaypointProfile;

/** List prices used to put a monthly price on proxy resources (shapes/dataplane/prices.ts documents the defaults). */
export interface PriceTable {
  /** Where and when the prices were taken, printed with the result. */
  label: string;
  /** Price of one vCPU for one hour [USD]. */
  vcpuHourUsd: number;
  /** Price of one GiB of memory for one hour [USD]. */
  gibHourUsd: number;
  /** VPC Lattice: price per service per hour [USD]. */
  latticeServiceHourUsd: number;
  /** VPC Lattice: price per GB processed [USD]. */
  latticeGbUsd: number;
  /** VPC Lattice: price per million requests [USD]. */
  latticeMillionRequestsUsd: number;
}

/** Balancers a mesh can use by default (parameters at their documented defaults). */
export type MeshLoadBalancer = 'round-robin' | 'random' | 'least-request' | 'peak-ewma';

/** What carries calls between clusters in the `layered` shape. */
export type CrossClusterHop = 'vpc-lattice' | 'none';

/**
 * The mesh as a user writes it, in the model's units: a shape and any overrides. Every field but
 * `shape` is optional; a field a shape does not use is kept (so switching shapes keeps it) and not applied,
 * with a warning in the run's result (version pins excepted: assembly/checkMeshOptions.ts).
 * `resolveMeshConfig` turns these options into a {@link MeshConfig}.
 */
export interface MeshOptions {
  /** The mesh shape. */
  shape: string;
  /** Delay before an endpoint change (crash, restart) reaches the callers' balancers [ms]. @defaultValue 1000 (an assumption) */
  endpointUpdateDelayMs?: number;
  /** Default balancer of callers when a destination sets none. @defaultValue per shape */
  loadBalancer?: MeshLoadBalancer;
  /** Policy the library or proxy applies to calls whose scenario entry sets none. @defaultValue per shape */
  defaultPolicy?: CallPolicy;
  /** Whether the data plane authenticates both ends with mTLS. @defaultValue per shape */
  mtls?: boolean;
  /** Lifetime of workload certificates [ms]. @defaultValue 24 h */
  certificateLifetimeMs?: number;
  /** Prices for `ProxyTotals.costPerMonthUsd`; null = no prices. @defaultValue AWS us-east-1 list prices */
  prices?: PriceTable | null;
  /** `library`: the services that use the library. @defaultValue 'all' */
  libraryServices?: readonly string[] | 'all';
  /** `library`: CPU the library costs per call in the calling app [ms of one core]. @defaultValue 0.02 (an assumption) */
  libraryCpuMsPerCall?: number;
  /** `istio-sidecar`: the release whose cited sidecar profile and default retry policy apply. @defaultValue '1.24' */
  istioVersion?: IstioVersion;
  /** `linkerd`: the release whose derived proxy profile applies. @defaultValue 'current' */
  linkerdVersion?: LinkerdVersion;
  /** `app-mesh`: the account had meshes before 2020-07-29. @defaultValue false */
  appMeshLegacyAccount?: boolean;
  /** `cilium`: transparent WireGuard encryption between nodes. @defaultValue false */
  encryption?: boolean;
  /** `layered`: the shape inside clusters (any but `layered`). @defaultValue 'istio-ambient' */
  inCluster?: string;
  /** `layered`: what carries calls between clusters. @defaultValue 'vpc-lattice' */
  crossCluster?: CrossClusterHop;
  /** Envoy sidecar profile overrides (`istio-sidecar`, `app-mesh`, `consul`). */
  sidecar?: Partial<ProxyProfile>;
  /** `istio-ambient`: ztunnel profile overrides. */
  ztunnel?: Partial<ProxyProfile>;
  /**
   * Istio's CNI node agent's requests on every node (its chart's 100m and 100Mi by default): `istio-ambient` always
   * runs it; `istio-sidecar` runs it when this is written (`{}` for the defaults: Istio's CNI plugin instead of
   * `istio-init`).
   */
  istioCni?: Partial<NodeAgentSpec>;
  /** `istio-ambient`: waypoint profile overrides. */
  waypoint?: Partial<WaypointProfile>;
  /** `linkerd`: linkerd2-proxy profile overrides. */
  linkerdProxy?: Partial<ProxyProfile>;
  /** `cilium`: eBPF datapath profile overrides. */
  ebpf?: Partial<ProxyProfile>;
  /** `cilium`: per-node Envoy profile overrides. */
  nodeProxy?: Partial<ProxyProfile>;
  /** `vpc-lattice` (and `layered` between clusters): Lattice hop profile overrides. */
  lattice?: Partial<ProxyProfile>;
}

/**
 * How an Envoy proxy caps outlier ejections by `maxEjectionPercent` (its `DetectorImpl::ejectHost`):
 * - `after-ejection` (Envoy 1.28 and later): the share of hosts ejected *after* this ejection must not exceed the
 *   cap, `(ejected + 1) × 100 ≤ maxEjectionPercent × hosts`, so with the default 10 % a destination of fewer than
 *   10 hosts never has one ejected (unless `alwaysEjectOneHost`);
 * - `before-ejection` (Envoy before 1.28, Istio up to 1.16 here): the share already ejected must be below the cap,
 *   `ejected × 100 < maxEjectionPercent × hosts`, so the first ejection is always allowed.
 *
 * Sources: docs/sources.md `envoy-1-28-outlier-mep`.
 */
export type OutlierEjectionCap = 'after-ejection' | 'before-ejection';

/**
 * Whether the mesh's L7 proxies can eject hosts by success rate (`outlierDetection.successRate`):
 * - `configurable`: as the destination's outlier detection says (Envoy's default: on);
 * - `off`: never — Istio's control plane writes `enforcing_success_rate: 0` into every cluster it gives outlier
 *   detection, sidecars' and waypoints' alike, and a DestinationRule has no field to change it (istio/istio
 *   `applyOutlierDetection`, pilot/pkg/networking/core/cluster_traffic_policy.go: "SuccessRate based outlier detection
 *   should be disabled").
 *
 * Sources: docs/sources.md `import-istio-traffic-policy-go`.
 */
export type SuccessRateEjection = 'configurable' | 'off';

/**
 * Whose defaults a destination's connection-pool thresholds take where its `connectionPool` leaves them unwritten
 * (`ConnectionPoolConfig.fromDefault`):
 * - `envoy`: Envoy's own (1024 connections, pending and requests, 3 concurrent retries), where the mesh leaves
 *   Envoy's circuit breakers at their defaults (Cilium) or the thresholds are not the mesh's to set;
 * - `consul`: Envoy's own, and `maxRetries` always Envoy's 3: Consul's service-defaults `Limits` set only
 *   max_connections, max_pending_requests and max_requests (`makeThresholdsIfNeeded`), so a written `maxRetries` is
 *   not applied (warned at the field);
 * - `istio`: Istio's, 2³²−1 for every threshold (no limit): istiod writes them into every cluster it builds, the
 *   sidecars' and the waypoints' alike, and a DestinationRule overrides only the fields it sets (a written 0 is
 *   unset to istiod too).
 *
 * Sources: docs/sources.md `istio-destinationrule`, `import-istio-traffic-policy-go`, `consul-service-defaults`.
 */
export type ConnectionPoolDefaults = 'envoy' | 'consul' | 'istio';

/** What every resolved mesh config holds, whatever its shape. */
export interface MeshConfigBase {
  readonly shape: string;
  /** Delay before an endpoint change (crash, restart) reaches the callers' load balancers [ms]. */
  readonly endpointUpdateDelayMs: number;
  /**
   * Load-balancing algorithm of callers when the destination sets none (at its default parameters:
   * least-request `choiceCount` 2; peak-EWMA 30 ms default RTT, 10 s decay).
   */
  readonly loadBalancer: MeshLoadBalancer;
  /** Policy the library or proxy applies to calls whose scenario entry sets none (Istio: 2 retries). */
  readonly defaultPolicy: CallPolicy;
  /** Whether the data plane authenticates both ends with mTLS. */
  readonly mtls: boolean;
  /**
   * Lifetime of workload certificates [ms]; they are rotated at half their lifetime, so during a control-plane
   * outage each proxy's certificate expires between 50 % and 100 % of this after the outage starts.
   */
  readonly certificateLifetimeMs: number;
  /** Prices for `ProxyTotals.costPerMonthUsd`; null = no prices. */
  readonly prices: PriceTable | null;
  /**
   * How the proxies cap outlier ejections by `maxEjectionPercent` (see {@link OutlierEjectionCap}): set by the shape's
   * release (`istio-sidecar` before 1.20: `before-ejection`), `after-ejection` otherwise.
   */
  readonly outlierEjectionCap: OutlierEjectionCap;
  /**
   * Whether the mesh's L7 proxies can eject by success rate (see {@link SuccessRateEjection}): `off` where Istio
   * configures them (`istio-sidecar`, `istio-ambient`'s waypoints, `layered` with either inside), `configurable`
   * otherwise.
   */
  readonly successRateEjection: SuccessRateEjection;
  /**
   * Whose defaults unwritten connection-pool thresholds take (see {@link ConnectionPoolDefaults}): `istio` where
   * Istio programs the proxies (`istio-sidecar`, `istio-ambient`'s waypoints, `layered` with either inside), `consul`
   * where Consul does (`consul`, `layered` with it inside), `envoy` otherwise.
   */
  readonly connectionPoolDefaults: ConnectionPoolDefaults;
  /** The options this config was resolved from: switching shapes resolves them again. */
  readonly options: MeshOptions;
}

/** `none`: no mesh; applications apply their own policies, kube-proxy picks endpoints. */
export interface NoneMeshConfig extends MeshConfigBase {
  readonly shape: 'none';
}

/** `library`: a shared in-process client library, optionally adopted by only some services. */
export interface LibraryMeshConfig extends MeshConfigBase {
  readonly shape: 'library';
  /** The services that use the library (callers not listed apply no policy). */
  readonly libraryServices: readonly string[] | 'all';
  /** CPU the library costs per call in the calling app [ms of one core]. */
  readonly libraryCpuMsPerCall: number;
}

/** `istio-sidecar`: an Envoy sidecar per pod. */
export interface IstioSidecarMeshConfig extends MeshConfigBase {
  readonly shape: 'istio-sidecar';
  /** The release whose cited figures the default `sidecar` profile has. */
  readonly istioVersion: IstioVersion;
  readonly sidecar: ProxyProfile;
  /**
   * Istio's CNI node agent on every node, when the mesh redirects traffic with Istio's CNI plugin instead of each
   * pod's `istio-init` container (`mesh.istioCni` written, `{}` for its defaults); null otherwise (Istio's default).
   */
  readonly istioCni: NodeAgentSpec | null;
}

/** What a mesh's node agent (a DaemonSet pod on every node that carries no traffic) requests. */
export interface NodeAgentSpec {
  readonly cpuRequestCores: number;
  readonly memoryRequestMiB: number;
}

/** `istio-ambient`: a ztunnel per node, waypoints for services that ask for one. */
export interface IstioAmbientMeshConfig extends MeshConfigBase {
  readonly shape: 'istio-ambient';
  readonly ztunnel: ProxyProfile;
  /** The Istio CNI node agent ambient mode runs on every node: what it requests (it carries no traffic). */
  readonly istioCni: NodeAgentSpec;
  readonly waypoint: WaypointProfile;
}

/** `linkerd`: a linkerd2-proxy sidecar per pod. */
export interface LinkerdMeshConfig extends MeshConfigBase {
  readonly shape: 'linkerd';
  /** The release whose derived figures the default `linkerdProxy` profile has. */
  readonly linkerdVersion: LinkerdVersion;
  readonly linkerdProxy: ProxyProfile;
}

/** `cilium`: an eBPF datapath per node, a per-node Envoy for L7 policies, optional WireGuard. */
export interface CiliumMeshConfig extends MeshConfigBase {
  readonly shape: 'cilium';
  readonly ebpf: ProxyProfile;
  readonly nodeProxy: ProxyProfile;
  /** Transparent WireGuard encryption between nodes (its cost is an assumption). */
  readonly encryption: boolean;
}

/** `app-mesh`: AWS App Mesh's Envoy sidecars. */
export interface AppMeshMeshConfig extends MeshConfigBase {
  readonly shape: 'app-mesh';
  readonly sidecar: ProxyProfile;
  /** The account had meshes before 2020-07-29 (Envoy circuit-breaker defaults, no implicit retries). */
  readonly appMeshLegacyAccount: boolean;
}

/** `consul`: Consul service mesh's Envoy sidecars. */
export interface ConsulMeshConfig extends MeshConfigBase {
  readonly shape: 'consul';
  readonly sidecar: ProxyProfile;
}

/** `vpc-lattice`: one managed VPC Lattice hop per call. */
export interface VpcLatticeMeshConfig extends MeshConfigBase {
  readonly shape: 'vpc-lattice';
  readonly lattice: ProxyProfile;
}

/** A mesh config that can run inside clusters of a `layered` mesh (any shape but `layered`). */
export type InClusterMeshConfig =
  | NoneMeshConfig
  | LibraryMeshConfig
  | IstioSidecarMeshConfig
  | IstioAmbientMeshConfig
  | LinkerdMeshConfig
  | CiliumMeshConfig
  | AppMeshMeshConfig
  | ConsulMeshConfig
  | VpcLatticeMeshConfig;

/**
 * `layered`: one shape inside each cluster and another hop between clusters (seed 000: Istio ambient
 * inside, VPC Lattice between). Its shared fields are the in-cluster shape's.
 */
export interface LayeredMeshConfig extends MeshConfigBase {
  readonly shape: 'layered';
  /** The shape of calls within a cluster, resolved from the same options. */
  readonly inCluster: InClusterMeshConfig;
  readonly crossCluster: CrossClusterHop;
  /** The Lattice hop between clusters (when `crossCluster` is 'vpc-lattice'). */
  readonly lattice: ProxyProfile;
}

/** A resolved mesh config: one member per built-in shape, told apart by `shape`. */
export type MeshConfig = InClusterMeshConfig | LayeredMeshConfig;
