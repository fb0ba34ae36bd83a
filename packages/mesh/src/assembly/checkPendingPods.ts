// Warns about services with pods no node had room for: Kubernetes would leave them Pending, so they never run
// and take no traffic. Names what one pod asks for (its application's and its sidecar's requests, CPU and, on nodes
// with a memory size, memory), what the mesh's per-node proxies and the other DaemonSets hold back on every node, and
// full pod slots; a request larger than every node is pointed at, at its field.

import { requestedCpuCores } from '../config/requestedCpuCores.js';
import { requestedMemoryMiB } from '../config/requestedMemoryMiB.js';
import type { ServiceConfig, SimulationConfig } from '../config/SimulationConfig.js';
import type { Warnings } from '../ports/Warnings.js';
import type { MeshPodRequests } from '../shapes/MeshShape.js';
import { freePodSlots } from '../topology/Topology.js';
import type { Node } from '../topology/Topology.js';
import type { ClusterShortfall } from './extraNodesNeeded.js';
import { oversizedRequest } from './oversizedRequest.js';
import type { OversizedRequest } from './oversizedRequest.js';

/** A service as the check sees it: its name and how many of its pods are Pending. */
export interface PendingPodsOf {
  readonly name: string;
  readonly pendingPods: number;
}

/**
 * Adds a warning per service with Pending pods, in declared order; `nodes` (placed) say whether nodes ran out of pod
 * slots (`nodeMaxPods`).
 */
export function checkPendingPods(
  config: SimulationConfig,
  services: Iterable<PendingPodsOf>,
  meshPods: MeshPodRequests,
  nodes: readonly Node[],
  warnings: Warnings,
): void {
  const pendingOf = new Map<string, number>();
  for (const service of services) pendingOf.set(service.name, service.pendingPods);
  for (const service of config.services) {
    const pending = pendingOf.get(service.name) ?? 0;
    if (pending === 0) continue;
    const app = requestedCpuCores(service) ?? 0;
    const sidecar = meshPods.sidecarCpuRequestCores.get(service.name) ?? 0;
    const perNode = meshPods.perNodeCpuRequestCores;
    // The cluster's other DaemonSets take their requests and a slot on every node too.
    const daemonSets = config.clusters.find((c) => c.name === service.cluster)?.daemonSets ?? [];
    const systemCpu = daemonSets.reduce((sum, d) => sum + (d.cpuRequestCores ?? 0), 0);
    // Memory counts where the service's nodes have a memory size and the pod requests some.
    const fitsMemory = nodeMemoryOf(config, service) !== null;
    const appMemory = fitsMemory ? requestedMemoryMiB(service) : 0;
    const sidecarMemory = fitsMemory ? (meshPods.sidecarMemoryRequestMiB.get(service.name) ?? 0) : 0;
    const perNodeMemory = fitsMemory ? meshPods.perNodeMemoryRequestMiB : 0;
    const systemMemory = fitsMemory ? daemonSets.reduce((sum, d) => sum + (d.memoryRequestMiB ?? 0), 0) : 0;
    const both = appMemory + sidecarMemory > 0;
    const need = (cpu: number, memory: number) =>
      both ? `${cores(cpu)} cores and ${mib(memory)} MiB` : cores(cpu);
    const parts = [`its application's ${need(app, appMemory)}`];
    if (sidecar > 0 || sidecarMemory > 0) parts.push(`its sidecar's ${need(sidecar, sidecarMemory)}`);
    const amount = (cpu: number, memory: number) =>
      memory > 0 ? `${cores(cpu)} cores and ${mib(memory)} MiB` : cores(cpu);
    const heldBy = [
      ...(perNode > 0 || perNodeMemory > 0
        ? [`the ${amount(perNode, perNodeMemory)} the mesh's per-node pods request`]
        : []),
      ...(systemCpu > 0 || systemMemory > 0
        ? [`the ${amount(systemCpu, systemMemory)} its other DaemonSets request`]
        : []),
    ];
    const held = heldBy.length > 0 ? `, next to ${heldBy.join(' and ')} on every node` : '';
    const room = both
      ? `${cores(app + sidecar)} cores and ${mib(appMemory + sidecarMemory)} MiB`
      : `${cores(app + sidecar)} cores`;
    // Pod slots: named when some node the service may run on has none left (a pool's nodes, for one bound to it; the
    // cluster's own, whose pool is null, for one that names their pool).
    const poolName = config.clusters.find((c) => c.name === service.cluster)?.poolName;
    const bound =
      service.nodePool === undefined ? undefined : service.nodePool === poolName ? null : service.nodePool;
    const full = nodes.filter(
      (node) =>
        node.cluster === service.cluster &&
        (bound === undefined || node.pool === bound) &&
        freePodSlots(node) <= 0,
    );
    const limits = [...new Set(full.map((node) => node.maxPods as number))].sort((a, b) => a - b);
    const daemons = meshPods.perNodePods ?? 0;
    const amongParts = [
      ...(daemons === 0
        ? []
        : [daemons === 1 ? "the mesh's per-node pod" : `the mesh's ${daemons} per-node pods`]),
      ...(daemonSets.length === 0
        ? []
        : [`${daemonSets.length} other DaemonSet${daemonSets.length === 1 ? "'s pod" : "s' pods"}`]),
    ];
    const among = amongParts.length === 0 ? '' : `, ${amongParts.join(' and ')} among them`;
    const most = `${limits.join(' or ')} pod${limits.length === 1 && limits[0] === 1 ? '' : 's'}`;
    const slot = `a free pod slot (${full.length} of its nodes already ${full.length === 1 ? 'runs' : 'run'} the ${most} ${full.length === 1 ? 'it takes' : 'they take'}${among})`;
    const requests = app + sidecar + appMemory + sidecarMemory > 0;
    const which =
      pending === service.replicas
        ? `${service.replicas === 1 ? 'its pod is' : `all ${service.replicas} of its pods are`} Pending: it never runs, and every call to it fails (503, no endpoints)`
        : pending === 1
          ? `1 of its ${service.replicas} pods is Pending: it never runs and takes no traffic`
          : `${pending} of its ${service.replicas} pods are Pending: they never run and take no traffic`;
    // A pod that requests nothing is Pending for want of a pod slot alone.
    const lacks = requests
      ? `${room} unrequested${full.length > 0 ? ` and ${slot}` : ''} for one (${parts.join(' and ')}${held})`
      : `${slot} for one`;
    const fields = [
      'nodes',
      ...(requests ? ['nodeCpu'] : []),
      ...(requests && fitsMemory ? ['nodeMemory'] : []),
    ];
    if (full.length > 0) fields.push('nodeMaxPods');
    // A request no node could ever hold: more nodes do not help, and the warning is about its field.
    const oversized = oversizedRequest(config, service, meshPods);
    const advice =
      oversized === null
        ? `Add nodes or larger ones (${fields.join(', ')})${requests ? ', or lower the requests' : ''}`
        : `Its ${oversized.container} alone requests more than any node it may run on has ` +
          `(${cores(oversized.nodeCores)} cores): its ${oversized.field}${copiedLimit(oversized)}; lower it, or use ` +
          'larger nodes (nodeCpu)';
    warnings.add(
      `service ${service.name}: ${which}. No node of cluster ${service.cluster}${service.nodePool === undefined ? '' : ` (pool ${service.nodePool})`} ` +
        `has ${lacks}; Kubernetes would leave ${pending === 1 ? 'it' : 'them'} Pending. ${advice}`,
      oversized === null ? ['services', service.name] : ['services', service.name, oversized.field],
    );
  }
}

/**
 * Adds a warning per cluster, and per node pool, with Pending pods saying how many more nodes of its size would run
 * them all, or why meshsim does not say.
 */
export function warnShortfalls(
  config: SimulationConfig,
  shortfalls: readonly ClusterShortfall[],
  pendingOf: ReadonlyMap<string, number>,
  meshPods: MeshPodRequests,
  warnings: Warnings,
): void {
  for (const shortfall of shortfalls) {
    const cluster = config.clusters.find((c) => c.name === shortfall.cluster);
    const pool =
      shortfall.pool === null ? undefined : cluster?.nodePools?.find((p) => p.name === shortfall.pool);
    const nodeCores = pool?.nodeCpu ?? cluster?.nodeCpu;
    const memory = pool?.nodeMemoryMiB ?? cluster?.nodeMemoryMiB;
    const size = [
      nodeCores != null ? `${nodeCores} core${nodeCores === 1 ? '' : 's'}` : null,
      memory != null ? `${mib(memory)} MiB` : null,
    ].filter((part): part is string => part !== null);
    const like = size.length === 0 ? 'like its own' : `of ${size.join(' and ')}`;
    const where =
      shortfall.pool === null
        ? `cluster ${shortfall.cluster}`
        : `cluster ${shortfall.cluster}, node pool ${shortfall.pool}`;
    const pods = shortfall.pool === null ? 'every Pending pod' : 'every Pending pod bound to it';
    switch (shortfall.kind) {
      case 'nodes':
        warnings.add(
          `${where}: ${shortfall.extraNodes} more node${shortfall.extraNodes === 1 ? '' : 's'} ${like} (added to its zones in turn) would run ${pods}`,
        );
        break;
      case 'too-many': {
        // Where the number comes from: the search's bound (4 × the nodes grown, at least 16) or the node limits.
        const own = shortfall.ownNodes;
        const tried =
          shortfall.boundedBy === 'search'
            ? `the most the search adds: 4 × its ${own} node${own === 1 ? '' : 's'}${4 * own < 16 ? ', at least 16' : ''}`
            : `the most the scenario's node limits allow`;
        const blamed = shortfall.slotsTaken ? undefined : blamedPod(config, shortfall, pendingOf, meshPods);
        const why = shortfall.slotsTaken
          ? " (DaemonSet pods — the mesh's per-node proxies and the cluster's daemonSets — take every pod slot of a node: raise nodeMaxPods)"
          : blamed === undefined
            ? ' (a pod larger than a node?)'
            : `: service ${blamed.service}'s ${blamed.request.container} requests ${cores(blamed.request.cores)} ` +
              `cores (its ${blamed.request.field}), more than a node has`;
        warnings.add(
          `${where}: even ${shortfall.maxExtraNodes} more nodes ${like} (${tried}) would leave pods Pending${why}`,
          blamed === undefined ? undefined : ['services', blamed.service, blamed.request.field],
        );
        break;
      }
    }
  }
}

/** `, which Kubernetes copies as the request when none is set` for a limit that stands for the request. */
function copiedLimit(request: OversizedRequest): string {
  return request.field === 'cpuLimit' || request.field === 'proxyCpuLimit'
    ? ', which Kubernetes copies as the request when none is set'
    : '';
}

/**
 * The first service (in declared order) with Pending pods where `shortfall` grows nodes whose own request is larger
 * than every node there: the pod no number of nodes runs.
 */
function blamedPod(
  config: SimulationConfig,
  shortfall: ClusterShortfall,
  pendingOf: ReadonlyMap<string, number>,
  meshPods: MeshPodRequests,
): { service: string; request: OversizedRequest } | undefined {
  const cluster = config.clusters.find((c) => c.name === shortfall.cluster);
  for (const service of config.services) {
    if (service.cluster !== shortfall.cluster || (pendingOf.get(service.name) ?? 0) === 0) continue;
    const target =
      service.nodePool === undefined || service.nodePool === cluster?.poolName ? null : service.nodePool;
    if (target !== shortfall.pool) continue;
    const request = oversizedRequest(config, service, meshPods);
    if (request !== null) return { service: service.name, request };
  }
  return undefined;
}

/** The memory size of the nodes `service` runs on [MiB] (its pool's, else its cluster's), or null when not fitted. */
function nodeMemoryOf(config: SimulationConfig, service: ServiceConfig): number | null {
  const cluster = config.clusters.find((c) => c.name === service.cluster);
  const pool = cluster?.nodePools?.find((p) => p.name === service.nodePool);
  return pool?.nodeMemoryMiB ?? cluster?.nodeMemoryMiB ?? null;
}

/** `value` [MiB] rounded to 0.1 MiB. */
function mib(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `value` rounded to the millicore, as Kubernetes counts CPU. */
function cores(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
