// How many more nodes a cluster needs to run every pod its placement left Pending: each node pool its Pending pods
// are bound to, then its own nodes, grown over their zones in turn, in declared order,
// everything placed again, until none of those pods is Pending. The cost of a mesh's requests in nodes, for the
// results and the warnings.

import type { ClusterConfig, ServiceConfig, SimulationConfig } from '../config/SimulationConfig.js';
import { clusterNodeCount } from '../config/clusterNodeCount.js';
import { SCENARIO_LIMITS } from '../config/rules/limitRules.js';
import { DEFAULT_NODE_MAX_PODS } from '../config/rules/scenarioRules.js';
import type { MeshPodRequests } from '../shapes/MeshShape.js';
import { placeServices } from './placeServices.js';

/** What one cluster, or one of its node pools, with Pending pods is short of. */
export type ClusterShortfall =
  /** The fewest more nodes of its own size (`pool`'s, or the cluster's own when null) that run its Pending pods. */
  | {
      readonly kind: 'nodes';
      readonly cluster: string;
      readonly pool: string | null;
      readonly extraNodes: number;
    }
  /**
   * Even `maxExtraNodes` more nodes leave pods Pending: pods larger than a node, say, or (`slotsTaken`) nodes whose
   * every pod slot the DaemonSets' pods take (the mesh's per-node proxies and the cluster's other DaemonSets).
   * `maxExtraNodes` is the search's bound (`boundedBy: 'search'`: 4 × the `ownNodes` grown, at least 16) or what the
   * scenario's node limits leave (`'limits'`).
   */
  | {
      readonly kind: 'too-many';
      readonly cluster: string;
      readonly pool: string | null;
      readonly maxExtraNodes: number;
      readonly ownNodes: number;
      readonly boundedBy: 'search' | 'limits';
      readonly slotsTaken: boolean;
    };

/** `zones` with `extra` more nodes spread over them round-robin, in declared order. */
function spread(
  zones: readonly { name: string; nodes: number }[],
  extra: number,
): { name: string; nodes: number }[] {
  const count = zones.length;
  return zones.map((zone, i) => ({
    name: zone.name,
    nodes: zone.nodes + Math.floor(extra / count) + (i < extra % count ? 1 : 0),
  }));
}

/** `clusters` with `extra` more nodes in `name`'s own zones (`pool` null) or in its node pool `pool`'s. */
function grown(
  clusters: readonly ClusterConfig[],
  name: string,
  pool: string | null,
  extra: number,
): ClusterConfig[] {
  return clusters.map((cluster) => {
    if (cluster.name !== name) return cluster;
    if (pool === null) return { ...cluster, zones: spread(cluster.zones, extra) };
    const nodePools = (cluster.nodePools ?? []).map((p) =>
      p.name === pool ? { ...p, zones: spread(p.zones, extra) } : p,
    );
    return { ...cluster, nodePools };
  });
}

/**
 * For each cluster (in declared order) whose services have Pending pods (`pendingOf`, by service), what it is short
 * of: for each node pool its Pending pods are bound to (by name), then for its own nodes, the fewest more nodes of
 * that size that run them all, found by doubling then bisecting (placement fills more nodes no worse), up to 4 × its
 * nodes (at least 16, within the scenario's node limits, per cluster and in all). Each search keeps the nodes the
 * searches before it added.
 */
export function extraNodesNeeded(
  config: SimulationConfig,
  meshPods: MeshPodRequests,
  pendingOf: ReadonlyMap<string, number>,
): ClusterShortfall[] {
  const out: ClusterShortfall[] = [];
  let clusters = config.clusters;
  let added = 0;
  const totalNodes = config.clusters.reduce((sum, c) => sum + clusterNodeCount(c), 0);
  for (const cluster of config.clusters) {
    const pending = config.services.filter(
      (s) => s.cluster === cluster.name && (pendingOf.get(s.name) ?? 0) > 0,
    );
    if (pending.length === 0) continue;
    // Where each Pending service must run: a node pool, or the cluster's own nodes (also when it names their pool).
    const targetOf = (s: ServiceConfig): string | null =>
      s.nodePool === undefined || s.nodePool === cluster.poolName ? null : s.nodePool;
    const pools = [
      ...new Set(pending.flatMap((s) => (targetOf(s) === null ? [] : [targetOf(s) as string]))),
    ].sort();
    const targets: (string | null)[] = [
      ...pools,
      ...(pending.some((s) => targetOf(s) === null) ? [null] : []),
    ];
    let clusterAdded = 0;
    for (const target of targets) {
      const zones =
        target === null ? cluster.zones : (cluster.nodePools?.find((p) => p.name === target)?.zones ?? []);
      const own = zones.reduce((n, z) => n + z.nodes, 0);
      const searched = Math.max(16, 4 * own);
      const cap = Math.max(
        0,
        Math.min(
          searched,
          SCENARIO_LIMITS.nodes - totalNodes - added,
          SCENARIO_LIMITS.nodesPerCluster - clusterNodeCount(cluster) - clusterAdded,
        ),
      );
      const base = clusters;
      const fits = (extra: number): boolean => {
        const { placements } = placeServices(
          { ...config, clusters: grown(base, cluster.name, target, extra) },
          meshPods,
        );
        return config.services.every(
          (s, i) =>
            s.cluster !== cluster.name ||
            targetOf(s) !== target ||
            (placements[i]?.length ?? 0) === s.replicas,
        );
      };
      const extra = fewestThatFit(fits, cap);
      if (extra === null) {
        const pool = target === null ? undefined : cluster.nodePools?.find((p) => p.name === target);
        const maxPods = pool?.nodeMaxPods ?? cluster.nodeMaxPods ?? DEFAULT_NODE_MAX_PODS;
        const sized = (pool?.nodeCpu ?? cluster.nodeCpu) != null;
        const slotsTaken =
          sized && maxPods <= (meshPods.perNodePods ?? 0) + (cluster.daemonSets?.length ?? 0);
        out.push({
          kind: 'too-many',
          cluster: cluster.name,
          pool: target,
          maxExtraNodes: cap,
          ownNodes: own,
          boundedBy: cap === searched ? 'search' : 'limits',
          slotsTaken,
        });
        continue;
      }
      clusters = grown(base, cluster.name, target, extra);
      added += extra;
      clusterAdded += extra;
      out.push({ kind: 'nodes', cluster: cluster.name, pool: target, extraNodes: extra });
    }
  }
  return out;
}

/** The fewest k in 1..cap with `fits(k)`, by doubling then bisecting (fits is monotone), or null when none does. */
function fewestThatFit(fits: (k: number) => boolean, cap: number): number | null {
  let low = 0;
  let high = 1;
  while (high <= cap && !fits(high)) {
    low = high;
    high *= 2;
  }
  if (high > cap) {
    if (cap === 0 || !fits(cap)) return null;
    high = cap;
  }
  // fits(high), not fits(low): the fewest in (low, high].
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) high = mid;
    else low = mid;
  }
  return high;
}
