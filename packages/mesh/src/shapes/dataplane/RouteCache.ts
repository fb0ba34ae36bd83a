// Memoises routes per (caller, target instance): routes are immutable, so attempts share them.

import type { CallerRef } from '../../topology/CallerRef.js';
import type { Instance } from '../../server/Instance.js';
import type { Station } from '../../call/Station.js';
import type { Proxy } from './Proxy.js';

/** A table from (caller key, instance id) to a route, built on first use. */
export class RouteCache {
  /** `routes[caller.key][target.id]`. */
  private readonly routes: (readonly Station<Proxy>[] | undefined)[][] = [];

  constructor(private readonly build: (caller: CallerRef, target: Instance) => readonly Station<Proxy>[]) {}

  get(caller: CallerRef, target: Instance): readonly Station<Proxy>[] {
    // PERF: caller keys and instance ids are small integers: two array reads, no string keys. (With
    // many instances V8 keeps a sparse per-caller table as a hash table; pre-sizing it made no
    // measurable difference: docs/performance.md, "What makes an event dearer on a large platform".)
    let byTarget = this.routes[caller.key];
    if (byTarget === undefined) {
      byTarget = [];
      this.routes[caller.key] = byTarget;
    }
    let route = byTarget[target.id];
    if (route === undefined) {
      route = this.build(caller, target);
      byTarget[target.id] = route;
    }
    return route;
  }
}
