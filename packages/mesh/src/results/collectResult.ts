// Collects a finished run's results from its model: per-edge and per-service metrics, proxy totals,
// the time series, request conservation, mTLS coverage, the proxy profiles that ran, warnings and assumptions.

import { LatencyHistogram } from '@meshsim/engine';

import type { ArrangedPod } from '../cpu/arrangePodCgroups.js';
import type { Model } from '../assembly/Model.js';
import type { Instance } from '../server/Instance.js';
import { nodeCpuRequests } from '../assembly/nodeCpuRequests.js';
import type { NodeRequests, RequestingProxy } from '../assembly/nodeCpuRequests.js';
import type {
  EdgeMetrics,
  ProxyKindTotals,
  ProxyTotals,
  RunStopped,
  ServiceMetrics,
  SimulationResult,
} from '../config/SimulationResult.js';
import type { PriceTable } from '../config/MeshConfig.js';
import { MODEL_ASSUMPTIONS } from '../config/defaults.js';
import { computeCostPerMonthUsd } from '../shapes/dataplane/prices.js';
import { networkAssumption } from '../config/networkAssumption.js';
import { shapeAssumptions } from '../shapes/resolveMeshConfig.js';
import { resolvedProfiles } from './resolvedProfiles.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import { APP_RETRIES } from '../policies/policyEvents.js';
import { addCount } from '../ports/PolicyCounters.js';
import { checkCpuStarvation } from './checkCpuStarvation.js';
import { nodeCpuAssumption } from './nodeCpuAssumption.js';
import { payloadAssumption } from './payloadAssumption.js';
import { edgeUsesMtls, mtlsCoverage } from './mtlsCoverage.js';
import { summarizeLatency } from './summarizeLatency.js';
import type { TimeSeriesRecorder } from './TimeSeriesRecorder.js';

/** A record with its keys sorted (stable output). */
function sortedByKey(record: Record<string, number>): Record<string, number> {
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key] as number;
  return sorted;
}

/** Every policy counter on an edge, merged: event counts and times in a state [ms], each with keys sorted. */
function collectPolicyCounters(edge: EdgeStats, nowMs: number): PolicyCounters {
  const counters: PolicyCounters = { events: {}, timeMs: {} };
  for (const source of edge.counterSources) source.collect(counters, nowMs);
  // The calling application's own re-issues (`appRetry`): listed only where some were made, as the policies' events.
  if (edge.appRetries > 0) addCount(counters, APP_RETRIES, edge.appRetries);
  return { events: sortedByKey(counters.events), timeMs: sortedByKey(counters.timeMs) };
}

/** The calling proxies that kept an outlier detector for the edge's destination (a restarted one counts once). */
function outlierDetectors(edge: EdgeStats): number {
  let detectors = 0;
  for (const source of edge.counterSources) detectors += source.outlierDetectors?.() ?? 0;
  return detectors;
}

/**
 * The result of `model` after its run to `config.durationMs`, with the series `recorder` kept; or, when
 * a guard `stopped` the run early, of what it measured until `stopped.atMs` (rates, utilisations and
 * averages over that span), with `stopped` attached.
 */
export function collectResult(
  model: Model,
  recorder: TimeSeriesRecorder,
  stopped?: RunStopped,
): SimulationResult {
  const { config, services, dataPlane } = model;
  // The span the metrics cover: the configured duration, or where a guard stopped the run.
  const durationMs = stopped === undefined ? config.durationMs : stopped.atMs;
  const network = networkAssumption(config.network);
  const cpuSharing = nodeCpuAssumption(model.cpu.modelled, config.cpuWeights);
  const payload = payloadAssumption(config.services);
  const podEvents = model.podEvents.result();
  const edges: EdgeMetrics[] = [...model.edges.values()].map((edge) => {
    const completed = edge.succeeded + edge.failed;
    const policy = collectPolicyCounters(edge, durationMs);
    return {
      source: edge.source,
      destination: edge.destination,
      calls: edge.calls,
      attempts: edge.attempts,
      retries: edge.retries,
      succeeded: edge.succeeded,
      failed: edge.failed,
      failures: { ...edge.failures },
      inFlight: edge.inFlight,
      waitingAtSource: edge.waiting,
      successRate: completed > 0 ? edge.succeeded / completed : null,
      latency: summarizeLatency(edge.latency),
      policyEvents: policy.events,
      policyTimeMs: policy.timeMs,
      mtls: edgeUsesMtls(services, model.sources, dataPlane, edge.source, edge.destination),
      connectionsOpened: edge.connectionsOpened,
      outlierDetectors: outlierDetectors(edge),
    };
  });
  // The traffic sources' successful calls together (edges whose caller is not a service), for end-to-end percentiles.
  const endToEnd = new LatencyHistogram();
  for (const edge of model.edges.values()) if (!services.has(edge.source)) endToEnd.merge(edge.latency);
  const sidecarThrottledMs = new Map<string, number>();
  const sidecarCpuWaitMs = new Map<string, number>();
  for (const proxy of dataPlane.proxies()) {
    if (proxy.role !== 'sidecar' || proxy.service === null || proxy.cpu === null) continue;
    const throttled = proxy.cpu.throttledMsAt(durationMs);
    sidecarThrottledMs.set(proxy.service, (sidecarThrottledMs.get(proxy.service) ?? 0) + throttled);
    const wait = proxy.cpu.cpuWaitMsAt(durationMs);
    sidecarCpuWaitMs.set(proxy.service, (sidecarCpuWaitMs.get(proxy.service) ?? 0) + wait);
  }
  const serviceMetrics: ServiceMetrics[] = [...services.values()].map((service) => {
    const workers = service.config.concurrency * service.instances.length;
    const stats = service.stats;
    // A service's pods are alike (one request for its application, one for its sidecars): the first one speaks.
    let pod: ArrangedPod | undefined;
    for (const instance of service.instances) {
      pod = instance.cpu === null ? undefined : model.cpu.podOf(instance.cpu);
      if (pod !== undefined) break;
    }
    return {
      name: service.name,
      namespace: service.config.namespace,
      cluster: service.config.cluster,
      instances: service.instances.length,
      pendingPods: service.pendingPods,
      concurrency: service.config.concurrency,
      arrived: stats.arrived,
      completed: stats.completed,
      rejected: stats.rejected,
      errors: stats.errors,
      wasted: stats.wasted,
      rateLimited: stats.rateLimited,
      denied: stats.denied,
      shed: stats.shed,
      deadlineDropped: stats.deadlineDropped,
      cancelled: stats.cancelled,
      utilisation: workers > 0 && durationMs > 0 ? stats.busyAreaAt(durationMs) / (workers * durationMs) : 0,
      maxQueueLength: stats.maxQueueLength,
      latency: summarizeLatency(stats.latency),
      versions: service.versions.metrics(),
      cpuCores: durationMs > 0 ? serviceCpuMs(service, stats.cpuMs, durationMs) / durationMs : 0,
      cpuThrottledMs: service.instances.reduce(
        (sum, instance) => sum + (instance.cpu?.throttledMsAt(durationMs) ?? 0),
        0,
      ),
      sidecarThrottledMs: sidecarThrottledMs.get(service.name) ?? 0,
      cpuWaitMs: service.instances.reduce(
        (sum, instance) => sum + (instance.cpu?.cpuWaitMsAt(durationMs) ?? 0),
        0,
      ),
      sidecarCpuWaitMs: sidecarCpuWaitMs.get(service.name) ?? 0,
      podQosClass: pod?.qos ?? null,
      podCpuWeight: pod?.weight ?? null,
    };
  });
  checkCpuStarvation(services.values(), model.cpu, durationMs, model.warnings);
  const sourceNames = new Set(config.traffic.map((t) => t.name));
  const requests = nodeCpuRequests(
    model.instances,
    [...dataPlane.proxies(), ...model.nodeAgents],
    model.topology.nodes,
  );
  let offered = 0;
  let succeeded = 0;
  let failed = 0;
  let inFlight = 0;
  let holds = true;
  for (const edge of edges) {
    if (edge.calls !== edge.succeeded + edge.failed + edge.inFlight) holds = false;
    if (!sourceNames.has(edge.source)) continue;
    offered += edge.calls;
    succeeded += edge.succeeded;
    failed += edge.failed;
    inFlight += edge.inFlight;
  }
  return {
    scenario: {
      name: config.name,
      description: config.description,
      seed: config.seed,
      durationMs: config.durationMs,
      mesh: config.mesh.shape,
      meshProfiles: resolvedProfiles(config.mesh),
    },
    events: model.engine.eventsFired,
    edges,
    endToEndLatency: summarizeLatency(endToEnd),
    services: serviceMetrics,
    proxies: withRequestedCost(
      withNodeAgents(dataPlane.totals(durationMs), model.nodeAgentKind, model.nodeAgents),
      config.mesh.prices,
    ),
    nodes: model.cpu.nodes(model.topology).map(({ node, cpu }) => ({
      name: node.name,
      cluster: node.cluster,
      zone: node.zone,
      cores: cpu.cores,
      pods: node.instanceCount,
      meshNodePods: node.daemonPods,
      systemPods: node.systemPods,
      maxPods: node.maxPods ?? 0,
      cpuRequestedCores: requestedOn(requests.get(node)),
      memoryMiB: node.memoryMiB,
      memoryRequestedMiB: requests.get(node)?.memoryMiB ?? 0,
      utilisation: cpu.utilisation(durationMs),
      maxRunnable: cpu.maxRunnable,
    })),
    extraNodesNeeded: extraNodes(model),
    connections: model.connections.totals(),
    timeSeries: recorder.result(),
    conservation: { offered, succeeded, failed, inFlight, holds },
    mtlsCoverage: mtlsCoverage(edges),
    warnings: [...model.warnings.all()],
    assumptions: [
      ...(network === null ? [] : [network]),
      ...MODEL_ASSUMPTIONS,
      ...(cpuSharing === null ? [] : [cpuSharing]),
      ...(payload === null ? [] : [payload]),
      ...shapeAssumptions(config.mesh),
      ...config.assumptions,
    ],
    ...(stopped !== undefined && { stopped }),
    ...(model.nodeCrashes.length > 0 && {
      nodeCrashes: model.nodeCrashes.map((crash) => ({
        ...crash,
        nodes: [...crash.nodes],
        services: crash.services.map((s) => ({ ...s })),
        proxies: crash.proxies.map((p) => ({ ...p })),
      })),
    }),
    ...(podEvents !== undefined && { podEvents }),
  };
}

/**
 * `totals` with the mesh's node agents (`kind`, one per node) as a kind of their own: their count and requests, no
 * CPU or memory use (they carry no traffic), and not in `count` (they are no proxies).
 */
function withNodeAgents(
  totals: ProxyTotals,
  kind: string | null,
  agents: readonly RequestingProxy[],
): ProxyTotals {
  if (kind === null || agents.length === 0) return totals;
  const cpuRequestedCores = agents.reduce((sum, agent) => sum + agent.cpuRequestCores, 0);
  const memoryRequestedMiB = agents.reduce((sum, agent) => sum + agent.memoryRequestMiB, 0);
  const agentKind: ProxyKindTotals = {
    kind,
    count: agents.length,
    cpuCores: 0,
    memoryMiB: 0,
    queued: 0,
    traversals: 0,
    maxMemoryMiB: 0,
    throttledMs: 0,
    cpuWaitMs: 0,
    handshakes: 0,
    cpuRequestedCores,
    memoryRequestedMiB,
    ...(totals.costPerMonthUsd !== undefined && { costPerMonthUsd: 0 }),
  };
  return {
    ...totals,
    byKind: [...totals.byKind, agentKind],
    cpuRequestedCores: (totals.cpuRequestedCores ?? 0) + cpuRequestedCores,
    memoryRequestedMiB: (totals.memoryRequestedMiB ?? 0) + memoryRequestedMiB,
  };
}

/**
 * `totals` with the capacity its containers request priced (`requestedCostPerMonthUsd`) when there are prices: 0 when
 * they request nothing.
 */
function withRequestedCost(totals: ProxyTotals, prices: PriceTable | null): ProxyTotals {
  const cores = totals.cpuRequestedCores ?? 0;
  const mib = totals.memoryRequestedMiB ?? 0;
  if (prices === null) return totals;
  return { ...totals, requestedCostPerMonthUsd: computeCostPerMonthUsd(prices, cores, mib) };
}

/** `SimulationResult.extraNodesNeeded` of a run. */
function extraNodes(model: Model): number | null {
  if (!model.topology.nodes.some((node) => node.cores !== null)) return null;
  let sum = 0;
  for (const shortfall of model.shortfalls) {
    if (shortfall.kind !== 'nodes') return null;
    sum += shortfall.extraNodes;
  }
  return sum;
}

/** What a node's pods request in all [cores] (0 when none requests anything). */
function requestedOn(requests: NodeRequests | undefined): number {
  return requests === undefined ? 0 : requests.applicationCores + requests.proxyCores + requests.systemCores;
}

/**
 * The CPU a service's instances used within the run [ms of one core]: what it counted (`counted`, each request's
 * work as it started), less the work still queued or running on its nodes' CPU at the end.
 */
function serviceCpuMs(
  service: { readonly instances: readonly Instance[] },
  counted: number,
  nowMs: number,
): number {
  let undone = 0;
  for (const instance of service.instances) undone += instance.cpuMsUndoneAt(nowMs);
  return undone > 0 ? counted - undone : counted;
}
