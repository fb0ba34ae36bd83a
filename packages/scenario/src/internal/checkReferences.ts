// Cross-reference checks that a schema cannot express: names that must exist (services, clusters),
// call cycles, fault sizes. Runs on the raw input, defensively, so it reports even when the schema failed.

import {
  DEFAULT_CLUSTERS,
  LIMIT_RULES,
  SCENARIO_LIMITS,
  SERVICE_RULES,
  callCycleReason,
  findCallCycles,
  findRuleRow,
  findSourceNameClashes,
} from '@meshsim/mesh';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import { checkPolicyReferences } from './checkPolicyReferences.js';
import type { PathSegment } from './path.js';
import { durationOrUndefined, isObject, list, runDurationText, unknownName } from './rawAccess.js';
import type { Obj } from './rawAccess.js';
import { asText, got } from './show.js';
import type { CallEdge } from '@meshsim/mesh';
import type { PathIssue } from './PathIssue.js';
import { pushAll } from '@meshsim/mesh';

type Edge = CallEdge<readonly PathSegment[]>;

/** The calls of every service as edges, in file order (parallel groups flattened, mirrors included). */
function callEdges(services: Obj): Edge[] {
  const edges: Edge[] = [];
  for (const [from, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    const add = (call: Obj, path: readonly PathSegment[]): void => {
      if (typeof call['to'] === 'string') edges.push({ from, to: call['to'], path: [...path, 'to'] });
      // A mirrored copy is a call too: its target must exist and must not call back.
      const mirror = call['mirror'];
      if (isObject(mirror) && typeof mirror['to'] === 'string') {
        edges.push({ from, to: mirror['to'], path: [...path, 'mirror', 'to'] });
      }
    };
    list(service['calls']).forEach((item, i) => {
      if (!isObject(item)) return;
      add(item, ['services', from, 'calls', i]);
      list(item['parallel']).forEach((call, j) => {
        if (isObject(call)) add(call, ['services', from, 'calls', i, 'parallel', j]);
      });
    });
  }
  return edges;
}

/** The replicas of a service that does not set them: the sum of its versions' replicas, else 1. */
function defaultReplicas(service: Obj): number {
  const versions = service['versions'];
  if (!Array.isArray(versions)) return 1;
  return versions.reduce<number>(
    (sum, v) => sum + (isObject(v) && typeof v['replicas'] === 'number' ? v['replicas'] : 0),
    0,
  );
}

/** What the source of a size limit says, as ` (…)` after a message: `(Kubernetes supports at most …)`, or ''. */
function limitNote(field: string): string {
  const source = findRuleRow(LIMIT_RULES, field).max?.source;
  return source !== undefined && 'note' in source && source.note !== undefined ? ` (${source.note})` : '';
}

/** The most replicas of one service (SERVICE_RULES). */
const MAX_REPLICAS = findRuleRow(SERVICE_RULES, 'replicas').max?.value ?? Infinity;

/** The calls of a service's call plan, parallel groups counted call by call. */
function callCount(service: Obj): number {
  return list(service['calls']).reduce<number>(
    (n, item) => n + (isObject(item) && Array.isArray(item['parallel']) ? item['parallel'].length : 1),
    0,
  );
}

/** The nodes of each cluster (LIMIT_RULES `nodesPerCluster`) and over every cluster (`nodes`). */
function checkNodes(clusters: unknown): PathIssue[] {
  if (!Array.isArray(clusters)) return [];
  const out: PathIssue[] = [];
  const limits = SCENARIO_LIMITS;
  let total = 0;
  const nodesOf = (zones: unknown): number =>
    list(zones).reduce(
      (n: number, zone: unknown) =>
        n + (isObject(zone) && typeof zone['nodes'] === 'number' ? zone['nodes'] : 0),
      0,
    );
  clusters.forEach((cluster: unknown, i) => {
    const zones = isObject(cluster) ? cluster['zones'] : undefined;
    if (!Array.isArray(zones) || !isObject(cluster)) return;
    const pools = list(cluster['nodePools']);
    const nodes =
      nodesOf(zones) +
      pools.reduce((n: number, pool) => n + (isObject(pool) ? nodesOf(pool['zones']) : 0), 0);
    if (nodes > limits.nodesPerCluster) {
      out.push({
        path: ['clusters', i, 'zones'],
        reason: `the zones' nodes add up to ${nodes}${pools.length > 0 ? ' with its node pools' : ''}, more than ${limits.nodesPerCluster}${limitNote('nodesPerCluster')}`,
      });
    } else total += nodes;
  });
  if (total > limits.nodes) {
    out.push({
      path: ['clusters'],
      reason: `the clusters' nodes add up to ${total}, more than ${limits.nodes}`,
    });
  }
  return out;
}

/**
 * The size limits of a scenario (LIMIT_RULES): services, instances over every service, nodes (checkNodes), calls per
 * service, traffic sources and faults.
 */
function checkSizes(input: Obj, services: ReadonlyMap<string, unknown>): PathIssue[] {
  const out: PathIssue[] = [];
  const limits = SCENARIO_LIMITS;
  if (services.size > limits.services) {
    out.push({
      path: ['services'],
      reason: `must define at most ${limits.services} services (got ${services.size})`,
    });
  }
  let instances = 0;
  for (const [name, service] of services) {
    if (!isObject(service)) continue;
    const replicas = service['replicas'] === undefined ? defaultReplicas(service) : service['replicas'];
    // A service over its own replica limit is reported at its field; the sum counts the others.
    if (typeof replicas === 'number' && replicas <= MAX_REPLICAS) instances += replicas;
    const calls = callCount(service);
    if (calls > limits.callsPerService) {
      out.push({
        path: ['services', name, 'calls'],
        reason: `must make at most ${limits.callsPerService} calls, parallel groups included (got ${calls})`,
      });
    }
  }
  if (instances > limits.instances) {
    out.push({
      path: ['services'],
      reason: `the services' replicas add up to ${instances}, more than ${limits.instances}${limitNote('instances')}`,
    });
  }
  pushAll(out, checkNodes(input['clusters']));
  for (const [key, limit, what] of [
    ['traffic', limits.trafficSources, 'traffic sources'],
    ['faults', limits.faults, 'faults'],
  ] as const) {
    const entries = input[key];
    if (Array.isArray(entries) && entries.length > limit) {
      out.push({ path: [key], reason: `must list at most ${limit} ${what} (got ${entries.length})` });
    }
  }
  return out;
}

/**
 * Checks the references between parts of a raw scenario: call targets, traffic targets and `from`, fault
 * services, `mesh.libraryServices` and service clusters must exist (names are looked up in a Map, so
 * `toString` or `constructor` are plain names); the size limits hold; the call graph must be acyclic;
 * unique cluster and zone names; a traffic source's name is no service's, nor an earlier source's of the same
 * target; a fault cannot hit more instances than the service has, nor start after the end of the run. Values of the wrong type are skipped (the schema reports them).
 *
 * @param input - The parsed file, not yet validated.
 * @returns Every problem found.
 */
export function checkReferences(input: unknown): PathIssue[] {
  const out: PathIssue[] = [];
  if (!isObject(input)) return out;
  const services = isObject(input['services']) ? input['services'] : {};
  // A Map, not the object: a name such as "toString" or "constructor" must not find Object.prototype.
  // `__proto__` is refused by checkInputShape: it is no service to list or to refer to.
  const byName = new Map<string, unknown>(Object.entries(services).filter(([name]) => name !== '__proto__'));
  const serviceNames = [...byName.keys()];
  const checkService = (name: unknown, path: readonly PathSegment[]): void => {
    if (typeof name === 'string' && !byName.has(name)) {
      out.push({ path, reason: unknownName('service', name, serviceNames) });
    }
  };
  pushAll(out, checkSizes(input, byName));

  // Clusters, zones and node pools.
  const clusterNames: string[] = [];
  const nodePools = new Map<string, Set<string>>();
  if (Array.isArray(input['clusters'])) {
    input['clusters'].forEach((cluster, i) => {
      if (!isObject(cluster) || typeof cluster['name'] !== 'string') return;
      if (clusterNames.includes(cluster['name'])) {
        out.push({
          path: ['clusters', i, 'name'],
          reason: `duplicate cluster name ${JSON.stringify(cluster['name'])}`,
        });
      }
      clusterNames.push(cluster['name']);
      const zoneNames = new Set<string>();
      list(cluster['zones']).forEach((zone, j) => {
        if (!isObject(zone) || typeof zone['name'] !== 'string') return;
        if (zoneNames.has(zone['name'])) {
          out.push({
            path: ['clusters', i, 'zones', j, 'name'],
            reason: `duplicate zone name ${JSON.stringify(zone['name'])} in cluster ${JSON.stringify(cluster['name'])}`,
          });
        }
        zoneNames.add(zone['name']);
      });
      // The cluster's own nodes' pool name is a pool name too.
      const ownPool = typeof cluster['poolName'] === 'string' ? cluster['poolName'] : undefined;
      const pools = new Set<string>(ownPool === undefined ? [] : [ownPool]);
      list(cluster['nodePools']).forEach((pool, j) => {
        if (!isObject(pool) || typeof pool['name'] !== 'string') return;
        if (pools.has(pool['name'])) {
          out.push({
            path: ['clusters', i, 'nodePools', j, 'name'],
            reason: `duplicate node pool ${JSON.stringify(pool['name'])} in cluster ${JSON.stringify(cluster['name'])}${pool['name'] === ownPool ? " (its own nodes' poolName)" : ''}`,
          });
        }
        pools.add(pool['name']);
        list(pool['zones']).forEach((zone, k) => {
          if (!isObject(zone) || typeof zone['name'] !== 'string' || zoneNames.has(zone['name'])) return;
          out.push({
            path: ['clusters', i, 'nodePools', j, 'zones', k, 'name'],
            reason: `${JSON.stringify(zone['name'])} is not a zone of cluster ${JSON.stringify(cluster['name'])} (its zones: ${[...zoneNames].join(', ')})`,
          });
        });
      });
      nodePools.set(cluster['name'], pools);
    });
  } else {
    pushAll(
      clusterNames,
      DEFAULT_CLUSTERS.map((cluster) => cluster.name),
    );
  }
  // DaemonSet names, unique in each list (a name twice is a DaemonSet counted twice).
  const checkDaemonSets = (value: unknown, path: readonly PathSegment[]): void => {
    const seen = new Set<string>();
    list(value).forEach((daemonSet, i) => {
      if (!isObject(daemonSet) || typeof daemonSet['name'] !== 'string') return;
      if (seen.has(daemonSet['name']))
        out.push({
          path: [...path, i, 'name'],
          reason: `duplicate DaemonSet name ${JSON.stringify(daemonSet['name'])}`,
        });
      seen.add(daemonSet['name']);
    });
  };
  checkDaemonSets(input['daemonSets'], ['daemonSets']);
  if (Array.isArray(input['clusters']))
    input['clusters'].forEach((cluster, i) => {
      if (isObject(cluster)) checkDaemonSets(cluster['daemonSets'], ['clusters', i, 'daemonSets']);
    });
  // A top-level nodeCpu (nodeMemory, nodeMaxPods) is the default of clusters without their own: when every cluster sets one, it
  // would apply to no node (e.g. `--set nodeCpu=4` on a file whose clusters give their cores).
  const clusters = Array.isArray(input['clusters']) ? input['clusters'] : [];
  for (const field of ['nodeCpu', 'nodeMemory', 'nodeMaxPods', 'daemonSets']) {
    if (
      input[field] !== undefined &&
      clusters.length > 0 &&
      clusters.every((cluster) => isObject(cluster) && cluster[field] !== undefined)
    ) {
      out.push({
        path: [field],
        reason: got(
          `every cluster sets its own ${field}, so this one applies to no node: set clusters[i].${field} instead`,
          input[field],
        ),
      });
    }
  }

  // Calls limited to request classes: some traffic source must send each class.
  const sentClasses = new Set<string>();
  for (const source of list(input['traffic'])) {
    if (isObject(source) && typeof source['requestClass'] === 'string')
      sentClasses.add(source['requestClass']);
  }
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    list(service['calls']).forEach((item, i) => {
      if (!isObject(item)) return;
      const calls: [Obj, PathSegment[]][] = [[item, ['services', name, 'calls', i]]];
      list(item['parallel']).forEach((call, j) => {
        if (isObject(call)) calls.push([call, ['services', name, 'calls', i, 'parallel', j]]);
      });
      for (const [call, path] of calls) {
        list(call['forClasses']).forEach((requestClass, k) => {
          if (typeof requestClass === 'string' && !sentClasses.has(requestClass)) {
            out.push({
              path: [...path, 'forClasses', k],
              reason:
                `no traffic source sends requests of class ${JSON.stringify(requestClass)} (traffic[].requestClass), ` +
                'so this call would never be made',
            });
          }
        });
      }
    });
  }

  // Services: their cluster and the targets of their calls.
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    const cluster = service['cluster'];
    if (typeof cluster === 'string' && !clusterNames.includes(cluster)) {
      out.push({
        path: ['services', name, 'cluster'],
        reason: unknownName('cluster', cluster, clusterNames),
      });
    }
    // A node pool the service runs on (nodePool) or may also run on (tolerates): one of its cluster's.
    const home = typeof cluster === 'string' ? cluster : clusterNames[0];
    const pools = home === undefined ? undefined : nodePools.get(home);
    const checkPool = (pool: unknown, path: PathSegment[], dedicatedReason: string): void => {
      if (typeof pool !== 'string') return;
      if (service['dedicatedNodes'] === true) out.push({ path, reason: dedicatedReason });
      else if (home !== undefined && clusterNames.includes(home) && !(pools?.has(pool) ?? false)) {
        out.push({
          path,
          reason:
            pools === undefined || pools.size === 0
              ? `unknown node pool ${JSON.stringify(pool)}: cluster ${JSON.stringify(home)} has no nodePools`
              : unknownName('node pool', pool, [...pools]),
        });
      }
    };
    list(service['tolerates']).forEach((pool, k) =>
      checkPool(
        pool,
        ['services', name, 'tolerates', k],
        'a service on dedicated nodes (dedicatedNodes) runs nowhere else',
      ),
    );
    checkPool(
      service['nodePool'],
      ['services', name, 'nodePool'],
      'a service runs on a node pool or on dedicated nodes (dedicatedNodes), not both',
    );
  }
  const edges = callEdges(services);
  for (const edge of edges) checkService(edge.to, edge.path);
  for (const { path, cycle } of findCallCycles(serviceNames, edges)) {
    out.push({ path, reason: callCycleReason(cycle) });
  }

  // Mesh library services.
  const mesh = input['mesh'];
  if (isObject(mesh)) {
    list(mesh['libraryServices']).forEach((name, i) => checkService(name, ['mesh', 'libraryServices', i]));
  }

  // Traffic and faults.
  /** The first source of each connection group: its index and its `connections`. */
  const groups = new Map<string, { index: number; connections: unknown }>();
  list(input['traffic']).forEach((source, i) => {
    if (!isObject(source)) return;
    checkService(source['to'], ['traffic', i, 'to']);
    checkService(source['from'], ['traffic', i, 'from']);
    // Sources of one connection group share one limit: each states it, and all alike.
    const group = source['connectionGroup'];
    if (typeof group !== 'string' || source['users'] !== undefined) return;
    const connections = source['connections'];
    if (connections === undefined) {
      out.push({
        path: ['traffic', i, 'connections'],
        reason: `is required with connectionGroup ${JSON.stringify(group)}: the group's limit of requests in flight`,
      });
      return;
    }
    const first = groups.get(group);
    if (first === undefined) groups.set(group, { index: i, connections });
    else if (first.connections !== connections) {
      out.push({
        path: ['traffic', i, 'connections'],
        reason: got(
          `must be the same in every source of connectionGroup ${JSON.stringify(group)} ` +
            `(traffic[${first.index}] sets ${asText(first.connections)})`,
          connections,
        ),
      });
    }
  });
  // Traffic-source names: no service's, nor an earlier source's of the same target (edges are keyed by caller name).
  const sources = list(input['traffic']).flatMap((source, index) => {
    if (!isObject(source) || (source['name'] !== undefined && typeof source['name'] !== 'string')) return [];
    const written = source['name'];
    const to = typeof source['to'] === 'string' ? source['to'] : undefined;
    const path = ['traffic', index, 'name'];
    return [
      { index, name: written ?? SCENARIO_DEFAULTS.trafficName, to, path, defaulted: written === undefined },
    ];
  });
  pushAll(out, findSourceNameClashes(byName, sources));
  const durationMs =
    input['duration'] === undefined ? SCENARIO_DEFAULTS.durationMs : durationOrUndefined(input['duration']);
  list(input['faults']).forEach((fault, i) => {
    if (!isObject(fault)) return;
    checkService(fault['service'], ['faults', i, 'service']);
    const target = typeof fault['service'] === 'string' ? byName.get(fault['service']) : undefined;
    const instances = fault['instances'];
    if (isObject(target) && typeof instances === 'number') {
      const replicas = target['replicas'] === undefined ? defaultReplicas(target) : target['replicas'];
      if (typeof replicas === 'number' && instances > replicas) {
        out.push({
          path: ['faults', i, 'instances'],
          reason: got(`must be <= the replicas of ${asText(fault['service'])} (${replicas})`, instances),
        });
      }
    }
    const atMs = durationOrUndefined(fault['at']);
    if (atMs !== undefined && durationMs !== undefined && atMs >= durationMs) {
      out.push({
        path: ['faults', i, 'at'],
        reason: got(
          `must be before the end of the run (duration ${runDurationText(input['duration'])})`,
          fault['at'],
        ),
      });
    }
  });
  pushAll(out, checkPolicyReferences(input, durationMs));
  return out;
}
