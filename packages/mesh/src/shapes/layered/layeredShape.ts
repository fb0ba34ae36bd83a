// `layered`: one shape inside each cluster and another hop between clusters (seed 000: Istio ambient
// inside each cluster, VPC Lattice between clusters and VPCs).

import type { InClusterMeshConfig, LayeredMeshConfig } from '../../config/MeshConfig.js';
import type { MeshShape } from '../MeshShape.js';
import { withOverrides } from '../resolveShared.js';
import { LATTICE_HOP_PROFILE, latticeAssumptions, latticeProfile } from '../vpc-lattice/latticeProfile.js';
import { LayeredDataPlane } from './LayeredDataPlane.js';

/** The in-cluster shape by default: Istio ambient (seed 000). */
export const DEFAULT_IN_CLUSTER = 'istio-ambient';

const LAYERED_NOTE =
  'layered: calls within a cluster use the in-cluster shape; calls between clusters also pass the cross-cluster hop, inserted after the cross-cluster network transfer (by default Istio ambient inside, VPC Lattice between).';

/** The `layered` shape. Its shared fields (balancer, default policy, mTLS, …) are the in-cluster shape's. */
export const LAYERED_SHAPE: MeshShape<LayeredMeshConfig> = {
  name: 'layered',
  summary: 'a shape inside each cluster (inCluster) and VPC Lattice between clusters (crossCluster)',
  capabilityRow: {
    client: "the in-cluster shape's; `managed-hop` for calls to another cluster through VPC Lattice",
    server: "the in-cluster shape's",
  },
  usesOptions: ['inCluster', 'crossCluster', 'lattice'],
  resolve(options, others) {
    const inShape = options.inCluster ?? DEFAULT_IN_CLUSTER;
    if (inShape === 'layered') {
      throw new Error(`mesh.layered.inCluster must be a shape other than 'layered' (got 'layered')`);
    }
    const crossCluster = options.crossCluster ?? 'vpc-lattice';
    if (crossCluster !== 'vpc-lattice' && crossCluster !== 'none') {
      throw new Error(
        `mesh.layered.crossCluster must be 'vpc-lattice' or 'none' (got ${JSON.stringify(crossCluster)})`,
      );
    }
    // Only built-in shapes other than `layered` can be the in-cluster shape's config.
    const inCluster = others.resolve({ ...options, shape: inShape }) as InClusterMeshConfig;
    return {
      shape: 'layered',
      endpointUpdateDelayMs: inCluster.endpointUpdateDelayMs,
      loadBalancer: inCluster.loadBalancer,
      defaultPolicy: inCluster.defaultPolicy,
      mtls: inCluster.mtls,
      certificateLifetimeMs: inCluster.certificateLifetimeMs,
      prices: inCluster.prices,
      outlierEjectionCap: inCluster.outlierEjectionCap,
      successRateEjection: inCluster.successRateEjection,
      connectionPoolDefaults: inCluster.connectionPoolDefaults,
      options,
      inCluster,
      crossCluster,
      lattice: withOverrides(LATTICE_HOP_PROFILE, options.lattice),
    };
  },
  assumptions: (config, others) => [
    LAYERED_NOTE,
    ...others.assumptions(config.inCluster),
    ...(config.crossCluster === 'vpc-lattice'
      ? latticeAssumptions(latticeProfile(config.lattice, config.options))
      : []),
  ],
  // The in-cluster shape's, and the Lattice hop's between clusters when it runs (once: the same options resolve both).
  profiles: (config, others) => {
    const inCluster = others.profiles(config.inCluster);
    const between = config.crossCluster === 'vpc-lattice' && !inCluster.some((p) => p.name === 'lattice');
    return between ? [...inCluster, latticeProfile(config.lattice, config.options)] : inCluster;
  },
  // The in-cluster shape's pods; VPC Lattice runs outside the clusters.
  podRequests: (config, scenario, others) => others.podRequests(config.inCluster, scenario),
  createDataPlane: (context, config) => new LayeredDataPlane(context, config),
};
