// registerMeshShape checks a shape when it is registered, not when a run first uses it: its config resolved from
// empty options names the shape, its proxy profiles are whole and valid, and a trial run of it succeeds (an
// unknown enforcer kind fails there). Each refusal names the shape and the field, and registers nothing.

import { describe, expect, it } from 'vitest';

import {
  declaredEnforcerKind,
  meshShapeNames,
  registerMeshShape,
  unregisterMeshShape,
} from '../../src/index.js';
import type { MeshShape, ProxyProfile } from '../../src/index.js';
import { sidecarTestShape } from '../__helpers__/sidecarTestShape.js';
import type { SidecarTestConfig } from '../__helpers__/sidecarTestShape.js';

type KumaConfig = SidecarTestConfig<'test-kuma'>;

const SIDECAR: ProxyProfile = {
  latencyMs: { kind: 'lognormal', median: 0.3, p99: 1.2 },
  workers: 2,
  cpuMsPerRequest: 0.2,
  memoryBaseMiB: 40,
  memoryPerEndpointKiB: 1,
  tlsHandshakeCpuMs: 0.5,
};

/** A Kuma-like sidecar shape whose profile, shape name and enforcer a test may spoil. */
function kuma(
  spoil: { profile?: unknown; shape?: string; enforcer?: string; resolve?: () => never } = {},
): MeshShape<KumaConfig> {
  const shape = sidecarTestShape({
    name: 'test-kuma',
    proxyKind: 'test-kuma-dp',
    profile: (spoil.profile ?? SIDECAR) as ProxyProfile,
    enforcer: spoil.enforcer === undefined ? 'l7-proxy' : declaredEnforcerKind(spoil.enforcer),
  });
  return {
    ...shape,
    resolve:
      spoil.resolve ??
      ((options, others) => ({
        ...shape.resolve(options, others),
        ...(spoil.shape !== undefined && { shape: spoil.shape as 'test-kuma' }),
      })),
  };
}

/** What registering `shape` throws (it must throw), the registry left as it was. */
function refusal(shape: MeshShape<KumaConfig>): string {
  const before = meshShapeNames();
  try {
    registerMeshShape(shape);
  } catch (error) {
    expect(meshShapeNames()).toEqual(before);
    return (error as Error).message;
  }
  unregisterMeshShape(shape.name);
  throw new Error('registerMeshShape did not throw');
}

describe('registerMeshShape checks the shape it registers', () => {
  it('registers a whole, valid shape', () => {
    registerMeshShape(kuma());
    try {
      expect(meshShapeNames()).toContain('test-kuma');
    } finally {
      unregisterMeshShape('test-kuma');
    }
  });

  it('refuses a resolve that throws or resolves to another shape, naming both', () => {
    expect(
      refusal(
        kuma({
          resolve: () => {
            throw new Error('no default profile');
          },
        }),
      ),
    ).toBe('registerMeshShape("test-kuma"): resolve({ shape: "test-kuma" }) threw: no default profile');
    expect(refusal(kuma({ shape: 'linkerd' }))).toBe(
      'registerMeshShape("test-kuma"): resolve({ shape: "test-kuma" }) returned a config of shape "linkerd"; a ' +
        'shape\'s config must name it: shape "test-kuma" (resolveShared("test-kuma", options, …) does)',
    );
  });

  it('refuses a proxy profile with a field missing or invalid, naming the profile and the field', () => {
    const { workers: _workers, ...noWorkers } = SIDECAR;
    expect(refusal(kuma({ profile: noWorkers }))).toBe(
      'registerMeshShape("test-kuma"): profile sidecar.workers is missing (a proxy profile needs latencyMs, ' +
        'workers, cpuMsPerRequest, memoryBaseMiB and memoryPerEndpointKiB)',
    );
    expect(
      refusal(kuma({ profile: { ...SIDECAR, latencyMs: { kind: 'lognormal', median: 1, p99: 0.5 } } })),
    ).toBe('registerMeshShape("test-kuma"): profile sidecar.latencyMs.p99 must be > median (1) (got 0.5)');
    expect(refusal(kuma({ profile: { ...SIDECAR, workers: 0 } }))).toBe(
      'registerMeshShape("test-kuma"): profile sidecar.workers must be an integer >= 1 or Infinity (unlimited) (got 0)',
    );
  });

  it('refuses an option of its own that is a built-in one, or a usesOptions that is not one', () => {
    const check = (): void => {};
    expect(refusal({ ...kuma(), options: { sidecar: { description: 'mine', check } } })).toBe(
      'registerMeshShape("test-kuma"): options.sidecar: a built-in mesh option; name your own',
    );
    expect(refusal({ ...kuma(), options: { kumaDp: { description: '', check } } })).toBe(
      'registerMeshShape("test-kuma"): options.kumaDp must be { description: string, check(value, path) }',
    );
    expect(refusal({ ...kuma(), usesOptions: ['kumaDp' as 'sidecar'] })).toMatch(
      /^registerMeshShape\("test-kuma"\): usesOptions\[0\] must be a built-in mesh option \(shape, /,
    );
  });

  it('refuses a shape whose resolve reads a built-in option its usesOptions does not list', () => {
    const base = kuma();
    const reads: MeshShape<KumaConfig>['resolve'] = (options, others) => ({
      ...base.resolve(options, others),
      sidecar: { ...SIDECAR, ...options.sidecar },
    });
    expect(refusal({ ...base, resolve: reads })).toBe(
      'registerMeshShape("test-kuma"): resolve reads mesh.sidecar, which usesOptions does not list; declare the ' +
        "built-in options the shape reads (usesOptions: ['sidecar'])",
    );
    registerMeshShape({ ...base, resolve: reads, usesOptions: ['sidecar'] });
    unregisterMeshShape('test-kuma');
  });

  it('refuses an unknown enforcer kind, listing the kinds (a run would have crashed on it)', () => {
    expect(refusal(kuma({ enforcer: 'envoy' }))).toBe(
      'registerMeshShape("test-kuma"): a trial run of the shape failed: enforcer kind "envoy" is not known; the ' +
        'kinds: application, library, l7-proxy, l4-proxy, managed-hop, linkerd-proxy, app-mesh-envoy, and those a ' +
        'registered shape declares in its enforcers',
    );
  });
});
