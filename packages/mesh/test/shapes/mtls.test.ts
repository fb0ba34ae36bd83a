// mTLS per shape: which edges each data plane encrypts and mutually authenticates by default.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type { MeshConfig, MeshShapeName, SimulationResult } from '../../src/index.js';
import { meshOf, twoClusterConfig } from '../__helpers__/shapeHarness.js';

function edgeMtls(result: SimulationResult, source: string, destination: string): boolean | undefined {
  return result.edges.find((e) => e.source === source && e.destination === destination)?.mtls;
}

const run = (mesh: MeshConfig): SimulationResult => simulate({ ...twoClusterConfig(mesh), durationMs: 500 });

describe('mTLS by shape', () => {
  it('is on by default for Istio (both modes), Linkerd and Consul, off for Cilium, App Mesh and Lattice', () => {
    const expected: Record<Exclude<MeshShapeName, 'layered'>, boolean> = {
      none: false,
      library: false,
      'istio-sidecar': true,
      'istio-ambient': true,
      linkerd: true,
      consul: true,
      cilium: false,
      'app-mesh': false,
      'vpc-lattice': false,
    };
    for (const [shape, mtls] of Object.entries(expected) as [MeshShapeName, boolean][]) {
      const result = run(meshOf(shape));
      expect(edgeMtls(result, 'a', 'b'), shape).toBe(mtls);
      expect(edgeMtls(result, 'client', 'a'), `${shape}: traffic from outside the mesh`).toBe(false);
    }
  });

  it('can be turned on where it is opt-in (Cilium mutual authentication, App Mesh TLS)', () => {
    // Cilium: mutual authentication encrypts nothing; with WireGuard encryption too the edge is mTLS.
    expect(edgeMtls(run(meshOf('cilium', { mtls: true, encryption: true })), 'a', 'b')).toBe(true);
    expect(edgeMtls(run({ ...meshOf('app-mesh'), mtls: true }), 'a', 'b')).toBe(true);
  });

  it('layered: mTLS inside a cluster (ambient), not on the cross-cluster Lattice leg (TLS + IAM)', () => {
    const result = run(meshOf('layered'));
    expect(edgeMtls(result, 'a', 'b')).toBe(true);
    expect(edgeMtls(result, 'a', 'c')).toBe(false);
  });
});
