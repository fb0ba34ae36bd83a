// Rule table of the scenario's top-level scalar fields (`duration`, `nodeCpu`, `nodeMemory`, `nodeMaxPods`,
// `cpuWeights`).

import { CPU_WEIGHT_CONVERSIONS } from '../CpuWeightConversion.js';
import type { RuleTable } from './RuleRow.js';
import { CPU_PRECISION, MIN_CPU_CORES, RULE_ASSUMPTIONS } from './ruleAssumptions.js';

/** Pods a node runs at most unless told otherwise: the kubelet's `maxPods` default (docs/sources.md#kubelet-max-pods). */
export const DEFAULT_NODE_MAX_PODS = 110;

/** Top-level scalar fields of a scenario file. */
export const SCENARIO_RULES = {
  id: 'scenario',
  title: 'Scenario',
  scenarioPath: '(top level)',
  configPath: 'SimulationConfig',
  rows: [
    {
      field: 'duration',
      configField: 'durationMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: { assumption: 'a run of 0 simulates nothing' } },
      max: {
        value: 30 * 24 * 3_600_000,
        source: {
          assumption:
            '30 days of simulated time; the clock (float64 milliseconds) stays finer than a nanosecond, and a run is cut by its event and wall-time guards long before',
        },
      },
      default: { value: 60_000, source: { assumption: 'long enough for most scenarios to settle' } },
      description: 'Simulated duration.',
    },
    {
      field: 'nodeCpu',
      kind: 'cpu',
      unit: 'cores',
      min: { value: MIN_CPU_CORES, source: CPU_PRECISION },
      default: { none: "no CPU model: work never waits for a core (a cluster's own nodeCpu wins)" },
      description:
        'Cores of every node (e.g. 2 for a c5.large): applications and proxies share them. A cluster can set its own.',
    },
    {
      field: 'nodeMemory',
      kind: 'size',
      unit: 'MiB',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: {
        none: "no memory fit: memory requests are reported, not fitted (a cluster's own nodeMemory wins)",
      },
      description:
        "Memory of every node: a number [MiB] or a size (e.g. 4Gi for a c5.large; its allocatable memory is less): pods' memory requests, their sidecars' and the per-node proxies' must fit in it. A cluster can set its own.",
    },
    {
      field: 'nodeMaxPods',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a node runs at least one pod' } },
      max: {
        value: 150_000,
        source: { cite: 'k8s-large-clusters', note: 'no more pods than a whole cluster is designed for' },
      },
      default: {
        value: DEFAULT_NODE_MAX_PODS,
        source: { cite: 'kubelet-max-pods', note: "the kubelet's --max-pods / maxPods default" },
      },
      description:
        "Pods every node with a size (nodeCpu) runs at most: the kubelet's maxPods, its allocatable pods (EKS sets it per instance type: 29 on a c5.large, 2 of them its host-network pods, not modelled). Application pods, waypoints and the mesh's DaemonSet pods (ztunnel, Cilium's node Envoy) each take one; a pod with no slot left on any node is Pending. A cluster or node pool can set its own.",
    },
    {
      field: 'cpuWeights',
      kind: 'enum',
      unit: 'none',
      values: CPU_WEIGHT_CONVERSIONS,
      default: {
        value: 'quadratic',
        source: { cite: 'k8s-cgroup-v2-cpu-weight', note: 'cgroup v2 with runc 1.3.2+ or crun 1.23+' },
      },
      description:
        'How nodes weigh containers within their pods by their CPU requests on a busy node: quadratic (cgroup v2, current runtimes), linear (cgroup v2, older runtimes) or shares (cgroup v1, also for pods; on cgroup v2 the kubelet weighs pods linearly).',
    },
  ],
} as const satisfies RuleTable;
