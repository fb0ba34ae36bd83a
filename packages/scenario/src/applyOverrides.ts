// Command-line style overrides of a resolved scenario: another seed, duration or mesh shape.

import { defaultMeshConfig } from '@meshsim/mesh';
import type { MeshConfig, MeshDefaultsOptions, MeshShapeName, SimulationConfig } from '@meshsim/mesh';
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

/** The mesh fields that are proxy profiles: a scenario's change to one field of one carries over alone. */
const PROFILE_KEYS: ReadonlySet<string> = new Set([
  'sidecar',
  'ztunnel',
  'waypoint',
  'linkerdProxy',
  'ebpf',
  'nodeProxy',
  'lattice',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The options of `defaultMeshConfig` that `mesh` carries (its Istio release, App Mesh account age, layering). */
function defaultsOptionsOf(mesh: Partial<MeshConfig>): MeshDefaultsOptions {
  return {
    ...(mesh.istioVersion !== undefined && { istioVersion: mesh.istioVersion }),
    ...(mesh.appMeshLegacyAccount !== undefined && { appMeshLegacyAccount: mesh.appMeshLegacyAccount }),
    ...(mesh.layered !== undefined && { layered: mesh.layered }),
  };
}

/**
 * The mesh of `shape`, keeping each field of `mesh` that the scenario changed from its own shape's
 * default built with the same options (`defaultMeshConfig(mesh.shape, options)`, so an Istio release's
 * sidecar profile is not mistaken for a change); unchanged fields take the new shape's default built
 * with those options. In a proxy profile only the changed fields carry over, onto the new shape's profile.
 */
function withShape(mesh: MeshConfig, shape: MeshShapeName, extra: MeshDefaultsOptions = {}): MeshConfig {
  const options = defaultsOptionsOf(mesh);
  const oldDefaults = defaultMeshConfig(mesh.shape, options) as unknown as Record<string, unknown>;
  const next = defaultMeshConfig(shape, { ...options, ...extra }) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(mesh)) {
    const old = oldDefaults[key];
    if (key === 'shape' || sameValue(value, old)) continue;
    const target = next[key];
    const reference = isRecord(old) ? old : target;
    if (PROFILE_KEYS.has(key) && isRecord(value) && isRecord(target) && isRecord(reference)) {
      const merged: Record<string, unknown> = { ...target };
      for (const [field, fieldValue] of Object.entries(value)) {
        if (!sameValue(fieldValue, reference[field])) merged[field] = fieldValue;
      }
      next[key] = merged;
    } else {
      next[key] = value;
    }
  }
  return next as unknown as MeshConfig;
}

/**
 * Returns a copy of `config` with the overrides applied; `config` is not modified.
 *
 * With `mesh` as a shape name, every mesh field the scenario changed from its shape's default
 * (library services, endpoint delay, a profile field, ...) is kept, and every other field (load
 * balancer, default policy, profiles, ...) takes the new shape's default. Defaults on both sides are
 * built with the scenario's `istioVersion`, `appMeshLegacyAccount` and `layered`, so that the profile
 * an Istio release selects is not carried into another shape. With `mesh` as an object, its fields
 * replace the scenario's (after the same shape change if it names a `shape`; its `istioVersion`,
 * `appMeshLegacyAccount` and `layered` then select the new shape's defaults).
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
    nextMesh = {
      ...(shape === undefined ? config.mesh : withShape(config.mesh, shape, defaultsOptionsOf(mesh))),
      ...mesh,
    };
  return {
    ...config,
    ...(seed !== undefined && { seed }),
    ...(durationMs !== undefined && { durationMs }),
    mesh: nextMesh,
  };
}
