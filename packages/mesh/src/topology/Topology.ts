// Clusters, zones, node pools and nodes, and the deterministic placement of service instances onto nodes.

import { DEFAULT_NODE_MAX_PODS } from '../config/rules/scenarioRules.js';
import type { ClusterConfig, DaemonSetConfig } from '../config/SimulationConfig.js';
import { pushAll } from '../config/manyValues.js';

/** A worker node. */
export interface Node {
  /** Index in `Topology.nodes`. */
  readonly id: number;
  readonly name: string;
  readonly cluster: string;
  readonly zone: string;
  /** Its node pool, or null for the cluster's default nodes (and dedicated ones). */
  readonly pool: string | null;
  /** Its cores (the pool's or the cluster's `nodeCpu`), or null when its CPU is not modelled. */
  readonly cores: number | null;
  /** Its memory [MiB] (the pool's or the cluster's `nodeMemoryMiB`), or null when memory is not fitted. */
  readonly memoryMiB: number | null;
  /**
   * Pods it runs at most (`nodeMaxPods`, on nodes with a CPU size), the mesh's DaemonSet pods included; null when
   * not limited (nodes without a size).
   */
  readonly maxPods: number | null;
  /** Instances placed so far (used to balance placement). */
  instanceCount: number;
  /** Pods of the mesh's DaemonSets on it (`reservePerNode`): each takes a pod slot. */
  daemonPods: number;
  /** Pods of its cluster's other DaemonSets on it (`daemonSets`: kube-proxy, …): each takes a pod slot. */
  readonly systemPods: number;
  /** What those pods request [cores] (counted in `requestedMilli`). */
  readonly systemCpuRequestCores: number;
  /** The same in memory [MiB] (counted in `requestedMemoryBytes`). */
  readonly systemMemoryRequestMiB: number;
  /** CPU its pods request so far [millicores]: what the scheduler's fit check counts. */
  requestedMilli: number;
  /** The same with 100m for each pod that requests none: what the scheduler's score counts. */
  scoredMilli: number;
  /** Memory its pods request so far [bytes]: what the scheduler's fit check counts. */
  requestedMemoryBytes: number;
  /**
   * True while it is powered off or cut off from the network (a `crashNode` fault): nothing on it answers, so
   * requests sent to it get no response and connections to it are not refused but time out.
   */
  unreachable: boolean;
  /**
   * How many times it came back after being powered off: a rebooted host holds no connection state, so a
   * connection older than its last return is dead (`ConnectionPool`).
   */
  boots: number;
}

/**
 * The CPU a pod that requests none counts for when nodes are scored [millicores]: Kubernetes'
 * `DefaultMilliCPURequest` (docs/sources.md#k8s-scheduler-least-allocated), so pods without requests
 * still spread.
 */
export const NONZERO_CPU_REQUEST_MILLI = 100;

/** A service's pods as placement sees them (`Topology.place`). */
export interface PodPlacement {
  /** The node pool they must run on; absent: the cluster's nodes and its shared pools'. */
  readonly pool?: string | undefined;
  /** Tainted pools they may also run on (when they name no `pool`). */
  readonly tolerated?: readonly string[] | undefined;
  /** What each pod's application container requests [cores]; absent: nothing (scored as 100m). */
  readonly cpuRequestCores?: number | undefined;
  /** What the sidecar injected into each pod requests [cores]: counted by the fit check. @defaultValue 0 */
  readonly sidecarCpuRequestCores?: number;
  /** What each pod requests in memory, its sidecar's included [MiB]: counted by the fit check on nodes with a memory size. @defaultValue 0 */
  readonly memoryRequestMiB?: number;
  /** Leave a pod no node has room for Pending (not placed) rather than place it anyway. @defaultValue false */
  readonly leavePending?: boolean;
}

/** Nodes by zone, in declared zone order. */
type ZonedNodes = Node[][];

/** Where two nodes are relative to each other. */
export type Locality = 'same-node' | 'same-zone' | 'cross-zone' | 'cross-cluster';

/**
 * The nodes of every cluster: its default nodes (`zones`), then each node pool's. Placement is
 * deterministic and follows Kubernetes' default scheduler: a service's pods spread over the zones of its cluster
 * (or of its node pool) as the scheduler's built-in PodTopologySpread zone constraint spreads them
 * (docs/sources.md#k8s-topology-spread-defaults): each pod goes to the zones holding the fewest of that service's
 * pods so far (each `place` call is one service), and there — among the cluster's nodes and its shared pools' in
 * those zones, for a service that names no pool — to a node as the scheduler scores them on CPU (its default
 * `NodeResourcesFit` filter and `LeastAllocated` score): a node the pod's CPU request fits on, the smallest share of
 * its cores requested once the pod is there (100m for pods that request none), then the fewest instances, then the
 * first in zone order, then node order. So a service's single pod goes to the least requested node of the whole
 * cluster. When no node of those zones has room, the zones holding the next fewest take the pod, and so on; when
 * none has, the pod is left Pending (an application's: `leavePending`) or goes where it would score best among the
 * first zones anyway (a waypoint's; `checkCpuRequests` warns). A pod fits with its injected sidecar's request, next
 * to the mesh's DaemonSet pods (`reservePerNode`) and its cluster's other DaemonSets' (`daemonSets`), and in a free
 * pod slot of a node with a size (`nodeMaxPods`, every DaemonSet pod taking one); it is scored on its application's
 * request alone, so that every mesh shape spreads pods alike while they fit. Nodes without a size are balanced by
 * instance count.
 */
export class Topology {
  readonly nodes: Node[] = [];
  private readonly clusterNodes = new Map<string, ZonedNodes>();
  /** Each cluster's node pools by name. */
  private readonly poolNodes = new Map<string, Map<string, ZonedNodes>>();
  /** Zone names and node size of each cluster, in declared order. */
  private readonly clusterInfo = new Map<string, { zones: string[]; size: NodeSize }>();
  /** What the DaemonSets reserve on every node [millicores] (`reservePerNode`). */
  private perNodeMilli = 0;
  /** Their pods on every node. */
  private perNodePods = 0;
  /** The same in memory [bytes]. */
  private perNodeMemoryBytes = 0;

  constructor(clusters: readonly ClusterConfig[]) {
    for (const cluster of clusters) {
      const size: NodeSize = {
        cores: cluster.nodeCpu ?? null,
        memoryMiB: cluster.nodeMemoryMiB ?? null,
        maxPods: cluster.nodeMaxPods ?? DEFAULT_NODE_MAX_PODS,
        system: systemPodsOf(cluster.daemonSets ?? []),
      };
      const own = this.addNodes(cluster.name, cluster.zones, null, size);
      this.clusterInfo.set(cluster.name, { zones: cluster.zones.map((zone) => zone.name), size });
      const pools = new Map<string, ZonedNodes>();
      // The cluster's own nodes, when their pool has a name: the pods that name it run there only.
      if (cluster.poolName !== undefined) pools.set(cluster.poolName, own);
      // Pods that name no pool run on the cluster's nodes and, zone by zone, on those of its shared pools.
      const anyPod = own.map((nodes) => [...nodes]);
      for (const pool of cluster.nodePools ?? []) {
        const nodes = this.addNodes(cluster.name, pool.zones, pool.name, {
          cores: pool.nodeCpu ?? size.cores,
          memoryMiB: pool.nodeMemoryMiB ?? size.memoryMiB,
          maxPods: pool.nodeMaxPods ?? size.maxPods,
          system: size.system,
        });
        pools.set(pool.name, nodes);
        if (pool.shared !== true) continue;
        pool.zones.forEach((zone, i) => {
          const at = cluster.zones.findIndex((z) => z.name === zone.name);
          const pods = anyPod[at];
          if (pods !== undefined) pushAll(pods, nodes[i] as Node[]);
        });
      }
      this.clusterNodes.set(cluster.name, anyPod);
      this.poolNodes.set(cluster.name, pools);
    }
  }

  /** Creates the nodes of `zones` (`<cluster>/<zone>/node-<i>`, or `<pool>-node-<i>` in a pool). */
  private addNodes(
    cluster: string,
    zones: readonly { name: string; nodes: number }[],
    pool: string | null,
    size: NodeSize,
  ): ZonedNodes {
    return zones.map((zone) => {
      const nodes: Node[] = [];
      for (let i = 0; i < zone.nodes; i++) {
        const name = `${cluster}/${zone.name}/${pool === null ? '' : `${pool}-`}node-${i + 1}`;
        nodes.push(this.addNode(name, cluster, zone.name, pool, size));
      }
      return nodes;
    });
  }

  /**
   * Reserves `cores`, `memoryMiB` and `pods` pod slots on every node, now and to come, for the pods a DaemonSet runs
   * there (the mesh's per-node proxies): counted by the fit check, not by the score.
   */
  reservePerNode(cores: number, memoryMiB = 0, pods = 0): void {
    const milli = toMilli(cores);
    const bytes = toBytes(memoryMiB);
    this.perNodeMilli += milli;
    this.perNodeMemoryBytes += bytes;
    this.perNodePods += pods;
    for (const node of this.nodes) {
      node.requestedMilli += milli;
      node.requestedMemoryBytes += bytes;
      node.daemonPods += pods;
    }
  }

  /**
   * Places up to `replicas` pods of one service in `cluster` (see {@link PodPlacement} for where and with what
   * requests), spread over its zones (see {@link Topology}); returns their nodes in placement order. With `leavePending`, the pods no node has room for are left
   * out (they are always the last ones: the next pod needs the same room), so fewer nodes than `replicas` come back.
   */
  place(cluster: string, replicas: number, pod: PodPlacement = {}): Node[] {
    const { pool, cpuRequestCores, tolerated = [] } = pod;
    const clusterZones = this.clusterNodes.get(cluster);
    if (clusterZones === undefined || clusterZones.length === 0)
      throw new Error(`Topology: unknown cluster "${cluster}"`);
    let zones = clusterZones;
    if (pool !== undefined) {
      const pools = this.poolNodes.get(cluster) as Map<string, ZonedNodes>;
      const poolZones = pools.get(pool);
      if (poolZones === undefined) {
        const known = [...pools.keys()];
        throw new Error(
          `Topology: unknown node pool "${pool}" in cluster "${cluster}" (${known.length === 0 ? 'it has none' : `its pools: ${known.join(', ')}`})`,
        );
      }
      zones = poolZones;
    } else if (tolerated.length > 0) {
      zones = this.withTolerated(cluster, clusterZones, tolerated);
    }
    const requestMilli = cpuRequestCores === undefined ? 0 : toMilli(cpuRequestCores);
    const scoredMilli = cpuRequestCores === undefined ? NONZERO_CPU_REQUEST_MILLI : requestMilli;
    const fit: PodFit = {
      milli: requestMilli + toMilli(pod.sidecarCpuRequestCores ?? 0),
      memoryBytes: toBytes(pod.memoryRequestMiB ?? 0),
    };
    const placed: Node[] = [];
    // This service's pods per zone so far: what its zone spreading counts.
    const zonePods = zones.map(() => 0);
    for (let i = 0; i < replicas; i++) {
      const best = pickNode(zones, zonePods, fit, scoredMilli);
      if (!best.fits && pod.leavePending === true) break;
      zonePods[best.zone] = (zonePods[best.zone] as number) + 1;
      best.node.instanceCount++;
      best.node.requestedMilli += fit.milli;
      best.node.requestedMemoryBytes += fit.memoryBytes;
      best.node.scoredMilli += scoredMilli;
      placed.push(best.node);
    }
    return placed;
  }

  /** `zones` (the cluster's, by zone) with the nodes of the `tolerated` pools added zone by zone. */
  private withTolerated(cluster: string, zones: ZonedNodes, tolerated: readonly string[]): ZonedNodes {
    const pools = this.poolNodes.get(cluster) as Map<string, ZonedNodes>;
    const info = this.clusterInfo.get(cluster) as { zones: string[] };
    const out = zones.map((nodes) => [...nodes]);
    for (const name of tolerated) {
      const poolZones = pools.get(name);
      if (poolZones === undefined)
        throw new Error(`Topology: unknown node pool "${name}" in cluster "${cluster}"`);
      for (const nodes of poolZones) {
        const zone = nodes[0]?.zone;
        const at = zone === undefined ? -1 : info.zones.indexOf(zone);
        // A shared pool's nodes are there already.
        if (at >= 0) for (const node of nodes) if (!out[at]?.includes(node)) out[at]?.push(node);
      }
    }
    return out;
  }

  /**
   * Places `replicas` instances of service `owner` on nodes of their own: one new node per replica, in
   * the cluster's zones round-robin (in declared order), that no other placement uses — a node pool
   * with a taint only this service tolerates. The nodes are appended to `nodes` (named
   * `<cluster>/<zone>/<owner>-node-<i>`); returns them in placement order.
   */
  placeDedicated(cluster: string, replicas: number, owner: string): Node[] {
    const info = this.clusterInfo.get(cluster);
    if (info === undefined || info.zones.length === 0)
      throw new Error(`Topology: unknown cluster "${cluster}"`);
    const zoneNames = info.zones;
    const placed: Node[] = [];
    for (let i = 0; i < replicas; i++) {
      const zone = zoneNames[i % zoneNames.length] as string;
      const node = this.addNode(`${cluster}/${zone}/${owner}-node-${i + 1}`, cluster, zone, null, info.size);
      // Its one pod is placed with it.
      node.instanceCount = 1;
      placed.push(node);
    }
    return placed;
  }

  /** A new empty node, appended to `nodes`: the one place a node's placement bookkeeping starts. */
  private addNode(name: string, cluster: string, zone: string, pool: string | null, size: NodeSize): Node {
    const node: Node = {
      id: this.nodes.length,
      name,
      cluster,
      zone,
      pool,
      cores: size.cores,
      memoryMiB: size.memoryMiB,
      // The pod limit is part of the capacity model, which nodes without a size are out of.
      maxPods: size.cores === null ? null : size.maxPods,
      instanceCount: 0,
      daemonPods: this.perNodePods,
      systemPods: size.system.pods,
      systemCpuRequestCores: size.system.cpuCores,
      systemMemoryRequestMiB: size.system.memoryMiB,
      requestedMilli: this.perNodeMilli + size.system.milli,
      scoredMilli: 0,
      requestedMemoryBytes: this.perNodeMemoryBytes + size.system.memoryBytes,
      unreachable: false,
      boots: 0,
    };
    this.nodes.push(node);
    return node;
  }

  /** Locality of two nodes. */
  static locality(a: Node, b: Node): Locality {
    if (a.id === b.id) return 'same-node';
    if (a.cluster !== b.cluster) return 'cross-cluster';
    return a.zone === b.zone ? 'same-zone' : 'cross-zone';
  }
}

/** The size of a cluster's or a pool's nodes, and what its cluster's DaemonSets take on each. */
interface NodeSize {
  readonly cores: number | null;
  readonly memoryMiB: number | null;
  readonly maxPods: number;
  readonly system: SystemPods;
}

/** What a cluster's DaemonSets (besides the mesh's) take on each of its nodes. */
interface SystemPods {
  readonly pods: number;
  /** [millicores] */
  readonly milli: number;
  /** [bytes] */
  readonly memoryBytes: number;
  /** Their requests summed [cores] and [MiB], for the results. */
  readonly cpuCores: number;
  readonly memoryMiB: number;
}

/** What `daemonSets` take on every node: a pod each, and their requests as the fit check counts them. */
function systemPodsOf(daemonSets: readonly DaemonSetConfig[]): SystemPods {
  let milli = 0;
  let memoryBytes = 0;
  let cpuCores = 0;
  let memoryMiB = 0;
  for (const d of daemonSets) {
    milli += toMilli(d.cpuRequestCores ?? 0);
    memoryBytes += toBytes(d.memoryRequestMiB ?? 0);
    cpuCores += d.cpuRequestCores ?? 0;
    memoryMiB += d.memoryRequestMiB ?? 0;
  }
  return { pods: daemonSets.length, milli, memoryBytes, cpuCores, memoryMiB };
}

/**
 * Pod slots `node` has left under its `maxPods` (its pods and every DaemonSet's pod, the mesh's and the cluster's
 * others, each take one): negative when it runs more than it takes (a waypoint placed anyway); Infinity on a node
 * without a limit (no size).
 */
export function freePodSlots(node: Node): number {
  return node.maxPods === null
    ? Infinity
    : node.maxPods - node.instanceCount - node.daemonPods - node.systemPods;
}

/** A node's cores in millicores (the unit requests are counted in), or null without a size. */
function coresMilli(node: Node): number | null {
  return node.cores === null ? null : toMilli(node.cores);
}

/** Cores in whole millicores, as Kubernetes counts CPU quantities. */
function toMilli(cores: number): number {
  return Math.round(cores * 1000);
}

/** MiB in whole bytes, as Kubernetes counts memory quantities. */
function toBytes(memoryMiB: number): number {
  return Math.round(memoryMiB * 1024 * 1024);
}

/** What a pod needs free on a node, as the fit check counts it: CPU [millicores] and memory [bytes]. */
interface PodFit {
  readonly milli: number;
  readonly memoryBytes: number;
}

/** The node a pod goes to, whether its request fits there, and the index of its zone. */
interface Pick {
  readonly node: Node;
  readonly fits: boolean;
  readonly zone: number;
}

/**
 * The node a pod goes to (see `Topology`): among the nodes of the zones holding the fewest of its service's pods so
 * far (`zonePods`, by zone), the best one it fits on; if none of them has room, the best of the zones holding the
 * next fewest, and so on; if no zone has, the best of the first zones, which it does not fit.
 */
function pickNode(zones: ZonedNodes, zonePods: readonly number[], fit: PodFit, scoredMilli: number): Pick {
  // The pod counts of the zones that have nodes, fewest first.
  const counts = [...new Set(zonePods.filter((_, z) => (zones[z] as Node[]).length > 0))].sort(
    (a, b) => a - b,
  );
  let first: Pick | null = null;
  for (const count of counts) {
    const best = bestOf(zones, (z) => zonePods[z] === count, fit, scoredMilli) as Pick;
    if (best.fits) return best;
    first ??= best;
  }
  if (first === null) throw new Error('Topology: no node to place a pod on');
  return first;
}

/**
 * The best node of the `zones` that `among` takes for a pod (null when they have none), and whether its request fits
 * there: a node it fits on, then the smallest requested share of its cores once the pod is there, then the fewest
 * instances, then the first in zone order, then node order.
 */
function bestOf(
  zones: ZonedNodes,
  among: (zone: number) => boolean,
  fit: PodFit,
  scoredMilli: number,
): Pick | null {
  // Nodes without a CPU size: balanced by instance count among those with room for the pod's memory (all, without
  // a memory size).
  const unsized = zones.some((nodes, z) => among(z) && nodes.some((node) => node.cores === null));
  let best: Pick | null = null;
  zones.forEach((nodes, z) => {
    if (!among(z)) return;
    for (const node of nodes) {
      const fits = fitsOn(node, fit);
      if (best === null || (fits && !best.fits)) {
        best = { node, fits, zone: z };
        continue;
      }
      if (fits !== best.fits) continue;
      if (unsized) {
        if (node.instanceCount < best.node.instanceCount) best = { node, fits, zone: z };
        continue;
      }
      // Requested share after the pod, compared exactly: a/x < b/y ⇔ a·y < b·x (integers of millicores).
      const mine = (node.scoredMilli + scoredMilli) * (coresMilli(best.node) as number);
      const theirs = (best.node.scoredMilli + scoredMilli) * (coresMilli(node) as number);
      if (mine < theirs || (mine === theirs && node.instanceCount < best.node.instanceCount))
        best = { node, fits, zone: z };
    }
  });
  return best;
}

/**
 * Whether a pod needing `fit` fits in what `node` has not yet given to requests: a pod slot under its `maxPods`, its
 * CPU, and its memory on a node with a memory size. The scheduler checks the pod count first, for every pod, then a
 * resource only for a positive request (`fitsRequest` in its `NodeResourcesFit` plugin,
 * docs/sources.md#k8s-scheduler-least-allocated), so a pod that requests none of a resource fits any node with a slot.
 */
function fitsOn(node: Node, fit: PodFit): boolean {
  if (freePodSlots(node) < 1) return false;
  const cores = coresMilli(node);
  if (fit.milli > 0 && cores !== null && node.requestedMilli + fit.milli > cores) return false;
  const memoryMiB = node.memoryMiB;
  return (
    fit.memoryBytes === 0 ||
    memoryMiB === null ||
    node.requestedMemoryBytes + fit.memoryBytes <= toBytes(memoryMiB)
  );
}
