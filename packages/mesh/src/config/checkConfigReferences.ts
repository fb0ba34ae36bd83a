// Every cluster and service a config built in code refers to must exist (a service's cluster, traffic targets,
// the mesh's library services, calls, mirrors, faults), its traffic sources' names must be no service's and not repeat on one target, its
// calls must not form a cycle, and its node pools must be sound (their zones the cluster's, each service's pool
// one of its cluster's). A scenario file is checked for all of it when it is read (with line numbers); these
// are the same rules for the library.

import type { MeshOptions } from './MeshConfig.js';
import type { SimulationConfig } from './SimulationConfig.js';
import { callCycleReason, findCallCycles } from './findCallCycles.js';
import type { CallEdge } from './findCallCycles.js';
import { findSourceNameClashes } from './findSourceNameClashes.js';

/**
 * Throws an Error naming the field path, the unknown name and the clusters or services there are, for the
 * first reference to a cluster or service `config` does not define; naming the traffic source whose name is a
 * service's, or an earlier source's with the same target; else naming the call that closes the first call cycle.
 *
 * @example
 * ```ts
 * checkConfigReferences({ ...config, services: [] });
 * // Error: traffic[0].to: unknown service "frontend" (the config has no services)
 * ```
 */
export function checkConfigReferences(config: SimulationConfig): void {
  const names = new Set(config.services.map((service) => service.name));
  const check = (path: string, name: string): void => {
    if (names.has(name)) return;
    const known = names.size === 0 ? 'the config has no services' : `services: ${[...names].join(', ')}`;
    throw new Error(`${path}: unknown service "${name}" (${known})`);
  };
  const clusters = config.clusters.map((cluster) => cluster.name);
  for (const service of config.services) {
    if (clusters.includes(service.cluster)) continue;
    throw new Error(
      `services.${service.name}.cluster: unknown cluster "${service.cluster}" (clusters: ${clusters.join(', ')})`,
    );
  }
  config.traffic.forEach((source, i) => check(`traffic[${i}].to`, source.to));
  // As a file's `mesh.libraryServices`: a name that is no service's would leave that service without the library.
  const library = (config.mesh.options as MeshOptions | undefined)?.libraryServices;
  if (Array.isArray(library)) library.forEach((name, i) => check(`mesh.libraryServices[${i}]`, name));
  const [clash] = findSourceNameClashes(
    names,
    config.traffic.map((source, index) => ({
      index,
      name: source.name,
      to: source.to,
      path: `traffic[${index}].name`,
    })),
  );
  if (clash !== undefined) throw new Error(`${clash.path}: ${clash.reason}`);
  // A mirrored copy is a call too: its target must exist and must not call back.
  const edges: CallEdge<string>[] = [];
  for (const service of config.services) {
    const from = service.name;
    service.calls.forEach((stage, s) =>
      stage.forEach((call, c) => {
        const path = `services.${from}.calls[${s}][${c}]`;
        check(`${path}.to`, call.to);
        edges.push({ from, to: call.to, path: `${path}.to` });
        if (call.mirror !== undefined && call.mirror !== null) {
          check(`${path}.mirror.to`, call.mirror.to);
          edges.push({ from, to: call.mirror.to, path: `${path}.mirror.to` });
        }
      }),
    );
  }
  config.faults.forEach((fault, i) => {
    if (fault.effect.kind !== 'control-plane-outage') check(`faults[${i}].service`, fault.service);
  });
  const [first] = findCallCycles([...names], edges);
  if (first !== undefined) throw new Error(`${first.path}: ${callCycleReason(first.cycle)}`);
  checkNodePools(config);
}

/** Node pools: unique names, zones of their cluster; a service's pool is one of its cluster's, not with dedicatedNodes. */
function checkNodePools(config: SimulationConfig): void {
  const pools = new Map<string, Set<string>>();
  config.clusters.forEach((cluster, i) => {
    const zones = cluster.zones.map((zone) => zone.name);
    const names = new Set<string>(cluster.poolName === undefined ? [] : [cluster.poolName]);
    (cluster.nodePools ?? []).forEach((pool, j) => {
      const path = `clusters[${i}].nodePools[${j}]`;
      if (names.has(pool.name))
        throw new Error(
          `${path}.name: duplicate node pool "${pool.name}" in cluster "${cluster.name}"${pool.name === cluster.poolName ? " (its own nodes' poolName)" : ''}`,
        );
      names.add(pool.name);
      pool.zones.forEach((zone, k) => {
        if (!zones.includes(zone.name)) {
          throw new Error(
            `${path}.zones[${k}].name: "${zone.name}" is not a zone of cluster "${cluster.name}" (its zones: ${zones.join(', ')})`,
          );
        }
      });
    });
    pools.set(cluster.name, names);
  });
  for (const service of config.services) {
    const names = pools.get(service.cluster);
    (service.tolerates ?? []).forEach((pool, k) => {
      const path = `services.${service.name}.tolerates[${k}]`;
      if (service.dedicatedNodes === true)
        throw new Error(`${path}: a service on dedicated nodes (dedicatedNodes) runs nowhere else`);
      checkPoolName(path, pool, service.cluster, names);
    });
    if (service.nodePool === undefined) continue;
    const path = `services.${service.name}.nodePool`;
    if (service.dedicatedNodes === true)
      throw new Error(`${path}: a service runs on a node pool or on dedicated nodes, not both`);
    checkPoolName(path, service.nodePool, service.cluster, names);
  }
}

/** Throws when `pool` is not one of `names`, the node pools of `cluster` (undefined: an unknown cluster, checked apart). */
function checkPoolName(
  path: string,
  pool: string,
  cluster: string,
  names: ReadonlySet<string> | undefined,
): void {
  if (names === undefined || names.has(pool)) return;
  const known =
    names.size === 0 ? `cluster "${cluster}" has no node pools` : `its pools: ${[...names].join(', ')}`;
  throw new Error(`${path}: unknown node pool "${pool}" in cluster "${cluster}" (${known})`);
}
