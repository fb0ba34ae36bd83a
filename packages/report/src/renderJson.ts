// The machine-readable result: a versioned, documented JSON document (docs/output-formats.md).
// Field order is fixed here, not inherited from the input, and numbers are rounded, so the same
// result always gives the same bytes.

import { FAILURE_CAUSES } from '@meshsim/mesh';
import type { LatencySummary, RunStopped, SimulationResult } from '@meshsim/mesh';

import type { JsonValue } from './JsonValue.js';
import type { RunExtras } from './RunExtras.js';
import { diagnosisJson, nodeCrashJson } from './renderDiagnosis.js';
import { replicationsJson } from './renderReplications.js';
import { sortedPolicyEvents, sortedPolicyTimes } from './internal/derived.js';
import { meshProfilesJson } from './internal/meshProfiles.js';
import { round } from './internal/format.js';

/** Version of the JSON document's schema; bumped on any incompatible change. */
export const JSON_SCHEMA_VERSION = 1;

/** Decimal places kept for non-integer numbers in JSON output. */
export const JSON_DECIMALS = 6;

export type { JsonValue } from './JsonValue.js';

/**
 * Renders a result as JSON: `{ "schemaVersion": 1, "scenario": …, "events": …, "edges": […], … }` with
 * the fields of `SimulationResult` in a fixed order. Non-integer numbers are rounded to
 * {@link JSON_DECIMALS} decimals; `Infinity` and `NaN` become `null`, and so do the proxy costs and
 * price source of a result without prices, and the `successRate` of an edge with no completed call and that of
 * a service version that answered nothing (null in the result too). Objects are indented by two spaces
 * and arrays of numbers or strings are kept on one line. A run a guard stopped early ends with a
 * `stopped` object (reason, atMs, limit, message, loop); a completed run has no `stopped` field.
 *
 * @param result - The output of `simulate`.
 * @param extras - With a diagnosis, the document ends with a `diagnosis` field; with replications, a
 *   `replications` field (docs/output-formats.md); the overrides are `scenario.overrides` (`[]` without).
 * @returns The JSON text, ending with a newline.
 */
export function renderJson(result: SimulationResult, extras: RunExtras = {}): string {
  return stringify(toJsonDocument(result, extras), '') + '\n';
}

/**
 * The JSON document as a plain value (what {@link renderJson} serialises), for callers that embed it
 * in a larger document.
 */
export function toJsonDocument(result: SimulationResult, extras: RunExtras = {}): JsonValue {
  const { scenario, proxies, timeSeries, conservation } = result;
  const document: { [key: string]: JsonValue } = {
    schemaVersion: JSON_SCHEMA_VERSION,
    scenario: {
      name: scenario.name,
      description: scenario.description,
      seed: typeof scenario.seed === 'number' ? num(scenario.seed) : scenario.seed,
      durationMs: num(scenario.durationMs),
      mesh: scenario.mesh,
      // The profiles that ran; a result made without them (by hand) has none to give.
      ...(scenario.meshProfiles !== undefined && {
        meshProfiles: meshProfilesJson(scenario.meshProfiles, num),
      }),
      overrides: extras.overrides ?? [],
    },
    events: num(result.events),
    edges: result.edges.map((edge) => ({
      source: edge.source,
      destination: edge.destination,
      calls: num(edge.calls),
      attempts: num(edge.attempts),
      retries: num(edge.retries),
      succeeded: num(edge.succeeded),
      failed: num(edge.failed),
      failures: Object.fromEntries(FAILURE_CAUSES.map((cause) => [cause, num(edge.failures[cause] ?? 0)])),
      inFlight: num(edge.inFlight),
      waitingAtSource: num(edge.waitingAtSource),
      // null when no call completed (the result's own null).
      successRate: edge.successRate === null ? null : num(edge.successRate),
      latency: latency(edge.latency),
      mtls: edge.mtls,
      connectionsOpened: num(edge.connectionsOpened),
      policyEvents: Object.fromEntries(sortedPolicyEvents(edge).map(([event, n]) => [event, num(n)])),
      policyTimeMs: Object.fromEntries(
        sortedPolicyTimes(edge).map(([state, timeMs]) => [state, num(timeMs)]),
      ),
      // The calling proxies `outlier-ejected-host` sums over.
      outlierDetectors: num(edge.outlierDetectors),
    })),
    // All traffic sources' successful calls together; null in a result made without it (by hand).
    endToEndLatency: result.endToEndLatency === undefined ? null : latency(result.endToEndLatency),
    services: result.services.map((service) => ({
      name: service.name,
      namespace: service.namespace,
      cluster: service.cluster,
      instances: num(service.instances),
      pendingPods: num(service.pendingPods),
      concurrency: num(service.concurrency),
      arrived: num(service.arrived),
      completed: num(service.completed),
      rejected: num(service.rejected),
      errors: num(service.errors),
      wasted: num(service.wasted),
      rateLimited: num(service.rateLimited),
      denied: num(service.denied),
      shed: num(service.shed),
      deadlineDropped: num(service.deadlineDropped),
      cancelled: num(service.cancelled),
      utilisation: num(service.utilisation),
      maxQueueLength: num(service.maxQueueLength),
      latency: latency(service.latency),
      cpuCores: num(service.cpuCores),
      cpuThrottledMs: num(service.cpuThrottledMs),
      sidecarThrottledMs: num(service.sidecarThrottledMs),
      cpuWaitMs: num(service.cpuWaitMs),
      sidecarCpuWaitMs: num(service.sidecarCpuWaitMs),
      podQosClass: service.podQosClass,
      podCpuWeight: service.podCpuWeight === null ? null : num(service.podCpuWeight),
      versions: service.versions.map((version) => ({
        name: version.name,
        instances: num(version.instances),
        arrived: num(version.arrived),
        completed: num(version.completed),
        rejected: num(version.rejected),
        errors: num(version.errors),
        // null when the version answered nothing (the result's own null).
        successRate: version.successRate === null ? null : num(version.successRate),
      })),
    })),
    mtlsCoverage: num(result.mtlsCoverage),
    nodes: result.nodes.map((node) => ({
      name: node.name,
      cluster: node.cluster,
      zone: node.zone,
      cores: num(node.cores),
      pods: num(node.pods),
      meshNodePods: num(node.meshNodePods),
      systemPods: num(node.systemPods),
      maxPods: num(node.maxPods),
      cpuRequestedCores: num(node.cpuRequestedCores),
      memoryMiB: optionalNum(node.memoryMiB ?? undefined),
      memoryRequestedMiB: num(node.memoryRequestedMiB),
      utilisation: num(node.utilisation),
      maxRunnable: num(node.maxRunnable),
    })),
    extraNodesNeeded: optionalNum(result.extraNodesNeeded ?? undefined),
    connections: {
      pools: num(result.connections.pools),
      opened: num(result.connections.opened),
      tlsHandshakes: num(result.connections.tlsHandshakes),
      handshakeCpuMs: num(result.connections.handshakeCpuMs),
    },
    proxies: {
      count: num(proxies.count),
      cpuCores: num(proxies.cpuCores),
      cpuRequestedCores: num(proxies.cpuRequestedCores ?? 0),
      memoryMiB: num(proxies.memoryMiB),
      memoryRequestedMiB: num(proxies.memoryRequestedMiB ?? 0),
      costPerMonthUsd: optionalNum(proxies.costPerMonthUsd),
      requestedCostPerMonthUsd: optionalNum(proxies.requestedCostPerMonthUsd),
      priceSource: proxies.priceSource ?? null,
      byKind: proxies.byKind.map((kind) => ({
        kind: kind.kind,
        count: num(kind.count),
        cpuCores: num(kind.cpuCores),
        memoryMiB: num(kind.memoryMiB),
        queued: num(kind.queued),
        ...(kind.maxMemoryMiB !== undefined && { maxMemoryMiB: num(kind.maxMemoryMiB) }),
        ...(kind.throttledMs !== undefined && { throttledMs: num(kind.throttledMs) }),
        ...(kind.cpuWaitMs !== undefined && { cpuWaitMs: num(kind.cpuWaitMs) }),
        ...(kind.handshakes !== undefined && { handshakes: num(kind.handshakes) }),
        ...(kind.cpuRequestedCores !== undefined && { cpuRequestedCores: num(kind.cpuRequestedCores) }),
        ...(kind.memoryRequestedMiB !== undefined && { memoryRequestedMiB: num(kind.memoryRequestedMiB) }),
        costPerMonthUsd: optionalNum(kind.costPerMonthUsd),
      })),
    },
    timeSeries: {
      intervalMs: num(timeSeries.intervalMs),
      startMs: nums(timeSeries.startMs),
      edges: timeSeries.edges.map((series) => ({
        source: series.source,
        destination: series.destination,
        calls: nums(series.calls),
        succeeded: nums(series.succeeded),
        failed: nums(series.failed),
        retries: nums(series.retries),
        p50Ms: nums(series.p50Ms),
        p99Ms: nums(series.p99Ms),
        goodput: nums(series.goodput),
        ...(series.successesByLateness !== undefined && {
          successesByLateness: series.successesByLateness.map((counts) => nums(counts)),
        }),
        // Only on a connection-limited source's edge where calls waited at the end of some interval.
        ...(series.waitingAtSource !== undefined && { waitingAtSource: nums(series.waitingAtSource) }),
      })),
      services: timeSeries.services.map((series) => ({
        name: series.name,
        utilisation: nums(series.utilisation),
        queueLength: nums(series.queueLength),
        completed: nums(series.completed),
        rejected: nums(series.rejected),
      })),
    },
    conservation: {
      offered: num(conservation.offered),
      succeeded: num(conservation.succeeded),
      failed: num(conservation.failed),
      inFlight: num(conservation.inFlight),
      holds: conservation.holds,
    },
    warnings: [...result.warnings],
    assumptions: [...result.assumptions],
    // Only for a run a guard stopped early, so that a completed run's document is unchanged.
    ...(result.stopped !== undefined && { stopped: stoppedDocument(result.stopped) }),
    // Only for a run in which a crashNode fault started, so that other runs' documents are unchanged.
    ...(result.nodeCrashes !== undefined && { nodeCrashes: result.nodeCrashes.map(nodeCrashJson) }),
    // Only for a run in which a pod crashed, restarted or changed readiness, so that other runs' documents are unchanged.
    ...(result.podEvents !== undefined && {
      podEvents: {
        events: result.podEvents.events.map((e) => ({
          atMs: num(e.atMs),
          service: e.service,
          pod: e.pod,
          kind: e.kind,
        })),
        omitted: result.podEvents.omitted,
        limit: result.podEvents.limit,
      },
    }),
  };
  if (extras.diagnosis !== undefined) document['diagnosis'] = diagnosisJson(extras.diagnosis);
  if (extras.replications !== undefined) document['replications'] = replicationsJson(extras.replications);
  return document;
}

function stoppedDocument(stopped: RunStopped): JsonValue {
  const { loop } = stopped;
  return {
    reason: stopped.reason,
    atMs: num(stopped.atMs),
    limit: num(stopped.limit),
    message: stopped.message,
    loop:
      loop === undefined
        ? null
        : {
            sources: [...loop.sources],
            edges: loop.edges.map((edge) => ({
              source: edge.source,
              destination: edge.destination,
              calls: num(edge.calls),
            })),
            sampledEvents: num(loop.sampledEvents),
          },
  };
}

function num(value: number): number | null {
  return round(value, JSON_DECIMALS);
}

/** A field the result may leave out (e.g. a cost without prices): null when absent. */
function optionalNum(value: number | undefined): number | null {
  return value === undefined ? null : num(value);
}

function nums(values: readonly number[]): (number | null)[] {
  return values.map(num);
}

function latency(summary: LatencySummary): JsonValue {
  return {
    count: num(summary.count),
    meanMs: num(summary.meanMs),
    p50Ms: num(summary.p50Ms),
    p90Ms: num(summary.p90Ms),
    p99Ms: num(summary.p99Ms),
    p999Ms: num(summary.p999Ms),
    maxMs: num(summary.maxMs),
  };
}

// Like JSON.stringify(value, null, 2), except that arrays holding no objects or arrays stay on one line.
function stringify(value: JsonValue, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const items = value as readonly JsonValue[];
    if (items.length === 0) return '[]';
    if (items.every((item) => item === null || typeof item !== 'object')) {
      return `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
    }
    return `[\n${items.map((item) => inner + stringify(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: JsonValue });
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${stringify(item, inner)}`).join(',\n')}\n${indent}}`;
}
