// Services sharing a waypoint by name (istio-ambient) must run in its cluster and agree on its replicas: a
// waypoint deployment serves one cluster and has one replica count.

import type { PathSegment } from './path.js';
import { isObject } from './rawAccess.js';
import type { Obj } from './rawAccess.js';
import type { PathIssue } from './zodIssues.js';

/** The first service naming a waypoint: where it runs, and the replicas it set (if any). */
interface FirstUse {
  service: string;
  cluster: string;
  replicas: { service: string; value: number } | null;
}

/**
 * Issues of waypoints shared by name: a service in another cluster than the first one naming the waypoint,
 * or replicas that differ from those another service set. `defaultCluster`: the cluster of a service without one.
 */
export function checkSharedWaypoints(services: Obj, defaultCluster: string): PathIssue[] {
  const out: PathIssue[] = [];
  const byName = new Map<string, FirstUse>();
  for (const [service, raw] of Object.entries(services)) {
    if (!isObject(raw)) continue;
    const waypoint = raw['waypoint'];
    const name = typeof waypoint === 'string' ? waypoint : isObject(waypoint) ? waypoint['name'] : undefined;
    if (typeof name !== 'string') continue;
    const cluster = typeof raw['cluster'] === 'string' ? raw['cluster'] : defaultCluster;
    const replicas =
      isObject(waypoint) && typeof waypoint['replicas'] === 'number' ? waypoint['replicas'] : null;
    const path: PathSegment[] = ['services', service, 'waypoint'];
    const first = byName.get(name);
    if (first === undefined) {
      byName.set(name, {
        service,
        cluster,
        replicas: replicas === null ? null : { service, value: replicas },
      });
      continue;
    }
    if (cluster !== first.cluster) {
      out.push({
        path,
        reason: `waypoint ${JSON.stringify(name)} runs in cluster ${JSON.stringify(first.cluster)} (services.${first.service}), but ${service} runs in ${JSON.stringify(cluster)}; a waypoint serves one cluster`,
      });
    }
    if (replicas !== null) {
      if (first.replicas !== null && first.replicas.value !== replicas) {
        out.push({
          path: [...path, 'replicas'],
          reason: `${replicas} differs from services.${first.replicas.service}.waypoint.replicas (${first.replicas.value}) for the shared waypoint ${JSON.stringify(name)}`,
        });
      } else if (first.replicas === null) first.replicas = { service, value: replicas };
    }
  }
  return out;
}
