// A cluster's DaemonSets besides the mesh's (kube-proxy, its CNI agent, a log agent) run a pod on every node: each
// takes a pod slot and its requests there, as the scheduler counts them, so fewer application pods fit — whatever
// the mesh — and the nodes report them.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import type { ClusterConfig, MeshOptions, SimulationResult } from '../../src/index.js';
import { inOneCluster, poisson, service } from '../__helpers__/configs.js';

/** EKS's two system DaemonSets on a c5.large-like node: kube-proxy (100m) and aws-node (25m, 64Mi). */
const EKS_DAEMON_SETS: ClusterConfig['daemonSets'] = [
  { name: 'kube-proxy', cpuRequestCores: 0.1 },
  { name: 'aws-node', cpuRequestCores: 0.025, memoryRequestMiB: 64 },
];

/** 8 pods of 200m and 256Mi on `nodes` nodes of 1 core, 1 GiB and `nodeMaxPods` slots. */
function run(
  daemonSets: ClusterConfig['daemonSets'],
  mesh: MeshOptions = { shape: 'none' },
  nodes = 2,
  nodeMaxPods = 110,
): SimulationResult {
  return simulate(
    inOneCluster(
      [service('a', { replicas: 8, cpuRequestCores: 0.2, memoryRequestMiB: 256 })],
      [poisson('a', 100)],
      {
        nodes,
        nodeCpu: 1,
        nodeMemoryMiB: 1024,
        nodeMaxPods,
        ...(daemonSets === undefined ? {} : { daemonSets }),
      },
      mesh,
      300,
    ),
  );
}

describe("a cluster's other DaemonSets", () => {
  it('take their requests on every node: the 960 MiB they leave hold 3 pods of 256Mi per node, not 4', () => {
    const without = run(undefined);
    expect(without.services[0]).toMatchObject({ instances: 8, pendingPods: 0 });
    // CPU: 1000m − 125m still fits 4 pods of 200m; memory: 1024 − 64 leaves room for 3 of 256Mi.
    const withThem = run(EKS_DAEMON_SETS);
    expect(withThem.services[0]).toMatchObject({ instances: 6, pendingPods: 2 });
    for (const node of withThem.nodes) {
      expect(node.systemPods).toBe(2);
      expect(node.cpuRequestedCores).toBeCloseTo(0.125 + 0.2 * node.pods, 9);
      expect(node.memoryRequestedMiB).toBe(64 + 256 * node.pods);
    }
    expect(without.nodes.map((n) => n.systemPods)).toEqual([0, 0]);
    const warning = withThem.warnings.find((w) => w.startsWith('service a:'));
    expect(warning).toContain(
      'next to the 0.125 cores and 64 MiB its other DaemonSets request on every node',
    );
    // The search for extra nodes counts them on the new nodes too: 2 Pending pods of 256Mi need one more node.
    expect(withThem.extraNodesNeeded).toBe(1);
  });

  it("take a pod slot each, beside the mesh's per-node pods: 5 slots hold 1 app pod under ambient", () => {
    // ztunnel and the CNI agent (2) and the two DaemonSets (2) leave one slot of 5 per node.
    const result = run(
      EKS_DAEMON_SETS.map((d) => ({ name: d.name })),
      { shape: 'istio-ambient' },
      2,
      5,
    );
    expect(result.services[0]).toMatchObject({ instances: 2, pendingPods: 6 });
    expect(result.nodes.map((n) => [n.pods, n.meshNodePods, n.systemPods, n.maxPods])).toEqual([
      [1, 2, 2, 5],
      [1, 2, 2, 5],
    ]);
    const warning = result.warnings.find((w) => w.startsWith('service a:'));
    expect(warning).toContain("the mesh's 2 per-node pods and 2 other DaemonSets' pods among them");
  });

  it('leave nothing to extra nodes when they take every slot, and say why', () => {
    const four = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    const result = run(four, { shape: 'none' }, 1, 4);
    expect(result.services[0]?.pendingPods).toBe(8);
    expect(result.extraNodesNeeded).toBeNull();
    expect(
      result.warnings.some((w) => w.includes('DaemonSet pods') && w.includes('take every pod slot')),
    ).toBe(true);
  });
});
