// Clusters, zones, node pools and nodes, and the deterministic placement of service instances onto nodes.

import type { ClusterConfig } from '../config/SimulationConfig.js';

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
  /** Instances placed so far (used to balance placement). */
  instanceCount: number;
}

/** Nodes by zone, in declared zone order. */
type ZonedNodes = Node[][];

/** Where two nodes are relative to each other. */
export type Locality = 'same-node' | 'same-zone' | 'cross-zone' | 'cross-cluster';

/**
 * The nodes of every cluster: its default nodes (`zones`), then each node pool's. Placement is
 * deterministic: a service's instances go round-robin over the zones of its cluster (or of its node pool),
 * in declared order, and within a zone to the node with the fewest instances so far (lowest index on ties) —
 * among the cluster's nodes and its shared pools' in that zone, for a service that names no pool.
 */
export class Topology {
  readonly nodes: Node[] = [];
  private readonly clusterNodes = new Map<string, ZonedNodes>();
  /** Each cluster's node pools by name. */
  private readonly poolNodes = new Map<string, Map<string, ZonedNodes>>();
  /** Zone names and node size of each cluster, in declared order. */
  private readonly clusterInfo = new Map<string, { zones: string[]; cores: number | null }>();

  constructor(clusters: readonly ClusterConfig[]) {
    for (const cluster of clusters) {
      const cores = cluster.nodeCpu ?? null;
      const own = this.addNodes(cluster.name, cluster.zones, null, cores);
      this.clusterInfo.set(cluster.name, { zones: cluster.zones.map((zone) => zone.name), cores });
      const pools = new Map<string, ZonedNodes>();
      // Pods that name no pool run on the cluster's nodes and, zone by zone, on those of its shared pools.
      const anyPod = own.map((nodes) => [...nodes]);
      for (const pool of cluster.nodePools ?? []) {
        const nodes = this.addNodes(cluster.name, pool.zones, pool.name, pool.nodeCpu ?? cores);
        pools.set(pool.name, nodes);
        if (pool.shared !== true) continue;
        pool.zones.forEach((zone, i) => {
          const at = cluster.zones.findIndex((z) => z.name === zone.name);
          if (at >= 0) anyPod[at]?.push(...(nodes[i] as Node[]));
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
    cores: number | null,
  ): ZonedNodes {
    return zones.map((zone) => {
      const nodes: Node[] = [];
      for (let i = 0; i < zone.nodes; i++) {
        const node: Node = {
          id: this.nodes.length,
          name: `${cluster}/${zone.name}/${pool === null ? '' : `${pool}-`}node-${i + 1}`,
          cluster,
          zone: zone.name,
          pool,
          cores,
          instanceCount: 0,
        };
        this.nodes.push(node);
        nodes.push(node);
      }
      return nodes;
    });
  }

  /**
   * Places `replicas` instances of a service in `cluster` (on its node pool `pool`, if given); returns their
   * nodes in placement order.
   */
  place(cluster: string, replicas: number, pool?: string): Node[] {
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
    }
    const placed: Node[] = [];
    for (let i = 0; i < replicas; i++) {
      const zone = zones[i % zones.length] as Node[];
      let best = zone[0] as Node;
      for (const node of zone) if (node.instanceCount < best.instanceCount) best = node;
      best.instanceCount++;
      placed.push(best);
    }
    return placed;
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
      const node: Node = {
        id: this.nodes.length,
        name: `${cluster}/${zone}/${owner}-node-${i + 1}`,
        cluster,
        zone,
        pool: null,
        cores: info.cores,
        instanceCount: 1,
      };
      this.nodes.push(node);
      placed.push(node);
    }
    return placed;
  }

  /** Locality of two nodes. */
  static locality(a: Node, b: Node): Locality {
    if (a.id === b.id) return 'same-node';
    if (a.cluster !== b.cluster) return 'cross-cluster';
    return a.zone === b.zone ? 'same-zone' : 'cross-zone';
  }
}
