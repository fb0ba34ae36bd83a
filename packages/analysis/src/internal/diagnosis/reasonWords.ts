// How the diagnosis writes numbers in its reasons: counts with thousands separators, ratios as percentages with
// one decimal, durations and simulated times by `formatDuration` (as every output writes them) — one rule for each.

export { formatDuration as duration } from '@meshsim/mesh';

/** `4193` → `4,193`. */
export function count(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The one clause of a reason for what only the run's totals show (they cannot be placed in a span of it): `; over the
 * run, api rate-limited 2,053 (429), node c1/a/node-1 CPU saturated (…)` — every part in it, in order — or '' for none.
 */
export function overTheRun(parts: readonly string[]): string {
  return parts.length === 0 ? '' : `; over the run, ${parts.join(', ')}`;
}

/** `0.873` → `87.3 %`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
