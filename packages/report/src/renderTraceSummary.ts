// One sentence on the traces a run kept and how (head sample, tail rules and their share), for the CLI's
// stderr and the HTML report's Traces section alike.

import type { SimulationResult } from '@meshsim/mesh';

import { count, counted, duration } from './internal/format.js';

/** `0.05` → `5`, `0.001` → `0.1`: a share as a percentage without float noise. */
function percentOf(share: number): string {
  return String(Number((share * 100).toPrecision(12)));
}

/**
 * What the run's traces are: `48 traces recorded: 1 % of requests sampled at their start.`, or with tail
 * rules `421 traces kept of 19,955 requests: 176 sampled at their start (1 %), 245 with a failed span (5 % of
 * the 4,907 these rules picked).`
 *
 * @returns The sentence, or null when the run recorded no traces.
 */
export function renderTraceSummary(result: SimulationResult): string | null {
  const traces = result.telemetry?.traces;
  if (traces === undefined) return null;
  const head = `${percentOf(traces.sampleRate)} %`;
  const tail = traces.tail;
  if (tail === undefined) {
    const recorded = new Set(traces.spans.map((span) => span.traceId)).size;
    return `${counted(recorded, 'trace')} recorded: ${head} of requests sampled at their start.`;
  }
  const kept = tail.keptByHeadSample + tail.keptForError + tail.keptForDuration;
  const rules = [
    ...(tail.errors ? [`${count(tail.keptForError)} with a failed span`] : []),
    ...(tail.slowerThanMs !== null
      ? [`${count(tail.keptForDuration)} longer than ${duration(tail.slowerThanMs)}`]
      : []),
  ].join(' and ');
  const share =
    tail.share < 1 ? ` (${percentOf(tail.share)} % of the ${count(tail.picked)} these rules picked)` : '';
  return (
    `${counted(kept, 'trace')} kept of ${counted(tail.requests, 'request')}: ` +
    `${count(tail.keptByHeadSample)} sampled at their start (${head}), ${rules}${share}.`
  );
}
