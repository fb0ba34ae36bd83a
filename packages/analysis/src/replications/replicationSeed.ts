// Seeds of replications, derived from the root seed only: replication 0 is the root seed itself (so one
// replication is the plain run), replication i ≥ 1 draws from the engine's seeded stream `replication/i`.

import { RandomStreams } from '@meshsim/engine';

/**
 * The seed of replication `index` (docs/analysis.md#replications): `root` for index 0, else
 * ⌊u · 2³²⌋ with u the first draw of the stream named `replication/<index>` of the root seed
 * (seedrandom's alea, as every stream of the engine).
 *
 * @example
 * ```ts
 * replicationSeed(42, 0); // 42
 * replicationSeed(42, 1); // the same number on every machine and every run
 * ```
 */
export function replicationSeed(root: number | string, index: number): number | string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`replication index must be an integer >= 0 (got ${index})`);
  if (index === 0) return root;
  return Math.floor(RandomStreams.create(root, `replication/${index}`)() * 2 ** 32);
}
