// Zone spreading, as Kubernetes' default PodTopologySpread constraint spreads a service's pods over zones: each pod
// goes to the zones holding the fewest of its service's pods, there to the least requested node of any of them — so
// single-replica services spread over the whole cluster, not only its first zone.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Topology } from '../../src/internal/index.js';
import type { ClusterConfig, Node } from '../../src/index.js';

/** Cluster `c` of 3 zones (a, b, c) of `nodes` nodes each, of `nodeCpu` cores. */
const threeZones = (nodes: number, nodeCpu?: number): ClusterConfig => ({
  name: 'c',
  region: 'r',
  vpc: 'v',
  ...(nodeCpu === undefined ? {} : { nodeCpu }),
  zones: ['a', 'b', 'c'].map((name) => ({ name, nodes })),
});

const names = (nodes: readonly Node[]): string[] => nodes.map((n) => n.name);

/** Pods per zone name among `nodes`. */
const perZone = (nodes: readonly Node[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const node of nodes) out[node.zone] = (out[node.zone] ?? 0) + 1;
  return out;
};

describe('zone spreading', () => {
  it('spreads single-replica services that request no CPU over every zone and node (100m each in the score)', () => {
    const topology = new Topology([threeZones(2, 2)]);
    const placed = Array.from({ length: 6 }, () => topology.place('c', 1)).flat();
    expect(names(placed)).toEqual([
      'c/a/node-1',
      'c/a/node-2',
      'c/b/node-1',
      'c/b/node-2',
      'c/c/node-1',
      'c/c/node-2',
    ]);
  });

  it('sends a single-replica service to the least requested node of the cluster, whatever its zone', () => {
    const topology = new Topology([threeZones(1, 4)]);
    topology.place('c', 1, { cpuRequestCores: 2 });
    topology.place('c', 1, { cpuRequestCores: 1 });
    expect(names(topology.place('c', 1, { cpuRequestCores: 0.5 }))).toEqual(['c/c/node-1']);
    // Zone c's node, with 0.5 of its 4 cores requested, is still the least requested.
    expect(names(topology.place('c', 1, { cpuRequestCores: 0.25 }))).toEqual(['c/c/node-1']);
  });

  it("spreads a service's replicas evenly over zones of unequal sizes, next to the other services' pods", () => {
    const topology = new Topology([
      {
        name: 'c',
        region: 'r',
        vpc: 'v',
        nodeCpu: 4,
        zones: [
          { name: 'a', nodes: 1 },
          { name: 'b', nodes: 3 },
          { name: 'c', nodes: 2 },
        ],
      },
    ]);
    topology.place('c', 4, { cpuRequestCores: 0.5 });
    const placed = topology.place('c', 7, { cpuRequestCores: 0.25 });
    const counts = Object.values(perZone(placed));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(7);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    // Zone a's one node takes its share of the 7 as the others do.
    expect(counts).toHaveLength(3);
  });

  it('places the same way every time (deterministic)', () => {
    const place = (): string[] => {
      const topology = new Topology([threeZones(2, 2)]);
      return [1, 3, 1, 2, 1].flatMap((replicas, i) =>
        names(topology.place('c', replicas, { cpuRequestCores: i % 2 === 0 ? undefined : 0.3 })),
      );
    };
    expect(place()).toEqual(place());
  });
});

describe('zone spreading: properties', () => {
  it("keeps each service's pods per zone within one of each other while everything fits, and places every pod", () => {
    const service = fc.record({
      replicas: fc.integer({ min: 1, max: 9 }),
      requestMilli: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      pool: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
        fc.array(service, { minLength: 1, maxLength: 10 }),
        (nodesPerZone, nodeCpu, services) => {
          const zones = nodesPerZone.map((nodes, i) => ({ name: `z${i}`, nodes }));
          // Nodes large enough for every pod (90 × 400m on the smallest zone), with a shared pool of larger ones in
          // the first zone and a tainted one some services tolerate in the last: the fit check never bites.
          const cores = nodeCpu === undefined ? undefined : 40 + nodeCpu;
          const topology = new Topology([
            {
              name: 'c',
              region: 'r',
              vpc: 'v',
              ...(cores === undefined ? {} : { nodeCpu: cores }),
              zones,
              nodePools: [
                { name: 's', nodeCpu: 64, shared: true, zones: [{ name: 'z0', nodes: 1 }] },
                { name: 'p', nodeCpu: 8, zones: [{ name: `z${zones.length - 1}`, nodes: 2 }] },
              ],
            },
          ]);
          for (const { replicas, requestMilli, pool } of services) {
            const placed = topology.place('c', replicas, {
              cpuRequestCores: requestMilli === undefined ? undefined : requestMilli / 1000,
              leavePending: true,
              ...(pool ? { tolerated: ['p'] } : {}),
            });
            expect(placed).toHaveLength(replicas);
            const counts = zones.map((z) => placed.filter((n) => n.zone === z.name).length);
            expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
