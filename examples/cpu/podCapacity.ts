// How many application pods fit on a node under each mesh shape: what a shape's sidecars and per-node proxies
// request comes off every node's room, so a pool that holds a service's pods without a mesh may leave some Pending
// with one (docs/model.md#pending-pods). Each row asks for more pods than fit and counts those that run.

import { resolveMeshConfig, resolveScenario, simulate } from 'meshsim';
import type { SimulationResult } from 'meshsim';

/** The shapes compared, in the table's order. */
export const CAPACITY_SHAPES: readonly string[] = [
  'none',
  'linkerd',
  'consul',
  'cilium',
  'app-mesh',
  'istio-ambient',
  'istio-sidecar',
];

/** The cluster and the service every row places. */
export interface CapacitySetup {
  /** Nodes in the one zone. */
  nodes: number;
  /** Cores per node. */
  nodeCpu: number;
  /** What each application pod requests, as written in a scenario (`250m`). */
  podCpu: string;
  /** Pods asked for: more than fit. */
  replicas: number;
}

/** Three nodes of 2 cores, a service of 40 pods requesting 250m each. */
export const CAPACITY_SETUP: CapacitySetup = { nodes: 3, nodeCpu: 2, podCpu: '250m', replicas: 40 };

/** One row: a shape and its run. */
export interface CapacityRow {
  shape: string;
  result: SimulationResult;
}

/** Places the setup's service under each shape (a short run: what matters is what runs). */
export function runPodCapacity(setup = CAPACITY_SETUP, shapes = CAPACITY_SHAPES): CapacityRow[] {
  const config = resolveScenario(
    {
      name: 'pod-capacity',
      duration: '100ms',
      clusters: [{ name: 'prod', nodeCpu: setup.nodeCpu, zones: [{ name: 'a', nodes: setup.nodes }] }],
      services: { api: { replicas: setup.replicas, cpuRequest: setup.podCpu, serviceTime: '1ms' } },
      traffic: [{ name: 'users', to: 'api', rate: 100 }],
    },
    'pod-capacity',
  );
  return shapes.map((shape) => ({
    shape,
    result: simulate({ ...config, mesh: resolveMeshConfig({ shape }) }),
  }));
}

/** The rows as a Markdown table. */
export function podCapacityTable(rows: readonly CapacityRow[], setup = CAPACITY_SETUP): string {
  const lines = [
    `| shape | pods running (of ${setup.replicas}) | Pending | pods per node | proxy CPU requested per node (cores) | extra nodes to run them |`,
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { shape, result } of rows) {
    const api = result.services.find((service) => service.name === 'api');
    const running = api?.instances ?? 0;
    const requested = (result.proxies.cpuRequestedCores ?? 0) / setup.nodes;
    lines.push(
      `| ${shape} | ${running} | ${api?.pendingPods ?? 0} | ${running / setup.nodes} | ${requested.toFixed(2)} | ${result.extraNodesNeeded ?? '–'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
