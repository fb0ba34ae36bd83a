// The run report's traces: the longest failed and the slowest other traces the run kept, each drawn as a
// waterfall (one row per span, a bar from its start to its end on the trace's own time axis). Static HTML.

import type { SimulationResult } from '@meshsim/mesh';

import { renderTraceSummary } from '../../renderTraceSummary.js';
import { count, ms } from '../format.js';
import { escapeHtml } from './escapeHtml.js';
import type { HtmlSection } from './HtmlSection.js';
import { traceViews, waterfall } from './waterfall.js';
import type { TraceView } from './waterfall.js';

/** Traces drawn of each kind: the longest failed ones, then the slowest of the others. */
export const WATERFALLS_PER_KIND = 3;

/** The section, or null when the run recorded no traces. */
export function traceSection(result: SimulationResult): HtmlSection | null {
  const data = result.telemetry?.traces;
  if (data === undefined) return null;
  const traces = traceViews(data.spans);
  const longestFirst = (a: TraceView, b: TraceView): number =>
    b.durationMs - a.durationMs || (a.id < b.id ? -1 : 1);
  const failed = traces
    .filter((t) => t.failed)
    .sort(longestFirst)
    .slice(0, WATERFALLS_PER_KIND);
  const slowest = traces
    .filter((t) => !t.failed)
    .sort(longestFirst)
    .slice(0, WATERFALLS_PER_KIND);
  const drawn = [...failed, ...slowest];
  const html = [
    `<p>${escapeHtml(renderTraceSummary(result) ?? '')}</p>`,
    drawn.length === 0
      ? '<p>No request was traced.</p>'
      : `<p class="hint">${escapeHtml(
          `${drawnSentence(failed.length, slowest.length)}, as waterfalls: one row ` +
            'per span, its bar from start to end on the trace’s time axis (proxy hops lighter, failed spans red). ' +
            'Every kept trace is in the run’s OTLP export too, to read in Jaeger or Tempo (docs/telemetry.md).',
        )}</p>`,
    ...drawn.map((trace) => waterfall(trace, captionOf(trace))),
  ].join('\n');
  return { id: 'traces', title: 'Traces', html };
}

/**
 * What is drawn below, for `failed` failed and `others` other traces drawn (not both 0): `Below: the 3 longest failed
 * traces and the 3 slowest other traces`; `No kept trace failed. Below: the 3 slowest traces`; `Every kept trace
 * failed. Below: the longest failed trace`.
 */
export function drawnSentence(failed: number, others: number): string {
  if (failed === 0) return `No kept trace failed. Below: ${shown(others, 'slowest trace')}`;
  if (others === 0) return `Every kept trace failed. Below: ${shown(failed, 'longest failed trace')}`;
  return `Below: ${shown(failed, 'longest failed trace')} and ${shown(others, 'slowest other trace')}`;
}

/** `the 3 longest failed traces`, `the longest failed trace`. */
function shown(n: number, what: string): string {
  return n === 1 ? `the ${what}` : `the ${n} ${what.replace(/trace$/, 'traces')}`;
}

/** `client → frontend: 9,758 ms, failed (error), 96 spans, from 30,242 ms of simulated time (trace …)`. */
function captionOf(trace: TraceView): string {
  const root = trace.root;
  const outcome = trace.failed
    ? `failed${root?.status === 'error' ? ` (${root.statusMessage})` : ' below its root'}`
    : 'succeeded';
  return (
    `${root === undefined ? 'trace' : `${root.service} → ${root.name.replace(/^call /, '')}`}: ` +
    `${ms(trace.durationMs)} ms, ${outcome}, ${count(trace.spans.length)} spans, from ${ms(trace.startMs)} ms ` +
    `of simulated time (trace ${trace.id})`
  );
}
