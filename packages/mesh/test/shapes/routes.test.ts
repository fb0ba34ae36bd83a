// Routes per shape: the stations a same-node, a cross-node and a cross-cluster call pass, in order
// (twoClusterConfig: a-1 and b-1 share node-1, b-2 is on node-2, c-1 is in cluster-2).

import { describe, expect, it } from 'vitest';
import { Simulation, describeRoute } from '../../src/index.js';
import type { MeshConfig, ServiceConfig } from '../../src/index.js';
import { meshOf, twoClusterConfig } from '../__helpers__/shapeHarness.js';

const N1 = 'cluster-1/zone-a/node-1';
const N2 = 'cluster-1/zone-a/node-2';
const X1 = 'cluster-2/zone-x/node-1';

/** The described routes a-1 → b-1 (same node), a-1 → b-2 (cross-node), a-1 → c-1 (cross-cluster). */
function routes(
  mesh: MeshConfig,
  b: Partial<ServiceConfig> = {},
): { sameNode: string[]; crossNode: string[]; crossCluster: string[] } {
  const sim = new Simulation(twoClusterConfig(mesh, b));
  const [a1] = sim.instancesOf('a');
  const [b1, b2] = sim.instancesOf('b');
  const [c1] = sim.instancesOf('c');
  if (a1 === undefined || b1 === undefined || b2 === undefined || c1 === undefined)
    throw new Error('placement');
  const route = (to: typeof b1): string[] => describeRoute(sim.dataPlane.route(a1.caller, to));
  return { sameNode: route(b1), crossNode: route(b2), crossCluster: route(c1) };
}

const sidecarRoute = (kind: string, from: string, locality: string, to: string): string[] => [
  `${kind}@${from}`,
  `network:${locality}`,
  `${kind}@${to}`,
];

describe('routes by mesh shape', () => {
  it('none and library: one network transfer', () => {
    for (const shape of ['none', 'library'] as const) {
      const r = routes(meshOf(shape));
      expect(r.sameNode).toEqual(['network:same-node']);
      expect(r.crossNode).toEqual(['network:same-zone']);
      expect(r.crossCluster).toEqual(['network:cross-cluster']);
    }
  });

  it('sidecar shapes: caller sidecar → network → callee sidecar, with each shape’s proxy kind', () => {
    const kinds = {
      'istio-sidecar': 'envoy-sidecar',
      linkerd: 'linkerd2-proxy',
      'app-mesh': 'app-mesh-envoy',
      consul: 'consul-envoy',
    } as const;
    for (const [shape, kind] of Object.entries(kinds) as [keyof typeof kinds, string][]) {
      const r = routes(meshOf(shape));
      expect(r.sameNode, shape).toEqual(sidecarRoute(kind, N1, 'same-node', N1));
      expect(r.crossNode, shape).toEqual(sidecarRoute(kind, N1, 'same-zone', N2));
      expect(r.crossCluster, shape).toEqual(sidecarRoute(kind, N1, 'cross-cluster', X1));
    }
  });

  it('istio-ambient without a waypoint: caller-node ztunnel → network → callee-node ztunnel', () => {
    const r = routes(meshOf('istio-ambient'));
    expect(r.sameNode).toEqual([`ztunnel@${N1}`, 'network:same-node', `ztunnel@${N1}`]);
    expect(r.crossNode).toEqual([`ztunnel@${N1}`, 'network:same-zone', `ztunnel@${N2}`]);
    expect(r.crossCluster).toEqual([`ztunnel@${N1}`, 'network:cross-cluster', `ztunnel@${X1}`]);
  });

  it('istio-ambient with a waypoint: ztunnel → network → waypoint → network → callee-node ztunnel', () => {
    const r = routes(meshOf('istio-ambient'), { waypoint: true });
    // The waypoint pod is placed after the services, on the least-loaded node of b's cluster (node-1).
    expect(r.sameNode).toEqual([
      `ztunnel@${N1}`,
      'network:same-node',
      `waypoint@${N1}`,
      'network:same-node',
      `ztunnel@${N1}`,
    ]);
    expect(r.crossNode).toEqual([
      `ztunnel@${N1}`,
      'network:same-node',
      `waypoint@${N1}`,
      'network:same-zone',
      `ztunnel@${N2}`,
    ]);
    expect(r.crossCluster).toEqual([`ztunnel@${N1}`, 'network:cross-cluster', `ztunnel@${X1}`]);
  });

  it('istio-ambient: callers pick among waypoint replicas round robin', () => {
    const sim = new Simulation(twoClusterConfig(meshOf('istio-ambient'), { waypoint: { replicas: 2 } }));
    const [a1] = sim.instancesOf('a');
    const [b1] = sim.instancesOf('b');
    if (a1 === undefined || b1 === undefined) throw new Error('placement');
    const waypoints = [0, 1, 2, 3].map(() => describeRoute(sim.dataPlane.route(a1.caller, b1))[2]);
    expect(waypoints).toEqual([`waypoint@${N1}`, `waypoint@${N2}`, `waypoint@${N1}`, `waypoint@${N2}`]);
  });

  it('cilium: node eBPF → network → node eBPF; the client node Envoy joins for L7 destinations; WireGuard between nodes', () => {
    const plain = routes(meshOf('cilium'));
    expect(plain.sameNode).toEqual([`cilium-ebpf@${N1}`, 'network:same-node', `cilium-ebpf@${N1}`]);
    expect(plain.crossNode).toEqual([`cilium-ebpf@${N1}`, 'network:same-zone', `cilium-ebpf@${N2}`]);
    const l7 = routes(meshOf('cilium'), { deadlinePropagation: true });
    expect(l7.crossNode).toEqual([
      `cilium-ebpf@${N1}`,
      `cilium-envoy@${N1}`,
      'network:same-zone',
      `cilium-ebpf@${N2}`,
    ]);
    expect(l7.crossCluster).toEqual([`cilium-ebpf@${N1}`, 'network:cross-cluster', `cilium-ebpf@${X1}`]);
    const encrypted = routes(meshOf('cilium', { encryption: true }));
    expect(encrypted.sameNode).toEqual([`cilium-ebpf@${N1}`, 'network:same-node', `cilium-ebpf@${N1}`]);
    expect(encrypted.crossNode).toEqual([
      `cilium-ebpf@${N1}`,
      `wireguard@${N1}`,
      'network:same-zone',
      `wireguard@${N2}`,
      `cilium-ebpf@${N2}`,
    ]);
  });

  it('vpc-lattice: network → the destination’s Lattice service, for every call', () => {
    const r = routes(meshOf('vpc-lattice'));
    expect(r.sameNode).toEqual(['network:same-node', 'vpc-lattice@lattice/b']);
    expect(r.crossNode).toEqual(['network:same-zone', 'vpc-lattice@lattice/b']);
    expect(r.crossCluster).toEqual(['network:cross-cluster', 'vpc-lattice@lattice/c']);
  });

  it('layered (seed 000: ambient inside, Lattice between): the Lattice hop only on cross-cluster calls', () => {
    const r = routes(meshOf('layered'));
    expect(r.sameNode).toEqual([`ztunnel@${N1}`, 'network:same-node', `ztunnel@${N1}`]);
    expect(r.crossNode).toEqual([`ztunnel@${N1}`, 'network:same-zone', `ztunnel@${N2}`]);
    expect(r.crossCluster).toEqual([
      `ztunnel@${N1}`,
      'network:cross-cluster',
      'vpc-lattice@lattice/c',
      `ztunnel@${X1}`,
    ]);
  });

  it('layered with sidecars inside and no cross-cluster hop: the in-cluster route everywhere', () => {
    const r = routes(meshOf('layered', { inCluster: 'istio-sidecar', crossCluster: 'none' }));
    expect(r.crossCluster).toEqual(sidecarRoute('envoy-sidecar', N1, 'cross-cluster', X1));
  });

  it('routes are cached: the same caller and instance get the same route object', () => {
    const sim = new Simulation(twoClusterConfig(meshOf('layered')));
    const [a1] = sim.instancesOf('a');
    const [c1] = sim.instancesOf('c');
    if (a1 === undefined || c1 === undefined) throw new Error('placement');
    expect(sim.dataPlane.route(a1.caller, c1)).toBe(sim.dataPlane.route(a1.caller, c1));
  });
});
