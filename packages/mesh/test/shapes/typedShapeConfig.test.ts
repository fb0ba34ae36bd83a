// Typing a registered shape from TypeScript without casts: MeshShape's second parameter types the options of the
// shape's own in its resolve, and resolveMeshConfig<Config>(options) returns the shape's config type and accepts its
// own option keys (no excess-property error, no `as unknown as`). Checked by the compiler (pnpm typecheck) and run.

import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';

import {
  NO_POLICY,
  SidecarDataPlane,
  registerMeshShape,
  resolveMeshConfig,
  resolveShared,
  unregisterMeshShape,
} from '../../src/index.js';
import type { MeshConfig, MeshConfigBase, MeshShape, ProxyProfile } from '../../src/index.js';

/** The options the shape owns. */
interface KumaOptions {
  readonly kumaDp: { readonly workers?: number };
}

interface KumaConfig extends MeshConfigBase {
  readonly shape: 'test-typed-kuma';
  readonly sidecar: ProxyProfile;
}

const SIDECAR: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.2 },
  workers: 2,
  cpuMsPerRequest: 0.1,
  memoryBaseMiB: 40,
  memoryPerEndpointKiB: 1,
};

const KUMA: MeshShape<KumaConfig, KumaOptions> = {
  name: 'test-typed-kuma',
  summary: 'a typed Kuma-like test shape',
  capabilityRow: { client: '`l7-proxy`', server: '`l7-proxy`' },
  options: { kumaDp: { description: '{ workers }', check: () => {} } },
  // `options.kumaDp` is typed: no cast.
  resolve: (options) => ({
    ...resolveShared('test-typed-kuma', options, {
      loadBalancer: 'round-robin',
      defaultPolicy: NO_POLICY,
      mtls: true,
    }),
    sidecar: { ...SIDECAR, workers: options.kumaDp?.workers ?? SIDECAR.workers },
  }),
  assumptions: () => [],
  createDataPlane: (context, config) =>
    new SidecarDataPlane(
      {
        kind: 'test-typed-kuma',
        container: 'kuma-sidecar',
        stream: 'proxy/test-typed-kuma',
        enforcer: 'l7-proxy',
        endpointScope: 'all',
        profile: (mesh) => mesh.sidecar,
        adjustPolicy: (policy) => policy,
        configWarnings: () => {},
      },
      context,
      config,
    ),
};

describe('a registered shape, typed', () => {
  beforeAll(() => registerMeshShape(KUMA));
  afterAll(() => unregisterMeshShape('test-typed-kuma'));

  it('resolveMeshConfig<Config> returns its config type and takes its own options', () => {
    const config = resolveMeshConfig<KumaConfig, KumaOptions>({
      shape: 'test-typed-kuma',
      kumaDp: { workers: 5 },
    });
    expectTypeOf(config).toEqualTypeOf<KumaConfig>();
    expect(config.sidecar.workers).toBe(5);
  });

  it('without a type argument, a built-in config is still the MeshConfig union', () => {
    expectTypeOf(resolveMeshConfig({ shape: 'linkerd' })).toEqualTypeOf<MeshConfig>();
  });
});
