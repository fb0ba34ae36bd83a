// The comparison's note on shapes whose proxy CPU and memory requested include their mesh's node agents (istio-cni
// under istio-ambient): DaemonSet pods that are no proxies and carry no traffic, though the rows say proxies.

import type { ComparisonSummary } from '../summarizeComparison.js';

/** `value` with at most `decimals` decimals, trailing zeros dropped (`0.1`, `1.2`, `100`). */
function short(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** The note, or null when no shape's run has node agents (`ShapeSummary.nodeAgents`). */
export function nodeAgentNote(summary: ComparisonSummary): string | null {
  const sentences = summary.shapes.flatMap((shape) =>
    (shape.nodeAgents ?? []).map((agents) => {
      const n = agents.count;
      // One spec for every node: the sums divide evenly.
      const cpu = `${String(n)} × ${short(agents.cpuRequestedCores / n, 3)} cores = ${short(agents.cpuRequestedCores, 3)} cores`;
      const memory = `${String(n)} × ${short(agents.memoryRequestedMiB / n, 1)} MiB = ${short(agents.memoryRequestedMiB, 1)} MiB`;
      return (
        `${shape.shape}: its proxy CPU and memory requested include ${String(n)} ${agents.kind} node ` +
        `agent${n === 1 ? '' : 's'}, one per node, which are no proxies and carry no traffic (${cpu}, ${memory}).`
      );
    }),
  );
  return sentences.length === 0 ? null : sentences.join(' ');
}
