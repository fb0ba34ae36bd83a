// The edge whose calls took the most attempts each while the triggers lasted: the retry storm of one route, which the
// per-depth amplification dilutes among the other edges of its depth (a gateway's one retrying callee of three).

import type { SimulationResult } from '@meshsim/mesh';
import { maxOf, minOf } from '@meshsim/mesh';

import { attemptsAt, sentAt } from '../internal/diagnosis/attemptsAt.js';
import { intervalsIn } from '../internal/diagnosis/intervals.js';
import type { Diagnosis } from './Diagnosis.js';

/** One edge's attempts per call over a span. */
export interface EdgeAttempts {
  /** `caller → callee`. */
  edge: string;
  /** Attempts (first tries sent + retries) ÷ first tries sent on the edge, in the intervals of the span. */
  attemptsPerCall: number;
}

/**
 * The edge with the most attempts per call during the triggers (from the start of the first to the end of the last,
 * or to the end of the run): its attempts — first tries sent and retries — in the intervals starting in that span,
 * divided by the first tries it sent in them (docs/analysis.md#cascade-figures). Edges that sent nothing then are
 * left out; the first in the result's order wins a tie. Null without triggers, or when no edge sent a call during
 * them.
 *
 * @param result - The run.
 * @param diagnosis - Its diagnosis (`diagnose(config, result)`): the triggers' span.
 */
export function peakEdgeAttempts(result: SimulationResult, diagnosis: Diagnosis): EdgeAttempts | null {
  const { triggers, lastTriggerEndMs } = diagnosis;
  if (triggers.length === 0 || lastTriggerEndMs === null) return null;
  const fromMs = minOf(
    triggers.map((t) => t.startMs),
    0,
  );
  const toMs = Math.min(lastTriggerEndMs, result.stopped?.atMs ?? result.scenario.durationMs);
  const { startMs, edges } = result.timeSeries;
  const idx = intervalsIn(startMs, fromMs, toMs);
  const figures = edges.flatMap((series) => {
    const sent = sentAt(series, idx);
    return sent > 0
      ? [
          {
            edge: `${series.source} → ${series.destination}`,
            attemptsPerCall: attemptsAt(series, idx) / sent,
          },
        ]
      : [];
  });
  if (figures.length === 0) return null;
  const peak = maxOf(
    figures.map((f) => f.attemptsPerCall),
    0,
  );
  return figures.find((f) => f.attemptsPerCall === peak) ?? null;
}
