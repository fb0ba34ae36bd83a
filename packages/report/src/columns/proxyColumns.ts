// The columns of a proxy kind (and of the proxy totals): count, CPU, memory, queueing and monthly cost,
// with where the prices come from.

import type { ProxyTotals } from '@meshsim/mesh';

import { SECONDS_PER_MS, count, fixed, groupedFixed } from '../internal/format.js';
import type { ColumnTable, MetricFamily } from './Column.js';

const MIB_BYTES = 1024 * 1024;

const CPU: MetricFamily = {
  name: 'meshsim_proxy_cpu_cores',
  type: 'gauge',
  unit: 'cores',
  help: 'Mean CPU used by all proxies of a kind over the run.',
};
const MEMORY: MetricFamily = {
  name: 'meshsim_proxy_memory_bytes',
  type: 'gauge',
  unit: 'bytes',
  help: 'Memory of all proxies of a kind.',
};
const COST: MetricFamily = {
  name: 'meshsim_proxy_cost_usd_per_month',
  type: 'gauge',
  unit: 'usd_per_month',
  help: "Monthly cost of all proxies of a kind (their CPU and memory, or the managed hop's own prices).",
};

const THROTTLED: MetricFamily = {
  name: 'meshsim_proxy_cpu_throttled_seconds',
  type: 'counter',
  unit: 'seconds',
  help: 'Time the containers of a proxy kind were throttled by their CPU limit, summed; 0 unless nodes have a size.',
};
const WAIT: MetricFamily = {
  name: 'meshsim_proxy_cpu_wait_seconds',
  type: 'counter',
  unit: 'seconds',
  help: 'Time the runnable work of a proxy kind waited for a core on a busy node, summed over tasks; 0 unless nodes have a size.',
};

/**
 * The label of the totals row. Every column of that row sums the kinds' rows but `count`, which is the proxies
 * users deploy: a node agent (`istio-cni`), a managed hop (`vpc-lattice`) or a kernel datapath (`cilium-ebpf`)
 * has a row of its own but is not a proxy, so the kinds' counts may add up to more.
 */
export const PROXY_TOTAL_LABEL = 'total (count: proxies only)';

/** One proxy kind, or the totals over every kind (`kind` is then {@link PROXY_TOTAL_LABEL}). */
export interface ProxyRow {
  kind: string;
  count: number;
  /** Mean CPU over the run [cores]. */
  cpuCores: number;
  /** CPU its containers request (node capacity reserved) [cores]. */
  cpuRequestedCores: number;
  memoryMiB: number;
  /** Memory its containers request (node memory reserved) [MiB]. */
  memoryRequestedMiB: number;
  /** Memory of the largest proxy of the kind [MiB]; null for the total row and kinds that do not say. */
  maxMemoryMiB: number | null;
  /** Traversals that waited for a proxy worker. */
  queued: number;
  /** Time the kind's containers were throttled by their CPU limit, summed [ms]. */
  throttledMs: number;
  /** Time the kind's runnable work waited for a core on a busy node, summed over tasks [ms]. */
  cpuWaitMs: number;
  /** TLS handshakes its proxies took part in (as client or server: a handshake between two of them counts twice). */
  handshakes: number;
  /** Monthly cost [USD]; null when the result holds no price. */
  costPerMonthUsd: number | null;
  /** Where the prices come from; null without prices. */
  priceSource: string | null;
}

/** One row per proxy kind of `proxies`, in result order. */
export function proxyKindRows(proxies: ProxyTotals): ProxyRow[] {
  return proxies.byKind.map((kind) => ({
    kind: kind.kind,
    count: kind.count,
    cpuCores: kind.cpuCores,
    cpuRequestedCores: kind.cpuRequestedCores ?? 0,
    memoryMiB: kind.memoryMiB,
    memoryRequestedMiB: kind.memoryRequestedMiB ?? 0,
    maxMemoryMiB: kind.maxMemoryMiB ?? null,
    queued: kind.queued,
    throttledMs: kind.throttledMs,
    cpuWaitMs: kind.cpuWaitMs,
    handshakes: kind.handshakes ?? 0,
    costPerMonthUsd: kind.costPerMonthUsd ?? null,
    priceSource: proxies.priceSource ?? null,
  }));
}

/**
 * The totals row, labelled {@link PROXY_TOTAL_LABEL}: the result's totals (`count` counts the proxies users
 * deploy, so it may be less than the sum over kinds), and queued traversals summed over kinds.
 */
export function proxyTotalRow(proxies: ProxyTotals): ProxyRow {
  return {
    kind: PROXY_TOTAL_LABEL,
    count: proxies.count,
    cpuCores: proxies.cpuCores,
    cpuRequestedCores: proxies.cpuRequestedCores ?? 0,
    memoryMiB: proxies.memoryMiB,
    memoryRequestedMiB: proxies.memoryRequestedMiB ?? 0,
    maxMemoryMiB: null,
    queued: proxies.byKind.reduce((sum, kind) => sum + kind.queued, 0),
    throttledMs: proxies.byKind.reduce((sum, kind) => sum + kind.throttledMs, 0),
    cpuWaitMs: proxies.byKind.reduce((sum, kind) => sum + kind.cpuWaitMs, 0),
    handshakes: proxies.byKind.reduce((sum, kind) => sum + (kind.handshakes ?? 0), 0),
    costPerMonthUsd: proxies.costPerMonthUsd ?? null,
    priceSource: proxies.priceSource ?? null,
  };
}

/** The proxy table. Keys are the result's field names. */
export const PROXY_COLUMNS: ColumnTable<ProxyRow> = {
  columns: [
    { key: 'kind', read: (row) => row.kind, text: { header: 'kind' }, csv: { name: 'kind' } },
    {
      key: 'count',
      read: (row) => row.count,
      text: { header: 'count', format: count },
      csv: { name: 'count' },
    },
    {
      key: 'cpuCores',
      read: (row) => row.cpuCores,
      text: { header: 'CPU (cores)', format: (cores) => fixed(cores, 3) },
      csv: { name: 'cpu_cores' },
      metric: { family: CPU, sample: CPU.name },
    },
    {
      key: 'cpuRequestedCores',
      read: (row) => row.cpuRequestedCores,
      text: { header: 'CPU requested (cores)', format: (cores) => fixed(cores, 3) },
      csv: { name: 'cpu_requested_cores' },
    },
    {
      key: 'memoryMiB',
      read: (row) => row.memoryMiB,
      text: { header: 'memory (MiB)', format: (mib) => fixed(mib, 1) },
      csv: { name: 'memory_mib' },
      metric: { family: MEMORY, sample: MEMORY.name, scale: MIB_BYTES },
    },
    {
      key: 'memoryRequestedMiB',
      read: (row) => row.memoryRequestedMiB,
      text: { header: 'memory requested (MiB)', format: (mib) => fixed(mib, 1) },
      csv: { name: 'memory_requested_mib' },
    },
    {
      key: 'maxMemoryMiB',
      read: (row) => row.maxMemoryMiB,
      text: { header: 'max per proxy (MiB)', format: (mib) => fixed(mib, 1) },
      csv: { name: 'max_memory_mib' },
    },
    {
      key: 'queued',
      read: (row) => row.queued,
      // Traversals (one direction through one proxy: a request and its response are two), not requests.
      text: { header: 'queued (traversals)', format: count },
      csv: { name: 'queued' },
    },
    {
      key: 'throttledMs',
      read: (row) => row.throttledMs,
      text: { header: 'throttled, summed over containers (ms)', format: (value) => groupedFixed(value, 1) },
      csv: { name: 'throttled_ms' },
      metric: { family: THROTTLED, sample: `${THROTTLED.name}_total`, scale: SECONDS_PER_MS },
    },
    {
      key: 'cpuWaitMs',
      read: (row) => row.cpuWaitMs,
      text: { header: 'CPU wait, summed over tasks (ms)', format: (value) => groupedFixed(value, 1) },
      csv: { name: 'cpu_wait_ms' },
      metric: { family: WAIT, sample: `${WAIT.name}_total`, scale: SECONDS_PER_MS },
    },
    {
      key: 'handshakes',
      read: (row) => row.handshakes,
      // Each handshake has two ends, each counted at its proxy (a sidecar-to-sidecar handshake twice): not the
      // connections line's TLS handshakes, which counts each once.
      text: { header: 'TLS handshake ends', format: count },
      csv: { name: 'tls_handshake_ends' },
    },
    {
      key: 'costPerMonthUsd',
      read: (row) => row.costPerMonthUsd,
      text: { header: 'cost (USD/month)', format: (usd) => fixed(usd, 2) },
      csv: { name: 'cost_usd_per_month' },
      metric: { family: COST, sample: COST.name },
    },
    { key: 'priceSource', read: (row) => row.priceSource, csv: { name: 'price_source' } },
  ],
  metricFamilies: [CPU, MEMORY, THROTTLED, WAIT, COST],
  metricLabels: (row) => [['kind', row.kind]],
};
