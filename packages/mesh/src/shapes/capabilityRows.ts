// The per-shape rows of the capability matrix: where each registered shape enforces caller-side and
// inbound policies (docs/policies.md prints them; a test keeps the page equal to the registry).

import { meshShapes } from './registry.js';

/** One shape's row. */
export interface ShapeCapabilityRow {
  readonly shape: string;
  /** The hop that enforces a service's caller-side policies, in words. */
  readonly client: string;
  /** The hop that enforces a service's inbound policies, in words. */
  readonly server: string;
}

/** A row per registered shape, in registry order. */
export function capabilityRows(): ShapeCapabilityRow[] {
  return meshShapes().map((shape) => ({ shape: shape.name, ...shape.capabilityRow }));
}
