// Node pools: a service that names one runs on its nodes, of the pool's size, and nothing else does; a pool
// must lie in its cluster's zones and a service's pool must exist, with errors naming the field.

import { describe, expect, it } from 'vitest';

import { Simulation, simulate } from '../../src/index.js';
import type { ClusterConfig } from '../../src/index.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

const CLUSTER: ClusterConfig = {
  name: 'c',
  region: 'r',
  vpc: 'v',
  nodeCpu: 1,
  zones: [
    { name: 'a', nodes: 1 },
    { name: 'b', nodes: 1 },
  ],
  nodePools: [{ name: 'big', nodeCpu: 8, zones: [{ name: 'a', nodes: 1 }] }],
};

/** web → search; search's service time is all CPU, 4 workers per pod, on `pool` (or the default nodes). */
function shop(pool: string | undefined) {
  return config(
    [
      service('web', { cluster: 'c', calls: [[call('search')]] }),
      service('search', {
        cluster: 'c',
        replicas: 1,
        concurrency: 4,
        serviceTimeMs: { kind: 'exponential', mean: 4 },
        ...(pool !== undefined && { nodePool: pool }),
      }),
    ],
    [poisson('web', 400)],
    { clusters: [CLUSTER], durationMs: 5000 },
  );
}

describe('node pools', () => {
  it("runs a pool service on the pool's nodes, and nothing else there", () => {
    const sim = new Simulation(shop('big'));
    expect(sim.instancesOf('search').map((i) => i.node.name)).toEqual(['c/a/big-node-1']);
    expect(sim.instancesOf('web').every((i) => i.node.pool === null)).toBe(true);
    const result = sim.run();
    expect(result.nodes.map((n) => `${n.name}:${n.cores}`)).toEqual([
      'c/a/node-1:1',
      'c/b/node-1:1',
      'c/a/big-node-1:8',
    ]);
  });

  it('gives it the cores of the pool: 1.6 cores of work queue on a 1-core node, not on an 8-core one', () => {
    const onPool = simulate(shop('big'));
    const onDefault = simulate(shop(undefined));
    const p99 = (r: typeof onPool) => r.services.find((s) => s.name === 'search')?.latency.p99Ms ?? NaN;
    expect(p99(onDefault)).toBeGreaterThan(5 * p99(onPool));
    expect(onPool.nodes.find((n) => n.name === 'c/a/big-node-1')?.utilisation).toBeCloseTo(1.6 / 8, 1);
  });

  it('places a service that tolerates a tainted pool there too, by requests; others never', () => {
    // Two 1-core nodes and an 8-core tainted pool in zone a: the pool's free cores draw search's pods.
    const tolerant = config(
      [
        service('web', { cluster: 'c', replicas: 4 }),
        service('search', { cluster: 'c', replicas: 4, tolerates: ['big'] }),
      ],
      [poisson('web', 10)],
      { clusters: [CLUSTER], durationMs: 100 },
    );
    const sim = new Simulation(tolerant);
    expect(sim.instancesOf('web').every((i) => i.node.pool === null)).toBe(true);
    expect(sim.instancesOf('search').map((i) => i.node.name)).toEqual([
      'c/a/big-node-1',
      'c/b/node-1',
      'c/a/big-node-1',
      'c/b/node-1',
    ]);
    expect(
      () =>
        new Simulation({
          ...tolerant,
          services: tolerant.services.map((s) => (s.name === 'search' ? { ...s, tolerates: ['gpu'] } : s)),
        }),
    ).toThrow('services.search.tolerates[0]: unknown node pool "gpu" in cluster "c" (its pools: big)');
  });

  it("runs a service naming the cluster's own pool (poolName) on its own nodes only, never on a shared pool", () => {
    const cluster: ClusterConfig = {
      ...CLUSTER,
      poolName: 'default-pool',
      nodePools: [{ name: 'big', nodeCpu: 8, shared: true, zones: [{ name: 'a', nodes: 1 }] }],
    };
    const cfg = config(
      [
        service('web', { cluster: 'c', replicas: 4 }),
        service('search', { cluster: 'c', replicas: 4, nodePool: 'default-pool' }),
      ],
      [poisson('web', 10)],
      { clusters: [cluster], durationMs: 100 },
    );
    const sim = new Simulation(cfg);
    // web may use the shared 8-core pool (and its cores draw it there); search may not.
    expect(sim.instancesOf('web').some((i) => i.node.pool === 'big')).toBe(true);
    expect(sim.instancesOf('search').every((i) => i.node.pool === null)).toBe(true);
    expect(
      () =>
        new Simulation({
          ...cfg,
          clusters: [{ ...cluster, nodePools: [{ name: 'default-pool', zones: [{ name: 'a', nodes: 1 }] }] }],
        }),
    ).toThrow(
      `clusters[0].nodePools[0].name: duplicate node pool "default-pool" in cluster "c" (its own nodes' poolName)`,
    );
  });

  it('refuses an unknown pool, a pool outside the zones, a duplicate pool, and a pool with dedicated nodes', () => {
    expect(() => new Simulation(shop('gpu'))).toThrow(
      'services.search.nodePool: unknown node pool "gpu" in cluster "c" (its pools: big)',
    );
    const bad = (pools: NonNullable<ClusterConfig['nodePools']>) => ({
      ...shop('big'),
      clusters: [{ ...CLUSTER, nodePools: pools }],
    });
    expect(() => new Simulation(bad([{ name: 'big', zones: [{ name: 'z', nodes: 1 }] }]))).toThrow(
      'clusters[0].nodePools[0].zones[0].name: "z" is not a zone of cluster "c" (its zones: a, b)',
    );
    expect(
      () =>
        new Simulation(
          bad([
            { name: 'big', zones: [{ name: 'a', nodes: 1 }] },
            { name: 'big', zones: [{ name: 'b', nodes: 1 }] },
          ]),
        ),
    ).toThrow('clusters[0].nodePools[1].name: duplicate node pool "big" in cluster "c"');
    const both = shop('big');
    const dedicated = {
      ...both,
      services: both.services.map((s) => (s.name === 'search' ? { ...s, dedicatedNodes: true } : s)),
    };
    expect(() => new Simulation(dedicated)).toThrow(
      'services.search.nodePool: a service runs on a node pool or on dedicated nodes, not both',
    );
  });
});
