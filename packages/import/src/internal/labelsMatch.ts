// Kubernetes equality selectors: does a set of labels contain every entry of a selector.

/** True if every entry of `subset` is in `labels`; an empty subset matches nothing. */
export function labelsMatch(subset: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(subset);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}
