// The proxy profiles of a resolved shape config, each by its name: those the shape's `profiles` lists, and any field
// of the config that is one (an object with a `latencyMs`), for shapes that list none. Read by registration's checks
// and by the assumptions of a registered shape.

import type { MeshConfigBase } from '../config/MeshConfig.js';
import type { MeshShape, OtherShapes } from './MeshShape.js';

/** Whether `value` is meant as a proxy profile: an object with a `latencyMs`. */
function looksLikeProfile(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'latencyMs' in value;
}

/** The proxy profiles of `config` (of `shape`), by name (`sidecar`), each once. */
export function configProfiles(
  shape: MeshShape<MeshConfigBase>,
  config: MeshConfigBase,
  others: OtherShapes,
): Map<string, Record<string, unknown>> {
  const byName = new Map<string, Record<string, unknown>>();
  const seen = new Set<unknown>();
  for (const { name, profile } of shape.profiles?.(config, others) ?? []) {
    seen.add(profile);
    byName.set(name, profile as unknown as Record<string, unknown>);
  }
  for (const [key, value] of Object.entries(config)) {
    if (looksLikeProfile(value) && !seen.has(value)) {
      seen.add(value);
      byName.set(key, value);
    }
  }
  return byName;
}
