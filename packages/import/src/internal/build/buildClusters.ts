// The scenario's `clusters`: the --graph fragment's when it gives them; else one cluster of the Node
// resources (zones by their zone label, the node count per zone, the most common allocatable CPU as
// `nodeCpu`); else meshsim's default zones for the clusters the inputs name.

import { DEFAULT_CLUSTERS } from '@meshsim/mesh';

import type { ImportedNode, ImportModel } from '../../ImportModel.js';
import type { WarningLog } from '../WarningLog.js';
import type { JsonObject } from '../isRecord.js';
import { shortRefs } from '../model/describeRefs.js';
import type { CommentSet } from './CommentSet.js';
import type { Fragment } from './readFragment.js';
import { formatCpu } from '../units/formatCpu.js';

/** The zone of Nodes without a zone label. */
export const UNLABELLED_ZONE = 'unlabelled';

/** The most common value (ties: the larger), with the count of each value, largest count first. */
function mostCommon(values: readonly number[]): { value: number; counts: [number, number][] } {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return { value: (sorted[0] as [number, number])[0], counts: sorted };
}

/** One cluster from the schedulable `nodes`, named `name`. */
function clusterOfNodes(
  name: string,
  nodes: readonly ImportedNode[],
  fragment: Fragment | undefined,
  warnings: WarningLog,
): JsonObject {
  const zones = new Map<string, number>();
  for (const node of nodes)
    zones.set(node.zone ?? UNLABELLED_ZONE, (zones.get(node.zone ?? UNLABELLED_ZONE) ?? 0) + 1);
  const unlabelled = nodes.filter((node) => node.zone === undefined);
  if (unlabelled.length > 0) {
    warnings.general(
      '',
      `${unlabelled.length} of ${nodes.length} Nodes carry no topology.kubernetes.io/zone label (${shortRefs(unlabelled.map((n) => n.from))}); they form zone "${UNLABELLED_ZONE}"`,
    );
  }
  const cluster: JsonObject = { name };
  const regions = nodes.map((node) => node.region).filter((r): r is string => r !== undefined);
  if (regions.length > 0) {
    const byCount = [...new Set(regions)].map((r) => [r, regions.filter((x) => x === r).length] as const);
    byCount.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    cluster['region'] = (byCount[0] as readonly [string, number])[0];
    if (byCount.length > 1) {
      warnings.general(
        '',
        `the Nodes are in several regions (${byCount.map(([r, n]) => `${r} × ${n}`).join(', ')}); the cluster's region is ${String(cluster['region'])}, the most common`,
      );
    }
  }
  cluster['zones'] = [...zones]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([zone, count]) => ({ name: zone, nodes: count }));
  const sized = nodes.filter((node) => node.cpuCores !== undefined).map((node) => node.cpuCores as number);
  if (sized.length === 0) {
    warnings.general(
      '',
      'no Node gives status.allocatable.cpu or status.capacity.cpu: the cluster has no CPU size',
    );
    return cluster;
  }
  const { value, counts } = mostCommon(sized);
  const topNodeCpu = fragment?.value['nodeCpu'];
  if (topNodeCpu !== undefined) {
    warnings.general(
      fragment?.file ?? '',
      `nodeCpu: the --graph fragment's ${JSON.stringify(topNodeCpu)} is every node's size, in place of the Nodes' allocatable CPU (${String(formatCpu(value))})`,
    );
    return cluster;
  }
  if (counts.length > 1) {
    warnings.general(
      '',
      `the Nodes differ in allocatable CPU (${counts.map(([cores, n]) => `${String(formatCpu(cores))} × ${n}`).join(', ')}); a cluster has one node size: nodeCpu ${String(formatCpu(value))}, the most common`,
    );
  }
  cluster['nodeCpu'] = formatCpu(value);
  return cluster;
}

/**
 * The `clusters` of the scenario, or undefined for meshsim's default. `clusterNames` are the clusters the
 * services name (isotope's `cluster`); Nodes make a cluster only when they name at most one.
 */
export function buildClusters(
  model: ImportModel,
  clusterNames: readonly string[],
  fragment: Fragment | undefined,
  warnings: WarningLog,
  comments: CommentSet,
): unknown {
  const nodes = model.nodes.filter((node) => node.unschedulable === undefined);
  if (fragment?.value['clusters'] !== undefined) {
    if (model.nodes.length > 0) {
      warnings.general(
        fragment.file,
        `clusters: the --graph fragment's clusters replace the ${model.nodes.length} Node resources'`,
      );
    }
    comments.add(['clusters'], `from ${fragment.file} (--graph)`);
    return structuredClone(fragment.value['clusters']);
  }
  if (model.nodes.length > 0) {
    if (clusterNames.length > 1) {
      warnings.general(
        '',
        `the Node resources are not imported: the inputs name clusters ${clusterNames.join(', ')} and a Node does not say which it belongs to (give clusters with zones, nodes and nodeCpu in the --graph fragment)`,
      );
    } else if (nodes.length === 0) {
      warnings.general(
        '',
        'every Node is cordoned or tainted against pods: the Node resources are not imported',
      );
    } else {
      const name = clusterNames[0] ?? (DEFAULT_CLUSTERS[0] as { name: string }).name;
      const cluster = clusterOfNodes(name, nodes, fragment, warnings);
      comments.add(
        ['clusters'],
        `zones, nodes and node size from ${shortRefs(nodes.map((node) => node.from))}`,
      );
      return [cluster];
    }
  }
  if (clusterNames.length === 0) return undefined;
  const zones = DEFAULT_CLUSTERS[0]?.zones.map((zone) => ({ ...zone })) ?? [];
  comments.add(['clusters'], "clusters named by the inputs; their zones and nodes are meshsim's defaults");
  warnings.general(
    '',
    `clusters ${clusterNames.join(', ')} get meshsim's default zones and nodes, without a CPU size (a --graph fragment's clusters, or Node resources, can give zones, nodes and nodeCpu)`,
  );
  return clusterNames.map((name) => ({ name, zones: structuredClone(zones) }));
}
