// Command-line style overrides of a resolved scenario: another seed, duration or mesh shape.

import { defaultMeshConfig } from '@meshsim/mesh';
import type { MeshConfig, MeshShapeName, SimulationConfig } from '@meshsim/mesh';
import { MESH_SHAPES } from '@meshsim/mesh';

/** Overrides for {@link applyOverrides}; omitted fields keep the scenario's values. */
export interface ScenarioOverrides {
  /** Root seed of the random streams. */
  seed?: number | string;
  /** Simulated duration [ms], > 0. */
  durationMs?: number;
  /** A mesh shape (keeps the scenario's mesh overrides), or mesh fields to merge in. */
  mesh?: MeshShapeName | Partial<MeshConfig>;
}

/** Structural equality of plain config values (numbers compared with `Object.is`, so `Infinity` works). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * The mesh of `shape`, keeping each field of `mesh` that the scenario changed from its own shape's
 * default (sidecar profile, library services, ...); unchanged fields take the new shape's default.
 */
function withShape(mesh: MeshConfig, shape: MeshShapeName): MeshConfig {
  const oldDefaults = defaultMeshConfig(mesh.shape) as unknown as Record<string, unknown>;
  const next = defaultMeshConfig(shape) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(mesh)) {
    if (key !== 'shape' && !sameValue(value, oldDefaults[key])) next[key] = value;
  }
  return next as unknown as MeshConfig;
}

/**
 * Returns a copy of `config` with the overrides applied; `config` is not modified.
 *
 * With `mesh` as a shape name, every mesh field the scenario changed from its shape's default
 * (sidecar profile, library services, endpoint delay, ...) is kept, and every other field (load
 * balancer, default policy, ...) takes the new shape's default. With `mesh` as an object, its fields
 * replace the scenario's (after the same shape change if it names a `shape`).
 *
 * @throws RangeError if `durationMs` is not a finite number > 0, `seed` is not a finite number or a
 *   non-empty string, or the mesh shape is unknown.
 * @example
 * ```ts
 * const base = loadScenario('retry-storm');
 * const runs = MESH_SHAPES.map((shape) => applyOverrides(base, { mesh: shape, seed: 7 }));
 * ```
 */
export function applyOverrides(config: SimulationConfig, overrides: ScenarioOverrides): SimulationConfig {
  const { seed, durationMs, mesh } = overrides;
  if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs > 0)) {
    throw new RangeError(`durationMs must be a finite number > 0 (got ${String(durationMs)})`);
  }
  if (seed !== undefined && (typeof seed === 'number' ? !Number.isFinite(seed) : seed === '')) {
    throw new RangeError(`seed must be a finite number or a non-empty string (got ${JSON.stringify(seed)})`);
  }
  const shape = typeof mesh === 'string' ? mesh : mesh?.shape;
  if (shape !== undefined && !MESH_SHAPES.includes(shape)) {
    throw new RangeError(`mesh must be one of ${MESH_SHAPES.join(', ')} (got ${JSON.stringify(shape)})`);
  }
  let nextMesh = config.mesh;
  if (typeof mesh === 'string') nextMesh = withShape(config.mesh, mesh);
  else if (mesh !== undefined)
    nextMesh = { ...(shape === undefined ? config.mesh : withShape(config.mesh, shape)), ...mesh };
  return {
    ...config,
    ...(seed !== undefined && { seed }),
    ...(durationMs !== undefined && { durationMs }),
    mesh: nextMesh,
  };
}
