// Turns a schema-valid raw scenario into a SimulationConfig: applies defaults (from '@meshsim/mesh'
// and SCENARIO_DEFAULTS), converts units to ms / req/s / MiB, and expands the short forms (policies: buildPolicies.ts).

import type { DistributionSpec } from '@meshsim/engine';
import {
  DEFAULT_CLUSTERS,
  DEFAULT_NETWORK,
  ENVOY_DEFAULT_BACKOFF,
  NO_POLICY,
  NO_RETRY,
  defaultMeshConfig,
} from '@meshsim/mesh';
import type {
  BackoffPolicy,
  CallConfig,
  CallPolicy,
  ClusterConfig,
  FaultConfig,
  FaultEffect,
  MeshConfig,
  NetworkConfig,
  RatePoint,
  RetryPolicy,
  ServiceConfig,
  SimulationConfig,
  TrafficConfig,
} from '@meshsim/mesh';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import type { RawCall, RawFault, RawScenario, RawService, RawTraffic } from '../schema.js';
import { parseByteSize, parseDurationMs, parseRate } from '../units.js';
import type { PathSegment } from './path.js';
import {
  destinationOf,
  faultInjectionOf,
  inboundOf,
  mirrorOf,
  routesOf,
  versionsOf,
  weightScheduleOf,
} from './buildPolicies.js';
import { resolveDistribution } from './resolveDistribution.js';
import type { PathIssue } from './zodIssues.js';

const ms = parseDurationMs;
const MIB = 1024 * 1024;

type Duration = number | string;

interface PolicyFields {
  timeout?: Duration | undefined;
  perTryTimeout?: Duration | undefined;
  retry?: RawCall['retry'];
}

function backoffOf(raw: NonNullable<RawCall['retry']>['backoff']): BackoffPolicy {
  if (raw === undefined) return ENVOY_DEFAULT_BACKOFF;
  const maxGiven = raw.max === undefined ? undefined : ms(raw.max);
  const baseMs =
    raw.base !== undefined ? ms(raw.base) : Math.min(ENVOY_DEFAULT_BACKOFF.baseMs, maxGiven ?? Infinity);
  // Envoy: the maximum interval defaults to 10 × the base interval.
  const maxMs = maxGiven ?? (raw.base !== undefined ? 10 * baseMs : ENVOY_DEFAULT_BACKOFF.maxMs);
  return { baseMs, maxMs, jitter: raw.jitter ?? ENVOY_DEFAULT_BACKOFF.jitter };
}

/** The policy a caller applies; `set` tells whether the user wrote any of it. */
function policyOf(raw: PolicyFields): { policy: CallPolicy; set: boolean } {
  const set = raw.timeout !== undefined || raw.perTryTimeout !== undefined || raw.retry !== undefined;
  if (!set) return { policy: NO_POLICY, set };
  const perTry = raw.perTryTimeout ?? raw.retry?.perTryTimeout;
  const retry: RetryPolicy =
    raw.retry === undefined
      ? NO_RETRY
      : {
          maxAttempts: raw.retry.attempts,
          retryOn: raw.retry.retryOn ?? SCENARIO_DEFAULTS.retryOn,
          backoff: backoffOf(raw.retry.backoff),
        };
  return {
    policy: {
      timeoutMs: raw.timeout === undefined ? Infinity : ms(raw.timeout),
      perTryTimeoutMs: perTry === undefined ? Infinity : ms(perTry),
      retry,
    },
    set,
  };
}

function callOf(raw: RawCall): CallConfig {
  const { policy, set } = policyOf(raw);
  return {
    to: raw.to,
    probability: raw.probability ?? 1,
    optional: raw.optional ?? false,
    policySet: set,
    policy,
    // Policy fields appear only when written, so that configs without them stay as they were.
    ...(raw.faultInjection !== undefined && { faultInjection: faultInjectionOf(raw.faultInjection) }),
    ...(raw.mirror !== undefined && { mirror: mirrorOf(raw.mirror) }),
  };
}

function meshOf(raw: RawScenario['mesh'], issues: PathIssue[]): MeshConfig {
  if (raw === undefined) return defaultMeshConfig(SCENARIO_DEFAULTS.mesh);
  if (typeof raw === 'string') return defaultMeshConfig(raw);
  // Options whose defaults other defaults depend on (profiles, default policy) go to defaultMeshConfig.
  const base = defaultMeshConfig(raw.shape, {
    ...(raw.istioVersion !== undefined && { istioVersion: raw.istioVersion }),
    ...(raw.appMeshLegacyAccount !== undefined && { appMeshLegacyAccount: raw.appMeshLegacyAccount }),
    ...(raw.layered !== undefined && { layered: raw.layered }),
  });
  const sidecar = raw.sidecar;
  const size = (value: number | string | undefined, unitBytes: number, fallback: number): number =>
    value === undefined ? fallback : typeof value === 'number' ? value : parseByteSize(value) / unitBytes;
  return {
    ...base,
    libraryServices: raw.libraryServices ?? base.libraryServices,
    libraryCpuMsPerCall:
      raw.libraryCpuPerCall === undefined ? base.libraryCpuMsPerCall : ms(raw.libraryCpuPerCall),
    sidecar:
      sidecar === undefined
        ? base.sidecar
        : {
            latencyMs:
              sidecar.latency === undefined
                ? base.sidecar.latencyMs
                : resolveDistribution(sidecar.latency, ['mesh', 'sidecar', 'latency'], issues),
            workers: sidecar.workers ?? base.sidecar.workers,
            cpuMsPerRequest:
              sidecar.cpuPerRequest === undefined ? base.sidecar.cpuMsPerRequest : ms(sidecar.cpuPerRequest),
            memoryBaseMiB: size(sidecar.memoryBase, MIB, base.sidecar.memoryBaseMiB),
            memoryPerEndpointKiB: size(sidecar.memoryPerEndpoint, 1024, base.sidecar.memoryPerEndpointKiB),
          },
    endpointUpdateDelayMs:
      raw.endpointUpdateDelay === undefined ? base.endpointUpdateDelayMs : ms(raw.endpointUpdateDelay),
    loadBalancer: raw.loadBalancer ?? base.loadBalancer,
    defaultPolicy: raw.defaultPolicy === undefined ? base.defaultPolicy : policyOf(raw.defaultPolicy).policy,
    ...(raw.mtls !== undefined && { mtls: raw.mtls }),
    ...(raw.encryption !== undefined && { encryption: raw.encryption }),
  };
}

function networkOf(raw: RawScenario['network'], issues: PathIssue[]): NetworkConfig {
  const pick = (
    value: Parameters<typeof resolveDistribution>[0] | undefined,
    key: string,
    fallback: DistributionSpec,
  ) => (value === undefined ? fallback : resolveDistribution(value, ['network', key], issues));
  return {
    sameNodeMs: pick(raw?.sameNode, 'sameNode', DEFAULT_NETWORK.sameNodeMs),
    sameZoneMs: pick(raw?.sameZone, 'sameZone', DEFAULT_NETWORK.sameZoneMs),
    crossZoneMs: pick(raw?.crossZone, 'crossZone', DEFAULT_NETWORK.crossZoneMs),
    crossClusterMs: pick(raw?.crossCluster, 'crossCluster', DEFAULT_NETWORK.crossClusterMs),
  };
}

function clustersOf(raw: RawScenario['clusters']): readonly ClusterConfig[] {
  if (raw === undefined) return DEFAULT_CLUSTERS;
  return raw.map((cluster) => ({
    name: cluster.name,
    region: cluster.region ?? SCENARIO_DEFAULTS.region,
    vpc: cluster.vpc ?? SCENARIO_DEFAULTS.vpc,
    zones: cluster.zones.map((zone) => ({ name: zone.name, nodes: zone.nodes })),
  }));
}

/** A payload size: a number of bytes or a size with a unit. */
function bytesOf(value: number | string): number {
  return typeof value === 'number' ? value : parseByteSize(value);
}

function serviceOf(
  name: string,
  raw: RawService,
  defaultCluster: string,
  issues: PathIssue[],
): ServiceConfig {
  const path: PathSegment[] = ['services', name];
  const versionReplicas = raw.versions?.reduce((sum, version) => sum + version.replicas, 0);
  return {
    name,
    namespace: raw.namespace ?? SCENARIO_DEFAULTS.namespace,
    cluster: raw.cluster ?? defaultCluster,
    replicas: raw.replicas ?? versionReplicas ?? SCENARIO_DEFAULTS.replicas,
    concurrency: raw.concurrency ?? SCENARIO_DEFAULTS.concurrency,
    queueCapacity:
      raw.queue === 'unbounded'
        ? Infinity
        : raw.queue === undefined
          ? SCENARIO_DEFAULTS.queueCapacity
          : raw.queue,
    queueDiscipline: raw.queueDiscipline ?? SCENARIO_DEFAULTS.queueDiscipline,
    serviceTimeMs: resolveDistribution(raw.serviceTime, [...path, 'serviceTime'], issues),
    errorRate: raw.errorRate ?? 0,
    calls: (raw.calls ?? []).map((item) => ('parallel' in item ? item.parallel.map(callOf) : [callOf(item)])),
    ...(raw.destinationPolicy !== undefined && { destination: destinationOf(raw.destinationPolicy) }),
    ...(raw.inbound !== undefined && { inbound: inboundOf(raw.inbound) }),
    ...(raw.deadlinePropagation !== undefined && { deadlinePropagation: raw.deadlinePropagation }),
    ...(raw.versions !== undefined && {
      versions: versionsOf(raw.versions, [...path, 'versions'], issues),
    }),
    ...(raw.weightSchedule !== undefined && { weightSchedule: weightScheduleOf(raw.weightSchedule) }),
    ...(raw.routes !== undefined && { routes: routesOf(raw.routes) }),
    ...(raw.waypoint !== undefined && { waypoint: raw.waypoint }),
    ...(raw.requestBytes !== undefined && { requestBytes: bytesOf(raw.requestBytes) }),
    ...(raw.responseBytes !== undefined && { responseBytes: bytesOf(raw.responseBytes) }),
  };
}

function ratePointsOf(raw: NonNullable<RawTraffic['rate']>): RatePoint[] {
  if (!Array.isArray(raw)) return [{ atMs: 0, rps: parseRate(raw), rampToNext: false }];
  // `ramp: true` on a point ramps from the previous point; the model stores it as `rampToNext` on that one.
  return raw.map((point, i) => ({
    atMs: ms(point.at),
    rps: parseRate(point.rps),
    rampToNext: raw[i + 1]?.ramp === true,
  }));
}

function trafficOf(raw: RawTraffic, i: number, issues: PathIssue[]): TrafficConfig {
  const name = raw.name ?? SCENARIO_DEFAULTS.trafficName;
  const { policy } = policyOf(raw);
  const requestClass = raw.requestClass === undefined ? {} : { requestClass: raw.requestClass };
  if (raw.users !== undefined) {
    return {
      kind: 'closed',
      name,
      to: raw.to,
      users: raw.users,
      thinkTimeMs:
        raw.thinkTime === undefined
          ? { kind: 'constant', value: 0 }
          : resolveDistribution(raw.thinkTime, ['traffic', i, 'thinkTime'], issues),
      policy,
      ...requestClass,
    };
  }
  return {
    kind: 'open',
    name,
    to: raw.to,
    arrival: raw.arrival ?? SCENARIO_DEFAULTS.arrival,
    rate: ratePointsOf(raw.rate ?? 0),
    policy,
    ...requestClass,
  };
}

function faultEffectOf(raw: RawFault, i: number, issues: PathIssue[]): FaultEffect {
  if (raw.crash === true) return { kind: 'crash' };
  if (raw.errorRate !== undefined) return { kind: 'error', rate: raw.errorRate };
  const latency = raw.latency;
  if (typeof latency === 'string') {
    const text = latency.trim();
    if (text.startsWith('+'))
      return { kind: 'latency', addMs: { kind: 'constant', value: ms(text.slice(1).trim()) }, multiply: 1 };
    return { kind: 'latency', addMs: null, multiply: Number(text.slice(1).trim()) };
  }
  if (latency === undefined) throw new Error(`faults[${i}]: no effect (the schema should have caught this)`);
  return {
    kind: 'latency',
    addMs: resolveDistribution(latency, ['faults', i, 'latency'], issues),
    multiply: 1,
  };
}

function faultOf(raw: RawFault, i: number, issues: PathIssue[]): FaultConfig {
  return {
    atMs: ms(raw.at),
    durationMs: raw.for === undefined ? Infinity : ms(raw.for),
    service: raw.service,
    instances: raw.instances === undefined || raw.instances === 'all' ? Infinity : raw.instances,
    effect: faultEffectOf(raw, i, issues),
  };
}

/** An assumption line naming the services whose capacity came from defaults, if any did. */
function capacityAssumptions(services: RawScenario['services']): string[] {
  const entries = Object.entries(services);
  const noConcurrency = entries.filter(([, s]) => s.concurrency === undefined).map(([name]) => name);
  const noQueue = entries.filter(([, s]) => s.queue === undefined).map(([name]) => name);
  const out: string[] = [];
  if (noConcurrency.length > 0) {
    out.push(
      `Concurrency ${SCENARIO_DEFAULTS.concurrency} per instance is a default, not a measurement (services: ${noConcurrency.join(', ')}).`,
    );
  }
  if (noQueue.length > 0) {
    out.push(
      `Queue capacity ${SCENARIO_DEFAULTS.queueCapacity} per instance is a default, not a measurement (services: ${noQueue.join(', ')}).`,
    );
  }
  return out;
}

/**
 * Builds the {@link SimulationConfig} of a schema-valid scenario whose references were checked.
 *
 * @param raw - Output of the scenario schema.
 * @param defaultName - Used when the file has no `name` (the file name without extension).
 * @param issues - Receives problems only found while resolving (the engine's distribution checks).
 */
export function buildConfig(raw: RawScenario, defaultName: string, issues: PathIssue[]): SimulationConfig {
  const clusters = clustersOf(raw.clusters);
  const defaultCluster = (clusters[0] as ClusterConfig).name;
  return {
    name: raw.name ?? defaultName,
    description: raw.description ?? '',
    seed: raw.seed ?? SCENARIO_DEFAULTS.seed,
    durationMs: raw.duration === undefined ? SCENARIO_DEFAULTS.durationMs : ms(raw.duration),
    mesh: meshOf(raw.mesh, issues),
    network: networkOf(raw.network, issues),
    clusters,
    services: Object.entries(raw.services).map(([name, service]) =>
      serviceOf(name, service, defaultCluster, issues),
    ),
    traffic: raw.traffic.map((source, i) => trafficOf(source, i, issues)),
    faults: (raw.faults ?? []).map((fault, i) => faultOf(fault, i, issues)),
    assumptions: [...(raw.assumptions ?? []), ...capacityAssumptions(raw.services)],
  };
}
