// The compare report's traces: every shape sees the same arrivals and the same head-sampling draws, so the
// n-th traced request is the same request in every run; a typical one and the one the mesh slowed most are
// drawn under each shape, on one time axis.

import type { SimulationResult } from '@meshsim/mesh';

import { count, ms, signedMs } from '../format.js';
import { escapeHtml } from './escapeHtml.js';
import type { HtmlSection } from './HtmlSection.js';
import { traceViews, waterfall } from './waterfall.js';
import type { TraceView } from './waterfall.js';
import { maxOf } from '@meshsim/mesh';

/** The request's number in its run (the trace id's low half: traced requests counted in start order). */
function requestNumber(traceId: string): string {
  return traceId.slice(16);
}

/** The root call's duration [ms] (what the traffic source waited), or NaN without a root. */
function rootMs(view: TraceView): number {
  return view.root === undefined ? Number.NaN : view.root.endMs - view.root.startMs;
}

/**
 * The section, or null unless every result recorded traces. `baseline` is the index of the result added latency
 * is measured against. A request is shown only if every shape traced it from the same traffic source to the same
 * service, starting at the same time (the same request).
 */
export function sameRequestSection(
  results: readonly SimulationResult[],
  shapes: readonly string[],
  baseline: number,
): HtmlSection | null {
  if (results.length === 0 || results.some((r) => r.telemetry?.traces === undefined)) return null;
  const byShape = results.map(
    (r) => new Map(traceViews(r.telemetry?.traces?.spans ?? []).map((v) => [requestNumber(v.id), v])),
  );
  const base = byShape[baseline] ?? new Map<string, TraceView>();
  const same: { number: string; views: TraceView[] }[] = [];
  for (const [number, view] of base) {
    const views = byShape.map((m) => m.get(number));
    const root = view.root;
    if (root === undefined) continue;
    const matches = views.every(
      (v) =>
        v?.root !== undefined &&
        v.root.name === root.name &&
        v.root.service === root.service &&
        v.root.startMs === root.startMs,
    );
    if (matches) same.push({ number, views: views as TraceView[] });
  }
  if (same.length === 0) {
    return {
      id: 'same-request',
      title: 'The same request under each shape',
      html:
        '<p>No traced request is the same under every shape (closed-loop users or connection limits change when ' +
        'requests start, and with them which ones are sampled).</p>',
    };
  }
  const added = (entry: { views: TraceView[] }): number =>
    maxOf(
      entry.views.map((v) => rootMs(v) - rootMs(entry.views[baseline] as TraceView)),
      -Infinity,
    );
  const byBaseline = [...same].sort(
    (a, b) =>
      rootMs(a.views[baseline] as TraceView) - rootMs(b.views[baseline] as TraceView) ||
      (a.number < b.number ? -1 : 1),
  );
  const typical = byBaseline[Math.floor((byBaseline.length - 1) / 2)] as (typeof same)[number];
  const slowed = [...same].sort(
    (a, b) => added(b) - added(a) || (a.number < b.number ? -1 : 1),
  )[0] as (typeof same)[number];
  const chosen: { label: string; entry: (typeof same)[number] }[] = [
    { label: `A typical request (the median under ${shapes[baseline] ?? 'the baseline'})`, entry: typical },
  ];
  if (slowed.number !== typical.number) {
    chosen.push({ label: 'The request the shapes slowed most', entry: slowed });
  }
  const html = [
    `<p>${escapeHtml(
      `${count(same.length)} traced requests are the same under every shape (the same arrivals and sampling ` +
        'draws in every run). Below, each chosen request under each shape, on one time axis per request: where ' +
        'the shapes add their time (proxy hops grey, failed spans red).',
    )}</p>`,
    ...chosen.map(({ label, entry }) => {
      const axisMs = maxOf(
        entry.views.map((v) => v.durationMs),
        -Infinity,
      );
      const baseMs = rootMs(entry.views[baseline] as TraceView);
      const root = entry.views[baseline]?.root;
      const heading =
        `${label}: ${root?.service ?? ''} → ${root?.name.replace(/^call /, '') ?? ''} at ` +
        `${ms(root?.startMs ?? Number.NaN)} ms of simulated time`;
      const tables = entry.views.map((view, i) => {
        const took = rootMs(view);
        const delta = i === baseline ? '' : ` (${signedMs(took - baseMs)} ms)`;
        const status = view.root?.status === 'error' ? `, failed (${view.root.statusMessage})` : '';
        return waterfall(
          view,
          `${shapes[i] ?? `shape ${i + 1}`}: ${ms(took)} ms${delta}${status}, ${count(view.spans.length)} spans`,
          axisMs,
        );
      });
      return `<h3>${escapeHtml(heading)}</h3>\n${tables.join('\n')}`;
    }),
  ].join('\n');
  return { id: 'same-request', title: 'The same request under each shape', html };
}
