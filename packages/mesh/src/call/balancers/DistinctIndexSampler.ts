// Draws k distinct indices out of n uniformly at random, in draw order, without allocating:
// a partial Fisher–Yates shuffle over a permutation kept between draws.

import type { Random } from '@meshsim/engine';

/** Samples distinct indices for power-of-k-choices balancers (least-request, peak-EWMA). */
export class DistinctIndexSampler {
  private permutation: number[] = [];

  constructor(private readonly random: Random) {}

  /**
   * Writes `min(k, n)` distinct indices in `[0, n)` into `out[0..]`, each ordered draw equally
   * likely, and returns how many were written. Uses one random number per index drawn.
   */
  draw(n: number, k: number, out: number[]): number {
    const permutation = this.permutation;
    if (permutation.length !== n) {
      // Endpoint count changed: restart from the identity (any permutation keeps draws uniform).
      permutation.length = n;
      for (let i = 0; i < n; i++) permutation[i] = i;
    }
    const count = Math.min(k, n);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.random() * (n - i));
      const picked = permutation[j] as number;
      permutation[j] = permutation[i] as number;
      permutation[i] = picked;
      out[i] = picked;
    }
    return count;
  }
}
