// The metric rows of a comparison, by shape column key, in display order: one list, shared by the text
// comparison (renderComparison) and the HTML report's metrics table (html/comparisonTables).

import { CASCADE_KEYS } from '../columns/shapeColumns.js';
import type { ComparisonSummary } from '../summarizeComparison.js';

/**
 * Every metric row, in display order; `verdict`, its cascade figures, the node CPU rows and the blast radius only show
 * when they apply.
 */
const METRIC_KEYS: readonly string[] = [
  'successRate',
  'endToEndP50Ms',
  'endToEndP99Ms',
  'addedP50Ms',
  'addedP99Ms',
  'loadBalancer',
  'retryRatio',
  'worstEdgeRetries',
  'workPerRequest',
  'proxies',
  'proxyCpuCores',
  'proxyCpuRequestedCores',
  'proxyMemoryMiB',
  'proxyMemoryRequestedMiB',
  'costPerMonthUsd',
  'requestedCostPerMonthUsd',
  'goodputRps',
  // The blast radius, beside success: a shape that fails unrelated calls early can win on success.
  'degradedServiceSeconds',
  'connectionsOpened',
  'tlsHandshakes',
  'handshakeCpuMs',
  'verdictLabel',
  // The verdict's cascade figures (text: `recovery` prints recoveryMs, or `not recovered`).
  'recovery',
  'minGoodputRatio',
  'peakAttemptsPerRequest',
  'peakEdgeAttempts',
  'peakAmplification',
  'warnings',
];

/** Rows shown only when the shapes' nodes have a size (node CPU is modelled), after the handshakes. */
const NODE_CPU_KEYS: readonly string[] = [
  'nodeCpuUtilisation',
  'maxNodeCpuUtilisation',
  'throttledMs',
  'cpuWaitMs',
  'overRequestedNodes',
  'bestEffortPods',
  'pendingPods',
  'extraNodesNeeded',
];

/**
 * The metric keys to show for a comparison: the node CPU rows only when node CPU is modelled, `verdict` and its
 * cascade figures only when the comparison has verdicts, `loadBalancer` only when it knows them, the blast radius only
 * when some shape has one (a service degraded).
 */
export function comparisonMetricKeys(summary: ComparisonSummary): string[] {
  const verdicts = summary.shapes.some((s) => s.verdict !== undefined);
  const balancers = summary.shapes.some((s) => s.loadBalancer !== null);
  const cpuModelled = summary.shapes.some((s) => s.nodeCpuUtilisation !== null);
  const degraded = summary.shapes.some((s) => s.degradedServiceSeconds > 0);
  return METRIC_KEYS.flatMap((key) =>
    (key === 'loadBalancer' && !balancers) || (key === 'degradedServiceSeconds' && !degraded)
      ? []
      : key === 'verdictLabel' || CASCADE_KEYS.includes(key)
        ? verdicts
          ? [key]
          : []
        : key === 'handshakeCpuMs' && cpuModelled
          ? [key, ...NODE_CPU_KEYS]
          : [key],
  );
}
