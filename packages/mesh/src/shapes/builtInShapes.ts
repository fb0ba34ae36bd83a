// The mesh shapes meshsim ships, in the order `compare` runs them and the docs list them.

import type { MeshConfigBase } from '../config/MeshConfig.js';
import { APP_MESH_SHAPE } from './app-mesh/appMeshShape.js';
import { CILIUM_SHAPE } from './cilium/ciliumShape.js';
import { CONSUL_SHAPE } from './consul/consulShape.js';
import { ISTIO_AMBIENT_SHAPE } from './istio-ambient/istioAmbientShape.js';
import { ISTIO_SIDECAR_SHAPE } from './istio-sidecar/istioSidecarShape.js';
import { LAYERED_SHAPE } from './layered/layeredShape.js';
import { LIBRARY_SHAPE } from './library/libraryShape.js';
import { LINKERD_SHAPE } from './linkerd/linkerdShape.js';
import type { MeshShape } from './MeshShape.js';
import { NONE_SHAPE } from './none/noneShape.js';
import { VPC_LATTICE_SHAPE } from './vpc-lattice/vpcLatticeShape.js';

/** Every built-in shape. */
export const BUILT_IN_SHAPES: readonly MeshShape<MeshConfigBase>[] = [
  NONE_SHAPE,
  LIBRARY_SHAPE,
  ISTIO_SIDECAR_SHAPE,
  ISTIO_AMBIENT_SHAPE,
  LINKERD_SHAPE,
  CILIUM_SHAPE,
  APP_MESH_SHAPE,
  CONSUL_SHAPE,
  VPC_LATTICE_SHAPE,
  LAYERED_SHAPE,
];
