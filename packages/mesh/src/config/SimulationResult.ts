// The output of a simulation: RED metrics per edge and per service, time series, proxy resources,
// warnings and assumptions. Plain data (JSON-serialisable) with units in every field name.

import type { DistributionSpec } from '@meshsim/engine';
import type { ProxyProfileField } from './MeshConfig.js';
import type { PodQosClass } from './PodQosClass.js';
import type { TelemetryResult } from './Telemetry.js';

/** Why a call or attempt failed. */
export type FailureCause =
  | 'timeout' // the caller's overall timeout fired
  | 'per-try-timeout' // the last attempt's per-try timeout fired and no retry was allowed
  | 'rejected' // 503: the server's queue was full
  | 'error' // 500 from the application (own error or a failed dependency)
  | 'connect-failure' // no connection: instance down or unreachable
  | 'reset' // the instance crashed while serving
  | 'no-endpoints' // 503: the load balancer had no endpoint
  | 'breaker-open' // local 503: a client-side circuit breaker refused the attempt
  | 'rate-limited' // 429: the server's rate limiter refused the request
  | 'denied' // 403: an authorization policy refused the caller
  | 'deadline-exceeded' // 504: the server dropped work whose deadline had passed
  | 'bad-gateway' // 502 from a service whose dependency failed to connect or was reset (onDependencyFailure)
  | 'service-unavailable' // 503 from a service whose dependency failed (onDependencyFailure): served, not refused
  | 'gateway-timeout'; // 504 from a service whose dependency timed out (onDependencyFailure)

/** All failure causes, in reporting order. */
export const FAILURE_CAUSES: readonly FailureCause[] = [
  'timeout',
  'per-try-timeout',
  'rejected',
  'error',
  'connect-failure',
  'reset',
  'no-endpoints',
  'breaker-open',
  'rate-limited',
  'denied',
  'deadline-exceeded',
  'bad-gateway',
  'service-unavailable',
  'gateway-timeout',
];

/**
 * Summary of a latency distribution [ms]: of the successful calls only (an edge's failures are in its `failed`
 * and `failures`). When `count` is 0 nothing was measured and every other field is 0: check `count` before
 * reading a percentile (the renderers print `–` then).
 */
export interface LatencySummary {
  /** Calls measured (successful calls that completed within the run). */
  count: number;
  /** Mean [ms]; 0 when `count` is 0. */
  meanMs: number;
  /** Median [ms]; 0 when `count` is 0. */
  p50Ms: number;
  /** 90th percentile [ms]; 0 when `count` is 0. */
  p90Ms: number;
  /** 99th percentile [ms]; 0 when `count` is 0. */
  p99Ms: number;
  /**
   * The 98.5th and 99.5th percentiles [ms], half a percent of the calls either side of the p99: how far the p99
   * moves when that many calls more or fewer are slow (a p99 in a gap between fast and slow calls jumps across it).
   * 0 when `count` is 0; absent from summaries made before they were recorded.
   */
  p985Ms?: number;
  p995Ms?: number;
  /** 99.9th percentile [ms]; 0 when `count` is 0. */
  p999Ms: number;
  /** Largest [ms]; 0 when `count` is 0. */
  maxMs: number;
}

/** RED metrics of one caller→callee edge (the caller is a service or a traffic source). */
export interface EdgeMetrics {
  source: string;
  destination: string;
  /** Calls started (each may have several attempts). */
  calls: number;
  /** Attempts sent (first tries + retries): `calls − waitingAtSource + retries`. */
  attempts: number;
  retries: number;
  succeeded: number;
  failed: number;
  /** Failed calls by cause. */
  failures: Record<FailureCause, number>;
  /** Calls still running at the end (those still waiting at their source included). */
  inFlight: number;
  /**
   * Calls of a source with `connections` that were due but still waiting for a free connection at the end:
   * offered (in `calls` and `inFlight`) but never sent, so without an attempt. 0 for every other edge.
   */
  waitingAtSource: number;
  /**
   * succeeded / (succeeded + failed); null when no call completed (none sent, or every one still in flight at the
   * end): no success rate was measured, and the renderers show none (`–`, an empty CSV cell, JSON null).
   */
  successRate: number | null;
  /** Caller-observed latency of successful calls, retries included [ms]. */
  latency: LatencySummary;
  /**
   * How often client-side policies did something on this edge, by event name (e.g. `retry-budget-denied`), sorted by
   * name: counts only (a policy's time in a state is in `policyTimeMs`).
   */
  policyEvents: Record<string, number>;
  /**
   * Time client-side policies held a state on this edge [ms], by state name, sorted by name: `breaker-open` (breakers
   * open, summed over breakers), `outlier-ejected-host` (hosts ejected, summed over hosts: host·ms). Up to the end of
   * the run; `{}` when no policy keeps such a time.
   */
  policyTimeMs: Record<string, number>;
  /** True when the data plane encrypts and mutually authenticates this edge (mTLS). */
  mtls: boolean;
  /** Connections opened for this edge's attempts (on the pool they use: the caller's, or its proxy's). */
  connectionsOpened: number;
  /**
   * Calling proxies that kept an outlier detector for the destination (each keeps its own and ejects on what it sees,
   * as Envoy keeps one per cluster per proxy): the sidecar of each caller pod that called, a waypoint, a node proxy; a
   * restarted proxy counts once. `policyTimeMs['outlier-ejected-host']` sums over them: divided by this, one
   * caller's. 0 when the edge has no outlier detection (or its caller's hop cannot enforce it).
   */
  outlierDetectors: number;
}

/** Metrics of one version (subset) of a service, over its instances. */
export interface VersionMetrics {
  name: string;
  /** Instances of this version (its configured replicas). */
  instances: number;
  /** Requests that reached an instance of this version. */
  arrived: number;
  /** Requests its instances finished serving (successfully or with an error). */
  completed: number;
  /** Requests its instances rejected with 503 because the queue was full. */
  rejected: number;
  /**
   * Requests answered with an error: its own 500s, and its answers for a failed dependency (`onDependencyFailure`:
   * 500 by default, or 502, 503, 504, or with `passthrough` the dependency's status, 429 and 403 included).
   */
  errors: number;
  /**
   * (completed − errors) / (completed + rejected): the version's share of successful answers; null when its instances
   * answered nothing (no request reached it, or none had an answer by the end): no success rate was measured, and the
   * renderers show none (`–`, an empty CSV cell, JSON null).
   */
  successRate: number | null;
}

/** Metrics of one service, over all its instances. */
export interface ServiceMetrics {
  name: string;
  namespace: string;
  cluster: string;
  /** Its running instances (pods placed on a node). */
  instances: number;
  /**
   * Its pods no node had room for, with their sidecar's request, next to the mesh's per-node proxies: Pending, as
   * Kubernetes would leave them, so never running and not in `instances` (a warning says so).
   */
  pendingPods: number;
  concurrency: number;
  /** Requests that reached an instance. */
  arrived: number;
  /** Requests an instance finished serving (successfully or with an error). */
  completed: number;
  /** Requests rejected with 503 because the queue was full. */
  rejected: number;
  /**
   * Requests answered with an error: its own 500s, and its answers for a failed dependency (`onDependencyFailure`:
   * 500 by default, or 502, 503, 504, or with `passthrough` the dependency's status, 429 and 403 included).
   */
  errors: number;
  /** Requests finished after their caller had already given up (wasted work). */
  wasted: number;
  /** Requests refused with 429 by the inbound rate limit (at arrival, before queueing). */
  rateLimited: number;
  /** Requests refused with 403 by the inbound authorization policy (at arrival, no service time). */
  denied: number;
  /** Queued requests dropped with 503 by load shedding (queue timeout or CoDel). */
  shed: number;
  /** Requests dropped with 504 because their propagated deadline had passed (on arrival or dequeue). */
  deadlineDropped: number;
  /** Requests cancelled because their caller gave up (deadline propagation): removed from the queue or stopped. */
  cancelled: number;
  /** Mean fraction of workers busy, in [0, 1]. */
  utilisation: number;
  /** Largest waiting-queue length seen on any instance. */
  maxQueueLength: number;
  /** Server-side latency (queue + processing + downstream calls) of completed requests [ms]. */
  latency: LatencySummary;
  /** Per-version metrics, in declared order (one `v1` entry when no versions are declared). */
  versions: VersionMetrics[];
  /** CPU of its own processing, averaged over the run [cores] (service time × its CPU share). */
  cpuCores: number;
  /** Time its application containers spent throttled by their CPU limit, summed over instances [ms]; 0 unless nodes have CPU. */
  cpuThrottledMs: number;
  /** Time its pods' sidecar proxies spent throttled by their CPU limit, summed [ms]; 0 unless nodes have CPU and the shape has sidecars. */
  sidecarThrottledMs: number;
  /**
   * Time its application containers' runnable work waited for a core on a busy node, summed over their tasks [ms]
   * (the scheduler's run delay; throttled time apart); 0 unless nodes have CPU.
   */
  cpuWaitMs: number;
  /** The same for its pods' sidecar proxies [ms]; 0 unless nodes have CPU and the shape has sidecars. */
  sidecarCpuWaitMs: number;
  /**
   * Its pods' Kubernetes QoS class, from their containers' CPU and memory requests and limits (the application's and
   * its sidecar's): where their cgroups sit on a busy node (docs/model.md#node-cpu); null unless nodes have CPU.
   */
  podQosClass: PodQosClass | null;
  /** Its pods' cgroup CPU weight on a busy node, from their containers' summed requests; null unless nodes have CPU. */
  podCpuWeight: number | null;
}

/** One node's CPU over the run (only nodes whose cluster gives them a size). */
export interface NodeMetrics {
  name: string;
  cluster: string;
  zone: string;
  /** Cores of the node. */
  cores: number;
  /** Pods placed on it: application instances and waypoint pods (per-node proxies not counted). */
  pods: number;
  /** The mesh's DaemonSet pods on it (a ztunnel and the CNI node agent, Cilium's node Envoy), beside `pods`. */
  meshNodePods: number;
  /** The pods of its cluster's other DaemonSets on it (`daemonSets`: kube-proxy, …), beside `pods`. */
  systemPods: number;
  /**
   * Pods it runs at most (`nodeMaxPods`): `pods`, `meshNodePods` and `systemPods` each take one; placement keeps
   * within it (a waypoint placed anyway aside).
   */
  maxPods: number;
  /**
   * CPU its pods request [cores]: the applications' containers (their request, else their limit), the mesh's
   * proxies on it and the other DaemonSets' pods. More than `cores` and Kubernetes would not schedule them all there
   * (a warning says so).
   */
  cpuRequestedCores: number;
  /** Memory of the node [MiB] (its cluster's or pool's `nodeMemoryMiB`), or null when memory is not fitted. */
  memoryMiB: number | null;
  /**
   * Memory its pods request [MiB]: the applications' containers (their request, else their limit) and the mesh's
   * proxies on it; placement keeps it within `memoryMiB`, when set (a waypoint placed anyway aside).
   */
  memoryRequestedMiB: number;
  /** Mean fraction of its cores busy, in [0, 1]. */
  utilisation: number;
  /** Most tasks runnable at once (application work and proxy work together). */
  maxRunnable: number;
}

/** Resources used by one kind of proxy. */
export interface ProxyKindTotals {
  kind: string;
  count: number;
  /** Average CPU over the run [cores]. */
  cpuCores: number;
  /** Memory of all proxies of this kind at the end of the run [MiB]: base, configuration and pooled connections. */
  memoryMiB: number;
  /** Traversals that had to wait for a worker. */
  queued: number;
  /** Traversals (one direction through one proxy each); a request and its response make two. */
  traversals?: number;
  /** CPU and memory of this kind priced for a 730-hour month [USD] (mesh `prices`); absent without prices. */
  costPerMonthUsd?: number;
  /** Memory of the largest proxy of this kind [MiB]. */
  maxMemoryMiB?: number;
  /**
   * Time its containers spent throttled by their CPU limit, summed [ms]; 0 unless nodes have CPU, and 0 for
   * `library (in-process)`, whose CPU is counted per call, not run on the nodes' cores.
   */
  throttledMs: number;
  /**
   * Time its containers' runnable work waited for a core on a busy node, summed over their tasks [ms]; 0 unless nodes
   * have CPU, and 0 for `library (in-process)`, whose CPU is counted per call, not run on the nodes' cores.
   */
  cpuWaitMs: number;
  /** TLS handshakes its proxies took part in (as client or server). */
  handshakes?: number;
  /** CPU its proxies' containers request, summed: node capacity reserved, not used [cores]. */
  cpuRequestedCores?: number;
  /** Memory its proxies' containers request, summed: node memory reserved, not used [MiB]; absent when none. */
  memoryRequestedMiB?: number;
}

/** The run's connections (caller → callee pools: the application's own, or between the mesh's proxies). */
export interface ConnectionTotals {
  /** Connection pools used: one per (client end, server end) that carried a request. */
  pools: number;
  /** Connections opened (each a TCP handshake: one network round trip). */
  opened: number;
  /** TLS 1.3 handshakes completed (mTLS between proxies, TLS to a managed hop or in a client library). */
  tlsHandshakes: number;
  /** CPU of those handshakes at both ends [ms of one core]. */
  handshakeCpuMs: number;
}

/** Proxy resource totals. */
export interface ProxyTotals {
  /** Proxies of every kind (sidecars, ztunnels, waypoints, node proxies…); 0 with no proxies (`none`, `library`). */
  count: number;
  /** CPU of all proxies, averaged over the run [cores] (work done within the run; see `ProxyKindTotals.cpuCores`). */
  cpuCores: number;
  /** CPU the proxies' containers request, summed over kinds: node capacity reserved [cores]. @defaultValue 0 */
  cpuRequestedCores?: number;
  /** Memory of all proxies at the end of the run [MiB]: each one's base, configuration and pooled connections. */
  memoryMiB: number;
  /** Memory the proxies' containers request, summed over kinds: node memory reserved [MiB]; absent when none. */
  memoryRequestedMiB?: number;
  byKind: ProxyKindTotals[];
  /** Sum of the kinds' `costPerMonthUsd` [USD] (0 with no proxies, as shape `none`); absent without prices. */
  costPerMonthUsd?: number;
  /**
   * `cpuRequestedCores` and `memoryRequestedMiB` priced for a 730-hour month at the same prices [USD]: what the
   * capacity the mesh's containers reserve costs, used or not (0 when they request nothing); absent without prices.
   */
  requestedCostPerMonthUsd?: number;
  /** Where the prices come from (the price table's label); absent without prices. */
  priceSource?: string;
}

/** Per-interval series of one edge (arrays indexed by interval). */
export interface EdgeSeries {
  source: string;
  destination: string;
  calls: number[];
  succeeded: number[];
  failed: number[];
  retries: number[];
  /** p50 / p99 of calls that completed successfully in the interval [ms]; 0 when none. */
  p50Ms: number[];
  p99Ms: number[];
  /**
   * Successful calls counted where goodput counts them: in the interval the call was offered in when it completed by
   * the end of the next interval, else in the interval it completed in (docs/analysis.md#verdicts). Beside `calls`,
   * a call that straddles two intervals is not a dip in one and a burst in the next; a call held for seconds (a
   * stall) still counts when it completes. Sums to `succeeded` over the run.
   */
  goodput: number[];
  /**
   * On a traffic source's entry edge only: its successful calls by the interval they were offered in (index i) and
   * their lateness in whole intervals (index l: completed in interval i + l), for lateness under 64
   * (`MAX_LATENESS_INTERVALS`); a later success is only in `succeeded`. `[]` for an interval whose calls none
   * succeeded. What the diagnosis counts a slow source's goodput by (docs/analysis.md#verdicts).
   */
  successesByLateness?: number[][];
  /**
   * Calls of a source with `connections` still waiting there for a free one at the end of each interval.
   * Present only on an edge where calls were waiting at the end of some interval; `calls` counts a waiting call
   * when it was due, so the first tries sent in interval i are `calls[i] − (waitingAtSource[i] − waitingAtSource[i − 1])`.
   */
  waitingAtSource?: number[];
}

/** Per-interval series of one service. */
export interface ServiceSeries {
  name: string;
  /** Mean fraction of workers busy during the interval. */
  utilisation: number[];
  /** Waiting requests over all instances at the end of the interval. */
  queueLength: number[];
  completed: number[];
  rejected: number[];
}

/** Time series, one value per interval. */
export interface TimeSeries {
  /**
   * Length of an interval [ms] (the last one ends with the run): 1 s on a run of up to an hour, else the smallest of
   * 2, 5, 10, 15, 30 s, 1, 2, 5, … min that keeps the run within 3600 intervals (`seriesIntervalMs`), or the
   * caller's `seriesIntervalMs` option.
   */
  intervalMs: number;
  /** Start time of each interval [ms]. */
  startMs: number[];
  edges: EdgeSeries[];
  services: ServiceSeries[];
}

/** Request conservation: offered = succeeded + failed + in flight, summed over traffic sources. */
export interface Conservation {
  offered: number;
  succeeded: number;
  failed: number;
  inFlight: number;
  holds: boolean;
}

/** What stopped a run before its configured duration (see {@link RunStopped}). */
export type RunStopReason =
  | 'zeno' // more than maxEventsAtOneInstant events at one simulated instant: time stopped advancing
  | 'max-events' // maxEvents events fired
  | 'wall-time' // the caller's wall-time budget ran out (the CLI's --max-wall-time)
  | 'heap'; // the caller's heap budget ran out (the CLI's --max-heap)

/** All stop reasons, in reporting order. */
export const RUN_STOP_REASONS: readonly RunStopReason[] = ['zeno', 'max-events', 'wall-time', 'heap'];

/** An edge that made calls at the instant a Zeno loop was caught. */
export interface ZenoLoopEdge {
  source: string;
  destination: string;
  /** Calls it started while the loop was observed (a sample of the events at that instant). */
  calls: number;
}

/** What loops at the instant a run stopped with reason `zeno`. */
export interface ZenoLoop {
  /** Traffic sources that sent requests at that instant, in config order. */
  sources: string[];
  /** Edges with calls at that instant, busiest first (then by name). */
  edges: ZenoLoopEdge[];
  /** Events observed to find them (after the limit was reached). */
  sampledEvents: number;
}

/** A run a guard stopped before its configured duration; the result holds what was measured until then. */
export interface RunStopped {
  reason: RunStopReason;
  /** Simulated time reached [ms]: the metrics, rates and utilisations cover [0, atMs]. */
  atMs: number;
  /** The limit that was reached: events at one instant, events, wall time [ms] or heap [bytes]. */
  limit: number;
  /** One line: what happened and which limit was reached. */
  message: string;
  /** For `zeno`: the traffic sources and edges that made calls at the stalled instant. */
  loop?: ZenoLoop;
}

/**
 * A proxy profile a run's mesh ran with: the shape's own profile with the fields the scenario set in place, every
 * field filled (a default made explicit) in the model's units; null where the profile has none (no limit, no
 * queueing: the profile's Infinity), so that the result stays plain JSON.
 */
export interface ResolvedProxyProfile {
  /** The mesh option that overrides it in a scenario (`sidecar`, `ztunnel`, `waypoint`, `linkerdProxy`, …). */
  name: string;
  /** The kind of its proxies in `proxies.byKind` (`envoy-sidecar`, `ztunnel`, …). */
  kind: string;
  /** The fields the scenario (the mesh options) set, in the order below; the others are the shape's. */
  setByScenario: ProxyProfileField[];
  /** Processing time per traversal [ms]. */
  latencyMs: DistributionSpec;
  /**
   * Worker threads; null: unlimited (no queueing). Istio 1.18+ Envoys and Linkerd proxies whose scenario does not set
   * them run their CPU limit rounded up instead (docs/model.md#cpu-limits-cfs-quotas).
   */
  workers: number | null;
  /** CPU per request, both directions together [ms of one core]. */
  cpuMsPerRequest: number;
  /** CPU per KiB of payload, per traversal [ms of one core]. */
  cpuMsPerKiB: number;
  /** Memory at rest [MiB]. */
  memoryBaseMiB: number;
  /** Memory per endpoint in its configuration [KiB]. */
  memoryPerEndpointKiB: number;
  /** Memory per pooled upstream connection [KiB]. */
  memoryPerConnectionKiB: number;
  /** CPU limit of its container [cores]; null: none. A service's `proxyCpuLimitCores` wins for its sidecars. */
  cpuLimitCores: number | null;
  /** CPU request of its container [cores] (a finite limit without a request counts as one); 0: none. */
  cpuRequestCores: number;
  /** Memory request of its container [MiB] (a limit without a request counts as one); 0: none. */
  memoryRequestMiB: number;
  /** Memory limit of its container [MiB]; null: none. A service's `proxyMemoryLimitMiB` wins for its sidecars. */
  memoryLimitMiB: number | null;
  /** CPU of its side of one TLS handshake [ms of one core]. */
  tlsHandshakeCpuMs: number;
  /** Pods of each waypoint deployment (the `waypoint` profile only; a service's own `replicas` wins). */
  replicas?: number;
}

/** The pods of one service a crashed node took down. */
export interface NodeCrashPods {
  service: string;
  /** Its pods (instances) on the crashed nodes. */
  pods: number;
  /** Its pods in all (running ones: Pending pods are on no node). */
  of: number;
}

/** The per-node mesh proxies (not sidecars, which go with their pods) of one kind a crashed node took down. */
export interface NodeCrashProxies {
  /** Proxy kind as in `ProxyKindTotals.kind`, e.g. `ztunnel`. */
  kind: string;
  count: number;
}

/** What one `crashNode` fault took down when it started: its nodes, the pods on them and their proxies. */
export interface NodeCrashRecord {
  /** Index of the fault in the config's `faults`. */
  fault: number;
  /** When it started [ms]. */
  atMs: number;
  /** The service the fault names: whose pods' nodes crashed. */
  service: string;
  /** Whether the nodes stayed reachable (their pods crashed cleanly) rather than being powered off. */
  reachable: boolean;
  /** Names of the crashed nodes, in placement order. */
  nodes: string[];
  /** Every service with pods on them, in the config's order: the fault's own and those that were merely there. */
  services: NodeCrashPods[];
  /** Sidecars on them (one per pod of a sidecar mesh; 0 otherwise). */
  sidecars: number;
  /** Other mesh proxies on them (ztunnels, node proxies, waypoints), by kind. */
  proxies: NodeCrashProxies[];
}

/**
 * What happened to a pod: its application container `crashed` (or stopped with its node), `started` again (a restart
 * by the kubelet), or the pod became `ready` / `notReady` (what its service's endpoints are built from).
 */
export type PodEventKind = 'crashed' | 'started' | 'ready' | 'notReady';

/** One pod event. */
export interface PodEvent {
  /** When it happened [ms]. */
  atMs: number;
  service: string;
  /** The instance's name, e.g. `payments-1` (its service's name and its 1-based index in placement order). */
  pod: string;
  kind: PodEventKind;
}

/** The pod events of a run, in the order they happened, capped at `limit`. */
export interface PodEvents {
  /** The first `limit` events. */
  events: PodEvent[];
  /** Events after the first `limit`, counted but not kept. */
  omitted: number;
  /** How many events a run keeps. */
  limit: number;
}

/** Everything a simulation measured. */
export interface SimulationResult {
  scenario: {
    name: string;
    description: string;
    seed: number | string;
    durationMs: number;
    /** The mesh shape's name. */
    mesh: string;
    /**
     * The proxy profiles the mesh ran with (a layered mesh's in-cluster shape's and its cross-cluster hop's); empty
     * for a shape without proxies. Every result of `simulate` has it; absent in a result made otherwise.
     */
    meshProfiles?: ResolvedProxyProfile[];
  };
  /** Kernel events fired. */
  events: number;
  edges: EdgeMetrics[];
  /**
   * Latency of the traffic sources' successful calls, all sources together (the merged histogram of the edges whose
   * caller is not a service): true end-to-end percentiles, not an average of each source's. Every result of `simulate`
   * has it; absent in a result made otherwise.
   */
  endToEndLatency?: LatencySummary;
  services: ServiceMetrics[];
  proxies: ProxyTotals;
  /** The nodes' CPU, when nodes have a size (`nodeCpu`); empty otherwise. */
  nodes: NodeMetrics[];
  /**
   * How many more nodes would run every pod left Pending — of a node pool's size for the pods bound to it, else of
   * the cluster's own (summed over clusters and pools): 0 when none is; null when nodes have no size, or when even
   * the most nodes the search adds (4 × the nodes grown, at least 16, or the node limits' room) leave pods Pending (a
   * pod larger than a node, say; a warning says how many it tried and why).
   */
  extraNodesNeeded: number | null;
  /** Connections opened and their TLS handshakes. */
  connections: ConnectionTotals;
  timeSeries: TimeSeries;
  conservation: Conservation;
  /** Fraction of all calls (every edge, traffic sources included) made on mTLS edges, in [0, 1]; 0 when none. */
  mtlsCoverage: number;
  /** Policies asked for that the mesh shape cannot enforce, and other notes the user must see. */
  warnings: string[];
  /** Modelling assumptions behind the numbers (guesses are labelled as such). */
  assumptions: string[];
  /** Request series and traces, present only when `simulate` was asked for them (`TelemetryOptions`). */
  telemetry?: TelemetryResult;
  /** Present only when a guard stopped the run early (Zeno loop, event, wall-time or heap budget). */
  stopped?: RunStopped;
  /** What each `crashNode` fault that started took down, in start order; present only when one did. */
  nodeCrashes?: NodeCrashRecord[];
  /** When pods crashed, started again, became Ready and NotReady; present only when any did. */
  podEvents?: PodEvents;
}
