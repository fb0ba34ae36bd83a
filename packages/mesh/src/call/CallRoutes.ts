// What a call needs from the mesh shape it runs in: the route of each attempt and the count of calls
// for in-process costs. The shapes' data planes implement it.

import type { Instance } from '../server/Instance.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { Station } from './Station.js';
import type { ConnectionPool } from './ConnectionPool.js';

/** Routes of attempts through a mesh shape. */
export interface CallRoutes {
  /**
   * The stations an attempt from `caller` to `target` passes, in request order. Cached; do not mutate. `slot`:
   * the call's {@link CallRoutes.enforcerSlot} (a shape whose enforcing proxy has replicas routes through that
   * one); absent or -1: the shape chooses.
   */
  route(caller: CallerRef, target: Instance, slot?: number): readonly Station[];
  /**
   * Which proxy enforces the L7 policies of `caller`'s next call to service `target`, when a proxy that
   * several callers share does (an ambient waypoint replica, Cilium's node Envoy): a number ≥ 0, unique
   * among the proxies enforcing calls to `target`, whose policy state (breakers, outlier detection, retry
   * budgets, balancer, local rate limit) every call through that proxy shares; the call passes it to
   * `route`. -1 (or absent): the caller's own hop (its sidecar, library, application) holds that state.
   * Called once per call: a shape that spreads calls over replicas advances its choice.
   */
  enforcerSlot?(caller: CallerRef, target: string): number;
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
  /**
   * The position on `route` of the proxy that makes the retries of calls along it (the caller's sidecar, a node
   * Envoy, an ambient waypoint): a failure at or before it (`Attempt.failedAt`: a dead proxy on the way, that proxy
   * itself, a connection to it that could not be opened or was torn down) never reached it, so it retries nothing
   * and the failure reaches the caller as it is. -1 (or absent): the calling application makes them and sees every
   * failure.
   */
  retryHopPosition?(route: readonly Station[]): number;
  /** Records one call made by `caller` (for in-process costs such as a client library). */
  countCall(caller: CallerRef): void;
}
