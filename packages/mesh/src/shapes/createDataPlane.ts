// Builds the data plane of a run through the shape registry (and, for shapes built from another, the
// data plane of their inner shape on the same run).

import type { MeshConfig } from '../config/MeshConfig.js';
import type { DataPlane } from './dataplane/DataPlane.js';
import type { DataPlaneContext } from './dataplane/DataPlaneContext.js';
import { meshShape } from './registry.js';

/** What a data plane is built from, but the way to build nested data planes (added here). */
export type DataPlaneInputs = Omit<DataPlaneContext, 'createDataPlane'>;

/** The data plane of `mesh` (default: the config's mesh). Throws naming `mesh.shape` when the shape is unknown. */
export function createDataPlane(inputs: DataPlaneInputs, mesh: MeshConfig = inputs.config.mesh): DataPlane {
  const context: DataPlaneContext = { ...inputs, createDataPlane: (inner) => createDataPlane(inputs, inner) };
  return meshShape(mesh.shape).createDataPlane(context, mesh);
}
