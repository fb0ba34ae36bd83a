// Typing a registered shape from TypeScript without casts: MeshShape's second parameter types the options of the
// shape's own in its resolve, and resolveMeshConfig<Config>(options) returns the shape's config type and accepts its
// own option keys (no excess-property error, no `as unknown as`). Checked by the compiler (pnpm typecheck) and run.

import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';

import { registerMeshShape, resolveMeshConfig, unregisterMeshShape } from '../../src/index.js';
import type { MeshConfig, MeshConfigBase, MeshShape, ProxyProfile } from '../../src/index.js';
import { CONSTANT_SIDECAR, sidecarTestShape } from '../__helpers__/sidecarTestShape.js';

/** The options the shape owns. */
interface KumaOptions {
  readonly kumaDp: { readonly workers?: number };
}

interface KumaConfig extends MeshConfigBase {
  readonly shape: 'test-typed-kuma';
  readonly sidecar: ProxyProfile;
}

/** The shape without an option of its own; KUMA adds `kumaDp`, whose workers its sidecars take. */
const BASE = sidecarTestShape({ name: 'test-typed-kuma', summary: 'a typed Kuma-like test shape' });

const KUMA: MeshShape<KumaConfig, KumaOptions> = {
  ...BASE,
  options: { kumaDp: { description: '{ workers }', check: () => {} } },
  // `options.kumaDp` is typed: no cast.
  resolve: (options, others) => ({
    ...BASE.resolve(options, others),
    sidecar: { ...CONSTANT_SIDECAR, workers: options.kumaDp?.workers ?? CONSTANT_SIDECAR.workers },
  }),
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
