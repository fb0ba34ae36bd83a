// Warns about mesh options the run's shape does not use (a proxy profile or a shape's own option, such as
// `sidecar` under linkerd): they are kept for switching shapes (`--mesh`, `compare`) but would otherwise be
// ignored without a word. Version pins (`istioVersion`, `linkerdVersion`) are meant for that and never warn.

import type { MeshConfig, MeshOptions } from '../config/MeshConfig.js';
import type { Warnings } from '../ports/Warnings.js';
import { meshShapeNames } from '../shapes/registry.js';
import { resolveMeshConfig } from '../shapes/resolveMeshConfig.js';

/**
 * The shape-specific options, each with its name in a scenario file and the key of the resolved config
 * that shows a shape uses it.
 */
const SHAPE_OPTIONS: readonly { option: keyof MeshOptions; field: string; usedAs: string }[] = [
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

/** Whether `config` (or, for `layered`, the shape inside its clusters) has the resolved field `key`. */
function uses(config: MeshConfig, key: string): boolean {
  if (key in config) return true;
  return config.shape === 'layered' && key in config.inCluster;
}

/** The registered shapes whose default config uses `key`, for the message. */
function shapesUsing(key: string): string[] {
  return meshShapeNames().filter((name) => {
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
  for (const { option, field, usedAs } of SHAPE_OPTIONS) {
    if (mesh.options[option] === undefined || uses(mesh, usedAs) || unused.has(field)) continue;
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
