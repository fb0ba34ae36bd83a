// The columns of a node whose CPU is modelled: its cores (and memory), the pods placed on it and what they request,
// how busy the cores were and the most work runnable at once (applications and proxies together).

import type { NodeMetrics } from '@meshsim/mesh';

import { count, fixed, percent } from '../internal/format.js';
import type { ColumnTable, MetricFamily } from './Column.js';

const UTILISATION: MetricFamily = {
  name: 'meshsim_node_cpu_utilisation_ratio',
  type: 'gauge',
  unit: 'ratio',
  help: "Mean fraction of a node's cores that were busy over the run, in [0, 1].",
};

/** The node table. Keys are the result's field names. */
export const NODE_COLUMNS: ColumnTable<NodeMetrics> = {
  columns: [
    { key: 'name', read: (node) => node.name, text: { header: 'node' }, csv: { name: 'node' } },
    { key: 'cluster', read: (node) => node.cluster, csv: { name: 'cluster' } },
    { key: 'zone', read: (node) => node.zone, csv: { name: 'zone' } },
    {
      key: 'cores',
      read: (node) => node.cores,
      text: { header: 'cores', format: (cores) => fixed(cores, 2) },
      csv: { name: 'cores' },
    },
    {
      key: 'pods',
      read: (node) => node.pods,
      text: { header: 'pods', format: count },
      csv: { name: 'pods' },
    },
    {
      key: 'meshNodePods',
      read: (node) => node.meshNodePods,
      text: { header: 'mesh node pods', format: count },
      csv: { name: 'mesh_node_pods' },
    },
    {
      key: 'systemPods',
      read: (node) => node.systemPods,
      text: { header: 'other DaemonSet pods', format: count },
      csv: { name: 'system_pods' },
    },
    {
      key: 'maxPods',
      read: (node) => node.maxPods,
      text: { header: 'max pods', format: count },
      csv: { name: 'max_pods' },
    },
    {
      key: 'cpuRequestedCores',
      read: (node) => node.cpuRequestedCores,
      text: { header: 'CPU requested (cores)', format: (cores) => fixed(cores, 3) },
      csv: { name: 'cpu_requested_cores' },
    },
    {
      key: 'memoryMiB',
      read: (node) => node.memoryMiB,
      text: { header: 'memory (MiB)', format: (mib) => fixed(mib, 0) },
      csv: { name: 'memory_mib' },
    },
    {
      key: 'memoryRequestedMiB',
      read: (node) => node.memoryRequestedMiB,
      text: { header: 'memory requested (MiB)', format: (mib) => fixed(mib, 1) },
      csv: { name: 'memory_requested_mib' },
    },
    {
      key: 'utilisation',
      read: (node) => node.utilisation,
      text: { header: 'CPU busy (%)', format: (ratio) => percent(ratio, 1) },
      csv: { name: 'utilisation_ratio' },
      metric: { family: UTILISATION, sample: UTILISATION.name },
    },
    {
      key: 'maxRunnable',
      read: (node) => node.maxRunnable,
      text: { header: 'max runnable (tasks)', format: count },
      csv: { name: 'max_runnable' },
    },
  ],
  metricFamilies: [UTILISATION],
  metricLabels: (node) => [
    ['node', node.name],
    ['cluster', node.cluster],
    ['zone', node.zone],
  ],
};
