// Memoises connection pools per (caller, target instance, keep-alive): the pool an attempt uses is
// looked up once per attempt, so the lookup is one numeric-key map access.

import type { ConnectionPool } from '../../call/ConnectionPool.js';
import type { Instance } from '../../server/Instance.js';
import type { CallerRef } from '../../topology/CallerRef.js';

/** A map from (caller key, instance id, keep-alive) to a pool, built on first use. */
export class PoolCache {
  private readonly pools = new Map<number, ConnectionPool | null>();

  constructor(
    private readonly build: (
      caller: CallerRef,
      target: Instance,
      keepAlive: boolean,
    ) => ConnectionPool | null,
  ) {}

  get(caller: CallerRef, target: Instance, keepAlive: boolean): ConnectionPool | null {
    // PERF: a numeric key ((caller key × 2^20 + instance id) × 2 + keep-alive) avoids a string per lookup.
    const key = (caller.key * 1_048_576 + target.id) * 2 + (keepAlive ? 1 : 0);
    let pool = this.pools.get(key);
    if (pool === undefined) {
      pool = this.build(caller, target, keepAlive);
      this.pools.set(key, pool);
    }
    return pool;
  }
}
