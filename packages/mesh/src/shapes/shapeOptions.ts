// The mesh options beyond the built-in ones: the keys registered shapes own (MeshShape.options), who owns each, the
// check of a declaration when a shape is registered and of written values before a config is resolved.

import type { MeshOptions } from '../config/MeshConfig.js';
import type { MeshShape } from './MeshShape.js';
import { meshShapes } from './registry.js';

/** Every built-in MeshOptions key (the compiler keeps the list whole). */
const BUILT_IN_KEYS: Readonly<Record<keyof MeshOptions, true>> = {
  shape: true,
  endpointUpdateDelayMs: true,
  loadBalancer: true,
  defaultPolicy: true,
  mtls: true,
  certificateLifetimeMs: true,
  prices: true,
  libraryServices: true,
  libraryCpuMsPerCall: true,
  istioVersion: true,
  linkerdVersion: true,
  appMeshLegacyAccount: true,
  encryption: true,
  inCluster: true,
  crossCluster: true,
  sidecar: true,
  ztunnel: true,
  istioCni: true,
  waypoint: true,
  linkerdProxy: true,
  ebpf: true,
  nodeProxy: true,
  lattice: true,
};

/**
 * The built-in options every shape reads (`resolveShared` resolves them), left out of a shape's `usesOptions`: the
 * shape's name and the shared fields of its config.
 */
export const SHARED_MESH_OPTIONS = [
  'shape',
  'endpointUpdateDelayMs',
  'loadBalancer',
  'defaultPolicy',
  'mtls',
  'certificateLifetimeMs',
  'prices',
] as const satisfies readonly (keyof MeshOptions)[];

/** Whether `key` is a built-in mesh option (a MeshOptions field). */
export function isBuiltInMeshOption(key: string): key is keyof MeshOptions {
  return Object.hasOwn(BUILT_IN_KEYS, key);
}

/** The registered shape that owns the option `key`, or undefined. */
export function optionOwner(key: string): MeshShape | undefined {
  return meshShapes().find((shape) => shape.options !== undefined && Object.hasOwn(shape.options, key));
}

/** The options registered shapes own, in registration order. */
export function ownedMeshOptions(): string[] {
  return meshShapes().flatMap((shape) => Object.keys(shape.options ?? {}));
}

/**
 * Throws `registerMeshShape("<shape>"): options.<key>…` or `…: usesOptions[i]…` when the shape's own options clash
 * with a built-in one or another shape's, or a spec lacks its description or check; or when `usesOptions` names
 * something other than a built-in option.
 */
export function checkShapeOptionDeclarations(shape: MeshShape): void {
  const where = `registerMeshShape(${JSON.stringify(shape.name)})`;
  const fields = shape as unknown as { options?: unknown; usesOptions?: unknown };
  if (fields.usesOptions !== undefined) {
    if (!Array.isArray(fields.usesOptions))
      throw new TypeError(`${where}: usesOptions must be an array of option names`);
    fields.usesOptions.forEach((key: unknown, i) => {
      if (typeof key !== 'string' || !isBuiltInMeshOption(key)) {
        throw new RangeError(
          `${where}: usesOptions[${i}] must be a built-in mesh option (${Object.keys(BUILT_IN_KEYS).join(', ')}); ` +
            `got ${JSON.stringify(key)} (options of the shape's own go in options)`,
        );
      }
    });
  }
  if (fields.options === undefined) return;
  if (typeof fields.options !== 'object' || fields.options === null) {
    throw new TypeError(`${where}: options must be an object of option specs by key`);
  }
  for (const [key, spec] of Object.entries(fields.options)) {
    const path = `${where}: options.${key}`;
    if (isBuiltInMeshOption(key)) throw new Error(`${path}: a built-in mesh option; name your own`);
    const owner = optionOwner(key);
    if (owner !== undefined) throw new Error(`${path}: already an option of mesh shape "${owner.name}"`);
    const { description, check } = (spec ?? {}) as Partial<Record<'description' | 'check', unknown>>;
    if (typeof description !== 'string' || description === '' || typeof check !== 'function') {
      throw new TypeError(`${path} must be { description: string, check(value, path) }`);
    }
  }
}

/**
 * Throws `registerMeshShape("<shape>"): resolve reads mesh.sidecar, …` when the shape's resolve read (`read`) a
 * built-in option beyond the shared ones that its `usesOptions` does not list: the run's "does not use" warning and
 * the registry go by the declaration alone.
 */
export function checkOptionsDeclared(shape: MeshShape, read: ReadonlySet<string>): void {
  const declared = new Set<string>(shape.usesOptions ?? []);
  const undeclared = [...read].filter(
    (key) =>
      isBuiltInMeshOption(key) &&
      !(SHARED_MESH_OPTIONS as readonly string[]).includes(key) &&
      !declared.has(key),
  );
  if (undeclared.length === 0) return;
  const all = [...declared, ...undeclared].map((key) => `'${key}'`).join(', ');
  throw new Error(
    `registerMeshShape(${JSON.stringify(shape.name)}): resolve reads ${undeclared.map((key) => `mesh.${key}`).join(', ')}, ` +
      `which usesOptions does not list; declare the built-in options the shape reads (usesOptions: [${all}])`,
  );
}

/**
 * Checks the options `options` writes beyond the built-in ones: each must be a registered shape's own, and meet its
 * check (whichever shape runs: an option is kept for switching shapes). Throws naming `mesh.<key>`.
 */
export function checkOwnedOptionValues(options: MeshOptions): void {
  for (const [key, value] of Object.entries(options)) {
    if (isBuiltInMeshOption(key) || value === undefined) continue;
    const owner = optionOwner(key);
    if (owner === undefined) {
      const owned = ownedMeshOptions();
      throw new RangeError(
        `mesh.${key} is not a mesh option: neither a built-in one nor one a registered shape owns` +
          (owned.length > 0 ? ` (${owned.join(', ')})` : ''),
      );
    }
    owner.options?.[key]?.check(value, `mesh.${key}`);
  }
}
