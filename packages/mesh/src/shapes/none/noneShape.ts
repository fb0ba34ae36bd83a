// `none`: no mesh. Applications apply their own policies; kube-proxy picks an endpoint at random.

import type { NoneMeshConfig } from '../../config/MeshConfig.js';
import { NO_POLICY } from '../../config/defaults.js';
import type { MeshShape } from '../MeshShape.js';
import { resolveShared } from '../resolveShared.js';
import { DirectDataPlane } from './DirectDataPlane.js';

/** The `none` shape. */
export const NONE_SHAPE: MeshShape<NoneMeshConfig> = {
  name: 'none',
  summary: 'no mesh: applications apply their own policies, kube-proxy picks endpoints at random',
  capabilityRow: {
    client: "`application` (kube-proxy forwards; only the application's own code)",
    server: '`application`',
  },
  // kube-proxy (iptables mode) picks a backend at random; nothing encrypts.
  usesOptions: [],
  resolve: (options) =>
    resolveShared('none', options, { loadBalancer: 'random', defaultPolicy: NO_POLICY, mtls: false }),
  assumptions: () => [],
  createDataPlane: (context, config) => new DirectDataPlane(context, config),
};
