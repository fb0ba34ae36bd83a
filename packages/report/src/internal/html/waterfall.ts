// A trace drawn as a waterfall: one row per span in tree order (indented under its parent), a bar from its start
// to its end on a time axis, failed spans red and proxy hops grey. Static HTML: the run and compare reports use it.

import type { TraceSpan } from '@meshsim/mesh';

import { count, ms } from '../format.js';
import { groupByTrace } from '../groupByTrace.js';
import { escapeHtml } from './escapeHtml.js';

/** Rows of one waterfall; the spans beyond are counted under it. */
export const WATERFALL_ROWS = 60;

/** One recorded trace: its spans (start order), root, extent and whether a span failed. */
export interface TraceView {
  id: string;
  spans: TraceSpan[];
  root: TraceSpan | undefined;
  startMs: number;
  /** First span's start to last span's end [ms] (abandoned work included). */
  durationMs: number;
  failed: boolean;
}

/** Spans grouped into traces, in the order the traces started. */
export function traceViews(spans: readonly TraceSpan[]): TraceView[] {
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
function treeOrder(trace: TraceView): { span: TraceSpan; depth: number }[] {
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

/**
 * One trace as a table: span (indented by depth), service, start and duration [ms] from the trace's start, and
 * its bar on an axis of `axisMs` (the trace's own duration by default; a longer one to compare traces side by side).
 */
export function waterfall(trace: TraceView, caption: string, axisMs: number = trace.durationMs): string {
  const axis = axisMs > 0 ? axisMs : 1;
  const rows = treeOrder(trace);
  const body = rows.slice(0, WATERFALL_ROWS).map(({ span: s, depth }) => {
    const kind =
      s.status === 'error'
        ? 'bar-error'
        : s.attributes['meshsim.proxy'] !== undefined
          ? 'bar-hop'
          : 'bar-work';
    const left = ((s.startMs - trace.startMs) / axis) * 100;
    const width = ((s.endMs - s.startMs) / axis) * 100;
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
