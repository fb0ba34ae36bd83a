// How the diagnosis writes numbers in its reasons: counts with thousands separators, ratios as percentages with
// one decimal, durations and simulated times by `formatDuration` (as every output writes them) — one rule for each.

export { formatDuration as duration } from '../../diagnosis/formatDuration.js';

/** `4193` → `4,193`. */
export function count(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `0.873` → `87.3 %`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
