// Turns a schema-valid raw scenario into a SimulationConfig: applies defaults (from '@meshsim/mesh'
// and SCENARIO_DEFAULTS), converts units and expands the short forms (mesh: buildMesh.ts, faults: buildFaults.ts).

import type { DistributionSpec } from '@meshsim/engine';
import {
  DEFAULT_CLUSTERS,
  DEFAULT_NETWORK,
  READINESS_PROBE_RULES,
  configDefaults,
  planWaypoints,
} from '@meshsim/mesh';
import type {
  CallConfig,
  ClusterConfig,
  DaemonSetConfig,
  DependencyFailureAnswer,
  NetworkConfig,
  RatePoint,
  ReadinessProbeConfig,
  ServiceConfig,
  SimulationConfig,
  TrafficConfig,
  WaypointBinding,
} from '@meshsim/mesh';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import type { RawCall, RawScenario, RawService, RawTraffic } from '../schema.js';
import { parseByteSize, parseCpuCores, parseCpuLimit, parseDurationMs, parseRate } from '../units.js';
import { faultOf } from './buildFaults.js';
import { buildMesh } from './buildMesh.js';
import {
  destinationOf,
  faultInjectionOf,
  inboundOf,
  mirrorOf,
  routesOf,
  versionsOf,
  weightScheduleOf,
} from './buildPolicies.js';
import { policyOf, retryPolicyOf } from './callPolicyOf.js';
import type { PathSegment } from './path.js';
import { resolveDistribution } from './resolveDistribution.js';
import type { PathIssue } from './PathIssue.js';

const ms = parseDurationMs;

function callOf(raw: RawCall): CallConfig {
  const { policy, set } = policyOf(raw);
  return {
    to: raw.to,
    probability: raw.probability ?? 1,
    optional: raw.optional ?? false,
    policySet: set,
    policy,
    // Policy fields appear only when written, so that configs without them stay as they were.
    ...(raw.appRetry !== undefined && { appRetry: retryPolicyOf(raw.appRetry) }),
    ...(raw.faultInjection !== undefined && { faultInjection: faultInjectionOf(raw.faultInjection) }),
    ...(raw.mirror !== undefined && { mirror: mirrorOf(raw.mirror) }),
    ...(raw.keepAlive !== undefined && { keepAlive: raw.keepAlive }),
    ...(raw.forClasses !== undefined && { forClasses: raw.forClasses }),
  };
}

/** What a service answers when a dependency failed, as written (500, 502, 503, 504 or passthrough). */
function dependencyAnswerOf(raw: NonNullable<RawService['onDependencyFailure']>): DependencyFailureAnswer {
  return raw === 'passthrough' ? { kind: 'passthrough' } : { kind: 'status', status: raw };
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

/**
 * The clusters; nodes get the cluster's `nodeCpu`, else the scenario's (cores), else no CPU model; the cluster's
 * `nodeMemory`, else the scenario's [MiB], else no memory fit; and the cluster's `nodeMaxPods`, else the scenario's,
 * else the kubelet's default (left to the model).
 */
function clustersOf(
  raw: RawScenario['clusters'],
  nodeCpu: RawScenario['nodeCpu'],
  nodeMemory: RawScenario['nodeMemory'],
  nodeMaxPods: RawScenario['nodeMaxPods'],
  daemonSets: RawScenario['daemonSets'],
): readonly ClusterConfig[] {
  const everyNode = nodeCpu === undefined ? null : parseCpuCores(nodeCpu);
  const everyNodeMemory = nodeMemory === undefined ? null : mibOf(nodeMemory);
  const everyNodeMaxPods = nodeMaxPods ?? null;
  const everyDaemonSets =
    daemonSets === undefined || daemonSets.length === 0 ? null : daemonSetsOf(daemonSets);
  if (raw === undefined) {
    return everyNode === null &&
      everyNodeMemory === null &&
      everyNodeMaxPods === null &&
      everyDaemonSets === null
      ? DEFAULT_CLUSTERS
      : DEFAULT_CLUSTERS.map((c) => ({
          ...c,
          ...(everyNode !== null && { nodeCpu: everyNode }),
          ...(everyNodeMemory !== null && { nodeMemoryMiB: everyNodeMemory }),
          ...(everyNodeMaxPods !== null && { nodeMaxPods: everyNodeMaxPods }),
          ...(everyDaemonSets !== null && { daemonSets: everyDaemonSets }),
        }));
  }
  return raw.map((cluster) => {
    const cores = cluster.nodeCpu === undefined ? everyNode : parseCpuCores(cluster.nodeCpu);
    const memoryMiB = cluster.nodeMemory === undefined ? everyNodeMemory : mibOf(cluster.nodeMemory);
    const maxPods = cluster.nodeMaxPods ?? everyNodeMaxPods;
    const own = cluster.daemonSets === undefined ? everyDaemonSets : daemonSetsOf(cluster.daemonSets);
    return {
      name: cluster.name,
      region: cluster.region ?? SCENARIO_DEFAULTS.region,
      vpc: cluster.vpc ?? SCENARIO_DEFAULTS.vpc,
      zones: cluster.zones.map((zone) => ({ name: zone.name, nodes: zone.nodes })),
      ...(cores !== null && { nodeCpu: cores }),
      ...(memoryMiB !== null && { nodeMemoryMiB: memoryMiB }),
      ...(maxPods !== null && { nodeMaxPods: maxPods }),
      ...(own !== null && own.length > 0 && { daemonSets: own }),
      ...(cluster.nodePools !== undefined && {
        nodePools: cluster.nodePools.map((pool) => ({
          name: pool.name,
          zones: pool.zones.map((zone) => ({ name: zone.name, nodes: zone.nodes })),
          ...(pool.nodeCpu !== undefined && { nodeCpu: parseCpuCores(pool.nodeCpu) }),
          ...(pool.nodeMemory !== undefined && { nodeMemoryMiB: mibOf(pool.nodeMemory) }),
          ...(pool.nodeMaxPods !== undefined && { nodeMaxPods: pool.nodeMaxPods }),
          ...(pool.shared !== undefined && { shared: pool.shared }),
        })),
      }),
      ...(cluster.poolName !== undefined && { poolName: cluster.poolName }),
    };
  });
}

/** DaemonSets as the model takes them: requests in cores and MiB. */
function daemonSetsOf(raw: NonNullable<RawScenario['daemonSets']>): DaemonSetConfig[] {
  return raw.map((d) => ({
    name: d.name,
    ...(d.cpuRequest !== undefined && { cpuRequestCores: parseCpuCores(d.cpuRequest) }),
    ...(d.memoryRequest !== undefined && { memoryRequestMiB: mibOf(d.memoryRequest) }),
  }));
}

/** A memory size: a number of MiB or a size with a unit. */
function mibOf(value: number | string): number {
  return typeof value === 'number' ? value : parseByteSize(value) / (1024 * 1024);
}

/** A payload size: a number of bytes or a size with a unit. */
function bytesOf(value: number | string): number {
  return typeof value === 'number' ? value : parseByteSize(value);
}

/** A written readiness probe, Kubernetes' defaults for what it leaves out (READINESS_PROBE_RULES). */
function readinessProbeOf(raw: NonNullable<RawService['readinessProbe']>): ReadinessProbeConfig {
  const d = configDefaults(READINESS_PROBE_RULES);
  return {
    initialDelayMs: raw.initialDelay === undefined ? d.initialDelayMs : ms(raw.initialDelay),
    periodMs: raw.period === undefined ? d.periodMs : ms(raw.period),
    failureThreshold: raw.failureThreshold ?? d.failureThreshold,
    successThreshold: raw.successThreshold ?? d.successThreshold,
  };
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
    ...(raw.dedicatedNodes !== undefined && { dedicatedNodes: raw.dedicatedNodes }),
    ...(raw.nodePool !== undefined && { nodePool: raw.nodePool }),
    ...(raw.tolerates !== undefined && { tolerates: raw.tolerates }),
    ...(raw.versions !== undefined && {
      versions: versionsOf(raw.versions, [...path, 'versions'], issues),
    }),
    ...(raw.weightSchedule !== undefined && { weightSchedule: weightScheduleOf(raw.weightSchedule) }),
    ...(raw.routes !== undefined && { routes: routesOf(raw.routes) }),
    ...(raw.waypoint !== undefined && { waypoint: waypointOf(raw.waypoint) }),
    ...(raw.requestBytes !== undefined && { requestBytes: bytesOf(raw.requestBytes) }),
    ...(raw.responseBytes !== undefined && { responseBytes: bytesOf(raw.responseBytes) }),
    ...(raw.cpuLimit !== undefined && { cpuLimitCores: parseCpuCores(raw.cpuLimit) }),
    ...(raw.cpuRequest !== undefined && { cpuRequestCores: parseCpuCores(raw.cpuRequest) }),
    ...(raw.proxyCpuLimit !== undefined && { proxyCpuLimitCores: parseCpuLimit(raw.proxyCpuLimit) }),
    ...(raw.proxyCpuRequest !== undefined && { proxyCpuRequestCores: parseCpuCores(raw.proxyCpuRequest) }),
    ...(raw.memoryRequest !== undefined && { memoryRequestMiB: mibOf(raw.memoryRequest) }),
    ...(raw.memoryLimit !== undefined && { memoryLimitMiB: mibOf(raw.memoryLimit) }),
    ...(raw.proxyMemoryRequest !== undefined && { proxyMemoryRequestMiB: mibOf(raw.proxyMemoryRequest) }),
    ...(raw.proxyMemoryLimit !== undefined && { proxyMemoryLimitMiB: mibOf(raw.proxyMemoryLimit) }),
    ...(raw.serviceTimeCpu !== undefined && { serviceTimeCpuShare: raw.serviceTimeCpu }),
    ...(raw.protocol !== undefined && { protocol: raw.protocol }),
    ...(raw.onDependencyFailure !== undefined && {
      onDependencyFailure: dependencyAnswerOf(raw.onDependencyFailure),
    }),
    ...(raw.readinessProbe !== undefined && { readinessProbe: readinessProbeOf(raw.readinessProbe) }),
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
  const { policy, set } = policyOf(raw);
  const requestClass = raw.requestClass === undefined ? {} : { requestClass: raw.requestClass };
  const keepAlive = raw.keepAlive === undefined ? {} : { keepAlive: raw.keepAlive };
  // A meshed source that sets no policy gets the mesh's default, as a service's calls do.
  const from = raw.from === undefined ? {} : { from: raw.from, policySet: set };
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
      ...keepAlive,
      ...from,
    };
  }
  return {
    kind: 'open',
    name,
    to: raw.to,
    arrival: raw.arrival ?? SCENARIO_DEFAULTS.arrival,
    rate: ratePointsOf(raw.rate ?? 0),
    policy,
    ...(raw.connections !== undefined && { connections: raw.connections }),
    ...(raw.connectionGroup !== undefined && { connectionGroup: raw.connectionGroup }),
    ...(raw.loadTrigger !== undefined && { loadTrigger: raw.loadTrigger }),
    ...requestClass,
    ...keepAlive,
    ...from,
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
 * The assumption line of a scenario that writes no `clusters`: its nodes are the default cluster's, which sets what
 * every per-node pod costs (a ztunnel, a CNI agent, a node proxy, a DaemonSet's pod on each node).
 */
function defaultClusterAssumption(clusters: readonly ClusterConfig[]): string {
  const zones = clusters.flatMap((cluster) => cluster.zones);
  const nodes = zones.reduce((sum, zone) => sum + zone.nodes, 0);
  const each = [...new Set(zones.map((zone) => zone.nodes))];
  const shape =
    each.length === 1 ? `${zones.length} zones of ${String(each[0])} nodes` : `${zones.length} zones`;
  return (
    `The cluster is the default one, ${shape} (${nodes} nodes), a default, not a measurement: what the mesh runs on ` +
    'every node (ztunnels, CNI agents, node proxies) and the DaemonSets cost in proportion to it (write clusters to set yours).'
  );
}

/**
 * An assumption line naming the services whose whole service time is taken as CPU work by default, when nodes have a
 * size (only then does it matter: the work competes for the node's cores and counts against CPU limits).
 */
function cpuShareAssumptions(
  services: RawScenario['services'],
  clusters: readonly ClusterConfig[],
): string[] {
  const sized = clusters.some(
    (cluster) =>
      (cluster.nodeCpu ?? null) !== null ||
      (cluster.nodePools ?? []).some((pool) => (pool.nodeCpu ?? null) !== null),
  );
  if (!sized) return [];
  const unset = Object.entries(services)
    .filter(([, s]) => s.serviceTimeCpu === undefined)
    .map(([name]) => name);
  if (unset.length === 0) return [];
  const shown =
    unset.length <= 8 ? unset.join(', ') : `${unset.slice(0, 8).join(', ')} and ${unset.length - 8} more`;
  return [
    `All of a request's service time is CPU work on its node (serviceTimeCpu 1, a default, not a measurement: set a ` +
      `share below 1 for time spent waiting, e.g. on a database) — it competes for the node's cores and counts ` +
      `against CPU limits (services: ${shown}).`,
  ];
}

/**
 * Builds the {@link SimulationConfig} of a schema-valid scenario whose references were checked.
 *
 * @param raw - Output of the scenario schema.
 * @param defaultName - Used when the file has no `name` (the file name without extension).
 * @param issues - Receives problems only found while resolving (the engine's distribution checks).
 */
export function buildConfig(raw: RawScenario, defaultName: string, issues: PathIssue[]): SimulationConfig {
  const clusters = clustersOf(raw.clusters, raw.nodeCpu, raw.nodeMemory, raw.nodeMaxPods, raw.daemonSets);
  const defaultCluster = (clusters[0] as ClusterConfig).name;
  const mesh = buildMesh(raw.mesh, issues);
  const services = Object.entries(raw.services).map(([name, service]) =>
    serviceOf(name, service, defaultCluster, issues),
  );
  // Services sharing a waypoint: one cluster, one replica count, one CPU limit (the model's own rule).
  const waypointReplicas = 'waypoint' in mesh ? mesh.waypoint.replicas : 1;
  for (const issue of planWaypoints(services, waypointReplicas).issues) {
    issues.push({ path: ['services', issue.service, ...issue.field.split('.')], reason: issue.reason });
  }
  return {
    name: raw.name ?? defaultName,
    description: raw.description ?? '',
    seed: raw.seed ?? SCENARIO_DEFAULTS.seed,
    durationMs: raw.duration === undefined ? SCENARIO_DEFAULTS.durationMs : ms(raw.duration),
    mesh,
    network: networkOf(raw.network, issues),
    clusters,
    ...(raw.cpuWeights !== undefined && { cpuWeights: raw.cpuWeights }),
    services,
    traffic: raw.traffic.map((source, i) => trafficOf(source, i, issues)),
    faults: (raw.faults ?? []).map((fault, i) =>
      faultOf(
        fault,
        i,
        Object.keys(raw.services)[0] as string,
        (name) => services.find((s) => s.name === name)?.replicas,
        issues,
      ),
    ),
    assumptions: [
      ...(raw.assumptions ?? []),
      ...capacityAssumptions(raw.services),
      ...cpuShareAssumptions(raw.services, clusters),
      ...(raw.clusters === undefined ? [defaultClusterAssumption(clusters)] : []),
    ],
  };
}

/** A service's `waypoint` as the model takes it: a name alone is a shared deployment of that name. */
function waypointOf(
  raw:
    | boolean
    | string
    | { name?: string | undefined; replicas?: number | undefined; cpuLimit?: string | number | undefined },
): boolean | WaypointBinding {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') return { name: raw };
  return {
    ...(raw.name !== undefined && { name: raw.name }),
    ...(raw.replicas !== undefined && { replicas: raw.replicas }),
    ...(raw.cpuLimit !== undefined && { cpuLimitCores: parseCpuCores(raw.cpuLimit) }),
  };
}
