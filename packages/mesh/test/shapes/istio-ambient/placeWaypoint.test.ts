// Waypoint pods are placed after the applications' pods, spread over zones and nodes as they are: those no node has
// room for are Pending and fewer replicas run; when none has room one runs anyway (an assumption), and the warnings
// say which.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../../src/index.js';
import type { SimulationResult } from '../../../src/index.js';
import { call, config, inOneCluster, poisson, service } from '../../__helpers__/configs.js';

/** Service a (2 pods of `appCores`) with its own waypoint of 3 replicas, on one node of 1 core (`nodeMaxPods` pods). */
function run(appCores: number, nodeMaxPods?: number): SimulationResult {
  return simulate(
    inOneCluster(
      [service('a', { replicas: 2, cpuRequestCores: appCores, waypoint: { replicas: 3 } })],
      [poisson('a', 100)],
      { nodeCpu: 1, ...(nodeMaxPods === undefined ? {} : { nodeMaxPods }) },
      { shape: 'istio-ambient' },
    ),
  );
}

const waypoints = (result: SimulationResult): number =>
  result.proxies.byKind.find((kind) => kind.kind === 'waypoint')?.count ?? 0;

describe('waypoint pods on full nodes', () => {
  it("run every replica that fits: 3 × 100m next to 2 × 200m, the ztunnel's 200m and the CNI agent's 100m", () => {
    const result = run(0.2);
    expect(waypoints(result)).toBe(3);
    expect(result.warnings.filter((w) => w.includes('waypoint a-waypoint'))).toEqual([]);
  });

  it('leave the replicas with no room Pending: room for 1 of 3', () => {
    // 1000m − 200m (ztunnel) − 100m (CNI agent) − 2 × 300m leaves 100m: room for one waypoint pod of 100m.
    const result = run(0.3);
    expect(waypoints(result)).toBe(1);
    expect(result.warnings).toContain(
      'istio-ambient: waypoint a-waypoint: 2 of its 3 pods are Pending (no node of cluster c has the 100m its pods request unrequested); 1 runs',
    );
    expect(result.edges[0]?.succeeded).toBeGreaterThan(0);
  });

  it('count pod slots: with 5 (the ztunnel, the CNI agent and the 2 app pods take 4) one waypoint pod runs; with 4, one anyway, over the limit', () => {
    const five = run(0.1, 5);
    expect(waypoints(five)).toBe(1);
    expect(five.warnings).toContain(
      'istio-ambient: waypoint a-waypoint: 2 of its 3 pods are Pending (no node of cluster c has the 100m its pods request unrequested and a free pod slot (1 of its nodes runs all the pods it takes)); 1 runs',
    );
    const four = run(0.1, 4);
    expect(waypoints(four)).toBe(1);
    expect(four.nodes[0]).toMatchObject({ pods: 3, meshNodePods: 2, maxPods: 4 });
    expect(
      four.warnings.some(
        (w) =>
          w.startsWith('node c/z/node-1: it runs 5 pods') &&
          w.includes("(2 of them the mesh's per-node pods) but takes at most 4; Kubernetes would not"),
      ),
    ).toBe(true);
  });

  it('run one anyway when none fits, and say so', () => {
    // 2 × 350m, the ztunnel's 200m and the CNI agent's 100m fill the core.
    const result = run(0.35);
    expect(waypoints(result)).toBe(1);
    expect(
      result.warnings.some((w) =>
        w.startsWith('istio-ambient: waypoint a-waypoint: none of its 3 pods fits on a node'),
      ),
    ).toBe(true);
    expect(result.warnings.some((w) => w.includes('Kubernetes would not schedule them all there'))).toBe(
      true,
    );
  });

  it('say so when the waypoint run anyway over-requests its node in memory too', () => {
    // 2 pods of 400Mi, the ztunnel's 512Mi and the CNI agent's 100Mi fill 1412Mi of 1500Mi: the waypoint's 128Mi
    // does not fit.
    const result = simulate(
      inOneCluster(
        [
          service('a', {
            replicas: 2,
            cpuRequestCores: 0.1,
            memoryRequestMiB: 400,
            waypoint: { replicas: 1 },
          }),
        ],
        [poisson('a', 100)],
        { nodeCpu: 4, nodeMemoryMiB: 1500 },
        { shape: 'istio-ambient' },
        200,
      ),
    );
    expect(waypoints(result)).toBe(1);
    expect(result.warnings.filter((w) => w.startsWith('node c/z/node-1'))).toEqual([
      "node c/z/node-1: its pods request 1540 MiB of memory but it has 1500; Kubernetes would not schedule them all there (meshsim leaves a pod no node has room for Pending, but runs a waypoint's first pod, or a pod on a node of its own, where it would fit best)",
    ]);
    expect(
      result.warnings.some((w) => w.includes('has the 100m and 128 MiB its pods request unrequested')),
    ).toBe(true);
  });
});

describe('waypoint pods spread', () => {
  it("over the cluster's zones and nodes as application pods do, not onto the first zone's least requested node", () => {
    // Six single-replica services on 3 zones × 2 nodes (front's 500m request on the first node), four with a
    // waypoint of one pod each.
    const names = ['front', 's1', 's2', 's3', 's4', 's5'];
    const cfg = config(
      names.map((name, i) =>
        service(name, {
          cluster: 'c',
          replicas: 1,
          ...(name === 'front' ? { cpuRequestCores: 0.5 } : {}),
          ...(i >= 1 && i <= 4 ? { waypoint: true } : {}),
          calls: i < 5 ? [[call(names[i + 1] as string)]] : [],
        }),
      ),
      [poisson('front', 50)],
      {
        shape: 'istio-ambient',
        durationMs: 200,
        clusters: [
          {
            name: 'c',
            region: 'r',
            vpc: 'v',
            nodeCpu: 2,
            zones: ['a', 'b', 'c'].map((name) => ({ name, nodes: 2 })),
          },
        ],
      },
    );
    const result = simulate(cfg);
    expect(waypoints(result)).toBe(4);
    // One application pod per node, and no node with more than one waypoint pod.
    expect(result.nodes.map((n) => n.pods)).toEqual([1, 2, 2, 2, 2, 1]);
  });
});
