// How many nodes a cluster declares: its zones' and its node pools' (dedicated nodes, made at placement, aside). One
// count for the scenario's node limits and for the search of how many more nodes would run every Pending pod.

import type { ClusterConfig } from './SimulationConfig.js';

/** The nodes of `cluster`'s zones and of its node pools' zones. */
export function clusterNodeCount(cluster: ClusterConfig): number {
  return [cluster.zones, ...(cluster.nodePools ?? []).map((pool) => pool.zones)]
    .flat()
    .reduce((n, zone) => n + zone.nodes, 0);
}
