// `linkerd`: linkerd2-proxy sidecars with on-demand discovery; no Envoy-style connection-pool
// thresholds or outlier detection (its circuit breaking is failure accrual).

import { NO_POLICY } from '../../config/defaults.js';
import type { LinkerdMeshConfig } from '../../config/MeshConfig.js';
import type { MeshShape } from '../MeshShape.js';
import { resolveShared, withOverrides } from '../resolveShared.js';
import { SidecarDataPlane } from '../sidecar/SidecarDataPlane.js';
import { sidecarPodRequests } from '../sidecar/sidecarPodRequests.js';
import type { SidecarMesh } from '../sidecar/SidecarMesh.js';
import { mtlsOffNote } from '../mtlsOffNote.js';
import { meshProfile } from '../profileFields.js';
import type { MeshProfile } from '../profileFields.js';
import { DEFAULT_LINKERD_VERSION, linkerdAssumptions, linkerdProxyProfile } from './linkerdProfile.js';
import { LINKERD_CONNECT_TIMEOUT_MS } from '../dataplane/connectionSpecs.js';
import { LinkerdReconnect } from '../../policies/LinkerdReconnect.js';
import { LINKERD_OUTBOUND_HTTP_QUEUE } from '../../call/BalancerQueue.js';
import { linkerdRetryPolicy, linkerdRetryWarnings } from './linkerdRetry.js';

/** Linkerd's proxies. */
export const LINKERD_MESH: SidecarMesh<LinkerdMeshConfig> = {
  kind: 'linkerd2-proxy',
  container: 'linkerd-proxy',
  // Linkerd proxies upgrade HTTP/1.1 to HTTP/2 between themselves (docs/sources.md#linkerd-protocol-upgrade).
  interProxyProtocol: 'http2',
  stream: 'proxy/linkerd2-proxy',
  enforcer: 'linkerd-proxy',
  connectTimeoutMs: LINKERD_CONNECT_TIMEOUT_MS,
  endpointScope: 'called',
  profile: (mesh) => mesh.linkerdProxy,
  // `config.linkerd.io/proxy-cpu-limit` sets the proxy's cores, rounded up (docs/sources.md#linkerd-proxy-concurrency).
  workersFromCpuLimit: (mesh) => mesh.options.linkerdProxy?.workers === undefined,
  // Before `proxy.runtime.workers` (2.10–2.12), a proxy without a limit used every CPU its cgroup allows: its node's.
  unlimitedWorkersFromNode: (mesh) => mesh.linkerdVersion !== 'current',
  // Retries wait Linkerd's own backoff and skip failed connections and resets (linkerdRetry.ts); warned per field below.
  adjustPolicy: (policy) => linkerdRetryPolicy(policy),
  runDefaultPolicy: linkerdRetryPolicy,
  // While no endpoint is ready, requests wait in the balancer's queue, up to the 3 s failfast
  // (docs/sources.md#linkerd-failfast-source).
  balancerQueue: LINKERD_OUTBOUND_HTTP_QUEUE,
  // A failed connect takes the endpoint out of the proxy's P2C balancer while it backs off (docs/sources.md#linkerd-reconnect).
  clientPolicies: (_mesh, caller, target, streams) => [
    new LinkerdReconnect(
      streams.unique(`linkerd-reconnect/${caller.name}#${caller.key}->${target}`),
      LINKERD_CONNECT_TIMEOUT_MS,
    ),
  ],
  configWarnings(config, _mesh, warn) {
    linkerdRetryWarnings(config, warn);
    for (const service of config.services) {
      const destination = service.destination;
      if (destination === undefined) continue;
      if (destination.connectionPool !== null) {
        warn(
          `connection-pool of service "${service.name}": Linkerd has no Envoy-style connection-pool thresholds; ` +
            'use failureAccrual (balancer.linkerd.io/failure-accrual, Linkerd circuit-breaking docs)',
          ['services', service.name, 'destinationPolicy', 'connectionPool'],
        );
      }
      if (destination.outlierDetection !== null) {
        warn(
          `outlier-detection of service "${service.name}": Linkerd has no Envoy-style outlier detection; ` +
            'use failureAccrual (consecutive failures, exponential penalty)',
          ['services', service.name, 'destinationPolicy', 'outlierDetection'],
        );
      }
    }
  },
};

/** The linkerd2-proxy profile of `config`, with the fields its options wrote. */
function proxyProfile(config: LinkerdMeshConfig): MeshProfile {
  return meshProfile('linkerdProxy', LINKERD_MESH.kind, config.linkerdProxy, config.options);
}

/** The `linkerd` shape. */
export const LINKERD_SHAPE: MeshShape<LinkerdMeshConfig> = {
  name: 'linkerd',
  summary: "Linkerd's Rust proxy (linkerd2-proxy) per pod (derived profiles per release: linkerdVersion)",
  capabilityRow: { client: '`linkerd-proxy`', server: '`linkerd-proxy`' },
  usesOptions: ['linkerdVersion', 'linkerdProxy'],
  resolve(options) {
    const linkerdVersion = options.linkerdVersion ?? DEFAULT_LINKERD_VERSION;
    // linkerd2-proxy balances with P2C over peak-EWMA (docs/sources.md#linkerd-load-balancing); no retries unless a route asks.
    return {
      ...resolveShared('linkerd', options, {
        loadBalancer: 'peak-ewma',
        defaultPolicy: NO_POLICY,
        mtls: true,
      }),
      linkerdVersion,
      linkerdProxy: withOverrides(linkerdProxyProfile(linkerdVersion), options.linkerdProxy),
    };
  },
  assumptions: (config) => {
    const mtlsOff = mtlsOffNote(
      'linkerd',
      config.mtls,
      [proxyProfile(config)],
      "Istio's performance pages scaled by Buoyant's benchmark ratios, both with mTLS on",
    );
    return [...linkerdAssumptions(config.linkerdVersion, proxyProfile(config)), ...mtlsOff];
  },
  profiles: (config) => [proxyProfile(config)],
  podRequests: (config, scenario) => sidecarPodRequests(LINKERD_MESH.profile(config), scenario),
  createDataPlane: (context, config) => new SidecarDataPlane(LINKERD_MESH, context, config),
};
