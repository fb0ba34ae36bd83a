// Reads labels, annotations and selectors: the string entries of a YAML mapping.

import { isRecord } from './isRecord.js';

/** The string entries of a mapping (numbers and booleans as strings); other values are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
  }
  return out;
}
