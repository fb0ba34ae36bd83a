// Small type guards for reading untyped YAML values.

/** A YAML mapping read as a plain object. */
export type JsonObject = Record<string, unknown>;

/** True for a plain object (a YAML mapping), not an array or null. */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string entries of a mapping (labels, annotations, selectors); other values are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
  }
  return out;
}

/** True if every entry of `subset` is in `labels` (a Kubernetes equality selector); an empty subset matches nothing. */
export function labelsMatch(subset: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(subset);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}
