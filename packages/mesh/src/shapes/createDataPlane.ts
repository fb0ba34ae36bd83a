// The registry of data planes: one factory per mesh shape. Simulation builds its data plane here;
// `layered` builds its in-cluster shape through the same registry.

import type { MeshShapeName } from '../config/SimulationConfig.js';
import { AmbientDataPlane } from './istio-ambient/AmbientDataPlane.js';
import { CiliumDataPlane } from './cilium/CiliumDataPlane.js';
import type { DataPlane } from './dataplane/DataPlane.js';
import type { DataPlaneContext } from './dataplane/DataPlaneContext.js';
import { DirectDataPlane } from './none/DirectDataPlane.js';
import { LatticeDataPlane } from './vpc-lattice/LatticeDataPlane.js';
import { LayeredDataPlane } from './layered/LayeredDataPlane.js';
import type { DataPlaneFactory } from './layered/LayeredDataPlane.js';
import { SIDECAR_MESHES } from './sidecar/sidecarMeshes.js';
import { SidecarDataPlane } from './sidecar/SidecarDataPlane.js';

function direct(context: DataPlaneContext, shape: MeshShapeName): DataPlane {
  const config = context.config;
  const mesh = config.mesh.shape === shape ? config.mesh : { ...config.mesh, shape };
  const counts = new Map(config.services.map((s) => [s.name, s.replicas] as const));
  return new DirectDataPlane(mesh, counts, context.warnings);
}

/** The factory of each shape. */
export const DATA_PLANE_FACTORIES: Readonly<Record<MeshShapeName, DataPlaneFactory>> = {
  none: direct,
  library: direct,
  'istio-sidecar': (context) => new SidecarDataPlane(SIDECAR_MESHES['istio-sidecar'], context),
  'istio-ambient': (context) => new AmbientDataPlane(context),
  linkerd: (context) => new SidecarDataPlane(SIDECAR_MESHES.linkerd, context),
  cilium: (context) => new CiliumDataPlane(context),
  'app-mesh': (context) => new SidecarDataPlane(SIDECAR_MESHES['app-mesh'], context),
  consul: (context) => new SidecarDataPlane(SIDECAR_MESHES.consul, context),
  'vpc-lattice': (context) => new LatticeDataPlane(context),
  layered: (context) => new LayeredDataPlane(context, createDataPlane),
};

/**
 * The data plane of `shape` (default: the config's mesh shape). Throws naming `mesh.shape` when the
 * shape is unknown.
 */
export function createDataPlane(
  context: DataPlaneContext,
  shape: MeshShapeName = context.config.mesh.shape,
): DataPlane {
  const factory = DATA_PLANE_FACTORIES[shape] as DataPlaneFactory | undefined;
  if (factory === undefined) {
    throw new Error(
      `mesh.shape must be one of ${Object.keys(DATA_PLANE_FACTORIES).join(', ')} (got ${JSON.stringify(shape)})`,
    );
  }
  return factory(context, shape);
}
