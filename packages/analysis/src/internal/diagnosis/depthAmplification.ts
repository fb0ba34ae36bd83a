// Work amplification per call depth: attempts (first tries sent + retries) on the edges at each depth per
// request offered by the traffic sources, in the reference window, during the triggers and after them.

import type { SimulationResult } from '@meshsim/mesh';

import type { DepthAmplification } from '../../diagnosis/Diagnosis.js';
import { attemptsAt } from './attemptsAt.js';
import { edgeDepth } from './callDepths.js';
import { intervalsIn, sumAt } from './intervals.js';

/** A time window [fromMs, toMs). */
export interface Span {
  fromMs: number;
  toMs: number;
}

/**
 * @param depths - Depth of each service (an edge's depth is its caller's + 1; a source's edge is at 1).
 * @param sources - Names of the traffic sources (their entry edges carry the offered requests).
 * @param window - After the last trigger (the whole run without triggers); null when no trigger ended before the end
 *   of the run: no time after them (the triggers' span is `during`).
 */
export function depthAmplification(
  result: SimulationResult,
  depths: ReadonlyMap<string, number>,
  sources: ReadonlySet<string>,
  reference: Span,
  window: Span | null,
  during: Span | null,
): DepthAmplification[] {
  const { startMs, edges } = result.timeSeries;
  const refIdx = intervalsIn(startMs, reference.fromMs, reference.toMs);
  const winIdx = window === null ? [] : intervalsIn(startMs, window.fromMs, window.toMs);
  const durIdx = during === null ? [] : intervalsIn(startMs, during.fromMs, during.toMs);
  const offered = (idx: number[]): number =>
    edges.filter((e) => sources.has(e.source)).reduce((n, e) => n + sumAt(e.calls, idx), 0);
  const offeredRef = offered(refIdx);
  const offeredWin = offered(winIdx);
  const offeredDur = offered(durIdx);
  const byDepth = new Map<number, { edges: string[]; ref: number; win: number; dur: number }>();
  for (const edge of edges) {
    const depth = edgeDepth(edge.source, depths, sources);
    if (depth === undefined) continue;
    const entry = byDepth.get(depth) ?? { edges: [], ref: 0, win: 0, dur: 0 };
    entry.edges.push(`${edge.source} → ${edge.destination}`);
    entry.ref += attemptsAt(edge, refIdx);
    entry.win += attemptsAt(edge, winIdx);
    entry.dur += attemptsAt(edge, durIdx);
    byDepth.set(depth, entry);
  }
  return [...byDepth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([depth, entry]) => {
      // No request offered in a span (none before a trigger at 0 s, a source ramping up from 0): no figure, not 0.
      const baseline = offeredRef > 0 ? entry.ref / offeredRef : null;
      const inWindow = window === null || offeredWin === 0 ? null : entry.win / offeredWin;
      const inTriggers = during === null || offeredDur === 0 ? null : entry.dur / offeredDur;
      const over = (value: number | null): number | null =>
        value !== null && baseline !== null && baseline > 0 ? value / baseline : null;
      return {
        depth,
        edges: entry.edges,
        baseline,
        during: inTriggers,
        duringRatio: over(inTriggers),
        window: inWindow,
        ratio: over(inWindow),
      };
    });
}
