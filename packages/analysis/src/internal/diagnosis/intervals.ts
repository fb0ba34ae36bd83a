// Interval arithmetic over a result's time series: which intervals a time window covers, and sums of a
// per-interval series over them.

/** Indices of the intervals whose start lies in [fromMs, toMs). */
export function intervalsIn(startMs: readonly number[], fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  startMs.forEach((start, i) => {
    if (start >= fromMs && start < toMs) out.push(i);
  });
  return out;
}

/** Sum of `values` at `indices` (missing values count 0). */
export function sumAt(values: readonly number[], indices: readonly number[]): number {
  let total = 0;
  for (const i of indices) total += values[i] ?? 0;
  return total;
}

/** Mean of `values` at `indices`; 0 for no index. */
export function meanAt(values: readonly number[], indices: readonly number[]): number {
  return indices.length === 0 ? 0 : sumAt(values, indices) / indices.length;
}
