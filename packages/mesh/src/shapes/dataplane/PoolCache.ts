// Memoises connection pools per (caller, target instance, keep-alive): the pool an attempt uses is
// looked up once per attempt, so the lookup is two array reads.

import type { ConnectionPool } from '../../call/ConnectionPool.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';

/** A table from (caller key, instance id, keep-alive) to a pool, built on first use. */
export class PoolCache {
  /** `pools[caller.key][target.id × 2 + keep-alive]`; null is a cached "no pool". */
  private readonly pools: (ConnectionPool | null | undefined)[][] = [];

  constructor(
    private readonly build: (
      caller: CallerRef,
      target: Instance,
      keepAlive: boolean,
    ) => ConnectionPool | null,
  ) {}

  get(caller: CallerRef, target: Instance, keepAlive: boolean): ConnectionPool | null {
    // PERF: caller keys and instance ids are small integers: two array reads, no string keys. (With
    // many instances V8 keeps a sparse per-caller table as a hash table; pre-sizing it made no
    // measurable difference: docs/performance.md, "What makes an event dearer on a large platform".)
    let byTarget = this.pools[caller.key];
    if (byTarget === undefined) {
      byTarget = [];
      this.pools[caller.key] = byTarget;
    }
    const index = target.id * 2 + (keepAlive ? 1 : 0);
    let pool = byTarget[index];
    if (pool === undefined) {
      pool = this.build(caller, target, keepAlive);
      byTarget[index] = pool;
    }
    return pool;
  }
}
