// The assumptions list of each mesh shape, appended to a result's `assumptions` when the shape runs.

import type { MeshConfig, MeshShapeName } from '../config/SimulationConfig.js';
import { AMBIENT_ASSUMPTIONS } from './istio-ambient/ambientProfiles.js';
import { APP_MESH_ASSUMPTIONS } from './app-mesh/appMeshProfile.js';
import { CILIUM_ASSUMPTIONS } from './cilium/ciliumProfiles.js';
import { CONSUL_ASSUMPTIONS } from './consul/consulProfile.js';
import { LIBRARY_ASSUMPTIONS, NONE_ASSUMPTIONS } from './none/directAssumptions.js';
import { DEFAULT_LAYERED } from '../config/defaults.js';
import { DEFAULT_ISTIO_VERSION, istioSidecarAssumptions } from './istio-sidecar/istioProfiles.js';
import { LATTICE_ASSUMPTIONS } from './vpc-lattice/latticeProfile.js';
import { LINKERD_ASSUMPTIONS } from './linkerd/linkerdProfile.js';
import { priceAssumption } from './dataplane/prices.js';

const LAYERED_NOTE =
  'layered: calls within a cluster use the in-cluster shape; calls between clusters also pass the cross-cluster hop, inserted after the cross-cluster network transfer (seed 000: Istio ambient inside, VPC Lattice between).';

function forShape(shape: MeshShapeName, mesh: MeshConfig): readonly string[] {
  switch (shape) {
    case 'none':
      return NONE_ASSUMPTIONS;
    case 'library':
      return LIBRARY_ASSUMPTIONS;
    case 'istio-sidecar':
      return istioSidecarAssumptions(mesh.istioVersion ?? DEFAULT_ISTIO_VERSION);
    case 'istio-ambient':
      return AMBIENT_ASSUMPTIONS;
    case 'linkerd':
      return LINKERD_ASSUMPTIONS;
    case 'cilium':
      return CILIUM_ASSUMPTIONS;
    case 'app-mesh':
      return APP_MESH_ASSUMPTIONS;
    case 'consul':
      return CONSUL_ASSUMPTIONS;
    case 'vpc-lattice':
      return LATTICE_ASSUMPTIONS;
    case 'layered': {
      const layered = mesh.layered ?? DEFAULT_LAYERED;
      if (layered.inCluster === 'layered') return [LAYERED_NOTE];
      return [
        LAYERED_NOTE,
        ...forShape(layered.inCluster, mesh),
        ...(layered.crossCluster === 'vpc-lattice' ? LATTICE_ASSUMPTIONS : []),
      ];
    }
  }
}

/** The assumptions of `mesh`'s shape (and of its layers), plus the price note when prices are on. */
export function shapeAssumptions(mesh: MeshConfig): string[] {
  const notes = [...forShape(mesh.shape, mesh)];
  const prices = mesh.prices;
  if (prices !== undefined && prices !== null && mesh.shape !== 'none') notes.push(priceAssumption(prices));
  return notes;
}
