// Memoises routes per (caller, target instance): routes are immutable, so attempts share them.

import type { CallerRef } from '../../topology/CallerRef.js';
import type { Instance } from '../../server/Instance.js';
import type { Station } from '../../call/Station.js';
import type { Proxy } from './Proxy.js';

/** A map from (caller key, instance id) to a route, built on first use. */
export class RouteCache {
  private readonly routes = new Map<number, readonly Station<Proxy>[]>();

  constructor(private readonly build: (caller: CallerRef, target: Instance) => readonly Station<Proxy>[]) {}

  get(caller: CallerRef, target: Instance): readonly Station<Proxy>[] {
    // PERF: a numeric key (caller key × 2^20 + instance id) avoids a string per lookup.
    const key = caller.key * 1_048_576 + target.id;
    let route = this.routes.get(key);
    if (route === undefined) {
      route = this.build(caller, target);
      this.routes.set(key, route);
    }
    return route;
  }
}
