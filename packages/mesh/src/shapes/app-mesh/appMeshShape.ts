// `app-mesh`: AWS App Mesh's Envoy sidecars, with App Mesh's API gaps (no rate limiting, no mirroring,
// no circuit-breaker thresholds, a fixed retry-event set), its defaults and only declared backends configured.

import { ENVOY_DEFAULT_BACKOFF, NO_RETRY } from '../../config/defaults.js';
import type { AppMeshMeshConfig } from '../../config/MeshConfig.js';
import { ENVOY_CONNECTION_POOL } from '../../config/policyDefaults.js';
import type { RetryPolicy } from '../../config/CallPolicy.js';
import { EnvoyThresholds } from '../../policies/breakers/EnvoyThresholds.js';
import { EnvoyRetryBudget } from '../../policies/retryBudgets/EnvoyRetryBudget.js';
import type { MeshShape } from '../MeshShape.js';
import { resolveShared, withOverrides } from '../resolveShared.js';
import { keepDefaultRetry } from '../sidecar/keepDefaultRetry.js';
import { SidecarDataPlane } from '../sidecar/SidecarDataPlane.js';
import { sidecarPodRequests } from '../sidecar/sidecarPodRequests.js';
import type { SidecarMesh } from '../sidecar/SidecarMesh.js';
import { mtlsOffNote } from '../mtlsOffNote.js';
import { meshProfile } from '../profileFields.js';
import type { MeshProfile } from '../profileFields.js';
import { APP_MESH_ENVOY_PROFILE, appMeshAssumptions } from './appMeshProfile.js';
import { appMeshRetryPolicy } from './appMeshRetryEvents.js';
import { ENVOY_CONNECT_TIMEOUT_MS } from '../dataplane/connectionSpecs.js';

/**
 * App Mesh's implicit retry policy (meshes in accounts without meshes before 2020-07-29): max retries
 * 2 on HTTP 503, connect-failure, refused-stream and Envoy `reset` (aws-app-mesh-user-guide
 * envoy-defaults.md). In this model: connect failures, resets and 503 overflows.
 */
export const APP_MESH_DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  retryOn: ['connect-failure', 'reset', 'overflow'],
  backoff: ENVOY_DEFAULT_BACKOFF,
};

/** App Mesh route request timeout default: 15 s (aws-app-mesh-user-guide routes.md). */
export const APP_MESH_REQUEST_TIMEOUT_MS = 15_000;

/** App Mesh's Envoy sidecars. */
export const APP_MESH_MESH: SidecarMesh<AppMeshMeshConfig> = {
  kind: 'app-mesh-envoy',
  container: 'envoy',
  stream: 'proxy/app-mesh-envoy',
  enforcer: 'app-mesh-envoy',
  connectTimeoutMs: ENVOY_CONNECT_TIMEOUT_MS,
  endpointScope: 'called',
  profile: (mesh) => mesh.sidecar,
  // A route's timeout and its retryPolicy are separate fields (HttpRoute.timeout, HttpRoute.retryPolicy) and the default
  // retry policy applies to a route without one (envoy-defaults.md): a call that writes only a timeout keeps it.
  routePolicy: (policy, mesh) => keepDefaultRetry(policy, mesh.defaultPolicy.retry),
  adjustPolicy: appMeshRetryPolicy,
  configWarnings(config, mesh, warn) {
    for (const service of config.services) {
      if ((service.destination?.connectionPool ?? null) === null) continue;
      warn(
        `connection-pool of service "${service.name}": App Mesh does not let you set Envoy's circuit-breaker ` +
          (mesh.appMeshLegacyAccount
            ? "thresholds; Envoy's defaults (1024 connections, 1024 pending, 1024 requests, 3 concurrent retries) apply to every caller instead (envoy-defaults.md)"
            : 'thresholds; for meshes in accounts created after 2020-07-29 they are effectively disabled (2147483647, envoy-defaults.md)'),
        ['services', service.name, 'destinationPolicy', 'connectionPool'],
      );
    }
  },
  /** Legacy accounts: Envoy's default circuit breakers (1024/1024/1024, 3 concurrent retries) on every caller (envoy-defaults.md). */
  clientPolicies(mesh, caller, target) {
    if (!mesh.appMeshLegacyAccount) return [];
    const path = `app-mesh Envoy defaults (${caller.name} -> ${target})`;
    return [
      new EnvoyThresholds(ENVOY_CONNECTION_POOL, path),
      EnvoyRetryBudget.maxRetries(ENVOY_CONNECTION_POOL.maxRetries, path),
    ];
  },
};

/** The Envoy profile of `config`, with the fields its options wrote. */
function sidecarProfile(config: AppMeshMeshConfig): MeshProfile {
  return meshProfile('sidecar', APP_MESH_MESH.kind, config.sidecar, config.options);
}

/** The `app-mesh` shape. */
export const APP_MESH_SHAPE: MeshShape<AppMeshMeshConfig> = {
  name: 'app-mesh',
  summary: 'AWS App Mesh: Envoy sidecars with App Mesh defaults and API gaps (end of support 2026-09-30)',
  capabilityRow: { client: '`app-mesh-envoy`', server: '`app-mesh-envoy`' },
  usesOptions: ['appMeshLegacyAccount', 'sidecar'],
  resolve(options) {
    const legacy = options.appMeshLegacyAccount ?? false;
    return {
      ...resolveShared('app-mesh', options, {
        loadBalancer: 'round-robin', // Envoy's cluster default ROUND_ROBIN
        defaultPolicy: {
          timeoutMs: APP_MESH_REQUEST_TIMEOUT_MS,
          perTryTimeoutMs: Infinity,
          retry: legacy ? NO_RETRY : APP_MESH_DEFAULT_RETRY,
        },
        mtls: false,
      }),
      appMeshLegacyAccount: legacy,
      sidecar: withOverrides(APP_MESH_ENVOY_PROFILE, options.sidecar),
    };
  },
  // App Mesh runs without TLS by default, on the Istio 1.9–1.16 figures, which were measured with mTLS on.
  assumptions: (config) => {
    const mtlsOff = mtlsOffNote(
      'app-mesh',
      config.mtls,
      [sidecarProfile(config)],
      'the borrowed Istio 1.9–1.16 figures',
    );
    return [...appMeshAssumptions(sidecarProfile(config)), ...mtlsOff];
  },
  profiles: (config) => [sidecarProfile(config)],
  podRequests: (config, scenario) => sidecarPodRequests(APP_MESH_MESH.profile(config), scenario),
  createDataPlane: (context, config) => new SidecarDataPlane(APP_MESH_MESH, context, config),
};
