// A Kuma-like mesh shape for the tests that register a shape of their own: one sidecar per pod (SidecarDataPlane),
// round-robin, no default policy, mTLS on. Each test file gives it its own name, so files running in parallel never
// register or unregister one another's shape.

import { NO_POLICY, SidecarDataPlane, resolveShared, sidecarPodRequests } from '../../src/index.js';
import type {
  EnforcerKind,
  EnforcerSpec,
  MeshConfigBase,
  MeshShape,
  ProxyProfile,
  SidecarMesh,
} from '../../src/index.js';

/** The config of a {@link sidecarTestShape} named `N`. */
export interface SidecarTestConfig<N extends string = string> extends MeshConfigBase {
  readonly shape: N;
  readonly sidecar: ProxyProfile;
}

/** A sidecar profile of constant latency (0.2 ms), 2 workers, 0.1 ms of CPU a request, no TLS handshake CPU. */
export const CONSTANT_SIDECAR: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.2 },
  workers: 2,
  cpuMsPerRequest: 0.1,
  memoryBaseMiB: 40,
  memoryPerEndpointKiB: 1,
};

/** What a test chooses of its {@link sidecarTestShape}. */
export interface SidecarTestShapeSpec<N extends string> {
  /** The shape's name, also its proxies' random stream (`proxy/<name>`). */
  readonly name: N;
  /** Default: 'a Kuma-like test shape'. */
  readonly summary?: string;
  /** The sidecars' profile (the config's `sidecar`). Default: {@link CONSTANT_SIDECAR}. */
  readonly profile?: ProxyProfile;
  /** The proxy kind in `ProxyTotals.byKind`. Default: the name. */
  readonly proxyKind?: string;
  /** The sidecars' enforcer kind, also the shape's capability row. Default: `l7-proxy`. */
  readonly enforcer?: EnforcerKind;
  /** The enforcer kinds of the shape's own (`MeshShape.enforcers`). Default: none. */
  readonly enforcers?: Readonly<Record<string, EnforcerSpec>>;
}

/** A Kuma-like sidecar shape as `spec` says; spread it to replace a member (`{ ...sidecarTestShape(…), resolve }`). */
export function sidecarTestShape<N extends string>(
  spec: SidecarTestShapeSpec<N>,
): MeshShape<SidecarTestConfig<N>> {
  const enforcer = spec.enforcer ?? 'l7-proxy';
  const sidecarMesh: SidecarMesh<SidecarTestConfig<N>> = {
    kind: spec.proxyKind ?? spec.name,
    container: 'kuma-sidecar',
    stream: `proxy/${spec.name}`,
    enforcer,
    endpointScope: 'all',
    profile: (config) => config.sidecar,
    adjustPolicy: (policy) => policy,
    configWarnings: () => {},
  };
  return {
    name: spec.name,
    summary: spec.summary ?? 'a Kuma-like test shape',
    capabilityRow: { client: `\`${enforcer}\``, server: `\`${enforcer}\`` },
    ...(spec.enforcers !== undefined && { enforcers: spec.enforcers }),
    resolve: (options) => ({
      ...resolveShared(spec.name, options, {
        loadBalancer: 'round-robin',
        defaultPolicy: NO_POLICY,
        mtls: true,
      }),
      sidecar: spec.profile ?? CONSTANT_SIDECAR,
    }),
    assumptions: () => [],
    podRequests: (config, scenario) => sidecarPodRequests(config.sidecar, scenario),
    createDataPlane: (context, config) => new SidecarDataPlane(sidecarMesh, context, config),
  };
}
