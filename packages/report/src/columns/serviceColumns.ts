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

/** The service table. Keys are the result's field paths (`latency.p99Ms`). */
export const SERVICE_COLUMNS: ColumnTable<ServiceMetrics> = {
  columns: [
    { key: 'name', read: (service) => service.name, text: { header: 'service' } },
    countColumn('instances', 'instances'),
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
    {
      key: 'cpuThrottledMs',
      read: (service) => service.cpuThrottledMs,
      text: { header: 'throttled (ms)', format: (value) => groupedFixed(value, 1) },
      metric: {
        family: THROTTLED,
        sample: `${THROTTLED.name}_total`,
        labels: [['container', 'app']],
        scale: SECONDS_PER_MS,
      },
    },
    {
      key: 'sidecarThrottledMs',
      read: (service) => service.sidecarThrottledMs,
      text: { header: 'sidecar throttled (ms)', format: (value) => groupedFixed(value, 1) },
      metric: {
        family: THROTTLED,
        sample: `${THROTTLED.name}_total`,
        labels: [['container', 'sidecar']],
        scale: SECONDS_PER_MS,
      },
    },
    {
      key: 'cpuWaitMs',
      read: (service) => service.cpuWaitMs,
      text: { header: 'CPU wait (ms)', format: (value) => groupedFixed(value, 1) },
      metric: {
        family: WAIT,
        sample: `${WAIT.name}_total`,
        labels: [['container', 'app']],
        scale: SECONDS_PER_MS,
      },
    },
    {
      key: 'sidecarCpuWaitMs',
      read: (service) => service.sidecarCpuWaitMs,
      text: { header: 'sidecar CPU wait (ms)', format: (value) => groupedFixed(value, 1) },
      metric: {
        family: WAIT,
        sample: `${WAIT.name}_total`,
        labels: [['container', 'sidecar']],
        scale: SECONDS_PER_MS,
      },
    },
  ],
  metricFamilies: [UTILISATION, CPU, THROTTLED, WAIT],
  metricLabels: (service) => [
    ['service', service.name],
    ['namespace', service.namespace],
    ['cluster', service.cluster],
  ],
};
