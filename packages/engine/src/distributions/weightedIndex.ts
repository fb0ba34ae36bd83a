// Picks an index with probability proportional to its weight, by binary search over cumulative weights.
// Shared by the binned empirical distribution and by mixtures; callers validate the weights.

import type { Random } from '../random/RandomStreams.js';

/**
 * Returns a function that draws one uniform from `random` and returns index `i` with probability
 * `weights[i] / sum(weights)`; zero weights are never picked. `weights` must be finite, >= 0 and
 * have a positive sum (the caller checks, naming its own fields). O(log n) per draw.
 */
export function weightedIndex(weights: readonly number[], random: Random): () => number {
  const n = weights.length;
  const cumulative = new Float64Array(n);
  let total = 0;
  let lastPositive = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    total += w;
    cumulative[i] = total;
    if (w > 0) lastPositive = i;
  }
  return () => {
    const x = random() * total;
    // Guard against a generator returning 1 or rounding pushing x to the total.
    if (!(x < total)) return lastPositive;
    // First index whose cumulative weight exceeds x: zero-weight entries share their
    // predecessor's cumulative value, so they are never selected.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
