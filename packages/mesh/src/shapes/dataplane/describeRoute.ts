// A readable form of a route (station by station), for tests, docs and debugging.

import type { Station } from '../../call/Station.js';
import type { Proxy } from './Proxy.js';

/**
 * One label per station: a proxy as `<kind>@<node or service>` (e.g. `ztunnel@cluster-1/zone-a/node-1`,
 * `vpc-lattice@lattice/b`), a network transfer as `network:<locality>` (`same-node`, `same-zone`,
 * `cross-zone`, `cross-cluster`, or `outside` for a caller outside the clusters).
 */
export function describeRoute(route: readonly Station<Proxy>[]): string[] {
  return route.map((station) => {
    if (station.kind === 'proxy') {
      const proxy = station.proxy;
      return `${proxy.kind}@${proxy.node === null ? proxy.name : proxy.node.name}`;
    }
    const { from, to } = station;
    if (from === null || to === null) return 'network:outside';
    if (from.id === to.id) return 'network:same-node';
    if (from.cluster !== to.cluster) return 'network:cross-cluster';
    return from.zone === to.zone ? 'network:same-zone' : 'network:cross-zone';
  });
}
