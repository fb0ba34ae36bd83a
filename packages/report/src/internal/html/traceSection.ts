// The run report's traces: the longest failed and the slowest other traces the run kept, each drawn as a
// waterfall (one row per span, a bar from its start to its end on the trace's own time axis). Static HTML.

import type { SimulationResult, TraceSpan } from '@meshsim/mesh';

import { renderTraceSummary } from '../../renderTraceSummary.js';
import { count, ms } from '../format.js';
import { groupByTrace } from '../groupByTrace.js';
import { escapeHtml } from './escapeHtml.js';
import type { HtmlSection } from './HtmlSection.js';

/** Traces drawn of each kind: the longest failed ones, then the slowest of the others. */
export const WATERFALLS_PER_KIND = 3;
/** Rows of one waterfall; the spans beyond are counted under it. */
export const WATERFALL_ROWS = 60;

/** One recorded trace: its spans (start order), root, extent and whether a span failed. */
interface Trace {
  id: string;
  spans: TraceSpan[];
  root: TraceSpan | undefined;
  startMs: number;
  durationMs: number;
  failed: boolean;
}

/** The section, or null when the run recorded no traces. */
export function traceSection(result: SimulationResult): HtmlSection | null {
  const data = result.telemetry?.traces;
  if (data === undefined) return null;
  const traces = groupTraces(data.spans);
  const longestFirst = (a: Trace, b: Trace): number => b.durationMs - a.durationMs || (a.id < b.id ? -1 : 1);
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
          `Below: ${shown(failed.length, 'longest failed trace')}` +
            `${failed.length > 0 && slowest.length > 0 ? ' and ' : ''}` +
            `${slowest.length > 0 ? shown(slowest.length, 'slowest other trace') : ''}, as waterfalls: one row ` +
            'per span, its bar from start to end on the trace’s time axis (proxy hops lighter, failed spans red). ' +
            'Every kept trace is in the run’s OTLP export too, to read in Jaeger or Tempo (docs/telemetry.md).',
        )}</p>`,
    ...drawn.map(waterfall),
  ].join('\n');
  return { id: 'traces', title: 'Traces', html };
}

/** `3 longest failed traces`, `the longest failed trace`. */
function shown(n: number, what: string): string {
  return n === 1 ? `the ${what}` : `the ${n} ${what.replace(/trace$/, 'traces')}`;
}

/** Spans grouped into traces, in the order the traces started. */
function groupTraces(spans: readonly TraceSpan[]): Trace[] {
  return [...groupByTrace(spans)].map(([id, list]) => {
    let startMs = Infinity;
    let endMs = -Infinity;
    for (const span of list) {
      startMs = Math.min(startMs, span.startMs);
      endMs = Math.max(endMs, span.endMs);
    }
    return {
      id,
      spans: list,
      root: list.find((s) => s.parentSpanId === null),
      startMs,
      durationMs: endMs - startMs,
      failed: list.some((s) => s.status === 'error'),
    };
  });
}

/** The spans of a trace depth-first from its root (children in start order), each with its depth. */
function treeOrder(trace: Trace): { span: TraceSpan; depth: number }[] {
  const children = new Map<string | null, TraceSpan[]>();
  for (const span of trace.spans) {
    const list = children.get(span.parentSpanId);
    if (list === undefined) children.set(span.parentSpanId, [span]);
    else list.push(span);
  }
  const rows: { span: TraceSpan; depth: number }[] = [];
  const stack: { span: TraceSpan; depth: number }[] = (children.get(null) ?? [])
    .map((span) => ({ span, depth: 0 }))
    .reverse();
  while (stack.length > 0) {
    const row = stack.pop() as { span: TraceSpan; depth: number };
    rows.push(row);
    const below = children.get(row.span.spanId) ?? [];
    for (let i = below.length - 1; i >= 0; i--)
      stack.push({ span: below[i] as TraceSpan, depth: row.depth + 1 });
  }
  return rows;
}

/** A percentage for a style attribute: at most 3 decimals, within [0, 100]. */
function pct(value: number): string {
  return `${Number(Math.min(100, Math.max(0, value)).toFixed(3))}%`;
}

/** One trace as a table: span (indented by depth), service, start and duration [ms], and its bar. */
function waterfall(trace: Trace): string {
  const root = trace.root;
  const outcome = trace.failed
    ? `failed${root?.status === 'error' ? ` (${root.statusMessage})` : ' below its root'}`
    : 'succeeded';
  const caption =
    `${root === undefined ? 'trace' : `${root.service} → ${root.name.replace(/^call /, '')}`}: ` +
    `${ms(trace.durationMs)} ms, ${outcome}, ${count(trace.spans.length)} spans, from ${ms(trace.startMs)} ms ` +
    `of simulated time (trace ${trace.id})`;
  const span = trace.durationMs > 0 ? trace.durationMs : 1;
  const rows = treeOrder(trace);
  const body = rows.slice(0, WATERFALL_ROWS).map(({ span: s, depth }) => {
    const kind =
      s.status === 'error'
        ? 'bar-error'
        : s.attributes['meshsim.proxy'] !== undefined
          ? 'bar-hop'
          : 'bar-work';
    const left = ((s.startMs - trace.startMs) / span) * 100;
    const width = ((s.endMs - s.startMs) / span) * 100;
    const status = s.status === 'error' ? ` ✗ ${s.statusMessage}` : '';
    return (
      `<tr><th scope="row" style="padding-left:${(0.6 + depth * 0.9).toFixed(1)}rem">${escapeHtml(s.name + status)}</th>` +
      `<td>${escapeHtml(s.service)}</td>` +
      `<td class="num">${ms(s.startMs - trace.startMs)}</td><td class="num">${ms(s.endMs - s.startMs)}</td>` +
      `<td class="bar-cell"><span class="bar ${kind}" style="margin-left:${pct(left)};width:${pct(width)}"></span></td></tr>`
    );
  });
  const more =
    rows.length > WATERFALL_ROWS
      ? `<p class="hint">${escapeHtml(`… and ${count(rows.length - WATERFALL_ROWS)} more spans of this trace.`)}</p>`
      : '';
  return (
    `<div class="table-wrap waterfall" tabindex="0" role="region" aria-label="${escapeHtml(caption)}">` +
    `<table><caption>${escapeHtml(caption)}</caption>\n` +
    '<thead><tr><th scope="col">span</th><th scope="col">service</th><th scope="col" class="num">start (ms)</th>' +
    '<th scope="col" class="num">duration (ms)</th><th scope="col" class="bar-cell">timeline</th></tr></thead>\n' +
    `<tbody>\n${body.join('\n')}\n</tbody></table></div>${more}`
  );
}
