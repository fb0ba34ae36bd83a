// The scenario's `clusters`: the --graph fragment's when it gives them; else one cluster of the Node
// resources (zones by their zone label, the node count per zone, the most common allocatable CPU and memory as
// `nodeCpu` and `nodeMemory`, and a node pool for each pool label a workload's nodeSelector or required node affinity
// picks); else meshsim's default zones for the clusters the inputs name.

import { DEFAULT_CLUSTERS, DEFAULT_NODE_MAX_PODS } from '@meshsim/mesh';

import type { ImportedNode, ImportedWorkload, ImportModel } from '../../ImportModel.js';
import { POOL_LABELS } from '../kubernetes/importNode.js';
import { toleratesAll } from '../kubernetes/readTolerations.js';
import type { WarningLog } from '../WarningLog.js';
import type { JsonObject } from '../isRecord.js';
import { shortRefs } from '../model/describeRefs.js';
import type { CommentSet } from './CommentSet.js';
import type { Fragment } from './readFragment.js';
import { formatCpu } from '../units/formatCpu.js';
import { formatMemory } from '../units/formatMemory.js';

/** The zone of Nodes without a zone label. */
export const UNLABELLED_ZONE = 'unlabelled';

/** The most common value (ties: the larger), with the count of each value, largest count first. */
function mostCommon(values: readonly number[]): { value: number; counts: [number, number][] } {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return { value: (sorted[0] as [number, number])[0], counts: sorted };
}

/** Zones (by zone label, sorted) and their node counts. */
function zonesOf(nodes: readonly ImportedNode[]): { name: string; nodes: number }[] {
  const zones = new Map<string, number>();
  for (const node of nodes)
    zones.set(node.zone ?? UNLABELLED_ZONE, (zones.get(node.zone ?? UNLABELLED_ZONE) ?? 0) + 1);
  return [...zones]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([zone, count]) => ({ name: zone, nodes: count }));
}

/** A node size the clusters import: the field it fills, what it is in warnings, how a Node gives it and shows it. */
interface NodeSize {
  readonly field: 'nodeCpu' | 'nodeMemory' | 'nodeMaxPods';
  readonly label: string;
  readonly of: (node: ImportedNode) => number | undefined;
  readonly show: (value: number) => string | number;
}

const NODE_CPU: NodeSize = {
  field: 'nodeCpu',
  label: 'CPU',
  of: (node) => node.cpuCores,
  show: (cores) => formatCpu(cores),
};

const NODE_MEMORY: NodeSize = {
  field: 'nodeMemory',
  label: 'memory',
  of: (node) => node.memoryMiB,
  show: (mib) => formatMemory(mib),
};

const NODE_MAX_PODS: NodeSize = {
  field: 'nodeMaxPods',
  label: 'pod limit',
  of: (node) => node.maxPods,
  show: (pods) => pods,
};

/** The most common size of `nodes` in one resource (warned when they differ, `what` naming them), or undefined. */
function sizeOf(
  nodes: readonly ImportedNode[],
  what: string,
  holder: 'a cluster' | 'a node pool',
  warnings: WarningLog,
  resource: NodeSize = NODE_CPU,
): number | undefined {
  const sized = nodes.map(resource.of).filter((value): value is number => value !== undefined);
  if (sized.length === 0) return undefined;
  const { value, counts } = mostCommon(sized);
  if (counts.length > 1) {
    warnings.general(
      '',
      `${what} differ in allocatable ${resource.label} (${counts.map(([size, n]) => `${String(resource.show(size))} × ${n}`).join(', ')}); ${holder} has one node size: ${resource.field} ${String(resource.show(value))}, the most common`,
    );
  }
  return value;
}

/** `label=name` of a node pool. */
const poolKey = (pool: { label: string; name: string }): string => `${pool.label}=${pool.name}`;

/** The pool name of a `label=name` key (a label key holds no `=`). */
const poolNameOf = (key: string): string => key.slice(key.indexOf('=') + 1);

/**
 * The node pool labels each workload's nodeSelector (or, failing it, required node affinity) picks; other selectors
 * are warned (placed like any pod).
 */
function poolSelections(
  workloads: readonly ImportedWorkload[],
  warnings: WarningLog,
): Map<ImportedWorkload, { label: string; name: string }> {
  const out = new Map<ImportedWorkload, { label: string; name: string }>();
  for (const workload of workloads) {
    for (const [label, name] of Object.entries(workload.nodeSelector ?? {})) {
      if (POOL_LABELS.includes(label)) {
        if (!out.has(workload)) out.set(workload, { label, name });
        continue;
      }
      warnings.general(
        '',
        `nodeSelector ${label}=${name} of ${workload.kind}/${workload.name}: not a node pool label meshsim reads (${POOL_LABELS.join(', ')}); its pods are placed on the cluster's nodes like the others`,
      );
    }
    // Only pool labels are read from the affinity (the rest is warned as not modelled).
    for (const [label, name] of Object.entries(workload.nodeAffinityPools ?? {})) {
      if (!out.has(workload)) out.set(workload, { label, name });
    }
  }
  return out;
}

/** A node pool as imported: its nodes, and whether pods that select no pool may run there (untainted). */
interface PoolNodes {
  nodes: ImportedNode[];
  shared: boolean;
}

/**
 * The Nodes split into the cluster's own nodes and its node pools: nodes without a pool label are the cluster's
 * own (else the largest untainted pool no workload selects, else the largest pool); every other labelled group
 * is a pool — shared (untainted) or, tainted, kept only when a workload selects it or tolerates its taints.
 */
function splitPools(
  model: ImportModel,
  warnings: WarningLog,
): {
  nodes: ImportedNode[];
  pools: Map<string, PoolNodes>;
  selections: Map<ImportedWorkload, { label: string; name: string }>;
  toleratedBy: Map<ImportedWorkload, Set<string>>;
  /** The pool the cluster's own nodes are, when a workload selects it (the cluster's `poolName`). */
  ownPool?: string;
} {
  const selections = poolSelections(model.workloads, warnings);
  const selected = new Set([...selections.values()].map(poolKey));
  const toleratedBy = poolTolerations(model, selections);
  const tolerated = new Set([...toleratedBy.values()].flatMap((keys) => [...keys]));
  const usable = model.nodes.filter(
    (node) =>
      node.unschedulable === undefined ||
      (node.taintedPool === true &&
        node.pool !== undefined &&
        (selected.has(poolKey(node.pool)) || tolerated.has(poolKey(node.pool)))),
  );
  for (const node of model.nodes) {
    if (node.taintedPool === true && !usable.includes(node)) {
      warnings.general(
        '',
        `${shortRefs([node.from])}: ${String(node.unschedulable)}, and no workload selects its node pool ${node.pool?.name ?? ''} or tolerates its taints: it is not one of the cluster's nodes`,
      );
    }
  }
  const pools = new Map<string, PoolNodes>();
  let defaults: ImportedNode[] = [];
  let ownPool: string | undefined;
  for (const node of usable) {
    if (node.pool === undefined) {
      defaults.push(node);
      continue;
    }
    const key = poolKey(node.pool);
    const pool = pools.get(key) ?? { nodes: [], shared: true };
    pool.nodes.push(node);
    if (node.taintedPool === true) pool.shared = false;
    pools.set(key, pool);
  }
  for (const [workload, pool] of selections) {
    if (!pools.has(poolKey(pool))) {
      warnings.general(
        '',
        `${workload.kind}/${workload.name} selects node pool ${pool.name} (${pool.label}), which no imported Node belongs to: its pods are placed on the cluster's nodes`,
      );
    }
  }
  if (defaults.length === 0 && pools.size > 0) {
    // No node outside a pool: the largest untainted pool nothing selects (else the largest) is the cluster's own.
    const ranked = [...pools].sort(
      (a, b) =>
        Number(selected.has(a[0]) || !a[1].shared) - Number(selected.has(b[0]) || !b[1].shared) ||
        b[1].nodes.length - a[1].nodes.length ||
        a[0].localeCompare(b[0]),
    );
    const [first] = ranked;
    if (first !== undefined) {
      pools.delete(first[0]);
      defaults = first[1].nodes;
      // A workload selecting it must stay on these nodes: the cluster names its own pool.
      if (selected.has(first[0])) ownPool = poolNameOf(first[0]);
    }
  }
  return { nodes: defaults, pools, selections, toleratedBy, ...(ownPool !== undefined && { ownPool }) };
}

/**
 * The tainted node pools each workload that selects no pool may also run on: those whose every node's blocking taints
 * its tolerations tolerate (docs/sources.md#k8s-taints-tolerations).
 */
function poolTolerations(
  model: ImportModel,
  selections: Map<ImportedWorkload, { label: string; name: string }>,
): Map<ImportedWorkload, Set<string>> {
  const nodesOf = new Map<string, ImportedNode[]>();
  for (const node of model.nodes) {
    if (node.taintedPool !== true || node.pool === undefined) continue;
    const key = poolKey(node.pool);
    nodesOf.set(key, [...(nodesOf.get(key) ?? []), node]);
  }
  const out = new Map<ImportedWorkload, Set<string>>();
  for (const workload of model.workloads) {
    const tolerations = workload.tolerations;
    if (tolerations === undefined || selections.has(workload)) continue;
    const keys = new Set<string>();
    for (const [key, nodes] of nodesOf) {
      if (nodes.every((node) => toleratesAll(tolerations, node.taints ?? []))) keys.add(key);
    }
    if (keys.size > 0) out.set(workload, keys);
  }
  return out;
}

/** One cluster from the schedulable `nodes` and its node pools, named `name`; sets the services' `nodePool`. */
function clusterOfNodes(
  name: string,
  model: ImportModel,
  services: Record<string, JsonObject>,
  fragment: Fragment | undefined,
  warnings: WarningLog,
  comments: CommentSet,
): JsonObject | undefined {
  const { nodes, pools, selections, toleratedBy, ownPool } = splitPools(model, warnings);
  if (nodes.length === 0) return undefined;
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
  const zones = zonesOf(nodes);
  cluster['zones'] = zones;
  comments.add(['clusters'], `zones, nodes and node size from ${shortRefs(nodes.map((node) => node.from))}`);
  const topNodeCpu = fragment?.value['nodeCpu'];
  const size = sizeOf(nodes, 'the Nodes', 'a cluster', warnings);
  if (size === undefined) {
    warnings.general(
      '',
      'no Node gives status.allocatable.cpu or status.capacity.cpu: the cluster has no CPU size',
    );
  } else if (topNodeCpu !== undefined) {
    warnings.general(
      fragment?.file ?? '',
      `nodeCpu: the --graph fragment's ${JSON.stringify(topNodeCpu)} is every node's size, in place of the Nodes' allocatable CPU (${String(formatCpu(size))})`,
    );
  } else {
    cluster['nodeCpu'] = formatCpu(size);
  }
  // Memory likewise, when the Nodes give it (a fragment's nodeMemory wins).
  const topNodeMemory = fragment?.value['nodeMemory'];
  const memory = sizeOf(nodes, 'the Nodes', 'a cluster', warnings, NODE_MEMORY);
  if (memory !== undefined && topNodeMemory !== undefined) {
    warnings.general(
      fragment?.file ?? '',
      `nodeMemory: the --graph fragment's ${JSON.stringify(topNodeMemory)} is every node's memory, in place of the Nodes' allocatable memory (${String(NODE_MEMORY.show(memory))})`,
    );
  } else if (memory !== undefined) {
    cluster['nodeMemory'] = NODE_MEMORY.show(memory);
  }
  // And the pod limit (a fragment's nodeMaxPods wins); the kubelet's default needs no field.
  const topNodeMaxPods = fragment?.value['nodeMaxPods'];
  const maxPods = sizeOf(nodes, 'the Nodes', 'a cluster', warnings, NODE_MAX_PODS);
  if (maxPods !== undefined && topNodeMaxPods !== undefined) {
    warnings.general(
      fragment?.file ?? '',
      `nodeMaxPods: the --graph fragment's ${JSON.stringify(topNodeMaxPods)} is every node's pod limit, in place of the Nodes' allocatable pods (${maxPods})`,
    );
  } else if (maxPods !== undefined && maxPods !== DEFAULT_NODE_MAX_PODS) {
    cluster['nodeMaxPods'] = maxPods;
  }
  const nodePools = buildNodePools(
    pools,
    zones,
    {
      cpu: topNodeCpu !== undefined,
      memory: topNodeMemory !== undefined,
      maxPods: topNodeMaxPods !== undefined,
      clusterMaxPods: maxPods ?? DEFAULT_NODE_MAX_PODS,
    },
    warnings,
  );
  if (ownPool !== undefined) {
    cluster['poolName'] = ownPool;
    comments.add(['clusters', 0, 'poolName'], "the pool label of the zones' nodes, which a workload selects");
  }
  // The pools a workload may select: the node pools and, named, the cluster's own nodes.
  const selectable = ownPool === undefined ? nodePools : [...nodePools, { name: ownPool }];
  if (selectable.length > 0) assignPools(model, services, selections, selectable, comments, warnings);
  if (nodePools.length > 0) {
    cluster['nodePools'] = nodePools;
    comments.add(
      ['clusters', 0, 'nodePools'],
      'node pools by their pool label (shared: untainted, any pod may run there; else only the services that select or tolerate it)',
    );
    assignTolerations(model, services, toleratedBy, nodePools, comments);
  }
  return cluster;
}

/** The pools as scenario node pools, in the cluster's zones (nodes elsewhere left out, warned). */
function buildNodePools(
  pools: Map<string, PoolNodes>,
  zones: readonly { name: string }[],
  fragment: { cpu: boolean; memory: boolean; maxPods: boolean; clusterMaxPods: number },
  warnings: WarningLog,
): JsonObject[] {
  const zoneNames = new Set(zones.map((zone) => zone.name));
  const out: JsonObject[] = [];
  for (const [, { nodes, shared }] of [...pools].sort((a, b) => a[0].localeCompare(b[0]))) {
    const pool = (nodes[0] as ImportedNode).pool as { label: string; name: string };
    const inZones = nodes.filter((node) => zoneNames.has(node.zone ?? UNLABELLED_ZONE));
    if (inZones.length < nodes.length) {
      warnings.general(
        '',
        `node pool ${pool.name}: ${nodes.length - inZones.length} of its Nodes are in zones where the cluster has no other node; meshsim's pools lie in the cluster's zones, so they are left out`,
      );
    }
    if (inZones.length === 0) continue;
    const built: JsonObject = { name: pool.name, zones: zonesOf(inZones) };
    const size = sizeOf(inZones, `the Nodes of pool ${pool.name}`, 'a node pool', warnings);
    if (size !== undefined && !fragment.cpu) built['nodeCpu'] = formatCpu(size);
    const memory = sizeOf(inZones, `the Nodes of pool ${pool.name}`, 'a node pool', warnings, NODE_MEMORY);
    if (memory !== undefined && !fragment.memory) built['nodeMemory'] = NODE_MEMORY.show(memory);
    const maxPods = sizeOf(inZones, `the Nodes of pool ${pool.name}`, 'a node pool', warnings, NODE_MAX_PODS);
    if (maxPods !== undefined && !fragment.maxPods && maxPods !== fragment.clusterMaxPods)
      built['nodeMaxPods'] = maxPods;
    if (shared) built['shared'] = true;
    out.push(built);
  }
  return out;
}

/** Each service whose workloads select an imported pool runs on it (`nodePool`). */
function assignPools(
  model: ImportModel,
  services: Record<string, JsonObject>,
  selections: Map<ImportedWorkload, { label: string; name: string }>,
  nodePools: readonly JsonObject[],
  comments: CommentSet,
  warnings: WarningLog,
): void {
  const names = new Set(nodePools.map((pool) => pool['name']));
  for (const service of model.services) {
    const out = services[service.name];
    if (out === undefined) continue;
    const picked = service.workloads
      .map((workload) => selections.get(workload))
      .filter((pool): pool is { label: string; name: string } => pool !== undefined && names.has(pool.name));
    const first = picked[0];
    if (first === undefined) continue;
    if (out['nodePool'] !== undefined || out['dedicatedNodes'] !== undefined) continue; // the fragment's wins
    if (new Set(picked.map((pool) => pool.name)).size > 1 || picked.length < service.workloads.length) {
      warnings.general(
        '',
        `service "${service.name}": its workloads select different node pools; its instances run on ${first.name}, the first`,
      );
    }
    out['nodePool'] = first.name;
    comments.from(
      ['services', service.name, 'nodePool'],
      service.workloads.map((w) => w.from),
      true,
      'node selection (nodeSelector or required node affinity) of',
    );
  }
}

/**
 * Each service that selects no pool may also run on the imported tainted pools every one of its workloads tolerates
 * (`tolerates`).
 */
function assignTolerations(
  model: ImportModel,
  services: Record<string, JsonObject>,
  toleratedBy: Map<ImportedWorkload, Set<string>>,
  nodePools: readonly JsonObject[],
  comments: CommentSet,
): void {
  const tainted = nodePools.filter((pool) => pool['shared'] !== true).map((pool) => pool['name'] as string);
  for (const service of model.services) {
    const out = services[service.name];
    if (out === undefined || service.workloads.length === 0) continue;
    // The fragment's placement wins, as its other fields do.
    if (
      out['nodePool'] !== undefined ||
      out['dedicatedNodes'] !== undefined ||
      out['tolerates'] !== undefined
    )
      continue;
    const names = tainted.filter((name) =>
      service.workloads.every((workload) =>
        [...(toleratedBy.get(workload) ?? [])].some((key) => poolNameOf(key) === name),
      ),
    );
    if (names.length === 0) continue;
    out['tolerates'] = names;
    comments.from(
      ['services', service.name, 'tolerates'],
      service.workloads.map((w) => w.from),
      true,
      'tolerations of',
    );
  }
}

/**
 * The `clusters` of the scenario, or undefined for meshsim's default. `clusterNames` are the clusters the
 * services name (isotope's `cluster`); Nodes make a cluster only when they name at most one.
 */
export function buildClusters(
  model: ImportModel,
  services: Record<string, JsonObject>,
  clusterNames: readonly string[],
  fragment: Fragment | undefined,
  warnings: WarningLog,
  comments: CommentSet,
): unknown {
  const nodes = model.nodes.filter((node) => node.unschedulable === undefined || node.taintedPool === true);
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
      const cluster = clusterOfNodes(name, model, services, fragment, warnings, comments);
      if (cluster !== undefined) return [cluster];
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
