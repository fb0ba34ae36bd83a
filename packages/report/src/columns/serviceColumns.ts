// The columns of a service: load, outcomes, utilisation, queueing, server-side latency and the requests its
// inbound protections refused or dropped.

import type { ServiceMetrics } from '@meshsim/mesh';

import { SECONDS_PER_MS, count, fixed, groupedFixed, ms, percent } from '../internal/format.js';
import type { Column, ColumnTable, MetricFamily } from './Column.js';

const UTILISATION: MetricFamily = {
  name: 'meshsim_service_utilisation_ratio',
  type: 'gauge',
  unit: 'ratio',
  help: 'Mean fraction of the workers of a service that were busy, in [0, 1].',
};

const CPU: MetricFamily = {
  name: 'meshsim_service_cpu_cores',
  type: 'gauge',
  unit: 'cores',
  help: "Mean CPU of a service's application containers over the run.",
};
const THROTTLED: MetricFamily = {
  name: 'meshsim_service_cpu_throttled_seconds',
  type: 'counter',
  unit: 'seconds',
  help: "Time a service's containers (container=app) or its pods' sidecars (container=sidecar) were throttled by their CPU limit, summed; 0 unless nodes have a size.",
};
const WAIT: MetricFamily = {
  name: 'meshsim_service_cpu_wait_seconds',
  type: 'counter',
  unit: 'seconds',
  help: "Time the runnable work of a service's containers (container=app) or its pods' sidecars (container=sidecar) waited for a core on a busy node, summed over their tasks; 0 unless nodes have a size.",
};

/** The fields of a service that hold a count. */
type CountField = {
  [K in keyof ServiceMetrics]: ServiceMetrics[K] extends number ? K : never;
}[keyof ServiceMetrics];

/** A count column shown in text only. */
function countColumn(key: CountField, header: string): Column<ServiceMetrics> {
  return { key, read: (service) => service[key], text: { header, format: count } };
}

/**
 * A time [ms] of a service's containers (`app`) or its pods' sidecars (`sidecar`) on the node's CPU: in text with one
 * decimal, in OpenMetrics as seconds in `family`, labelled by the container.
 */
function cpuTimeColumn(
  key: CountField,
  header: string,
  family: MetricFamily,
  container: 'app' | 'sidecar',
): Column<ServiceMetrics> {
  return {
    key,
    read: (service) => service[key],
    text: { header, format: (value) => groupedFixed(value, 1) },
    metric: {
      family,
      sample: `${family.name}_total`,
      labels: [['container', container]],
      scale: SECONDS_PER_MS,
    },
  };
}

/** The service table. Keys are the result's field paths (`latency.p99Ms`). */
export const SERVICE_COLUMNS: ColumnTable<ServiceMetrics> = {
  columns: [
    { key: 'name', read: (service) => service.name, text: { header: 'service' } },
    countColumn('instances', 'instances'),
    countColumn('pendingPods', 'Pending pods'),
    countColumn('concurrency', 'concurrency'),
    {
      key: 'utilisation',
      read: (service) => service.utilisation,
      text: { header: 'utilisation (%)', format: (ratio) => percent(ratio, 1) },
      metric: { family: UTILISATION, sample: UTILISATION.name },
    },
    countColumn('arrived', 'arrived'),
    countColumn('rejected', 'rejected'),
    countColumn('errors', 'errors'),
    countColumn('wasted', 'wasted'),
    countColumn('maxQueueLength', 'max queue'),
    {
      key: 'latency.p99Ms',
      read: (service) => (service.latency.count > 0 ? service.latency.p99Ms : null),
      text: { header: 'p99 (ms)', format: ms },
    },
    countColumn('rateLimited', 'rate-limited (429)'),
    countColumn('denied', 'denied (403)'),
    countColumn('shed', 'shed (503)'),
    countColumn('deadlineDropped', 'deadline dropped (504)'),
    countColumn('cancelled', 'cancelled'),
    {
      key: 'cpuCores',
      read: (service) => service.cpuCores,
      text: { header: 'CPU (cores)', format: (cores) => fixed(cores, 3) },
      metric: { family: CPU, sample: CPU.name },
    },
    cpuTimeColumn('cpuThrottledMs', 'throttled, summed over containers (ms)', THROTTLED, 'app'),
    cpuTimeColumn(
      'sidecarThrottledMs',
      'sidecar throttled, summed over containers (ms)',
      THROTTLED,
      'sidecar',
    ),
    cpuTimeColumn('cpuWaitMs', 'CPU wait, summed over tasks (ms)', WAIT, 'app'),
    cpuTimeColumn('sidecarCpuWaitMs', 'sidecar CPU wait, summed over tasks (ms)', WAIT, 'sidecar'),
    { key: 'podQosClass', read: (service) => service.podQosClass, text: { header: 'pod QoS' } },
    {
      key: 'podCpuWeight',
      read: (service) => service.podCpuWeight,
      text: { header: 'pod CPU weight', format: count },
    },
  ],
  metricFamilies: [UTILISATION, CPU, THROTTLED, WAIT],
  metricLabels: (service) => [
    ['service', service.name],
    ['namespace', service.namespace],
    ['cluster', service.cluster],
  ],
};
