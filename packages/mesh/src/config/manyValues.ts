// Minimum, maximum and append over arrays of any length. `Math.min(...values)` and `push(...items)` pass every
// value as a call argument, which overflows the stack past roughly 100,000 values (a 100 h run has 360,000 1 s
// intervals): these loop instead. Lint forbids spreading into a call in packages/*/src (eslint.config.js). Exported
// by @meshsim/mesh for every package above it (one copy).

/** The smallest of `values` (NaN if any is NaN, like `Math.min`); `empty` when there is none. */
export function minOf(values: Iterable<number>, empty: number): number {
  let result = empty;
  let first = true;
  for (const value of values) {
    if (first || value < result || Number.isNaN(value)) result = value;
    first = false;
    if (Number.isNaN(result)) return result;
  }
  return result;
}

/** The largest of `values` (NaN if any is NaN, like `Math.max`); `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty: number): number {
  let result = empty;
  let first = true;
  for (const value of values) {
    if (first || value > result || Number.isNaN(value)) result = value;
    first = false;
    if (Number.isNaN(result)) return result;
  }
  return result;
}

/** Appends every item of `items` to `target`, in order (`target.push(...items)` for any length). */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
