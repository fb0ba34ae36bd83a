// Route and pool memos: one build per key, distinct entries for distinct callers, instances and
// keep-alive choices (including a cached "no pool"), whatever the order of first use.

import { describe, expect, it } from 'vitest';
import { PoolCache, RouteCache } from '../../../src/internal/index.js';
import type { ConnectionPool } from '../../../src/internal/index.js';
import type { CallerRef, Instance } from '../../../src/index.js';

const caller = (key: number) => ({ key }) as CallerRef;
const instance = (id: number) => ({ id }) as Instance;

describe('RouteCache', () => {
  it('builds each (caller, instance) route once and keeps them apart', () => {
    const built: string[] = [];
    const cache = new RouteCache((c, t) => {
      built.push(`${c.key}->${t.id}`);
      return [];
    });
    const pairs = [
      [5, 3],
      [0, 0],
      [5, 3],
      [3, 5],
      [1200, 70_000],
      [0, 0],
    ] as const;
    const routes = pairs.map(([c, t]) => cache.get(caller(c), instance(t)));
    expect(built).toEqual(['5->3', '0->0', '3->5', '1200->70000']);
    expect(routes[0]).toBe(routes[2]);
    expect(routes[1]).toBe(routes[5]);
    expect(new Set(routes).size).toBe(4);
  });
});

describe('PoolCache', () => {
  it('builds each (caller, instance, keep-alive) pool once, a null pool included', () => {
    let builds = 0;
    const cache = new PoolCache((_c, t, keepAlive) => {
      builds++;
      return t.id === 9 ? null : ({ keepAlive } as unknown as ConnectionPool);
    });
    const a = cache.get(caller(2), instance(1), true);
    const b = cache.get(caller(2), instance(1), false);
    expect(a).not.toBe(b);
    expect(cache.get(caller(2), instance(1), true)).toBe(a);
    expect(cache.get(caller(2), instance(9), true)).toBeNull();
    expect(cache.get(caller(2), instance(9), true)).toBeNull();
    expect(cache.get(caller(3), instance(1), true)).not.toBe(a);
    expect(builds).toBe(4);
  });
});
