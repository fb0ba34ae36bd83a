// How the diagnosis writes numbers in its reasons: counts with thousands separators, ratios as percentages with
// one decimal, simulated times in seconds — one rule for every reason.

/** `4193` → `4,193`. */
export function count(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `0.873` → `87.3 %`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/** `30000` → `30 s`, `1500` → `1.5 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

/** `1500` → `1.5 s`, `150` → `150 ms`: a simulated time or a length of time in a reason. */
export function simulated(ms: number): string {
  return ms < 1000 ? `${Math.round(ms * 1000) / 1000} ms` : `${Math.round(ms) / 1000} s`;
}
