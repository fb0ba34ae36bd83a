// Contract of the `mesh` object: shape options that select other defaults (istioVersion,
// appMeshLegacyAccount, layered), profile overrides for every proxy kind, and prices.

import {
  APP_MESH_ENVOY_PROFILE,
  AWS_US_EAST_1_PRICES,
  CILIUM_NODE_ENVOY_PROFILE,
  EBPF_PROFILE,
  LATTICE_HOP_PROFILE,
  LINKERD_PROXY_PROFILE,
  NO_RETRY,
  WAYPOINT_PROFILE,
  ZTUNNEL_PROFILE,
  defaultMeshConfig,
  istioSidecarProfile,
  simulate,
} from '@meshsim/mesh';
import type { MeshConfig, MeshShapeName, ProxyProfile } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../src/index.js';
import { minimal } from './__helpers__/scenarios.js';

function meshOf(mesh: unknown): MeshConfig {
  return resolveScenario({ ...minimal(), mesh }).mesh;
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
  it('istioVersion "1.4" selects the 1.4 sidecar profile, as defaultMeshConfig does', () => {
    const mesh = meshOf({ shape: 'istio-sidecar', istioVersion: '1.4' });
    expect(mesh).toEqual(defaultMeshConfig('istio-sidecar', { istioVersion: '1.4' }));
    expect(mesh.sidecar).toEqual(istioSidecarProfile('1.4'));
    expect(mesh.sidecar).not.toEqual(defaultMeshConfig('istio-sidecar').sidecar);
  });

  it('appMeshLegacyAccount: true drops App Mesh’s implicit retries from the default policy', () => {
    const mesh = meshOf({ shape: 'app-mesh', appMeshLegacyAccount: true });
    expect(mesh).toEqual(defaultMeshConfig('app-mesh', { appMeshLegacyAccount: true }));
    expect(mesh.defaultPolicy.retry).toEqual(NO_RETRY);
  });

  it('layered { inCluster: linkerd, crossCluster: none } gets linkerd’s profile and no Lattice hop', () => {
    const layered = { inCluster: 'linkerd', crossCluster: 'none' } as const;
    const mesh = meshOf({ shape: 'layered', layered });
    expect(mesh).toEqual(defaultMeshConfig('layered', { layered }));
    expect(mesh.linkerdProxy).toEqual(LINKERD_PROXY_PROFILE);
    expect(mesh.lattice).toBeUndefined();
  });

  it('mtls and encryption are taken as written', () => {
    expect(meshOf({ shape: 'cilium', mtls: true, encryption: true })).toMatchObject({
      mtls: true,
      encryption: true,
    });
  });
});

describe('mesh profile overrides', () => {
  const KINDS: [key: string, shape: MeshShapeName, base: ProxyProfile][] = [
    ['sidecar', 'istio-sidecar', defaultMeshConfig('istio-sidecar').sidecar],
    ['ztunnel', 'istio-ambient', ZTUNNEL_PROFILE],
    ['linkerdProxy', 'linkerd', LINKERD_PROXY_PROFILE],
    ['ebpf', 'cilium', EBPF_PROFILE],
    ['nodeProxy', 'cilium', CILIUM_NODE_ENVOY_PROFILE],
    ['lattice', 'vpc-lattice', LATTICE_HOP_PROFILE],
  ];

  it.each(KINDS)('%s (shape %s): every field converts its units', (key, shape, base) => {
    const mesh = meshOf({ shape, [key]: ALL_FIELDS }) as unknown as Record<string, unknown>;
    expect(mesh[key]).toEqual({ ...base, ...ALL_FIELDS_RESOLVED });
  });

  it.each(KINDS)('%s (shape %s): omitted fields keep the shape’s default profile', (key, shape, base) => {
    const mesh = meshOf({ shape, [key]: { workers: 7 } }) as unknown as Record<string, unknown>;
    expect(mesh[key]).toEqual({ ...base, workers: 7 });
  });

  it('waypoint takes the same fields plus replicas', () => {
    const mesh = meshOf({ shape: 'istio-ambient', waypoint: { ...ALL_FIELDS, replicas: 3 } });
    expect(mesh.waypoint).toEqual({ ...WAYPOINT_PROFILE, ...ALL_FIELDS_RESOLVED, replicas: 3 });
  });

  it('workers: unlimited is Infinity (no queueing)', () => {
    expect(meshOf({ shape: 'linkerd', linkerdProxy: { workers: 'unlimited' } }).linkerdProxy?.workers).toBe(
      Infinity,
    );
  });

  it('sidecar overrides apply to the shape’s own Envoy (App Mesh’s, not Istio’s)', () => {
    expect(meshOf({ shape: 'app-mesh', sidecar: { workers: 4 } }).sidecar).toEqual({
      ...APP_MESH_ENVOY_PROFILE,
      workers: 4,
    });
  });

  it('a profile the shape does not use starts from that kind’s default (kept for `compare`)', () => {
    expect(meshOf({ shape: 'istio-sidecar', ztunnel: { workers: 8 } }).ztunnel).toEqual({
      ...ZTUNNEL_PROFILE,
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

  it('a written label is used as is', () => {
    expect(meshOf({ shape: 'linkerd', prices: { label: 'on-prem 2025', gibHourUsd: 0 } }).prices).toEqual({
      ...AWS_US_EAST_1_PRICES,
      gibHourUsd: 0,
      label: 'on-prem 2025',
    });
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
