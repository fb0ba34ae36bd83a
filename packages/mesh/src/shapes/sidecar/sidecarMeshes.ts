// The sidecar-shaped meshes (a proxy in every pod): Istio, Linkerd, App Mesh and Consul differ in
// proxy profile, enforcement gaps, default policy and the endpoints each proxy holds.

import type { CallPolicy, MeshConfig, ProxyProfile, SimulationConfig } from '../../config/SimulationConfig.js';
import { APP_MESH_ENVOY_PROFILE } from '../app-mesh/appMeshProfile.js';
import { CONSUL_ENVOY_PROFILE } from '../consul/consulProfile.js';
import { ISTIO_SIDECAR_PROFILES, istioBand } from '../istio-sidecar/istioProfiles.js';
import { LINKERD_PROXY_PROFILE } from '../linkerd/linkerdProfile.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { appMeshRetryPolicy } from '../app-mesh/appMeshRetryEvents.js';

/** The shapes a SidecarDataPlane runs. */
export type SidecarShape = 'istio-sidecar' | 'linkerd' | 'app-mesh' | 'consul';

/** What distinguishes one sidecar mesh from another. */
export interface SidecarMesh {
  readonly shape: SidecarShape;
  /** Proxy kind in `ProxyTotals.byKind`. */
  readonly kind: string;
  /** Container name, used in proxy names (`<instance>/<container>`). */
  readonly container: string;
  /** Capability kind of the sidecar (policies/capabilities.ts). */
  readonly enforcer: EnforcerKind;
  /** Endpoints a proxy holds: every endpoint of the mesh, or only those of the services its pod calls. */
  readonly endpointScope: 'all' | 'called';
  /** The proxy profile in `mesh`. */
  profile(mesh: MeshConfig): ProxyProfile;
  /** A scenario-set call policy as the proxy can run it (may warn). `call` names the call in warnings. */
  adjustPolicy(policy: CallPolicy, call: string, warn: (message: string) => void): CallPolicy;
  /** Warnings about the scenario as a whole, issued once when the data plane is built. */
  configWarnings(config: SimulationConfig, warn: (message: string) => void): void;
}

const asIs = (policy: CallPolicy): CallPolicy => policy;
const noWarnings = (): void => {};

/** Istio with Envoy sidecars: every endpoint pushed to every sidecar (no Sidecar resource). */
export const ISTIO_SIDECAR_MESH: SidecarMesh = {
  shape: 'istio-sidecar',
  kind: 'envoy-sidecar',
  container: 'istio-proxy',
  enforcer: 'l7-proxy',
  endpointScope: 'all',
  profile: (mesh) => mesh.sidecar,
  adjustPolicy: asIs,
  configWarnings(config, warn) {
    // The trap: `{ ...defaultMeshConfig('istio-sidecar'), istioVersion: '1.4' }` keeps the 1.24 profile.
    const version = config.mesh.istioVersion;
    if (version === undefined) return;
    const sidecar = config.mesh.sidecar;
    const band = istioBand(version);
    for (const [other, profile] of Object.entries(ISTIO_SIDECAR_PROFILES)) {
      if (profile === sidecar && other !== band) {
        warn(
          `mesh.istioVersion is ${version} but mesh.sidecar is the Istio ${other} profile, which is what runs; ` +
            `build the mesh with defaultMeshConfig('istio-sidecar', { istioVersion: '${version}' }) to use the ${band} profile`,
        );
      }
    }
  },
};

/** Linkerd: linkerd2-proxy sidecars; on-demand discovery; no Envoy-style thresholds or outlier detection. */
export const LINKERD_MESH: SidecarMesh = {
  shape: 'linkerd',
  kind: 'linkerd2-proxy',
  container: 'linkerd-proxy',
  enforcer: 'linkerd-proxy',
  endpointScope: 'called',
  profile: (mesh) => mesh.linkerdProxy ?? LINKERD_PROXY_PROFILE,
  adjustPolicy: asIs,
  configWarnings(config, warn) {
    for (const service of config.services) {
      const destination = service.destination;
      if (destination === undefined) continue;
      if (destination.connectionPool !== null) {
        warn(
          `connection-pool of service "${service.name}": Linkerd has no Envoy-style connection-pool thresholds; ` +
            'use failureAccrual (balancer.linkerd.io/failure-accrual, Linkerd circuit-breaking docs)',
        );
      }
      if (destination.outlierDetection !== null) {
        warn(
          `outlier-detection of service "${service.name}": Linkerd has no Envoy-style outlier detection; ` +
            'use failureAccrual (consecutive failures, exponential penalty)',
        );
      }
    }
  },
};

/** AWS App Mesh: Envoy sidecars with App Mesh's API gaps; only declared backends are configured. */
export const APP_MESH_MESH: SidecarMesh = {
  shape: 'app-mesh',
  kind: 'app-mesh-envoy',
  container: 'envoy',
  enforcer: 'app-mesh-envoy',
  endpointScope: 'called',
  profile: (mesh) => mesh.sidecar ?? APP_MESH_ENVOY_PROFILE,
  adjustPolicy: appMeshRetryPolicy,
  configWarnings(config, warn) {
    const legacy = config.mesh.appMeshLegacyAccount === true;
    for (const service of config.services) {
      if ((service.destination?.connectionPool ?? null) === null) continue;
      warn(
        `connection-pool of service "${service.name}": App Mesh does not let you set Envoy's circuit-breaker ` +
          (legacy
            ? "thresholds; Envoy's defaults (1024 connections, 1024 pending, 1024 requests, 3 concurrent retries) apply to every caller instead (envoy-defaults.md)"
            : 'thresholds; for meshes in accounts created after 2020-07-29 they are effectively disabled (2147483647, envoy-defaults.md)'),
      );
    }
  },
};

/** Consul service mesh: Envoy sidecars with Consul's defaults (no retries, 15 s timeout). */
export const CONSUL_MESH: SidecarMesh = {
  shape: 'consul',
  kind: 'consul-envoy',
  container: 'consul-dataplane',
  enforcer: 'l7-proxy',
  endpointScope: 'all',
  profile: (mesh) => mesh.sidecar ?? CONSUL_ENVOY_PROFILE,
  adjustPolicy: asIs,
  configWarnings: noWarnings,
};

/** The sidecar mesh of a shape. */
export const SIDECAR_MESHES: Readonly<Record<SidecarShape, SidecarMesh>> = {
  'istio-sidecar': ISTIO_SIDECAR_MESH,
  linkerd: LINKERD_MESH,
  'app-mesh': APP_MESH_MESH,
  consul: CONSUL_MESH,
};
