// Placement: a service's pods spread over zones (the zones holding the fewest of its pods first) to the least-loaded
// node; dedicated nodes (a service's `dedicatedNodes`) are new nodes of their own that no other placement uses.

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
  it('spreads shared replicas over zones, each on the node with the fewest instances', () => {
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

describe('Topology: node pools', () => {
  const POOLED = [
    {
      name: 'c',
      region: 'r',
      vpc: 'v',
      nodeCpu: 2,
      zones: CLUSTERS[0]?.zones ?? [],
      nodePools: [{ name: 'big', nodeCpu: 16, zones: [{ name: 'b', nodes: 2 }] }],
    },
  ];

  it("creates each pool's nodes after the default ones, named after the pool, with the pool's cores", () => {
    const topology = new Topology(POOLED);
    expect(topology.nodes.map((n) => `${n.name}:${n.cores}:${n.pool ?? '-'}`)).toEqual([
      'c/a/node-1:2:-',
      'c/a/node-2:2:-',
      'c/b/node-1:2:-',
      'c/b/big-node-1:16:big',
      'c/b/big-node-2:16:big',
    ]);
  });

  it('places a pool service on its pool only, and the others never there', () => {
    const topology = new Topology(POOLED);
    expect(topology.place('c', 3, { pool: 'big' }).map((n) => n.name)).toEqual([
      'c/b/big-node-1',
      'c/b/big-node-2',
      'c/b/big-node-1',
    ]);
    expect(topology.place('c', 6).every((n) => n.pool === null)).toBe(true);
  });

  it("a pool without a size takes the cluster's; without either, no CPU", () => {
    const topology = new Topology([
      { ...POOLED[0], nodePools: [{ name: 'same', zones: [{ name: 'a', nodes: 1 }] }] },
      { ...CLUSTERS[0], name: 'plain', nodePools: [{ name: 'p', zones: [{ name: 'a', nodes: 1 }] }] },
    ] as never);
    expect(topology.nodes.filter((n) => n.pool !== null).map((n) => `${n.name}:${n.cores}`)).toEqual([
      'c/a/same-node-1:2',
      'plain/a/p-node-1:null',
    ]);
  });

  it('refuses an unknown pool, naming the ones there are', () => {
    expect(() => new Topology(POOLED).place('c', 1, { pool: 'gpu' })).toThrow(
      'Topology: unknown node pool "gpu" in cluster "c" (its pools: big)',
    );
  });
});

describe('Topology: shared node pools', () => {
  it('places services that name no pool over the cluster nodes and the shared pool nodes of each zone', () => {
    const topology = new Topology([
      {
        name: 'c',
        region: 'r',
        vpc: 'v',
        zones: [
          { name: 'a', nodes: 1 },
          { name: 'b', nodes: 1 },
        ],
        nodePools: [
          { name: 'spot', shared: true, zones: [{ name: 'b', nodes: 1 }] },
          { name: 'gpu', zones: [{ name: 'a', nodes: 1 }] },
        ],
      },
    ]);
    // Three per zone; zone b's go to its cluster node and its shared pool node alike.
    expect(topology.place('c', 6).map((n) => n.name)).toEqual([
      'c/a/node-1',
      'c/b/node-1',
      'c/b/spot-node-1',
      'c/a/node-1',
      'c/b/node-1',
      'c/a/node-1',
    ]);
    // A service that names the shared pool runs there only; nothing unselected reaches the tainted one.
    expect(topology.place('c', 2, { pool: 'spot' }).map((n) => n.name)).toEqual([
      'c/b/spot-node-1',
      'c/b/spot-node-1',
    ]);
    expect(topology.nodes.find((n) => n.name === 'c/a/gpu-node-1')?.instanceCount).toBe(0);
  });
});
