// Placement: shared nodes round-robin over zones to the least-loaded node; dedicated nodes (a service's
// `dedicatedNodes`) are new nodes of their own that no other placement uses.

import { describe, expect, it } from 'vitest';
import { Topology } from '../../src/internal/index.js';

const CLUSTERS = [
  {
    name: 'c',
    region: 'r',
    vpc: 'v',
    zones: [
      { name: 'a', nodes: 2 },
      { name: 'b', nodes: 1 },
    ],
  },
];

describe('Topology', () => {
  it('places shared replicas round-robin over zones, on the node with the fewest instances', () => {
    const topology = new Topology(CLUSTERS);
    expect(topology.place('c', 4).map((n) => n.name)).toEqual([
      'c/a/node-1',
      'c/b/node-1',
      'c/a/node-2',
      'c/b/node-1',
    ]);
  });

  it('gives dedicated replicas new nodes of their own, round-robin over zones, never used by later placements', () => {
    const topology = new Topology(CLUSTERS);
    const dedicated = topology.placeDedicated('c', 3, 'loadgen');
    expect(dedicated.map((n) => n.name)).toEqual([
      'c/a/loadgen-node-1',
      'c/b/loadgen-node-2',
      'c/a/loadgen-node-3',
    ]);
    expect(dedicated.map((n) => n.id)).toEqual([3, 4, 5]);
    expect(topology.nodes).toHaveLength(6);
    const shared = topology.place('c', 12);
    expect(shared.some((n) => dedicated.includes(n))).toBe(false);
    expect(Topology.locality(dedicated[0]!, shared[0]!)).toBe('same-zone');
  });

  it('names the cluster it does not know', () => {
    expect(() => new Topology(CLUSTERS).placeDedicated('x', 1, 's')).toThrow('Topology: unknown cluster "x"');
  });
});
