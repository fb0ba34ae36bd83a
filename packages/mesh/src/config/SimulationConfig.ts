// The resolved input of a simulation: every field filled in and validated. Scenario files (YAML/JSON)
// and library users produce one of these; the model never sees raw user input.

import type { CpuWeightConversion } from './CpuWeightConversion.js';
import type { DistributionSpec } from '@meshsim/engine';
import type {
  DestinationPolicy,
  FaultInjectionConfig,
  InboundPolicy,
  MirrorConfig,
  VersionConfig,
  VersionRoute,
  WeightStep,
} from './PolicyConfig.js';
import type { CallPolicy, RetryPolicy } from './CallPolicy.js';
import type { MeshConfig } from './MeshConfig.js';

/** One downstream call made while serving a request. */
export interface CallConfig {
  /** Name of the called service. */
  to: string;
  /** Probability that the call is made for a given request, in [0, 1]. */
  probability: number;
  /** If true, a failure of this call does not fail the parent request (a fallback exists). */
  optional: boolean;
  /** Whether `policy` was written by the user (false: it came from defaults). */
  policySet: boolean;
  /** Timeouts and retries. */
  policy: CallPolicy;
  /**
   * The calling application's own retries of the whole call (`appRetry`), an outer loop around `policy` and the
   * mesh's: each of its tries is a new call through the mesh, which retries it again as its policy says
   * (docs/policies.md#application-retries). Its `retryOn` judges what the application receives. @defaultValue null
   */
  appRetry?: RetryPolicy | null;
  /** Istio-style fault injection on this route (client side). @defaultValue null */
  faultInjection?: FaultInjectionConfig | null;
  /** Fire-and-forget copy of each call to another service. @defaultValue null */
  mirror?: MirrorConfig | null;
  /**
   * Whether the calling application keeps its connections to the callee open between requests
   * (HTTP keep-alive). Matters where the application owns the connections (no proxy in front).
   * @defaultValue true
   */
  keepAlive?: boolean;
  /**
   * Request classes this call is made for (an endpoint of the service that makes it, e.g. only
   * `vote` requests call the voting service); absent: every request. @defaultValue every class
   */
  forClasses?: readonly string[];
}

/** Calls made while serving a request: stages run in sequence, calls within a stage in parallel. */
export type CallPlan = readonly (readonly CallConfig[])[];

/** How a service answers a request when one of its (non-optional) downstream calls failed. */
export type DependencyFailureAnswer =
  /** The same failure class as the dependency's: 500 for a 500, 503 for an overload or no endpoint, 504 for a timeout, 502 for a reset or refused connection. */
  | { kind: 'passthrough' }
  /** A fixed status. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504 };

/** How callers talk to a service: HTTP/1.1 (one request per connection at a time) or HTTP/2 (multiplexed; gRPC). */
export type WireProtocol = 'http1' | 'http2';

/** How a service uses a waypoint (`istio-ambient`): its own or a shared, named deployment. */
export interface WaypointBinding {
  /** The waypoint deployment; services giving the same name share it. @defaultValue `<service>-waypoint` (its own) */
  name?: string;
  /** Replicas of the deployment (services sharing it must agree). @defaultValue the mesh's `waypoint.replicas` */
  replicas?: number;
  /**
   * CPU limit of each of its pods [cores] (services sharing it must agree); it also sets their workers, the limit
   * rounded up (Istio 1.18+). @defaultValue the mesh's `waypoint.cpuLimitCores`
   */
  cpuLimitCores?: number;
}

/** A service and its instances (pods). */
export interface ServiceConfig {
  name: string;
  namespace: string;
  /** Cluster the service's instances run in. */
  cluster: string;
  /** Number of instances (pods). */
  replicas: number;
  /** Requests served at once per instance (worker pool size). */
  concurrency: number;
  /** Waiting-queue capacity per instance; `Infinity` = unbounded. A full queue rejects with 503. */
  queueCapacity: number;
  /** Order in which waiting requests are served. */
  queueDiscipline: 'fifo' | 'lifo';
  /** Own processing time per request [ms], before the downstream calls. */
  serviceTimeMs: DistributionSpec;
  /** Probability that a request fails with a 500 from the application itself, in [0, 1]. */
  errorRate: number;
  /** Downstream calls. */
  calls: CallPlan;
  /** How callers treat this service (balancer, breakers, outlier detection, retry budget). @defaultValue none set */
  destination?: DestinationPolicy;
  /** Protections on this service's inbound traffic. @defaultValue none set */
  inbound?: InboundPolicy;
  /** Honour incoming deadlines (drop expired queued work) and propagate the remaining deadline downstream. @defaultValue false */
  deadlinePropagation?: boolean;
  /**
   * Each replica on a node of its own (of the cluster's node size) that no other pod uses: a node pool
   * with a taint only this service tolerates, e.g. a load generator's node. @defaultValue false
   */
  dedicatedNodes?: boolean;
  /**
   * The node pool of its cluster (`ClusterConfig.nodePools`) its instances run on, as a `nodeSelector` on the
   * pool's label does; not with `dedicatedNodes`. @defaultValue the cluster's default nodes (`zones`)
   */
  nodePool?: string;
  /**
   * Node pools of its cluster that are not `shared` (tainted) whose taint its pods tolerate: without a `nodePool`,
   * its instances may also be placed there, beside the cluster's nodes and its shared pools — a toleration
   * permits, it does not attract (a spot pool the service may use). Not with `dedicatedNodes`. @defaultValue none
   */
  tolerates?: readonly string[];
  /** Versions (subsets); their replicas add up to `replicas`. @defaultValue one version `v1` with every replica */
  versions?: readonly VersionConfig[];
  /** Changes of the versions' weights over time (a canary rollout), each from its `atMs`. @defaultValue none */
  weightSchedule?: readonly WeightStep[];
  /** Class-based (header) routes to a version; the first match wins over the weights. @defaultValue none */
  routes?: readonly VersionRoute[];
  /**
   * `istio-ambient`: an L7 waypoint for this service. `true`: its own waypoint with the mesh's replica count;
   * `{ name }`: the waypoint deployment of that name, shared by every service naming it (as Istio's
   * `istio.io/use-waypoint` label binds the services of a namespace to one waypoint); `replicas` sets the
   * deployment's replica count. @defaultValue false
   */
  waypoint?: boolean | WaypointBinding;
  /** Size of a request to this service [bytes], for proxies' CPU per KiB. @defaultValue 0 */
  requestBytes?: number;
  /** Size of this service's response [bytes], for proxies' CPU per KiB. @defaultValue 0 */
  responseBytes?: number;
  /** CPU limit of the application container [cores] (a CFS quota; modelled when nodes have CPU). @defaultValue Infinity (none) */
  cpuLimitCores?: number;
  /**
   * CPU request of the application container [cores]: where its pods are placed and what a node's requests check
   * counts (it does not weigh the CPU sharing). @defaultValue the CPU limit when one is set (Kubernetes copies it),
   * else none
   */
  cpuRequestCores?: number;
  /**
   * CPU limit of each instance's sidecar proxy [cores], overriding the mesh's (`sidecar.cpuLimitCores`,
   * `linkerdProxy.cpuLimitCores`), as a pod annotation does (`sidecar.istio.io/proxyCPULimit`,
   * `config.linkerd.io/proxy-cpu-limit`). Under Istio 1.18+ and Linkerd it also sets the proxy's workers (the
   * limit rounded up). Only sidecar shapes have per-pod proxies. @defaultValue the mesh's
   */
  proxyCpuLimitCores?: number;
  /**
   * CPU request of each instance's sidecar proxy [cores], overriding the mesh's (`sidecar.cpuRequestCores`, …), as
   * a pod annotation does (`sidecar.istio.io/proxyCPU`, `config.linkerd.io/proxy-cpu-request`): capacity reserved.
   * @defaultValue the mesh's
   */
  proxyCpuRequestCores?: number;
  /**
   * Memory request of the application container [MiB]: what placement fits on a node with a memory size
   * (`nodeMemoryMiB`). @defaultValue the memory limit when one is set (Kubernetes copies it), else none
   */
  memoryRequestMiB?: number;
  /** Memory limit of the application container [MiB]: copied into a missing request; no OOM kill is modelled. @defaultValue none */
  memoryLimitMiB?: number;
  /**
   * Memory request of each instance's sidecar proxy [MiB], overriding the mesh's (`sidecar.memoryRequestMiB`, …), as a
   * pod annotation does (`sidecar.istio.io/proxyMemory`, `config.linkerd.io/proxy-memory-request`). @defaultValue the mesh's
   */
  proxyMemoryRequestMiB?: number;
  /**
   * Memory limit of each instance's sidecar proxy [MiB], overriding the mesh's (`sidecar.memoryLimitMiB`, …), as a pod
   * annotation does (`sidecar.istio.io/proxyMemoryLimit`, `config.linkerd.io/proxy-memory-limit`). @defaultValue the mesh's
   */
  proxyMemoryLimitMiB?: number;
  /** Share of the service time that is CPU work on the node (the rest is off-CPU waiting), in [0, 1]. @defaultValue 1 */
  serviceTimeCpuShare?: number;
  /** How callers talk to it. @defaultValue 'http1' */
  protocol?: WireProtocol;
  /** What it answers when a dependency fails. @defaultValue { kind: 'status', status: 500 } */
  onDependencyFailure?: DependencyFailureAnswer;
  /**
   * The readiness probe of each instance's application container. Without one, Kubernetes counts a running container
   * Ready (docs/sources.md#k8s-probes); with one, a started container is Ready only once the probe has passed.
   * @defaultValue none
   */
  readinessProbe?: ReadinessProbeConfig | null;
}

/** Kubernetes' readiness probe of a container (READINESS_PROBE_RULES), its durations in ms. */
export interface ReadinessProbeConfig {
  /** Time after the container starts before its probes count [ms] (`initialDelaySeconds`). */
  initialDelayMs: number;
  /** Time between probes [ms] (`periodSeconds`). */
  periodMs: number;
  /** Consecutive failed probes that make a Ready container NotReady. */
  failureThreshold: number;
  /** Consecutive passed probes that make a started or NotReady container Ready. */
  successThreshold: number;
}

/** A piecewise rate schedule: from `atMs` the rate is `rps`, held (step) or ramped linearly to the next point. */
export interface RatePoint {
  atMs: number;
  rps: number;
  /** If true, the rate moves linearly from this point's `rps` to the next point's. */
  rampToNext: boolean;
}

/** Open-loop traffic: arrivals do not wait for responses. */
export interface OpenTrafficConfig {
  kind: 'open';
  /** Caller name shown on edges (e.g. `client`). */
  name: string;
  /** Entry service. */
  to: string;
  /** Poisson (exponential gaps) or constant (evenly spaced) arrivals. */
  arrival: 'poisson' | 'constant';
  /** Rate schedule, sorted by `atMs`, first point at 0. */
  rate: readonly RatePoint[];
  /** The client's own timeouts and retries. */
  policy: CallPolicy;
  /** Class (header) every request carries through the whole call tree, for class-based routes. @defaultValue none */
  requestClass?: string;
  /** Whether the source keeps its connections open between requests (like `fortio -k`); false: a new connection per request. @defaultValue true */
  keepAlive?: boolean;
  /**
   * At most this many requests in flight, like a load generator's connection count (`wrk2 -c`): an arrival
   * that finds them all busy waits at the source (FIFO) until one ends, and its latency on the source's edge
   * counts from when it was due, as wrk2 reports it (corrected for coordinated omission).
   * @defaultValue no limit: every arrival is sent when it is due
   */
  connections?: number;
  /**
   * Sources naming the same group share their `connections`: at most that many requests in flight over all of
   * them, as one load generator (`wrk2 -c 128`) driving several targets; an arrival that finds them all busy waits
   * in the group's one FIFO. Every source of a group sets the same `connections`.
   * @defaultValue none: the source's `connections` are its own
   */
  connectionGroup?: string;
  /**
   * Whether the diagnosis (`@meshsim/analysis`) takes the stretches where this source's rate schedule is above its
   * base rate as load triggers; false: the schedule is the normal load (a daily ramp), and only faults and other
   * sources' spikes are triggers. Read by the diagnosis only: the simulation does not use it.
   * @defaultValue true
   */
  loadTrigger?: boolean;
  /**
   * Service whose first instance (pod) the source runs in, making it a meshed client: its requests leave
   * through that pod's data plane (its sidecar, its node's ztunnel or eBPF proxy) and start from its node.
   * @defaultValue none: the source is outside the mesh and the cluster
   */
  from?: string;
  /**
   * Whether `policy` was set for this source; when false, a meshed source (`from`) gets the mesh's
   * default policy, as a service's calls do. Sources outside the mesh always use `policy`.
   * @defaultValue true
   */
  policySet?: boolean;
}

/** Closed-loop traffic: each user sends a request, waits for its outcome, thinks, repeats. */
export interface ClosedTrafficConfig {
  kind: 'closed';
  name: string;
  to: string;
  users: number;
  thinkTimeMs: DistributionSpec;
  policy: CallPolicy;
  /** Class (header) every request carries through the whole call tree, for class-based routes. @defaultValue none */
  requestClass?: string;
  /** Whether users keep their connections open between requests; false: a new connection per request. @defaultValue true */
  keepAlive?: boolean;
  /** As {@link OpenTrafficConfig.from}: the service whose first pod the users run in. @defaultValue none (outside the mesh) */
  from?: string;
  /** As {@link OpenTrafficConfig.policySet}. @defaultValue true */
  policySet?: boolean;
}

/** A traffic source. */
export type TrafficConfig = OpenTrafficConfig | ClosedTrafficConfig;

/** What a fault does while active. */
export type FaultEffect =
  | { kind: 'latency'; addMs: DistributionSpec | null; multiply: number }
  | { kind: 'error'; rate: number }
  | { kind: 'crash' }
  /**
   * The instances' application crashes each time it starts while the fault lasts (CrashLoopBackOff): it crashes at
   * the fault's start, and the kubelet restarts it with Kubernetes' backoff (at once, then 10 s, 20 s, … capped at
   * 300 s); a container started before the fault ends crashes `runsForMs` after its start, the first one started at
   * or after the end stays up.
   */
  | {
      kind: 'crash-loop';
      /** How long each started container runs before it crashes [ms]. @defaultValue 0 (it crashes as it starts) */
      runsForMs: number;
    }
  /** Crash the mesh proxies serving the first N instances: their sidecars, the ztunnels of their nodes, or the service's waypoints. */
  | { kind: 'crash-proxy'; proxy: ProxyRole }
  /**
   * Crash the nodes hosting the first N instances: every instance and proxy on them. By default the nodes are
   * powered off (or cut off from the network): nothing on them answers — requests in flight get no response,
   * new connections time out — and their pods stay in the endpoints until the node controller marks them
   * NotReady, `nodeMonitorGracePeriodMs` after the crash, plus the endpoint update delay. `reachable: true`
   * crashes every pod on them as `crash` does instead (connections reset and refused, endpoints updated after
   * the delay).
   */
  | {
      kind: 'crash-node';
      /** The node's kernel still answers: its pods' connections are reset and refused. @defaultValue false */
      reachable?: boolean;
      /**
       * How long the node controller waits for an unreachable node's heartbeat before it marks the node and its
       * pods NotReady [ms] (kube-controller-manager `--node-monitor-grace-period`).
       * @defaultValue 50,000 (Kubernetes 1.32 and later; 40,000 before)
       */
      nodeMonitorGracePeriodMs?: number;
    }
  /** The control plane is down: endpoint changes stop reaching callers until it returns (stale endpoints). */
  | { kind: 'control-plane-outage' };

/** What a proxy does in its mesh, for targeting faults. */
export type ProxyRole = 'sidecar' | 'ztunnel' | 'waypoint' | 'node-proxy' | 'managed-hop';

/** A fault on a schedule, applied to some or all instances of a service. */
export interface FaultConfig {
  atMs: number;
  /** How long the fault lasts [ms]; for `crash`, the time until the instances restart. `Infinity` = forever. */
  durationMs: number;
  service: string;
  /** How many instances (the first N in placement order) are affected; `Infinity` = all. */
  instances: number;
  /**
   * The percentage of the service's pods `instances` was resolved from, when the scenario wrote one (`30%`):
   * descriptions of the fault show it next to the count. Informational: the model reads `instances` only.
   */
  instancesPercent?: number;
  effect: FaultEffect;
}

/** Network one-way latency by locality [ms]. */
export interface NetworkConfig {
  sameNodeMs: DistributionSpec;
  sameZoneMs: DistributionSpec;
  crossZoneMs: DistributionSpec;
  crossClusterMs: DistributionSpec;
}

/**
 * A node pool of a cluster beside its default nodes (`zones`): nodes of another size, in some of the cluster's
 * zones. The services naming it (`ServiceConfig.nodePool`) run only on it, as a `nodeSelector` on its pool label
 * does; the others run on it too only when it is `shared` (not tainted against them).
 */
export interface NodePoolConfig {
  name: string;
  /** Its nodes per zone; every zone must be one of the cluster's `zones`. */
  zones: readonly { name: string; nodes: number }[];
  /** Cores of each of its nodes. @defaultValue the cluster's `nodeCpu` */
  nodeCpu?: number | null;
  /** Memory of each of its nodes [MiB]. @defaultValue the cluster's `nodeMemoryMiB` */
  nodeMemoryMiB?: number | null;
  /** Pods each of its nodes runs at most. @defaultValue the cluster's `nodeMaxPods` */
  nodeMaxPods?: number | null;
  /**
   * True when pods that name no pool may run on it too (an untainted pool): they are placed over the cluster's
   * nodes and its nodes alike. @defaultValue false (a tainted pool, for the services that name it only)
   */
  shared?: boolean;
}

/**
 * A DaemonSet besides the mesh's (kube-proxy, the cluster's CNI agent, a log agent): a pod on every node of its
 * cluster, taking a pod slot and its requests there (counted by the scheduler's fit, not by its score).
 */
export interface DaemonSetConfig {
  name: string;
  /** CPU its pod requests [cores]. @defaultValue 0 */
  cpuRequestCores?: number;
  /** Memory its pod requests [MiB]. @defaultValue 0 */
  memoryRequestMiB?: number;
}

/** A cluster with zones and nodes. */
export interface ClusterConfig {
  name: string;
  region: string;
  vpc: string;
  zones: readonly { name: string; nodes: number }[];
  /**
   * Cores of each node. When set, the node's CPU is modelled: application work and the proxies on the
   * node share its cores (by their containers' CPU weights), and CPU limits become CFS quotas. @defaultValue null (CPU not modelled)
   */
  nodeCpu?: number | null;
  /**
   * Memory of each node [MiB]: when set, placement fits pods' memory requests too (a pod no node has room for is
   * Pending). Memory use is not modelled. @defaultValue null (memory not fitted)
   */
  nodeMemoryMiB?: number | null;
  /**
   * Pods each node runs at most (the kubelet's `maxPods`, the node's allocatable `pods`), on nodes with a size
   * (`nodeCpu`): application pods, waypoint pods and the mesh's DaemonSet pods each take one.
   * @defaultValue {@link DEFAULT_NODE_MAX_PODS} (the kubelet's default)
   */
  nodeMaxPods?: number | null;
  /** DaemonSets besides the mesh's: a pod on each of its nodes, pools' and dedicated ones included. @defaultValue none */
  daemonSets?: readonly DaemonSetConfig[];
  /** Node pools beside the default nodes, for the services that name them. @defaultValue none */
  nodePools?: readonly NodePoolConfig[];
  /**
   * The node pool name of the cluster's own nodes (`zones`), as their pool label gives it (GKE's `default-pool`): a
   * service naming it (`nodePool`) runs on those nodes only, never on the shared pools. @defaultValue none
   */
  poolName?: string;
}

/** Everything needed to run a simulation. */
export interface SimulationConfig {
  name: string;
  description: string;
  /** Root seed of all random streams. */
  seed: number | string;
  /** Simulated duration [ms]. */
  durationMs: number;
  mesh: MeshConfig;
  network: NetworkConfig;
  clusters: readonly ClusterConfig[];
  /**
   * How nodes turn a container's CPU request into its CPU weight within its pod on a busy node: `quadratic`
   * (cgroup v2 with runc ≥ 1.3.2 or crun ≥ 1.23), `linear` (cgroup v2, older runtimes) or `shares` (cgroup v1, where
   * the pods and QoS classes weigh their shares too; on cgroup v2 the kubelet weighs them linearly). Only matters
   * when nodes have a size. @defaultValue 'quadratic'
   */
  cpuWeights?: CpuWeightConversion;
  services: readonly ServiceConfig[];
  traffic: readonly TrafficConfig[];
  faults: readonly FaultConfig[];
  /** Modelling assumptions to print with the results (from the scenario and the model). */
  assumptions: readonly string[];
}
