// Placement by CPU requests, as Kubernetes' default scheduler scores nodes on CPU: a node the pod fits on,
// the least requested share of its cores after the pod (100m for pods without a request), then the fewest
// instances; another zone when the pod's own has no room; nodes without a size by instance count.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NONZERO_CPU_REQUEST_MILLI, Topology } from '../../src/internal/index.js';
import type { ClusterConfig } from '../../src/index.js';

const cluster = (parts: Partial<ClusterConfig>): ClusterConfig => ({
  name: 'c',
  region: 'r',
  vpc: 'v',
  zones: [{ name: 'a', nodes: 2 }],
  ...parts,
});

const names = (nodes: readonly { name: string }[]): string[] => nodes.map((n) => n.name);

describe('placement weighs CPU requests (Kubernetes NodeResourcesFit + LeastAllocated)', () => {
  it('counts 100m for a pod that requests none, as the scheduler scores it', () => {
    expect(NONZERO_CPU_REQUEST_MILLI).toBe(100);
  });

  it('puts a pod on the node with the smallest requested share, not the fewest instances', () => {
    const topology = new Topology([cluster({ nodeCpu: 4 })]);
    // One big pod on node-1, then small ones: node-2 takes them until its share passes node-1's.
    expect(names(topology.place('c', 1, { cpuRequestCores: 2 }))).toEqual(['c/a/node-1']);
    const small = topology.place('c', 4, { cpuRequestCores: 0.5 });
    expect(names(small)).toEqual(['c/a/node-2', 'c/a/node-2', 'c/a/node-2', 'c/a/node-2']);
    // Both at 2 of 4 cores now: equal shares go to the node with fewer instances (node-1).
    expect(names(topology.place('c', 1, { cpuRequestCores: 0.5 }))).toEqual(['c/a/node-1']);
  });

  it('fills a shared pool of large nodes in proportion to their cores', () => {
    const topology = new Topology([
      cluster({
        nodeCpu: 2,
        zones: [{ name: 'a', nodes: 1 }],
        nodePools: [{ name: 'big', nodeCpu: 16, zones: [{ name: 'a', nodes: 1 }], shared: true }],
      }),
    ]);
    const nodes = topology.place('c', 18);
    const onBig = nodes.filter((n) => n.pool === 'big').length;
    expect(onBig).toBe(16);
    expect(nodes.length - onBig).toBe(2);
  });

  it("skips a node without room for the request, and goes to another zone when its spread's zones have none", () => {
    const topology = new Topology([
      cluster({
        nodeCpu: 2,
        zones: [
          { name: 'a', nodes: 1 },
          { name: 'b', nodes: 1 },
        ],
      }),
    ]);
    // Zone a's node has 0.5 cores unrequested, zone b's 2.
    topology.place('c', 1, { cpuRequestCores: 1.5 });
    // The first pod goes to zone b's node (the less requested); the second would spread to zone a, which has no room
    // for 1 core, so it goes to zone b again.
    expect(names(topology.place('c', 2, { cpuRequestCores: 1 }))).toEqual(['c/b/node-1', 'c/b/node-1']);
    // No room left anywhere for 1.5 cores: the best node of its spread's zones takes it anyway (overcommitted).
    expect(names(topology.place('c', 1, { cpuRequestCores: 1.5 }))).toEqual(['c/a/node-1']);
    expect(topology.nodes.map((n) => n.requestedMilli)).toEqual([3000, 2000]);
  });

  it('prefers a node the pod fits on over a less requested one it does not fit on (mixed sizes)', () => {
    const topology = new Topology([
      cluster({
        nodeCpu: 1,
        zones: [{ name: 'a', nodes: 1 }],
        nodePools: [{ name: 'big', nodeCpu: 8, zones: [{ name: 'a', nodes: 1 }], shared: true }],
      }),
    ]);
    // 0.9 cores requested of the big node (11 %), none of the small one, whose 1 core cannot take 1.5.
    topology.place('c', 1, { pool: 'big', cpuRequestCores: 0.9 });
    expect(names(topology.place('c', 1, { cpuRequestCores: 1.5 }))).toEqual(['c/a/big-node-1']);
  });

  it('balances nodes without a size by instance count, whatever the requests', () => {
    const topology = new Topology([cluster({})]);
    expect(names(topology.place('c', 1, { cpuRequestCores: 3 }))).toEqual(['c/a/node-1']);
    expect(names(topology.place('c', 3, { cpuRequestCores: 0.1 }))).toEqual([
      'c/a/node-2',
      'c/a/node-1',
      'c/a/node-2',
    ]);
  });

  it('places exactly as by instance count when every pod requests the same and the nodes are alike', () => {
    // The rule by counts alone: each service's pods to the zones holding the fewest of them, there to the node with
    // the fewest instances, in zone order then node order.
    const byCount = (zones: { name: string; nodes: number }[], batches: number[]): string[] => {
      const counts = zones.map((z) => new Array<number>(z.nodes).fill(0));
      const out: string[] = [];
      for (const replicas of batches) {
        const zonePods = zones.map(() => 0);
        for (let i = 0; i < replicas; i++) {
          const fewest = Math.min(...zonePods);
          let best: [number, number] | null = null;
          counts.forEach((zone, z) => {
            if (zonePods[z] !== fewest) return;
            zone.forEach((count, n) => {
              if (best === null || count < (counts[best[0]]?.[best[1]] as number)) best = [z, n];
            });
          });
          const [z, n] = best as unknown as [number, number];
          (counts[z] as number[])[n] = ((counts[z] as number[])[n] as number) + 1;
          zonePods[z] = (zonePods[z] as number) + 1;
          out.push(`c/${zones[z]?.name}/node-${n + 1}`);
        }
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(undefined, 0.1, 0.25, 1),
        fc.integer({ min: 1, max: 32 }),
        (nodesPerZone, batches, request, nodeCpu) => {
          const zones = nodesPerZone.map((nodes, i) => ({ name: `z${i}`, nodes }));
          const topology = new Topology([cluster({ nodeCpu, zones })]);
          const placed = batches.flatMap((replicas) =>
            names(topology.place('c', replicas, { cpuRequestCores: request })),
          );
          // With room on every node the fit check never bites and the counts decide alone (at worst a
          // zone of one node takes its whole share of a service's pods).
          const perZone = batches.reduce((sum, b) => sum + Math.ceil(b / zones.length), 0);
          fc.pre(perZone * (request ?? 0) <= nodeCpu);
          expect(placed).toEqual(byCount(zones, batches));
        },
      ),
    );
  });
});

describe('placement by requests: properties', () => {
  it("never overcommits a node while another node of the pod's zones has room, and counts every request once", () => {
    const pod = fc.record({
      replicas: fc.integer({ min: 1, max: 4 }),
      requestMilli: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 2 }),
        fc.array(pod, { minLength: 1, maxLength: 12 }),
        (nodeCpu, poolNodes, poolCpu, zoneCount, pods) => {
          const zones = Array.from({ length: zoneCount }, (_, i) => ({ name: `z${i}`, nodes: 1 + (i % 2) }));
          const topology = new Topology([
            cluster({
              nodeCpu,
              zones,
              nodePools: [
                { name: 'p', nodeCpu: poolCpu, zones: [{ name: 'z0', nodes: poolNodes }], shared: true },
              ],
            }),
          ]);
          let requested = 0;
          for (const { replicas, requestMilli } of pods) {
            const request = requestMilli === undefined ? undefined : requestMilli / 1000;
            for (let r = 0; r < replicas; r++) {
              const before = topology.nodes.map((n) => n.requestedMilli);
              const anyRoom = topology.nodes.some(
                (n, i) =>
                  (before[i] as number) + (requestMilli ?? 0) <= Math.round((n.cores as number) * 1000),
              );
              // One replica at a time, so that each placement can be checked against the nodes just before it.
              const [node] = topology.place('c', 1, { cpuRequestCores: request });
              if (node === undefined) throw new Error('placed nothing');
              // A pod requesting nothing fits anywhere, on a node already over-requested too (it adds nothing).
              if (anyRoom && requestMilli !== undefined)
                expect(node.requestedMilli).toBeLessThanOrEqual(Math.round((node.cores as number) * 1000));
              requested += requestMilli ?? 0;
            }
          }
          expect(topology.nodes.reduce((sum, n) => sum + n.requestedMilli, 0)).toBe(requested);
          const count = pods.reduce((sum, p) => sum + p.replicas, 0);
          expect(topology.nodes.reduce((sum, n) => sum + n.instanceCount, 0)).toBe(count);
        },
      ),
    );
  });
});

describe('Pending pods: the fit counts the sidecar and the DaemonSets, the score does not', () => {
  it('leaves the pods no node has room for Pending: the last ones, none placed', () => {
    const topology = new Topology([cluster({ nodeCpu: 1 })]);
    // Two nodes of 1 core, pods of 300m + a 100m sidecar: two per node fit, the fifth and sixth do not.
    const placed = topology.place('c', 6, {
      cpuRequestCores: 0.3,
      sidecarCpuRequestCores: 0.1,
      leavePending: true,
    });
    expect(names(placed)).toEqual(['c/a/node-1', 'c/a/node-2', 'c/a/node-1', 'c/a/node-2']);
    expect(topology.nodes.map((n) => n.requestedMilli)).toEqual([800, 800]);
    expect(topology.nodes.map((n) => n.instanceCount)).toEqual([2, 2]);
  });

  it('reserves the per-node proxies on every node, those created later included', () => {
    const topology = new Topology([cluster({ nodeCpu: 1 })]);
    topology.reservePerNode(0.2);
    expect(topology.nodes.map((n) => n.requestedMilli)).toEqual([200, 200]);
    // 800m left per node: one pod of 500m each.
    expect(topology.place('c', 3, { cpuRequestCores: 0.5, leavePending: true })).toHaveLength(2);
    const [dedicated] = topology.placeDedicated('c', 1, 'big');
    expect(dedicated?.requestedMilli).toBe(200);
  });

  it('places a pod with no room anyway without leavePending (a waypoint)', () => {
    const topology = new Topology([cluster({ nodeCpu: 1, zones: [{ name: 'a', nodes: 1 }] })]);
    expect(topology.place('c', 3, { cpuRequestCores: 0.5 })).toHaveLength(3);
    expect(topology.nodes[0]?.requestedMilli).toBe(1500);
  });

  it('moves no pod of a placement that fits with the sidecars and DaemonSets added, whatever they request', () => {
    // The score counts the application's request alone: where the placement made without the mesh's requests has
    // room for them on every node, the placement made with them is the same one (so a mesh moves no pod).
    const pod = fc.record({
      replicas: fc.integer({ min: 1, max: 4 }),
      requestMilli: fc.option(fc.integer({ min: 1, max: 1500 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.array(pod, { minLength: 1, maxLength: 8 }),
        (nodeCpu, zoneCount, sidecarMilli, perNodeMilli, pods) => {
          const zones = Array.from({ length: zoneCount }, (_, i) => ({ name: `z${i}`, nodes: 1 + (i % 2) }));
          const bare = new Topology([cluster({ nodeCpu, zones })]);
          const meshed = new Topology([cluster({ nodeCpu, zones })]);
          meshed.reservePerNode(perNodeMilli / 1000);
          const sidecarCpuRequestCores = sidecarMilli / 1000;
          const before: string[] = [];
          const after: string[] = [];
          for (const { replicas, requestMilli } of pods) {
            const cpuRequestCores = requestMilli === undefined ? undefined : requestMilli / 1000;
            before.push(...names(bare.place('c', replicas, { cpuRequestCores, leavePending: true })));
            const placed = meshed.place('c', replicas, {
              cpuRequestCores,
              sidecarCpuRequestCores,
              leavePending: true,
            });
            after.push(...names(placed));
          }
          // No sized node is ever over-requested by pods left to `leavePending`.
          for (const node of meshed.nodes) expect(node.requestedMilli).toBeLessThanOrEqual(nodeCpu * 1000);
          const roomForTheMesh = bare.nodes.every(
            (n) => n.requestedMilli + perNodeMilli + n.instanceCount * sidecarMilli <= nodeCpu * 1000,
          );
          if (roomForTheMesh) expect(after).toEqual(before);
        },
      ),
    );
  });
});

describe('a pod that requests no CPU', () => {
  it('fits any node, an over-requested one too, as the scheduler checks CPU only for a positive request', () => {
    const topology = new Topology([cluster({ nodeCpu: 1, zones: [{ name: 'a', nodes: 1 }] })]);
    // Placed anyway (no leavePending): the node is over-requested.
    topology.place('c', 2, { cpuRequestCores: 0.8 });
    expect(topology.place('c', 2, { leavePending: true })).toHaveLength(2);
    expect(topology.place('c', 1, { cpuRequestCores: 0.001, leavePending: true })).toHaveLength(0);
  });
});

describe('memory: a pod fits where its memory request fits too, on nodes with a memory size', () => {
  it('leaves Pending the pods whose memory no node has room for, whatever CPU is left', () => {
    const topology = new Topology([cluster({ nodeCpu: 8, nodeMemoryMiB: 1024 })]);
    // 384 MiB per pod: two per node of 1 GiB, though 8 cores would take 80 pods of 100m.
    const placed = topology.place('c', 6, {
      cpuRequestCores: 0.1,
      memoryRequestMiB: 384,
      leavePending: true,
    });
    expect(names(placed)).toEqual(['c/a/node-1', 'c/a/node-2', 'c/a/node-1', 'c/a/node-2']);
    expect(topology.nodes.map((n) => n.requestedMemoryBytes / 2 ** 20)).toEqual([768, 768]);
  });

  it("reserves the per-node proxies' memory on every node", () => {
    const topology = new Topology([cluster({ nodeCpu: 8, nodeMemoryMiB: 1024 })]);
    topology.reservePerNode(0.2, 512);
    expect(topology.place('c', 4, { memoryRequestMiB: 256, leavePending: true })).toHaveLength(4);
    expect(topology.place('c', 1, { memoryRequestMiB: 1, leavePending: true })).toHaveLength(0);
  });

  it('ignores memory requests on nodes without a memory size, and fits them on nodes without a CPU size', () => {
    const noMemory = new Topology([cluster({ nodeCpu: 8 })]);
    expect(noMemory.place('c', 10, { memoryRequestMiB: 4096, leavePending: true })).toHaveLength(10);
    const memoryOnly = new Topology([cluster({ nodeMemoryMiB: 1000 })]);
    expect(memoryOnly.place('c', 5, { memoryRequestMiB: 400, leavePending: true })).toHaveLength(4);
  });
});
