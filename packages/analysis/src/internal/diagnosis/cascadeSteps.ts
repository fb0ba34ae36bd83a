// How the cascade spread: the first interval in which each service saturated or saw many more failed
// calls than in its reference window, ordered by time, deepest service first within an interval.

import type { SimulationResult } from '@meshsim/mesh';

import type { CascadeStep } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';
import type { Span } from './depthAmplification.js';
import { intervalsIn, meanAt, sumAt } from './intervals.js';

/** The cascade of `result` (services already failing in the reference window are left out). */
export function cascadeSteps(
  result: SimulationResult,
  depths: ReadonlyMap<string, number>,
  reference: Span,
  t: DiagnosisThresholds,
): CascadeStep[] {
  const { startMs, edges, services } = result.timeSeries;
  const refIdx = intervalsIn(startMs, reference.fromMs, reference.toMs);
  const steps: CascadeStep[] = [];
  for (const service of services) {
    const depth = depths.get(service.name);
    if (depth === undefined) continue;
    const incoming = edges.filter((e) => e.destination === service.name);
    const failedAt = (i: number): number => incoming.reduce((n, e) => n + (e.failed[i] ?? 0), 0);
    const doneAt = (i: number): number =>
      incoming.reduce((n, e) => n + (e.failed[i] ?? 0) + (e.succeeded[i] ?? 0), 0);
    const refFailed = incoming.reduce((n, e) => n + sumAt(e.failed, refIdx), 0);
    const refDone = incoming.reduce((n, e) => n + sumAt(e.failed, refIdx) + sumAt(e.succeeded, refIdx), 0);
    const refShare = refDone > 0 ? refFailed / refDone : 0;
    const refBusy = meanAt(service.utilisation, refIdx);
    for (let i = 0; i < startMs.length; i++) {
      const saturated =
        refBusy < t.cascadeUtilisation && (service.utilisation[i] ?? 0) >= t.cascadeUtilisation;
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
  return steps.sort((a, b) => a.atMs - b.atMs || b.depth - a.depth || a.service.localeCompare(b.service));
}
