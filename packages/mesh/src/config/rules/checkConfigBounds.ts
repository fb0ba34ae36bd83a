// The bounds of the rule tables, checked on a config built in code, so that a library user meets the same
// limits as a scenario file: every table where CONFIG_RULE_SITES places it, then the size limits (LIMIT_RULES).
// A config from a scenario file always passes.

import { clusterNodeCount } from '../clusterNodeCount.js';
import type { SimulationConfig } from '../SimulationConfig.js';
import { checkField } from './checkFields.js';
import { checkRuleSites } from './configRuleSites.js';
import { SCENARIO_LIMITS } from './limitRules.js';
import { findRuleRow } from './findRuleRow.js';
import { SERVICE_RULES } from './serviceRules.js';

function tooMany(path: string, what: string, count: number, limit: number): RangeError {
  return new RangeError(`${path} must have at most ${limit} ${what} (got ${count})`);
}

/**
 * Throws a RangeError naming the field path and the value when `config` breaks a rule of a rule table where
 * CONFIG_RULE_SITES places it (`checkRuleSites`: the scenario's duration and node sizes, zones, services, versions,
 * calls, mirrors, fault injection, caller policies, traffic sources, destination and inbound policies), a
 * waypoint's CPU limit, or LIMIT_RULES (services, instances, nodes per cluster and in all, calls per service,
 * traffic sources, faults, rates).
 *
 * @example
 * ```ts
 * checkConfigBounds({ ...config, durationMs: Infinity }); // RangeError: durationMs must be a finite number (got Infinity)
 * ```
 */
export function checkConfigBounds(config: SimulationConfig): void {
  checkRuleSites(config);
  let nodes = 0;
  config.clusters.forEach((cluster, i) => {
    const clusterNodes = clusterNodeCount(cluster);
    if (clusterNodes > SCENARIO_LIMITS.nodesPerCluster) {
      throw new RangeError(
        `clusters[${i}].zones: the nodes add up to ${clusterNodes}${cluster.nodePools?.length ? ' with its node pools' : ''}, more than ${SCENARIO_LIMITS.nodesPerCluster}`,
      );
    }
    nodes += clusterNodes;
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
    if (source.kind === 'closed') return;
    source.rate.forEach((point, j) => {
      if (!(point.rps >= 0 && point.rps <= limits.maxRps)) {
        throw new RangeError(
          `${path}.rate[${j}].rps must be in [0, ${limits.maxRps}] (got ${String(point.rps)})`,
        );
      }
    });
  });
}

function tooManyCalls(path: string, calls: number): never {
  throw tooMany(`${path}.calls`, 'calls', calls, SCENARIO_LIMITS.callsPerService);
}
