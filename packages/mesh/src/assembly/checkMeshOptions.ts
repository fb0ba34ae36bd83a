// Warns about mesh options the run's shape does not use (a proxy profile or a shape's own option, such as
// `sidecar` under linkerd): they are kept for switching shapes (`--mesh`, `compare`) but would otherwise be
// ignored without a word. Version pins (`istioVersion`, `linkerdVersion`) are meant for that and never warn.

import type { MeshConfig } from '../config/MeshConfig.js';
import type { Warnings } from '../ports/Warnings.js';
import { meshShape, meshShapeNames } from '../shapes/registry.js';
import { ownedMeshOptions } from '../shapes/shapeOptions.js';

/**
 * The shape-specific built-in options (the shared ones and the version pins never warn), each with its name in a
 * scenario file where that differs.
 */
const SHAPE_OPTIONS: readonly { option: string; field: string }[] = [
  { option: 'sidecar', field: 'sidecar' },
  { option: 'ztunnel', field: 'ztunnel' },
  { option: 'istioCni', field: 'istioCni' },
  { option: 'waypoint', field: 'waypoint' },
  { option: 'linkerdProxy', field: 'linkerdProxy' },
  { option: 'ebpf', field: 'ebpf' },
  { option: 'nodeProxy', field: 'nodeProxy' },
  { option: 'lattice', field: 'lattice' },
  { option: 'libraryServices', field: 'libraryServices' },
  { option: 'libraryCpuMsPerCall', field: 'libraryCpuPerCall' },
  { option: 'appMeshLegacyAccount', field: 'appMeshLegacyAccount' },
  { option: 'encryption', field: 'encryption' },
  { option: 'inCluster', field: 'layered' },
  { option: 'crossCluster', field: 'layered' },
];

/** The built-in options, and the options registered shapes own (each under its own name). */
function shapeOptions(): readonly { option: string; field: string }[] {
  return [...SHAPE_OPTIONS, ...ownedMeshOptions().map((key) => ({ option: key, field: key }))];
}

/** Whether shape `name` declares that it reads option `key` (its `usesOptions`, or an option of its own). */
function declares(name: string, key: string): boolean {
  const shape = meshShape(name);
  return (
    (shape.usesOptions as readonly string[] | undefined)?.includes(key) === true ||
    (shape.options !== undefined && Object.hasOwn(shape.options, key))
  );
}

/** Whether `config` uses the option `key`: its shape declares it does (for `layered`, or the shape inside it). */
function uses(config: MeshConfig, key: string): boolean {
  if (declares(config.shape, key)) return true;
  return config.shape === 'layered' && uses(config.inCluster, key);
}

/** Adds one warning naming the options of `mesh` its shape does not use, and the shapes that do. */
export function checkMeshOptions(mesh: MeshConfig, warnings: Warnings): void {
  const unused = new Map<string, string>();
  let first: string | undefined;
  for (const { option, field } of shapeOptions()) {
    if (
      (mesh.options as unknown as Record<string, unknown>)[option] === undefined ||
      uses(mesh, option) ||
      unused.has(field)
    )
      continue;
    const users = meshShapeNames().filter((name) => declares(name, option));
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
