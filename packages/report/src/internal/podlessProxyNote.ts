// The comparison's note on shapes that deploy no proxy pod yet have proxy CPU, memory or cost (a managed hop, an
// in-process library): their `proxies` row reads 0 beside a cost, which needs saying why.

import { isMeshShapeName, meshShape } from '@meshsim/mesh';

import type { ComparisonSummary } from '../summarizeComparison.js';
import { fixed } from './format.js';

/**
 * The note, or null when no shape has proxy CPU, memory or cost without a proxy pod. Each such shape's summary (from
 * the registry, when the shape is registered) says what its data plane is.
 */
export function podlessProxyNote(summary: ComparisonSummary): string | null {
  const podless = summary.shapes.filter(
    (s) => s.proxies === 0 && ((s.costPerMonthUsd ?? 0) > 0 || s.proxyCpuCores > 0 || s.proxyMemoryMiB > 0),
  );
  if (podless.length === 0) return null;
  const sentences = podless.map((s) => {
    const cost = s.costPerMonthUsd === null ? '' : ` (${fixed(s.costPerMonthUsd, 2)} USD/month)`;
    const plane = isMeshShapeName(s.shape)
      ? `its data plane, ${meshShape(s.shape).summary}`
      : 'its data plane (managed or in-process), not of pods';
    return `${s.shape} deploys none: its proxy CPU, memory and cost${cost} are of ${plane}.`;
  });
  return `The proxies row counts proxy pods (sidecars, per-node proxies). ${sentences.join(' ')}`;
}
