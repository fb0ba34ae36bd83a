// How the cascade spread: the first interval from which each service stayed saturated (its utilisation averaged over
// a few seconds) or saw many more failed calls than in its reference window, ordered by time, deepest service first
// within an interval; with triggers, only from the first trigger on, and the services already saturated before it
// apart.

import type { SimulationResult } from '@meshsim/mesh';

import type { CascadeStep, SaturatedService } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';
import type { Span } from './depthAmplification.js';
import { intervalsIn, meanAt, meanIn, sumAt } from './intervals.js';

/** The cascade of a run and the services the triggers found saturated. */
export interface Cascade {
  steps: CascadeStep[];
  /** With triggers, the services saturated over the reference window (before the first trigger); else empty. */
  saturatedBefore: SaturatedService[];
}

/**
 * The cascade of `result` (docs/analysis.md#sustaining-loop-amplification-and-cascade). A service joins as
 * `saturated` at the first interval from which its mean utilisation over `cascadeSaturatedMs` is at least
 * `cascadeUtilisation` (one busy second is noise), or as `failing` at the first interval whose failed share of the
 * calls to it rises `cascadeFailureRise` above its reference share. With triggers (`triggered`: the reference ends at
 * the first one), steps are looked for from the first trigger on, and a service saturated over the reference is not a
 * step but one of `saturatedBefore`; without triggers, from the start of the run.
 */
export function cascadeSteps(
  result: SimulationResult,
  depths: ReadonlyMap<string, number>,
  reference: Span,
  triggered: boolean,
  t: DiagnosisThresholds,
): Cascade {
  const { startMs, edges, services, intervalMs } = result.timeSeries;
  const n = startMs.length;
  const refIdx = intervalsIn(startMs, reference.fromMs, reference.toMs);
  const firstAfter = startMs.findIndex((start) => start >= reference.toMs);
  const from = triggered ? (firstAfter < 0 ? n : firstAfter) : 0;
  const sustain = Math.max(1, Math.round(t.cascadeSaturatedMs / intervalMs));
  const steps: CascadeStep[] = [];
  const saturatedBefore: SaturatedService[] = [];
  for (const service of services) {
    const depth = depths.get(service.name);
    if (depth === undefined) continue;
    const incoming = edges.filter((e) => e.destination === service.name);
    const failedAt = (i: number): number => incoming.reduce((sum, e) => sum + (e.failed[i] ?? 0), 0);
    const doneAt = (i: number): number =>
      incoming.reduce((sum, e) => sum + (e.failed[i] ?? 0) + (e.succeeded[i] ?? 0), 0);
    const refFailed = incoming.reduce((sum, e) => sum + sumAt(e.failed, refIdx), 0);
    const refDone = incoming.reduce(
      (sum, e) => sum + sumAt(e.failed, refIdx) + sumAt(e.succeeded, refIdx),
      0,
    );
    const refShare = refDone > 0 ? refFailed / refDone : 0;
    const refBusy = meanAt(service.utilisation, refIdx);
    const already = triggered && refIdx.length > 0 && refBusy >= t.cascadeUtilisation;
    if (already) saturatedBefore.push({ service: service.name, utilisation: refBusy });
    for (let i = from; i < n; i++) {
      const saturated =
        !already && i + sustain <= n && meanIn(service.utilisation, i, i + sustain) >= t.cascadeUtilisation;
      const failed = failedAt(i);
      const done = doneAt(i);
      const failing =
        failed >= t.cascadeMinFailed && done > 0 && failed / done >= refShare + t.cascadeFailureRise;
      if (saturated || failing) {
        steps.push({
          service: service.name,
          atMs: startMs[i] ?? 0,
          depth,
          signal: saturated ? 'saturated' : 'failing',
        });
        break;
      }
    }
  }
  return {
    steps: steps.sort((a, b) => a.atMs - b.atMs || b.depth - a.depth || a.service.localeCompare(b.service)),
    saturatedBefore: saturatedBefore.sort(
      (a, b) => b.utilisation - a.utilisation || a.service.localeCompare(b.service),
    ),
  };
}
