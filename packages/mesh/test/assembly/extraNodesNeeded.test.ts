// How many more nodes would run every Pending pod: the fewest of the cluster's own size, added to its zones in
// turn, with which placement leaves none Pending — or why meshsim does not say (pods bound to a pool, pods larger
// than a node).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import type { ClusterConfig, MeshOptions, ServiceConfig, SimulationResult } from '../../src/index.js';
import { config, inOneCluster, poisson, service } from '../__helpers__/configs.js';

/** `services` in cluster c (`nodes` per zone in `zones` zones of `nodeCpu` cores), under `mesh`. */
function run(
  services: ServiceConfig[],
  mesh: MeshOptions = { shape: 'none' },
  cluster: Partial<ClusterConfig> = {},
): SimulationResult {
  const traffic = [poisson(services[0]?.name ?? 'a', 50)];
  return simulate(inOneCluster(services, traffic, { nodes: 2, nodeCpu: 2, ...cluster }, mesh, 100));
}

const shortfall = (result: SimulationResult): string[] =>
  result.warnings.filter((w) => w.startsWith('cluster c:') || w.startsWith('cluster c, node pool'));

describe('extra nodes needed', () => {
  it('is 0 when every pod runs, and null when nodes have no size', () => {
    expect(run([service('a', { replicas: 4, cpuRequestCores: 0.5 })]).extraNodesNeeded).toBe(0);
    const unsized = config([service('a', { replicas: 4 })], [poisson('a', 50)], { durationMs: 100 });
    expect(simulate(unsized).extraNodesNeeded).toBeNull();
  });

  it('counts the fewest nodes of the cluster’s size that run every Pending pod, and says so', () => {
    // 10 pods of 900m + Istio's 100m: 2 per node of 2 cores, so 5 nodes: 3 more than the 2.
    const result = run([service('a', { replicas: 10, cpuRequestCores: 0.9 })], { shape: 'istio-sidecar' });
    expect(result.services[0]).toMatchObject({ instances: 4, pendingPods: 6 });
    expect(result.extraNodesNeeded).toBe(3);
    expect(shortfall(result)).toEqual([
      'cluster c: 3 more nodes of 2 cores (added to its zones in turn) would run every Pending pod',
    ]);
  });

  it('counts the nodes of a node pool for the pods bound to it, and does not say for a pod larger than any node', () => {
    // 3 pods of 1.5 cores bound to pool p (one 2-core node): 1 runs, so 2 more pool nodes, none of the cluster's own.
    const pooled = run(
      [service('a', { replicas: 3, cpuRequestCores: 1.5, nodePool: 'p' })],
      { shape: 'none' },
      {
        nodePools: [{ name: 'p', nodeCpu: 2, zones: [{ name: 'z', nodes: 1 }] }],
      },
    );
    expect(pooled.services[0]).toMatchObject({ instances: 1, pendingPods: 2 });
    expect(pooled.extraNodesNeeded).toBe(2);
    expect(shortfall(pooled)).toEqual([
      'cluster c, node pool p: 2 more nodes of 2 cores (added to its zones in turn) would run every Pending pod bound to it',
    ]);
    // Pods bound to a pool and pods on the cluster's own nodes: each grows, the pool first.
    const both = run(
      [
        service('a', { replicas: 3, cpuRequestCores: 1.5, nodePool: 'p' }),
        service('b', { replicas: 5, cpuRequestCores: 0.9 }),
      ],
      { shape: 'none' },
      { nodePools: [{ name: 'p', nodeCpu: 4, zones: [{ name: 'z', nodes: 1 }] }] },
    );
    // Pool p (4 cores) runs 2 of a; the 2 own nodes run 4 of b (2 each): 1 more pool node, 1 more own node.
    expect(both.services.map((s) => s.pendingPods)).toEqual([1, 1]);
    expect(both.extraNodesNeeded).toBe(2);
    expect(shortfall(both)).toEqual([
      'cluster c, node pool p: 1 more node of 4 cores (added to its zones in turn) would run every Pending pod bound to it',
      'cluster c: 1 more node of 2 cores (added to its zones in turn) would run every Pending pod',
    ]);
    const huge = run([service('a', { replicas: 1, cpuRequestCores: 3 })]);
    expect(huge.extraNodesNeeded).toBeNull();
    expect(shortfall(huge)).toEqual([
      'cluster c: even 16 more nodes of 2 cores (the most the search adds: 4 × its 2 nodes, at least 16) would leave ' +
        "pods Pending: service a's application requests 3 cores (its cpuRequest), more than a node has",
    ]);
    // One pod slot per node, which the ztunnel takes: no number of nodes runs a pod.
    const noSlot = run([service('a', { replicas: 1 })], { shape: 'istio-ambient' }, { nodeMaxPods: 1 });
    expect(noSlot.extraNodesNeeded).toBeNull();
    expect(shortfall(noSlot)[0]).toMatch(
      /would leave pods Pending \(DaemonSet pods — the mesh's per-node proxies and the cluster's daemonSets — take every pod slot of a node: raise nodeMaxPods\)$/,
    );
  });

  it('is the fewest: with one node fewer some pod stays Pending, with that many none does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        // Pod slots per node (a ztunnel takes one), or the kubelet's default.
        fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined }),
        fc.constantFrom<MeshOptions>({ shape: 'istio-sidecar' }, { shape: 'istio-ambient' }),
        fc.array(
          fc.record({ replicas: fc.integer({ min: 1, max: 6 }), milli: fc.integer({ min: 100, max: 1900 }) }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        // The cluster's other DaemonSets: a slot and their requests on every node, the added ones too.
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 2 }),
        (zoneCount, perZone, nodeMaxPods, mesh, specs, daemonSetMilli) => {
          const zones = Array.from({ length: zoneCount }, (_, i) => ({ name: `z${i}`, nodes: perZone }));
          const services = specs.map((spec, i) =>
            service(`s${i}`, { replicas: spec.replicas, cpuRequestCores: spec.milli / 1000 }),
          );
          const daemonSets = daemonSetMilli.map((milli, i) => ({
            name: `d${i}`,
            cpuRequestCores: milli / 1000,
          }));
          const slots = {
            ...(nodeMaxPods === undefined ? {} : { nodeMaxPods }),
            ...(daemonSets.length === 0 ? {} : { daemonSets }),
          };
          const extra = run(services, mesh, { zones, ...slots }).extraNodesNeeded;
          if (extra === null || extra === 0) return;
          // The same cluster grown by `extra` (and by one fewer), zones in turn.
          const grownBy = (k: number) =>
            zones.map((z, i) => ({
              ...z,
              nodes: z.nodes + Math.floor(k / zoneCount) + (i < k % zoneCount ? 1 : 0),
            }));
          const pending = (k: number) =>
            run(services, mesh, { zones: grownBy(k), ...slots }).services.reduce(
              (n, s) => n + s.pendingPods,
              0,
            );
          expect(pending(extra)).toBe(0);
          expect(pending(extra - 1)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is the fewest for a node pool too: its pods Pending with one pool node fewer, none with that many', () => {
    let counted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.array(
          fc.record({ replicas: fc.integer({ min: 1, max: 5 }), milli: fc.integer({ min: 100, max: 3900 }) }),
          { minLength: 1, maxLength: 3 },
        ),
        (poolNodes, specs) => {
          const services = specs.map((spec, i) =>
            service(`s${i}`, { replicas: spec.replicas, cpuRequestCores: spec.milli / 1000, nodePool: 'p' }),
          );
          const pool = (extra: number) => ({
            nodePools: [{ name: 'p', nodeCpu: 4, zones: [{ name: 'z', nodes: poolNodes + extra }] }],
          });
          const extra = run(services, { shape: 'istio-sidecar' }, pool(0)).extraNodesNeeded;
          if (extra === null || extra === 0) return;
          counted++;
          const pending = (k: number) =>
            run(services, { shape: 'istio-sidecar' }, pool(k)).services.reduce(
              (n, s) => n + s.pendingPods,
              0,
            );
          expect(pending(extra)).toBe(0);
          expect(pending(extra - 1)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30, seed: 16 },
    );
    // Not vacuous: the generator leaves pool pods Pending in some runs.
    expect(counted).toBeGreaterThan(5);
  });
});
