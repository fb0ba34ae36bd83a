// A step on the path of an attempt: a proxy traversal or a network transfer between two nodes.

import type { Node } from '../topology/Topology.js';
import type { Proxy } from '../dataplane/Proxy.js';

/**
 * One step of a route; a route is walked forward for the request and backward for the response.
 * A proxy station may carry the payload of its route's target service [KiB] per direction, for
 * proxies that charge CPU per KiB (`ProxyProfile.cpuMsPerKiB`); absent = 0.
 */
export type Station =
  | { kind: 'proxy'; proxy: Proxy; requestKiB?: number; responseKiB?: number }
  | { kind: 'network'; from: Node | null; to: Node | null };
