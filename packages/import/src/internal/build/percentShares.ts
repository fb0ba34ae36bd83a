// Relative weights as percentages to 0.01 % that add up to exactly 100 (largest remainder), for the scenario's
// version weights, which must add up to 100.

/** Hundredths of a percent in a whole. */
const HUNDREDTHS = 10_000;

/**
 * Each of `weights` (≥ 0, not all 0) as a percentage of their sum, rounded to 0.01 so that the hundredths add up to
 * 10,000 exactly: the largest remainders (then the first) get the hundredths left over.
 *
 * @example
 * ```ts
 * percentShares([80, 30]); // [72.73, 27.27]
 * percentShares([1, 1, 1]); // [33.34, 33.33, 33.33]
 * ```
 */
export function percentShares(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (weight / total) * HUNDREDTHS);
  const floors = exact.map(Math.floor);
  let left = HUNDREDTHS - floors.reduce((sum, floor) => sum + floor, 0);
  const order = exact
    .map((value, i) => ({ i, remainder: value - (floors[i] ?? 0) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((hundredths) => hundredths / 100);
}
