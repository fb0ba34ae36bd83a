// The few figures of a diagnosis that compare and the sweep put beside a run's verdict — how long it took to
// recover, how low goodput fell, how far retries multiplied the work — read off the diagnosis, never recomputed.

import { maxOf, minOf } from '@meshsim/mesh';

import type { FigureInfo } from '../replications/RunFigures.js';
import type { Diagnosis } from './Diagnosis.js';

/** A run's cascade at a glance (docs/analysis.md#cascade-figures); each null when the diagnosis has no such figure. */
export interface CascadeFigures {
  /**
   * The run's recovery (`diagnosis.recoveryMs`: its slowest `degraded-recovered` source's, from the end of the last
   * trigger) [ms]; null when no source had to recover, when one did not (the verdict says so) or when a trigger
   * never ends.
   */
  recoveryMs: number | null;
  /** The lowest goodput ratio of any source's window (successful ÷ offered calls, `run`'s `lowest (%)`), the worst source's. */
  minGoodputRatio: number | null;
  /**
   * Attempts per offered request during the triggers, at the call depth where they are most
   * (`diagnosis.amplification`'s `during`, `run`'s `during` column); null without a trigger.
   */
  peakAttemptsPerRequest: number | null;
  /**
   * The largest ratio of those attempts to the same depth's before the first trigger (`duringRatio`, `run`'s
   * `during ÷ before (×)`): the work amplification, fan-out divided out; null when no depth has one (a trigger at
   * 0 s leaves no time before it).
   */
  peakAmplification: number | null;
}

/** How the cascade figures read in a sweep's tables, in display order (recovery in seconds, goodput in %). */
export const CASCADE_FIGURES: readonly FigureInfo<keyof CascadeFigures>[] = [
  { key: 'recoveryMs', header: 'recovery (s)', decimals: 1, scale: 0.001 },
  { key: 'minGoodputRatio', header: 'lowest goodput (%)', decimals: 1, scale: 100 },
  { key: 'peakAttemptsPerRequest', header: 'peak attempts per request', decimals: 2, scale: 1 },
  { key: 'peakAmplification', header: 'peak amplification (×)', decimals: 2, scale: 1 },
];

/** The cascade figures of `diagnosis` (the output of `diagnose`). */
export function cascadeFigures(diagnosis: Diagnosis): CascadeFigures {
  const recovery = diagnosis.recoveryMs;
  const lowest = present(diagnosis.sources.map((source) => source.minRatio));
  const during = present(diagnosis.amplification.map((depth) => depth.during));
  const ratios = present(diagnosis.amplification.map((depth) => depth.duringRatio));
  return {
    recoveryMs: recovery !== null && Number.isFinite(recovery) ? recovery : null,
    minGoodputRatio: lowest.length === 0 ? null : minOf(lowest, 0),
    peakAttemptsPerRequest: during.length === 0 ? null : maxOf(during, 0),
    peakAmplification: ratios.length === 0 ? null : maxOf(ratios, 0),
  };
}

/** The values that exist. */
function present(values: readonly (number | null)[]): number[] {
  return values.filter((value): value is number => value !== null);
}
