// `istio-ambient`: Istio's sidecar-less data plane, a ztunnel per node for L4 and mTLS (HBONE) and,
// for services that ask for one, a waypoint Envoy (their own or shared by name) for L7 policies.

import type { IstioAmbientMeshConfig } from '../../config/MeshConfig.js';
import {
  ISTIO_DEFAULT_POLICY,
  ISTIO_DEFAULT_RETRY,
  istioMeshDefaultPolicy,
} from '../istio-sidecar/istioDefaultRetry.js';
import { proxyRequestedCpuCores } from '../../config/requestedCpuCores.js';
import { proxyRequestedMemoryMiB } from '../../config/requestedMemoryMiB.js';
import type { MeshShape } from '../MeshShape.js';
import { resolveShared, withOverrides } from '../resolveShared.js';
import { ISTIO_CNI_NODE_AGENT } from '../istio-sidecar/istioCniNodeAgent.js';
import { mtlsOffNote } from '../mtlsOffNote.js';
import { meshProfile } from '../profileFields.js';
import type { MeshProfile } from '../profileFields.js';
import { WAYPOINT_PROFILE, ZTUNNEL_PROFILE, ambientAssumptions } from './ambientProfiles.js';
import { AmbientDataPlane } from './AmbientDataPlane.js';

/** The ztunnel and waypoint profiles of `config`, with the fields its options wrote. */
function ambientProfiles(config: IstioAmbientMeshConfig): [MeshProfile, MeshProfile] {
  return [
    meshProfile('ztunnel', 'ztunnel', config.ztunnel, config.options),
    meshProfile('waypoint', 'waypoint', config.waypoint, config.options),
  ];
}

/** The `istio-ambient` shape. */
export const ISTIO_AMBIENT_SHAPE: MeshShape<IstioAmbientMeshConfig> = {
  name: 'istio-ambient',
  summary: 'Istio ambient: a ztunnel per node (L4, mTLS), optional waypoints (L7) per service or shared',
  capabilityRow: {
    client: '`l7-proxy` when the destination has a waypoint, `l4-proxy` (ztunnel) otherwise',
    server: '`l7-proxy` with a waypoint, `l4-proxy` otherwise',
  },
  usesOptions: ['ztunnel', 'waypoint', 'istioCni'],
  resolve: (options) => {
    const shared = resolveShared('istio-ambient', options, {
      loadBalancer: 'round-robin', // ztunnel's endpoint choice: an assumption (not verified)
      defaultPolicy: ISTIO_DEFAULT_POLICY, // applied by waypoints only
      mtls: true,
      // istiod builds a waypoint's clusters with the sidecars' applyOutlierDetection: never by success rate
      // (pilot/pkg/networking/core/cluster_waypoint.go; docs/sources.md#import-istio-traffic-policy-go).
      successRateEjection: 'off',
      // ... and with the same default circuit breakers, 2³²−1 for every threshold (docs/sources.md#import-istio-traffic-policy-go).
      connectionPoolDefaults: 'istio',
    });
    return {
      ...shared,
      // A written default retry without retryOn retries on Istio's default conditions, as a route's does.
      defaultPolicy: istioMeshDefaultPolicy(shared.defaultPolicy, ISTIO_DEFAULT_RETRY.retryOn),
      ztunnel: withOverrides(ZTUNNEL_PROFILE, options.ztunnel),
      waypoint: withOverrides(WAYPOINT_PROFILE, options.waypoint),
      istioCni: { ...ISTIO_CNI_NODE_AGENT, ...options.istioCni },
    };
  },
  assumptions: (config) => {
    const [ztunnel, waypoint] = ambientProfiles(config);
    const mtlsOff = mtlsOffNote(
      'istio-ambient',
      config.mtls,
      [ztunnel, waypoint],
      "Istio's 1.22 and 1.24 performance pages: ambient always tunnels over mTLS",
    );
    return [...ambientAssumptions(ztunnel, waypoint), ...mtlsOff];
  },
  profiles: ambientProfiles,
  // A ztunnel DaemonSet pod and an Istio CNI node agent on every node (waypoints are placed as pods of their own).
  podRequests: (config) => ({
    sidecarCpuRequestCores: new Map(),
    sidecarMemoryRequestMiB: new Map(),
    perNodeCpuRequestCores: proxyRequestedCpuCores(config.ztunnel) + config.istioCni.cpuRequestCores,
    perNodeMemoryRequestMiB: proxyRequestedMemoryMiB(config.ztunnel) + config.istioCni.memoryRequestMiB,
    perNodePods: 2,
    nodeAgent: { kind: 'istio-cni', ...config.istioCni },
  }),
  createDataPlane: (context, config) => new AmbientDataPlane(context, config),
};
