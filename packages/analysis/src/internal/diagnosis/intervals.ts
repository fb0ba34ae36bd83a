// Interval arithmetic over a result's time series: which intervals a time window covers, and sums and means of a
// per-interval series over them or over a range of intervals.

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

/** Sum of `values[from]` … `values[to - 1]` (missing values count 0). */
export function sumIn(values: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i] ?? 0;
  return total;
}

/** Mean of `values[from]` … `values[to - 1]`; 0 for an empty range. */
export function meanIn(values: readonly number[], from: number, to: number): number {
  return to <= from ? 0 : sumIn(values, from, to) / (to - from);
}
