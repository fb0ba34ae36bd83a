// Who makes a call: a service instance (inside the mesh) or a traffic source (outside it).

import type { Node } from './Topology.js';

/** A caller: its name on edges, where it runs, and a unique key for per-caller state. */
export interface CallerRef {
  /** Name shown as the edge's source: the service name, or the traffic source's name. */
  readonly name: string;
  /** Unique among callers; used to key per-caller load balancers and cached routes. */
  readonly key: number;
  /** Node it runs on; `null` for a caller outside the cluster. */
  readonly node: Node | null;
  /** Index of the caller instance in the data plane's instance list, or -1 for a traffic source. */
  readonly instanceId: number;
  /** The calling service's name, or `null` for a traffic source. */
  readonly service: string | null;
}
