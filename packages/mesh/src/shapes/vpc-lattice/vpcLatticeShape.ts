// `vpc-lattice`: AWS VPC Lattice as the service network; each call passes the destination's managed
// Lattice service. Targets are tracked by Lattice's health checks.

import { NO_POLICY } from '../../config/defaults.js';
import type { VpcLatticeMeshConfig } from '../../config/MeshConfig.js';
import type { MeshShape } from '../MeshShape.js';
import { resolveShared, withOverrides } from '../resolveShared.js';
import { LatticeDataPlane } from './LatticeDataPlane.js';
import { LATTICE_LOAD_BALANCER } from './latticeRules.js';
import { LATTICE_HOP_PROFILE, latticeAssumptions, latticeProfile } from './latticeProfile.js';

/** The `vpc-lattice` shape. */
export const VPC_LATTICE_SHAPE: MeshShape<VpcLatticeMeshConfig> = {
  name: 'vpc-lattice',
  summary: 'AWS VPC Lattice: a managed hop on every call (TLS + IAM, no configurable retries)',
  capabilityRow: { client: '`managed-hop`', server: '`application`' },
  usesOptions: ['lattice'],
  resolve: (options) => ({
    ...resolveShared('vpc-lattice', options, {
      loadBalancer: LATTICE_LOAD_BALANCER, // Lattice's endpoint choice: an assumption
      defaultPolicy: NO_POLICY,
      mtls: false,
    }),
    lattice: withOverrides(LATTICE_HOP_PROFILE, options.lattice),
  }),
  assumptions: (config) => latticeAssumptions(latticeProfile(config.lattice, config.options)),
  profiles: (config) => [latticeProfile(config.lattice, config.options)],
  createDataPlane: (context, config) => new LatticeDataPlane(context, config),
};
