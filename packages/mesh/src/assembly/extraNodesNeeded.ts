// How many more nodes a cluster needs to run every pod its placement left Pending: its own nodes grown one at a
// time over its zones in declared order (the placement's round-robin), everything placed again, until no pod of
// the cluster's services is Pending. The cost of a mesh's requests in nodes, for the results and the warnings.

import type { ClusterConfig, SimulationConfig } from '../config/SimulationConfig.js';
import { clusterNodeCount } from '../config/clusterNodeCount.js';
import { SCENARIO_LIMITS } from '../config/rules/limitRules.js';
import { DEFAULT_NODE_MAX_PODS } from '../config/rules/scenarioRules.js';
import type { MeshPodRequests } from '../shapes/MeshShape.js';
import { placeServices } from './placeServices.js';

/** What one cluster with Pending pods is short of. */
export type ClusterShortfall =
  | { readonly kind: 'nodes'; readonly cluster: string; readonly extraNodes: number }
  /** Some of its Pending pods must run on a node pool (`nodePool`): growing its own nodes cannot place them. */
  | { readonly kind: 'pool-bound'; readonly cluster: string; readonly pools: readonly string[] }
  /**
   * Even `maxExtraNodes` more nodes leave pods Pending: pods larger than a node, say, or (`slotsTaken`) nodes whose
   * every pod slot the mesh's per-node proxies take.
   */
  | {
      readonly kind: 'too-many';
      readonly cluster: string;
      readonly maxExtraNodes: number;
      readonly slotsTaken: boolean;
    };

/** `clusters` with `extra` more nodes in `name`'s own zones, spread round-robin in declared order. */
function grown(clusters: readonly ClusterConfig[], name: string, extra: number): ClusterConfig[] {
  return clusters.map((cluster) => {
    if (cluster.name !== name) return cluster;
    const count = cluster.zones.length;
    const zones = cluster.zones.map((zone, i) => ({
      name: zone.name,
      nodes: zone.nodes + Math.floor(extra / count) + (i < extra % count ? 1 : 0),
    }));
    return { ...cluster, zones };
  });
}

/**
 * For each cluster (in declared order) whose services have Pending pods (`pendingOf`, by service), what it is short
 * of: the fewest more nodes of its own size that run them all, found by doubling then bisecting (placement fills more
 * nodes no worse), up to 4 × its nodes (at least 16, within the scenario's node limits, per cluster and in all).
 */
export function extraNodesNeeded(
  config: SimulationConfig,
  meshPods: MeshPodRequests,
  pendingOf: ReadonlyMap<string, number>,
): ClusterShortfall[] {
  const out: ClusterShortfall[] = [];
  const totalNodes = config.clusters.reduce((sum, c) => sum + clusterNodeCount(c), 0);
  for (const cluster of config.clusters) {
    const pending = config.services.filter(
      (s) => s.cluster === cluster.name && (pendingOf.get(s.name) ?? 0) > 0,
    );
    if (pending.length === 0) continue;
    const pools = [...new Set(pending.flatMap((s) => (s.nodePool === undefined ? [] : [s.nodePool])))];
    if (pools.length > 0) {
      out.push({ kind: 'pool-bound', cluster: cluster.name, pools });
      continue;
    }
    const own = cluster.zones.reduce((n, z) => n + z.nodes, 0);
    const cap = Math.max(
      0,
      Math.min(
        Math.max(16, 4 * own),
        SCENARIO_LIMITS.nodes - totalNodes,
        SCENARIO_LIMITS.nodesPerCluster - clusterNodeCount(cluster),
      ),
    );
    const fits = (extra: number): boolean => {
      const { placements } = placeServices(
        { ...config, clusters: grown(config.clusters, cluster.name, extra) },
        meshPods,
      );
      return config.services.every(
        (s, i) => s.cluster !== cluster.name || (placements[i]?.length ?? 0) === s.replicas,
      );
    };
    let low = 0;
    let high = 1;
    while (high <= cap && !fits(high)) {
      low = high;
      high *= 2;
    }
    if (high > cap) {
      if (cap === 0 || !fits(cap)) {
        const slotsTaken =
          cluster.nodeCpu != null &&
          (cluster.nodeMaxPods ?? DEFAULT_NODE_MAX_PODS) <= (meshPods.perNodePods ?? 0);
        out.push({ kind: 'too-many', cluster: cluster.name, maxExtraNodes: cap, slotsTaken });
        continue;
      }
      high = cap;
    }
    // fits(high), not fits(low): the fewest in (low, high].
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (fits(mid)) high = mid;
      else low = mid;
    }
    out.push({ kind: 'nodes', cluster: cluster.name, extraNodes: high });
  }
  return out;
}
