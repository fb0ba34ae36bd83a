// The columns of the run summary's tables, by key, in display order: one list each, shared by the text
// summary (renderText) and the HTML report's tables (html/runTables).

import { DEFAULT_NODE_MAX_PODS } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';

/** Edge table. */
export const EDGE_KEYS: readonly string[] = [
  'edge',
  'calls',
  'rateRps',
  'successRate',
  'latency.p50Ms',
  'latency.p99Ms',
  'retries',
  'timeouts',
  'rejected',
  'errors',
];
/** Client-side policy events table. */
export const POLICY_EVENT_KEYS: readonly string[] = ['edge', 'event', 'count'];
/** Client-side policy time table (time in a state). */
export const POLICY_TIME_KEYS: readonly string[] = ['edge', 'state', 'timeMs'];
/** Service table, without the Pending pods column (see `serviceKeys`). */
const SERVICE_KEYS: readonly string[] = [
  'name',
  'instances',
  'concurrency',
  'utilisation',
  'arrived',
  'rejected',
  'errors',
  'wasted',
  'maxQueueLength',
  'latency.p99Ms',
];
/** The service table's columns for a run: `pendingPods` after `instances` when a service has Pending pods. */
export function serviceKeys(result: SimulationResult): string[] {
  const keys = [...SERVICE_KEYS];
  if (result.services.some((service) => service.pendingPods > 0))
    keys.splice(keys.indexOf('instances') + 1, 0, 'pendingPods');
  return keys;
}
/** Server-side protections table. */
export const PROTECTION_KEYS: readonly string[] = [
  'name',
  'rateLimited',
  'denied',
  'shed',
  'deadlineDropped',
  'cancelled',
];
/** Versions table. */
export const VERSION_KEYS: readonly string[] = ['name', 'instances', 'arrived', 'share', 'successRate'];
/** Nodes table (shown when node CPU is modelled), without the requests column (see `nodeKeys`). */
const NODE_KEYS: readonly string[] = ['name', 'cores', 'pods', 'utilisation', 'maxRunnable'];

/**
 * The nodes table's columns for a run: `cpuRequestedCores` after `pods` when any pod on a node requests CPU, then
 * `memoryMiB` and `memoryRequestedMiB` when any node has a memory size.
 */
export function nodeKeys(result: SimulationResult): string[] {
  const keys = [...NODE_KEYS];
  const after = ['pods'];
  // The pod limit (and the mesh's per-node pods that take slots too), where it is not the kubelet's default or pods
  // were left Pending; the other DaemonSets' pods wherever there are some.
  const slots =
    result.nodes.some((node) => node.maxPods !== DEFAULT_NODE_MAX_PODS) ||
    result.services.some((service) => service.pendingPods > 0);
  if (slots) after.push('meshNodePods');
  if (result.nodes.some((node) => node.systemPods > 0)) after.push('systemPods');
  if (slots) after.push('maxPods');
  if (result.nodes.some((node) => node.cpuRequestedCores > 0)) after.push('cpuRequestedCores');
  if (result.nodes.some((node) => node.memoryMiB !== null)) after.push('memoryMiB', 'memoryRequestedMiB');
  const at = keys.indexOf('pods');
  return [...keys.slice(0, at), ...after, ...keys.slice(at + 1)];
}
/** Application containers' CPU table (shown when node CPU is modelled). */
export const SERVICE_CPU_KEYS: readonly string[] = [
  'name',
  'cpuCores',
  'cpuThrottledMs',
  'sidecarThrottledMs',
  'cpuWaitMs',
  'sidecarCpuWaitMs',
  'podQosClass',
  'podCpuWeight',
];

/** Proxy table, always. */
const PROXY_KEYS: readonly string[] = [
  'kind',
  'count',
  'cpuCores',
  'memoryMiB',
  'maxMemoryMiB',
  'queued',
  'costPerMonthUsd',
];

/**
 * The proxy table's columns for a run: `cpuRequestedCores` after `cpuCores` when any proxy requests CPU,
 * `memoryRequestedMiB` after `memoryMiB` when any proxy requests memory,
 * `throttledMs` and `cpuWaitMs` after `queued` when node CPU is modelled, and `handshakes` before the cost when any proxy kind
 * terminated a TLS handshake.
 */
export function proxyKeys(result: SimulationResult): string[] {
  const keys = [...PROXY_KEYS];
  if ((result.proxies.cpuRequestedCores ?? 0) > 0)
    keys.splice(keys.indexOf('cpuCores') + 1, 0, 'cpuRequestedCores');
  if ((result.proxies.memoryRequestedMiB ?? 0) > 0)
    keys.splice(keys.indexOf('memoryMiB') + 1, 0, 'memoryRequestedMiB');
  if (result.nodes.length > 0) keys.splice(keys.indexOf('queued') + 1, 0, 'throttledMs', 'cpuWaitMs');
  if (result.proxies.byKind.some((kind) => (kind.handshakes ?? 0) > 0))
    keys.splice(keys.indexOf('costPerMonthUsd'), 0, 'handshakes');
  return keys;
}
