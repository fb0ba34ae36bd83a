// The type guard for YAML mappings read as plain objects.

/** A YAML mapping read as a plain object. */
export type JsonObject = Record<string, unknown>;

/** True for a plain object (a YAML mapping), not an array or null. */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
