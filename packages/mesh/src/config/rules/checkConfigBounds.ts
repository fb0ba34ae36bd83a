// The bounds of the scenario-level rule tables, checked on a config built in code, so that a library
// user meets the same limits as a scenario file: the run's duration, each service's capacity, users,
// retry attempts, rates and the size limits. A config from a scenario file always passes.

import { clusterNodeCount } from '../clusterNodeCount.js';
import type { CallPolicy } from '../CallPolicy.js';
import type { SimulationConfig } from '../SimulationConfig.js';
import { checkField } from './checkFields.js';
import { SCENARIO_LIMITS } from './limitRules.js';
import { findRuleRow } from './findRuleRow.js';
import { RETRY_RULES } from './callPolicyRules.js';
import { SCENARIO_RULES } from './scenarioRules.js';
import { SERVICE_RULES } from './serviceRules.js';
import { TRAFFIC_RULES } from './trafficRules.js';

const SERVICE_FIELDS = [
  'replicas',
  'concurrency',
  'queue',
  'errorRate',
  'requestBytes',
  'responseBytes',
  'cpuLimit',
  'cpuRequest',
  'proxyCpuLimit',
  'proxyCpuRequest',
  'memoryRequest',
  'memoryLimit',
  'proxyMemoryRequest',
  'proxyMemoryLimit',
];

function tooMany(path: string, what: string, count: number, limit: number): RangeError {
  return new RangeError(`${path} must have at most ${limit} ${what} (got ${count})`);
}

/**
 * Throws a RangeError naming the field path and the value when `config` breaks a bound of
 * SCENARIO_RULES (duration, each cluster's and pool's nodeCpu and nodeMemoryMiB), SERVICE_RULES, TRAFFIC_RULES, RETRY_RULES (`attempts`) or LIMIT_RULES (services,
 * instances, nodes per cluster and in all, calls per service, traffic sources, faults, rates).
 *
 * @example
 * ```ts
 * checkConfigBounds({ ...config, durationMs: Infinity }); // RangeError: durationMs must be a finite number (got Infinity)
 * ```
 */
export function checkConfigBounds(config: SimulationConfig): void {
  checkField(findRuleRow(SCENARIO_RULES, 'duration'), config.durationMs, 'durationMs');
  let nodes = 0;
  config.clusters.forEach((cluster, i) => {
    const clusterNodes = clusterNodeCount(cluster);
    if (clusterNodes > SCENARIO_LIMITS.nodesPerCluster) {
      throw new RangeError(
        `clusters[${i}].zones: the nodes add up to ${clusterNodes}${cluster.nodePools?.length ? ' with its node pools' : ''}, more than ${SCENARIO_LIMITS.nodesPerCluster}`,
      );
    }
    nodes += clusterNodes;
    checkNodeSize(cluster, `clusters[${i}]`);
    (cluster.nodePools ?? []).forEach((pool, j) => checkNodeSize(pool, `clusters[${i}].nodePools[${j}]`));
  });
  if (nodes > SCENARIO_LIMITS.nodes) {
    throw new RangeError(`clusters: the nodes add up to ${nodes}, more than ${SCENARIO_LIMITS.nodes}`);
  }
  const limits = SCENARIO_LIMITS;
  if (config.services.length > limits.services) {
    throw tooMany('services', 'services', config.services.length, limits.services);
  }
  let instances = 0;
  for (const service of config.services) {
    const path = `services.${service.name}`;
    for (const field of SERVICE_FIELDS) {
      const row = findRuleRow(SERVICE_RULES, field);
      const key = row.configField ?? row.field;
      const value = (service as unknown as Record<string, unknown>)[key];
      if (value !== undefined) checkField(row, value, `${path}.${key}`);
    }
    // A waypoint's own CPU limit has the bounds of a sidecar's.
    const waypoint = service.waypoint;
    if (typeof waypoint === 'object' && waypoint.cpuLimitCores !== undefined) {
      checkField(
        findRuleRow(SERVICE_RULES, 'proxyCpuLimit'),
        waypoint.cpuLimitCores,
        `${path}.waypoint.cpuLimitCores`,
      );
    }
    instances += service.replicas;
    const calls = service.calls.reduce((n, stage) => n + stage.length, 0);
    if (calls > limits.callsPerService) tooManyCalls(path, calls);
    service.calls.forEach((stage, i) =>
      stage.forEach((call, j) => checkAttempts(call.policy, `${path}.calls[${i}][${j}].policy`)),
    );
  }
  if (instances > limits.instances) {
    throw new RangeError(`services: the replicas add up to ${instances}, more than ${limits.instances}`);
  }
  if (config.traffic.length > limits.trafficSources) {
    throw tooMany('traffic', 'sources', config.traffic.length, limits.trafficSources);
  }
  if (config.faults.length > limits.faults)
    throw tooMany('faults', 'faults', config.faults.length, limits.faults);
  config.traffic.forEach((source, i) => {
    const path = `traffic[${i}]`;
    checkAttempts(source.policy, `${path}.policy`);
    if (source.kind === 'closed') {
      checkField(findRuleRow(TRAFFIC_RULES, 'users'), source.users, `${path}.users`);
      return;
    }
    if (source.connections !== undefined)
      checkField(findRuleRow(TRAFFIC_RULES, 'connections'), source.connections, `${path}.connections`);
    source.rate.forEach((point, j) => {
      if (!(point.rps >= 0 && point.rps <= limits.maxRps)) {
        throw new RangeError(
          `${path}.rate[${j}].rps must be in [0, ${limits.maxRps}] (got ${String(point.rps)})`,
        );
      }
    });
  });
}

/** Checks the node size of a cluster or pool (`nodeCpu`, `nodeMemoryMiB`, `nodeMaxPods`) against SCENARIO_RULES. */
function checkNodeSize(
  nodes: { nodeCpu?: number | null; nodeMemoryMiB?: number | null; nodeMaxPods?: number | null },
  path: string,
): void {
  if (nodes.nodeMaxPods !== undefined && nodes.nodeMaxPods !== null)
    checkField(findRuleRow(SCENARIO_RULES, 'nodeMaxPods'), nodes.nodeMaxPods, `${path}.nodeMaxPods`);
  if (nodes.nodeCpu !== undefined && nodes.nodeCpu !== null)
    checkField(findRuleRow(SCENARIO_RULES, 'nodeCpu'), nodes.nodeCpu, `${path}.nodeCpu`);
  if (nodes.nodeMemoryMiB !== undefined && nodes.nodeMemoryMiB !== null)
    checkField(findRuleRow(SCENARIO_RULES, 'nodeMemory'), nodes.nodeMemoryMiB, `${path}.nodeMemoryMiB`);
}

function tooManyCalls(path: string, calls: number): never {
  throw tooMany(`${path}.calls`, 'calls', calls, SCENARIO_LIMITS.callsPerService);
}

function checkAttempts(policy: CallPolicy, path: string): void {
  checkField(findRuleRow(RETRY_RULES, 'attempts'), policy.retry.maxAttempts, `${path}.retry.maxAttempts`);
}
