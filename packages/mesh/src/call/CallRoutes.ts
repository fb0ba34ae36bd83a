// What a call needs from the mesh shape it runs in: the route of each attempt and the count of calls
// for in-process costs. The shapes' data planes implement it.

import type { Instance } from '../server/Instance.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { Station } from './Station.js';
import type { ConnectionPool } from './ConnectionPool.js';

/** Routes of attempts through a mesh shape. */
export interface CallRoutes {
  /** The stations an attempt from `caller` to `target` passes, in request order. Cached; do not mutate. */
  route(caller: CallerRef, target: Instance): readonly Station[];
  /**
   * The pool of connections an attempt from `caller` to `target` along `route` travels on: the
   * caller's own, or its proxy's; `keepAlive` is the caller's choice (proxies keep theirs alive).
   * Null when no connection is modelled. Cached; the same pool for the same (caller, target, route).
   */
  connectionPool(
    caller: CallerRef,
    target: Instance,
    route: readonly Station[],
    keepAlive: boolean,
  ): ConnectionPool | null;
  /** Records one call made by `caller` (for in-process costs such as a client library). */
  countCall(caller: CallerRef): void;
}
