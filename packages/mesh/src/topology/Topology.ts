// Clusters, zones and nodes, and the deterministic placement of service instances onto nodes.

import type { ClusterConfig } from '../config/SimulationConfig.js';

/** A worker node. */
export interface Node {
  /** Index in `Topology.nodes`. */
  readonly id: number;
  readonly name: string;
  readonly cluster: string;
  readonly zone: string;
  /** Instances placed so far (used to balance placement). */
  instanceCount: number;
}

/** Where two nodes are relative to each other. */
export type Locality = 'same-node' | 'same-zone' | 'cross-zone' | 'cross-cluster';

/**
 * The nodes of every cluster. Placement is deterministic: a service's instances go round-robin
 * over its cluster's zones (in declared order), and within a zone to the node with the fewest
 * instances so far (lowest index on ties).
 */
export class Topology {
  readonly nodes: Node[] = [];
  private readonly clusterNodes = new Map<string, Node[][]>();
  /** Zone names of each cluster, in declared order. */
  private readonly zoneNames = new Map<string, string[]>();

  constructor(clusters: readonly ClusterConfig[]) {
    for (const cluster of clusters) {
      const zones: Node[][] = [];
      for (const zone of cluster.zones) {
        const nodes: Node[] = [];
        for (let i = 0; i < zone.nodes; i++) {
          const node: Node = {
            id: this.nodes.length,
            name: `${cluster.name}/${zone.name}/node-${i + 1}`,
            cluster: cluster.name,
            zone: zone.name,
            instanceCount: 0,
          };
          this.nodes.push(node);
          nodes.push(node);
        }
        zones.push(nodes);
      }
      this.clusterNodes.set(cluster.name, zones);
      this.zoneNames.set(
        cluster.name,
        cluster.zones.map((zone) => zone.name),
      );
    }
  }

  /** Places `replicas` instances of a service in `cluster`; returns their nodes in placement order. */
  place(cluster: string, replicas: number): Node[] {
    const zones = this.clusterNodes.get(cluster);
    if (zones === undefined || zones.length === 0) throw new Error(`Topology: unknown cluster "${cluster}"`);
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
    const zones = this.clusterNodes.get(cluster);
    if (zones === undefined || zones.length === 0) throw new Error(`Topology: unknown cluster "${cluster}"`);
    const zoneNames = this.zoneNames.get(cluster) as readonly string[];
    const placed: Node[] = [];
    for (let i = 0; i < replicas; i++) {
      const zone = zoneNames[i % zoneNames.length] as string;
      const node: Node = {
        id: this.nodes.length,
        name: `${cluster}/${zone}/${owner}-node-${i + 1}`,
        cluster,
        zone,
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
