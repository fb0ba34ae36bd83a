// `consul`: Consul service mesh with Envoy sidecars and Consul's service-defaults (no retries, 15 s
// request timeout); every endpoint is pushed to every sidecar.

import { NO_RETRY } from '../../config/defaults.js';
import type { ConsulMeshConfig } from '../../config/MeshConfig.js';
import type { MeshShape } from '../MeshShape.js';
import { resolveShared, withOverrides } from '../resolveShared.js';
import { SidecarDataPlane } from '../sidecar/SidecarDataPlane.js';
import { sidecarPodRequests } from '../sidecar/sidecarPodRequests.js';
import type { SidecarMesh } from '../sidecar/SidecarMesh.js';
import { mtlsOffNote } from '../mtlsOffNote.js';
import { meshProfile } from '../profileFields.js';
import type { MeshProfile } from '../profileFields.js';
import { CONSUL_ENVOY_PROFILE, CONSUL_REQUEST_TIMEOUT_MS, consulAssumptions } from './consulProfile.js';
import { CONSUL_CONNECT_TIMEOUT_MS } from '../dataplane/connectionSpecs.js';

/** Consul's Envoy sidecars. */
export const CONSUL_MESH: SidecarMesh<ConsulMeshConfig> = {
  kind: 'consul-envoy',
  container: 'consul-dataplane',
  stream: 'proxy/consul-envoy',
  enforcer: 'l7-proxy',
  connectTimeoutMs: CONSUL_CONNECT_TIMEOUT_MS,
  endpointScope: 'all',
  profile: (mesh) => mesh.sidecar,
  adjustPolicy: (policy) => policy,
  configWarnings: () => {},
};

/** The Envoy profile of `config`, with the fields its options wrote. */
function sidecarProfile(config: ConsulMeshConfig): MeshProfile {
  return meshProfile('sidecar', CONSUL_MESH.kind, config.sidecar, config.options);
}

/** The `consul` shape. */
export const CONSUL_SHAPE: MeshShape<ConsulMeshConfig> = {
  name: 'consul',
  summary: 'Consul service mesh with Envoy sidecars (Consul defaults: no retries, 15 s timeout)',
  capabilityRow: { client: '`l7-proxy` (Envoy sidecar)', server: '`l7-proxy`' },
  usesOptions: ['sidecar'],
  resolve: (options) => ({
    ...resolveShared('consul', options, {
      loadBalancer: 'round-robin', // Envoy's cluster default ROUND_ROBIN
      defaultPolicy: { timeoutMs: CONSUL_REQUEST_TIMEOUT_MS, perTryTimeoutMs: Infinity, retry: NO_RETRY },
      mtls: true,
      connectionPoolDefaults: 'consul', // Envoy's, and no max_retries: Consul's Limits cannot set it
    }),
    sidecar: withOverrides(CONSUL_ENVOY_PROFILE, options.sidecar),
  }),
  assumptions: (config) => {
    const mtlsOff = mtlsOffNote(
      'consul',
      config.mtls,
      [sidecarProfile(config)],
      'the borrowed Istio 1.20–1.24 Envoy sidecar figures',
    );
    return [...consulAssumptions(sidecarProfile(config)), ...mtlsOff];
  },
  profiles: (config) => [sidecarProfile(config)],
  podRequests: (config, scenario) => sidecarPodRequests(CONSUL_MESH.profile(config), scenario),
  createDataPlane: (context, config) => new SidecarDataPlane(CONSUL_MESH, context, config),
};
