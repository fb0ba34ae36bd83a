// `istio-sidecar`: Istio with an Envoy sidecar in every pod. Every endpoint of the mesh is pushed to
// every sidecar (no Sidecar resource); profiles per Istio release band (istioProfiles.ts).

import type { IstioSidecarMeshConfig } from '../../config/MeshConfig.js';
import type { MeshShape } from '../MeshShape.js';
import { mtlsOffNote } from '../mtlsOffNote.js';
import { meshProfile } from '../profileFields.js';
import type { MeshProfile } from '../profileFields.js';
import { resolveShared, withOverrides } from '../resolveShared.js';
import { SidecarDataPlane } from '../sidecar/SidecarDataPlane.js';
import { sidecarPodRequests } from '../sidecar/sidecarPodRequests.js';
import type { SidecarMesh } from '../sidecar/SidecarMesh.js';
import { ISTIO_CNI_NODE_AGENT } from './istioCniNodeAgent.js';
import { istioDefaultPolicy, istioMeshDefaultPolicy, istioRoutePolicy } from './istioDefaultRetry.js';
import { ISTIO_HOST_SELECTION_RETRY_MAX_ATTEMPTS } from './istioRetryHosts.js';
import { istioOutlierEjectionCap } from './istioOutlierEjectionCap.js';
import {
  DEFAULT_ISTIO_VERSION,
  ISTIO_SIDECAR_PROFILES,
  istioBand,
  istioSidecarAssumptions,
  istioSidecarProfile,
} from './istioProfiles.js';
import { ISTIO_CONNECT_TIMEOUT_MS } from '../dataplane/connectionSpecs.js';

/** Istio's Envoy sidecars. */
export const ISTIO_SIDECAR_MESH: SidecarMesh<IstioSidecarMeshConfig> = {
  kind: 'envoy-sidecar',
  container: 'istio-proxy',
  // `proxy/sidecar` keeps Istio's stream name (and so its results) from before the other shapes.
  stream: 'proxy/sidecar',
  enforcer: 'l7-proxy',
  connectTimeoutMs: ISTIO_CONNECT_TIMEOUT_MS,
  endpointScope: 'all',
  profile: (mesh) => mesh.sidecar,
  // Istio 1.18+ sets concurrency from the proxy container's CPU limit unless ProxyConfig sets it
  // (docs/sources.md#istio-1-18-concurrency); earlier sidecars ran ProxyConfig's default of 2.
  workersFromCpuLimit: (mesh) =>
    mesh.options.sidecar?.workers === undefined && istioBand(mesh.istioVersion) === '1.20-1.24',
  // Without a limit pilot-agent passes Envoy no --concurrency, and Envoy runs a worker per CPU of the node
  // (istio/istio pilot/cmd/pilot-agent/config/config.go, pkg/envoy/proxy.go; docs/sources.md#istio-1-18-concurrency).
  unlimitedWorkersFromNode: () => true,
  // A route with a timeout but no retries keeps the mesh's default retry, one without retryOn the release's default
  // conditions (pilot's ConvertPolicy).
  routePolicy: (policy, mesh) =>
    istioRoutePolicy(policy, mesh.defaultPolicy.retry, istioDefaultPolicy(mesh.istioVersion).retry.retryOn),
  adjustPolicy: (policy) => policy,
  // Every retry pilot configures (its default and a VirtualService's) avoids previous hosts (istioRetryHosts.ts).
  retryHostReselections: ISTIO_HOST_SELECTION_RETRY_MAX_ATTEMPTS,
  configWarnings(_config, mesh, warn) {
    // A config built by hand can pair a release with another release's profile: say which one runs.
    const band = istioBand(mesh.istioVersion);
    for (const [other, profile] of Object.entries(ISTIO_SIDECAR_PROFILES)) {
      if (profile === mesh.sidecar && other !== band) {
        warn(
          `mesh.istioVersion is ${mesh.istioVersion} but mesh.sidecar is the Istio ${other} profile, which is what runs; ` +
            `resolve the mesh with resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: '${mesh.istioVersion}' }) to use the ${band} profile`,
        );
      }
    }
  },
};

/** The sidecar profile of `config`, with the fields its options wrote. */
function sidecarProfile(config: IstioSidecarMeshConfig): MeshProfile {
  return meshProfile('sidecar', ISTIO_SIDECAR_MESH.kind, config.sidecar, config.options);
}

/** The `istio-sidecar` shape. */
export const ISTIO_SIDECAR_SHAPE: MeshShape<IstioSidecarMeshConfig> = {
  name: 'istio-sidecar',
  summary: 'Istio with an Envoy sidecar per pod (profiles per Istio release: istioVersion)',
  capabilityRow: { client: '`l7-proxy` (Envoy sidecar)', server: '`l7-proxy`' },
  usesOptions: ['istioVersion', 'sidecar', 'istioCni'],
  resolve(options) {
    const istioVersion = options.istioVersion ?? DEFAULT_ISTIO_VERSION;
    const istioDefault = istioDefaultPolicy(istioVersion);
    const shared = resolveShared('istio-sidecar', options, {
      loadBalancer: 'least-request',
      defaultPolicy: istioDefault,
      mtls: true,
      outlierEjectionCap: istioOutlierEjectionCap(istioVersion),
      successRateEjection: 'off',
      connectionPoolDefaults: 'istio',
    });
    return {
      // Istio's default balancer is LEAST_REQUEST (pilot's defaultLBAlgorithm(); docs/sources.md#istio-default-lb);
      // its default retry policy retries 503s before 1.24 (docs/sources.md#istio-pr-52111); its Envoy lets a first
      // ejection past maxEjectionPercent before 1.20 (docs/sources.md#envoy-1-28-outlier-mep); istiod never lets it
      // eject by success rate and gives every cluster circuit breakers of 2³²−1 where a DestinationRule sets none
      // (docs/sources.md#import-istio-traffic-policy-go).
      ...shared,
      defaultPolicy: istioMeshDefaultPolicy(shared.defaultPolicy, istioDefault.retry.retryOn),
      istioVersion,
      sidecar: withOverrides(istioSidecarProfile(istioVersion), options.sidecar),
      istioCni: options.istioCni === undefined ? null : { ...ISTIO_CNI_NODE_AGENT, ...options.istioCni },
    };
  },
  assumptions: (config) => {
    const mtlsOff = mtlsOffNote(
      'istio-sidecar',
      config.mtls,
      [sidecarProfile(config)],
      "Istio's performance pages",
    );
    return [...istioSidecarAssumptions(config.istioVersion, sidecarProfile(config)), ...mtlsOff];
  },
  profiles: (config) => [sidecarProfile(config)],
  // A sidecar in every pod; with Istio's CNI plugin, its node agent on every node as well.
  podRequests(config, scenario) {
    const sidecars = sidecarPodRequests(ISTIO_SIDECAR_MESH.profile(config), scenario);
    const agent = config.istioCni;
    if (agent === null) return sidecars;
    return {
      ...sidecars,
      perNodeCpuRequestCores: agent.cpuRequestCores,
      perNodeMemoryRequestMiB: agent.memoryRequestMiB,
      perNodePods: 1,
      nodeAgent: { kind: 'istio-cni', ...agent },
    };
  },
  createDataPlane: (context, config) => new SidecarDataPlane(ISTIO_SIDECAR_MESH, context, config),
};
