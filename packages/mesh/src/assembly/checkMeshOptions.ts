// Warns about mesh options the run's shape does not use (a proxy profile or a shape's own option, such as
// `sidecar` under linkerd): they are kept for switching shapes (`--mesh`, `compare`) but would otherwise be
// ignored without a word. Version pins (`istioVersion`, `linkerdVersion`) are meant for that and never warn.

import type { MeshConfig } from '../config/MeshConfig.js';
import type { Warnings } from '../ports/Warnings.js';
import { meshShape, meshShapeNames } from '../shapes/registry.js';
import { resolveMeshConfig } from '../shapes/resolveMeshConfig.js';
import { ownedMeshOptions } from '../shapes/shapeOptions.js';

/**
 * The shape-specific options, each with its name in a scenario file and the key of the resolved config
 * that shows a shape uses it.
 */
const SHAPE_OPTIONS: readonly { option: string; field: string; usedAs: string }[] = [
  { option: 'sidecar', field: 'sidecar', usedAs: 'sidecar' },
  { option: 'ztunnel', field: 'ztunnel', usedAs: 'ztunnel' },
  { option: 'istioCni', field: 'istioCni', usedAs: 'istioCni' },
  { option: 'waypoint', field: 'waypoint', usedAs: 'waypoint' },
  { option: 'linkerdProxy', field: 'linkerdProxy', usedAs: 'linkerdProxy' },
  { option: 'ebpf', field: 'ebpf', usedAs: 'ebpf' },
  { option: 'nodeProxy', field: 'nodeProxy', usedAs: 'nodeProxy' },
  { option: 'lattice', field: 'lattice', usedAs: 'lattice' },
  { option: 'libraryServices', field: 'libraryServices', usedAs: 'libraryServices' },
  { option: 'libraryCpuMsPerCall', field: 'libraryCpuPerCall', usedAs: 'libraryCpuMsPerCall' },
  { option: 'appMeshLegacyAccount', field: 'appMeshLegacyAccount', usedAs: 'appMeshLegacyAccount' },
  { option: 'encryption', field: 'encryption', usedAs: 'encryption' },
  { option: 'inCluster', field: 'layered', usedAs: 'inCluster' },
  { option: 'crossCluster', field: 'layered', usedAs: 'crossCluster' },
];

/** The built-in options, and the options registered shapes own (each its own resolved field). */
function shapeOptions(): readonly { option: string; field: string; usedAs: string }[] {
  return [...SHAPE_OPTIONS, ...ownedMeshOptions().map((key) => ({ option: key, field: key, usedAs: key }))];
}

/** Whether shape `name` declares that it reads option `key` (its `usesOptions`, or an option of its own). */
function declares(name: string, key: string): boolean {
  const shape = meshShape(name);
  return (
    (shape.usesOptions as readonly string[] | undefined)?.includes(key) === true ||
    (shape.options !== undefined && Object.hasOwn(shape.options, key))
  );
}

/**
 * Whether `config` uses the option `key`: its shape declares it does, or (for a shape that declares nothing of it)
 * its resolved config has the field `key` (or, for `layered`, the shape inside its clusters does).
 */
function uses(config: MeshConfig, key: string): boolean {
  if (declares(config.shape, key) || key in config) return true;
  return config.shape === 'layered' && uses(config.inCluster, key);
}

/** The registered shapes that use `key` (from empty options), for the message. */
function shapesUsing(key: string): string[] {
  return meshShapeNames().filter((name) => {
    if (declares(name, key)) return true;
    try {
      return uses(resolveMeshConfig({ shape: name }), key);
    } catch {
      return false; // a registered shape that cannot resolve without options of its own
    }
  });
}

/** Adds one warning naming the options of `mesh` its shape does not use, and the shapes that do. */
export function checkMeshOptions(mesh: MeshConfig, warnings: Warnings): void {
  const unused = new Map<string, string>();
  let first: string | undefined;
  for (const { option, field, usedAs } of shapeOptions()) {
    if (
      (mesh.options as unknown as Record<string, unknown>)[option] === undefined ||
      uses(mesh, usedAs) ||
      unused.has(field)
    )
      continue;
    const users = shapesUsing(usedAs).filter((name) => name !== 'layered' || field === 'layered');
    unused.set(field, `mesh.${field}${users.length > 0 ? ` (used by ${users.join(', ')})` : ''}`);
    first ??= field;
  }
  if (first === undefined) return;
  warnings.add(
    `mesh shape ${mesh.shape} does not use ${[...unused.values()].join('; ')}: ` +
      'kept for switching shapes (--mesh, compare), not applied in this run',
    ['mesh', first],
  );
}
