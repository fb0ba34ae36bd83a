// `layered` with VPC Lattice between clusters: calls to another cluster follow Lattice's rules (the caller sees the
// Lattice service, not the pods: no outlier detection, Lattice's round robin, endpoints kept by its health checks),
// calls within a cluster the in-cluster shape's.

import { describe, expect, it } from 'vitest';
import { resolveMeshConfig, simulate } from '../../../src/index.js';
import type {
  EdgeMetrics,
  FaultConfig,
  MeshOptions,
  SimulationConfig,
  SimulationResult,
} from '../../../src/index.js';
import { ENVOY_OUTLIER_DETECTION, NO_DESTINATION_POLICY } from '../../../src/config/policyDefaults.js';
import { assertConservation } from '../../__helpers__/assertions.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

const LAYERED: MeshOptions = { shape: 'layered', inCluster: 'istio-sidecar', crossCluster: 'vpc-lattice' };

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

/**
 * `front` in cluster `a` calls `remote` (cluster `b`) and `local` (cluster `a`), each of ten pods with Envoy's
 * default outlier detection; `fault` hits both.
 */
function twoClusters(mesh: MeshOptions, faults: (service: string) => FaultConfig[]): SimulationConfig {
  const backend = (name: string, cluster: string) =>
    service(name, {
      cluster,
      replicas: 10,
      concurrency: 16,
      destination: { ...NO_DESTINATION_POLICY, outlierDetection: ENVOY_OUTLIER_DETECTION },
    });
  const base = config(
    [
      service('front', {
        cluster: 'a',
        replicas: 3,
        concurrency: 64,
        calls: [[call('remote'), call('local')]],
      }),
      backend('remote', 'b'),
      backend('local', 'a'),
    ],
    [poisson('front', 300)],
    { durationMs: 20_000, faults: [...faults('remote'), ...faults('local')] },
  );
  return {
    ...base,
    clusters: [
      { name: 'a', region: 'r', vpc: 'va', zones: [{ name: 'a1', nodes: 2 }] },
      { name: 'b', region: 'r', vpc: 'vb', zones: [{ name: 'b1', nodes: 2 }] },
    ],
    mesh: resolveMeshConfig(mesh),
  };
}

const failingPod = (service: string): FaultConfig[] => [
  { atMs: 2000, durationMs: Infinity, service, instances: 1, effect: { kind: 'error', rate: 1 } },
];

describe('layered: cross-cluster calls behave as under vpc-lattice', () => {
  it('no outlier detection through Lattice (with a warning), the in-cluster shape’s within a cluster', () => {
    const result = simulate(twoClusters(LAYERED, failingPod));
    const remote = edge(result, 'front', 'remote');
    const local = edge(result, 'front', 'local');
    // Through Lattice the caller never sees the failing pod: its tenth of the calls keeps failing.
    expect(remote.policyEvents).toEqual({});
    expect(remote.successRate).toBeLessThan(0.93);
    // Within cluster a the caller's sidecar ejects it.
    expect(Object.keys(local.policyEvents).length).toBeGreaterThan(0);
    expect(local.successRate).toBeGreaterThan(0.99);
    expect(result.warnings.join('\n')).toMatch(
      /outlier-detection for calls to "remote" cannot be enforced by the managed-hop hop/,
    );
    expect(result.warnings.join('\n')).not.toMatch(/calls to "local" cannot be enforced/);
    assertConservation(result);
  });

  it('a crashed pod behind Lattice keeps its share of calls failing until Lattice’s health checks drop it, not 1 s', () => {
    const crash = (service: string): FaultConfig[] => [
      { atMs: 2000, durationMs: 10_000, service, instances: 2, effect: { kind: 'crash' } },
    ];
    const result = simulate(twoClusters(LAYERED, crash));
    const failedOf = (destination: string) =>
      result.timeSeries.edges.find((e) => e.source === 'front' && e.destination === destination)?.failed ??
      [];
    // Health checks at 30 s and 60 s would drop them; the pods are back at 12 s: failures the whole 10 s.
    expect(
      failedOf('remote')
        .slice(4, 11)
        .every((n) => n > 0),
    ).toBe(true);
    // Within the cluster, the endpoint update delay (1 s) drops them.
    expect(
      failedOf('local')
        .slice(4, 11)
        .every((n) => n === 0),
    ).toBe(true);
  });
});
