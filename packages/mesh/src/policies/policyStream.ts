// A named random stream for one policy instance: the name gets a `#n` suffix when a caller holds two
// clients of the same destination (two call-plan entries), so every stream name is used once.

import type { Random } from '@meshsim/engine';
import type { World } from '../internal/World.js';

const issued = new WeakMap<World, Map<string, number>>();

/**
 * A new stream named `base` (or `base#n` for the n-th later request of the same base in this run).
 * Deterministic: clients are created in the same order for the same config and seed.
 */
export function policyStream(world: World, base: string): Random {
  let counts = issued.get(world);
  if (counts === undefined) {
    counts = new Map();
    issued.set(world, counts);
  }
  const n = counts.get(base) ?? 0;
  counts.set(base, n + 1);
  return world.streams.stream(n === 0 ? base : `${base}#${n}`);
}
