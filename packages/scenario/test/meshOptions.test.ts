// Contract of the `mesh` object: shape options that select other defaults (istioVersion,
// appMeshLegacyAccount, layered), profile overrides for every proxy kind (and how a run reports them), and prices.

import { AWS_US_EAST_1_PRICES, NO_RETRY, PROFILE_FIELDS, resolveMeshConfig, simulate } from '@meshsim/mesh';
import type { LayeredMeshConfig, MeshConfig, ProxyProfile } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../src/index.js';
import { ProxyProfileOverride, WaypointOverride } from '../src/profileSchema.js';
import { minimal } from './__helpers__/scenarios.js';

function meshOf(mesh: unknown): MeshConfig {
  return resolveScenario({ ...minimal(), mesh }).mesh;
}

/** A shape-specific field of a resolved config (a profile, a flag). */
function field(mesh: MeshConfig, key: string): unknown {
  return (mesh as unknown as Record<string, unknown>)[key];
}

/** The default profile `key` of `shape`. */
function defaultProfile(shape: string, key: string): ProxyProfile {
  return field(resolveMeshConfig({ shape }), key) as ProxyProfile;
}

/** Every profile field written once, and what it resolves to. */
const ALL_FIELDS = {
  latency: '50us',
  workers: 4,
  cpuPerRequest: '0.1ms',
  cpuPerKiB: '0.01ms',
  memoryBase: '16Mi',
  memoryPerEndpoint: '1Ki',
  memoryPerConnection: 4,
};
const ALL_FIELDS_RESOLVED: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.05 },
  workers: 4,
  cpuMsPerRequest: 0.1,
  cpuMsPerKiB: 0.01,
  memoryBaseMiB: 16,
  memoryPerEndpointKiB: 1,
  memoryPerConnectionKiB: 4,
};

describe('mesh options that select other defaults', () => {
  it('istioVersion "1.4" selects the 1.4 sidecar profile, as resolveMeshConfig does', () => {
    const mesh = meshOf({ shape: 'istio-sidecar', istioVersion: '1.4' });
    expect(mesh).toEqual(resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: '1.4' }));
    expect(field(mesh, 'sidecar')).not.toEqual(defaultProfile('istio-sidecar', 'sidecar'));
  });

  it('linkerdVersion "2.11" selects the 2.11 proxy profile, as resolveMeshConfig does', () => {
    const mesh = meshOf({ shape: 'linkerd', linkerdVersion: '2.11' });
    expect(mesh).toEqual(resolveMeshConfig({ shape: 'linkerd', linkerdVersion: '2.11' }));
    expect(field(mesh, 'linkerdProxy')).not.toEqual(defaultProfile('linkerd', 'linkerdProxy'));
    expect(field(meshOf({ shape: 'linkerd' }), 'linkerdProxy')).toEqual(
      defaultProfile('linkerd', 'linkerdProxy'),
    );
  });

  it('appMeshLegacyAccount: true drops App Mesh’s implicit retries from the default policy', () => {
    const mesh = meshOf({ shape: 'app-mesh', appMeshLegacyAccount: true });
    expect(mesh).toEqual(resolveMeshConfig({ shape: 'app-mesh', appMeshLegacyAccount: true }));
    expect(mesh.defaultPolicy.retry).toEqual(NO_RETRY);
  });

  it('layered { inCluster: linkerd, crossCluster: none } gets linkerd’s profile and no Lattice hop', () => {
    const layered = { inCluster: 'linkerd', crossCluster: 'none' } as const;
    const mesh = meshOf({ shape: 'layered', layered }) as LayeredMeshConfig;
    expect(mesh).toEqual(resolveMeshConfig({ shape: 'layered', ...layered }));
    expect(field(mesh.inCluster, 'linkerdProxy')).toEqual(defaultProfile('linkerd', 'linkerdProxy'));
    expect(mesh.crossCluster).toBe('none');
  });

  it('layered: each field defaults on its own ({ inCluster: linkerd } crosses clusters by Lattice; {} is the default)', () => {
    const mesh = meshOf({ shape: 'layered', layered: { inCluster: 'linkerd' } }) as LayeredMeshConfig;
    expect(mesh).toEqual(resolveMeshConfig({ shape: 'layered', inCluster: 'linkerd' }));
    expect(mesh.crossCluster).toBe('vpc-lattice');
    const crossOnly = meshOf({ shape: 'layered', layered: { crossCluster: 'none' } }) as LayeredMeshConfig;
    expect(crossOnly).toEqual(resolveMeshConfig({ shape: 'layered', crossCluster: 'none' }));
    expect(meshOf({ shape: 'layered', layered: {} })).toEqual(resolveMeshConfig({ shape: 'layered' }));
  });

  it('mtls and encryption are taken as written', () => {
    expect(meshOf({ shape: 'cilium', mtls: true, encryption: true })).toMatchObject({
      mtls: true,
      encryption: true,
    });
  });
});

describe('mesh profile overrides', () => {
  const KINDS: [key: string, shape: string, base: ProxyProfile][] = [
    ['sidecar', 'istio-sidecar', defaultProfile('istio-sidecar', 'sidecar')],
    ['ztunnel', 'istio-ambient', defaultProfile('istio-ambient', 'ztunnel')],
    ['linkerdProxy', 'linkerd', defaultProfile('linkerd', 'linkerdProxy')],
    ['ebpf', 'cilium', defaultProfile('cilium', 'ebpf')],
    ['nodeProxy', 'cilium', defaultProfile('cilium', 'nodeProxy')],
    ['lattice', 'vpc-lattice', defaultProfile('vpc-lattice', 'lattice')],
  ];

  it.each(KINDS)('%s (shape %s): every field converts its units', (key, shape, base) => {
    expect(field(meshOf({ shape, [key]: ALL_FIELDS }), key)).toEqual({ ...base, ...ALL_FIELDS_RESOLVED });
  });

  it.each(KINDS)('%s (shape %s): omitted fields keep the shape’s default profile', (key, shape, base) => {
    expect(field(meshOf({ shape, [key]: { workers: 7 } }), key)).toEqual({ ...base, workers: 7 });
  });

  it('waypoint takes the same fields plus replicas', () => {
    const mesh = meshOf({ shape: 'istio-ambient', waypoint: { ...ALL_FIELDS, replicas: 3 } });
    expect(field(mesh, 'waypoint')).toEqual({
      ...defaultProfile('istio-ambient', 'waypoint'),
      ...ALL_FIELDS_RESOLVED,
      replicas: 3,
    });
  });

  it('workers: unlimited is Infinity (no queueing)', () => {
    const mesh = meshOf({ shape: 'linkerd', linkerdProxy: { workers: 'unlimited' } });
    expect((field(mesh, 'linkerdProxy') as ProxyProfile).workers).toBe(Infinity);
  });

  it('sidecar overrides apply to the shape’s own Envoy (App Mesh’s, not Istio’s)', () => {
    expect(field(meshOf({ shape: 'app-mesh', sidecar: { workers: 4 } }), 'sidecar')).toEqual({
      ...defaultProfile('app-mesh', 'sidecar'),
      workers: 4,
    });
  });

  it('a profile the shape does not use is kept in its options, for `compare` under a shape that uses it', () => {
    const mesh = meshOf({ shape: 'istio-sidecar', ztunnel: { workers: 8 } });
    expect(field(mesh, 'ztunnel')).toBeUndefined();
    expect(mesh.options.ztunnel).toEqual({ workers: 8 });
    expect(field(resolveMeshConfig({ ...mesh.options, shape: 'istio-ambient' }), 'ztunnel')).toEqual({
      ...defaultProfile('istio-ambient', 'ztunnel'),
      workers: 8,
    });
  });
});

describe('mesh prices', () => {
  it('prices: none removes the prices, and the run has no monthly cost', () => {
    const config = resolveScenario({
      ...minimal(),
      duration: '1s',
      mesh: { shape: 'linkerd', prices: 'none' },
    });
    expect(config.mesh.prices).toBeNull();
    expect(simulate(config).proxies.costPerMonthUsd).toBeUndefined();
  });

  it('a partial table replaces the given prices, keeps the others and labels what it changed', () => {
    const prices = meshOf({ shape: 'linkerd', prices: { vcpuHourUsd: 0.05 } }).prices;
    expect(prices).toEqual({
      ...AWS_US_EAST_1_PRICES,
      vcpuHourUsd: 0.05,
      label: `scenario prices (vcpuHourUsd $0.05); other prices: ${AWS_US_EAST_1_PRICES.label}`,
    });
  });

  it('a written label is used as is when it gives every price, else followed by the AWS prices that stand in', () => {
    const all = {
      vcpuHourUsd: 0.03,
      gibHourUsd: 0,
      latticeServiceHourUsd: 0,
      latticeGbUsd: 0,
      latticeMillionRequestsUsd: 0,
    };
    expect(meshOf({ shape: 'linkerd', prices: { label: 'on-prem 2025', ...all } }).prices).toEqual({
      ...all,
      label: 'on-prem 2025',
    });
    expect(meshOf({ shape: 'linkerd', prices: { label: 'on-prem 2025', gibHourUsd: 0 } }).prices).toEqual({
      ...AWS_US_EAST_1_PRICES,
      gibHourUsd: 0,
      label: `on-prem 2025; other prices: ${AWS_US_EAST_1_PRICES.label}`,
    });
  });

  it("says the scenario's own vCPU and GB rates stand for any capacity, not Fargate's", () => {
    const assumptionOf = (prices: object): string | undefined =>
      simulate(
        resolveScenario({ ...minimal(), duration: '1s', mesh: { shape: 'linkerd', prices } }),
      ).assumptions.find((a) => a.startsWith('costPerMonthUsd'));
    expect(assumptionOf({ vcpuHourUsd: 0.08 })).toContain(
      "The scenario's vCPU-hour and GB-hour rates stand for",
    );
    expect(assumptionOf({ latticeGbUsd: 0.01 })).toContain('The Fargate rates stand for');
  });

  it('a cheaper vCPU gives a cheaper run', () => {
    const cost = (vcpuHourUsd: number): number => {
      const config = resolveScenario({
        ...minimal(),
        duration: '2s',
        mesh: { shape: 'linkerd', prices: { vcpuHourUsd } },
      });
      return simulate(config).proxies.costPerMonthUsd ?? NaN;
    };
    expect(cost(0.01)).toBeLessThan(cost(0.1));
  });
});

describe('the profile fields a scenario writes, as a run reports them', () => {
  it("the mesh's profile fields (PROFILE_FIELDS) are the scenario's profile fields, by their written names", () => {
    const written = Object.values(PROFILE_FIELDS)
      .map((spec) => spec.written)
      .sort();
    expect(written).toEqual(Object.keys(WaypointOverride.shape).sort());
    expect(written.filter((name) => name !== 'replicas')).toEqual(
      Object.keys(ProxyProfileOverride.shape).sort(),
    );
  });

  it('a run of the brief scenario lists its sidecar fields with their values and records the profile that ran', () => {
    const config = resolveScenario({
      ...minimal(),
      duration: '1s',
      mesh: {
        shape: 'istio-sidecar',
        sidecar: { latency: '1ms', cpuPerRequest: '0.5ms', memoryBase: '80Mi' },
      },
    });
    const result = simulate(config);
    expect(result.assumptions).toContain(
      'sidecar: latency, cpuPerRequest, memoryBase set by the scenario (1 ms, 0.5 ms, 80 MiB).',
    );
    expect(result.assumptions.join('\n')).not.toContain('1.24 page');
    expect(result.scenario.meshProfiles).toMatchObject([
      {
        name: 'sidecar',
        kind: 'envoy-sidecar',
        setByScenario: ['latencyMs', 'cpuMsPerRequest', 'memoryBaseMiB'],
        latencyMs: { kind: 'constant', value: 1 },
        cpuMsPerRequest: 0.5,
        memoryBaseMiB: 80,
      },
    ]);
  });
});
