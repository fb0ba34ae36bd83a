// Diagnoses a run from its config (faults, traffic, call graph) and its per-interval series: the verdict
// of every traffic source and of the run, the sustaining loop, amplification per depth and the cascade.

import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';

import { cascadeSteps } from '../internal/diagnosis/cascadeSteps.js';
import { serviceDepths } from '../internal/diagnosis/callDepths.js';
import { depthAmplification } from '../internal/diagnosis/depthAmplification.js';
import type { Span } from '../internal/diagnosis/depthAmplification.js';
import { attributeNodeCrashes } from '../internal/diagnosis/attributeNodeCrashes.js';
import { findTriggers, restartAfterEnd } from '../internal/diagnosis/findTriggers.js';
import { duration } from '../internal/diagnosis/reasonWords.js';
import { lossEvidence, reached } from '../internal/diagnosis/lossEvidence.js';
import { resourceSaturation } from '../internal/diagnosis/resourceSaturation.js';
import { sourceVerdict } from '../internal/diagnosis/sourceVerdict.js';
import { sustainingLoop } from '../internal/diagnosis/sustainingLoop.js';
import type { BacklogThrottle, Diagnosis, SourceDiagnosis, SourceVerdict, Verdict } from './Diagnosis.js';
import { VERDICTS, isRecovered } from './Diagnosis.js';
import { DIAGNOSIS_THRESHOLDS } from './DiagnosisThresholds.js';
import type { DiagnosisThresholds } from './DiagnosisThresholds.js';
import { RateSchedule, minOf, maxOf } from '@meshsim/mesh';
import type { OpenTrafficConfig } from '@meshsim/mesh';

function mostSevere(verdicts: readonly SourceVerdict[]): SourceVerdict {
  let worst: SourceVerdict = 'stable';
  for (const verdict of verdicts) if (VERDICTS.indexOf(verdict) > VERDICTS.indexOf(worst)) worst = verdict;
  return worst;
}

/** An open-loop source's scheduled rate at a time [req/s]. */
function rateOf(points: OpenTrafficConfig['rate']): (timeMs: number) => number {
  const schedule = new RateSchedule(points);
  return (timeMs) => schedule.rateAt(timeMs);
}

/** The series of the services a source entering at `to` reaches. */
function servicesReached(result: SimulationResult, to: string): SimulationResult['timeSeries']['services'] {
  const names = reached(result, to);
  return result.timeSeries.services.filter((s) => names.has(s.name));
}

/** The services a source entering at `to` reaches that were throttled by a CPU limit, most throttled first. */
function throttledReached(result: SimulationResult, to: string): BacklogThrottle[] {
  const names = reached(result, to);
  return result.services
    .filter((s) => names.has(s.name) && s.cpuThrottledMs + s.sidecarThrottledMs > 0)
    .map((s) => ({
      service: s.name,
      appThrottledMs: s.cpuThrottledMs,
      sidecarThrottledMs: s.sidecarThrottledMs,
    }))
    .sort(
      (a, b) =>
        b.appThrottledMs + b.sidecarThrottledMs - (a.appThrottledMs + a.sidecarThrottledMs) ||
        a.service.localeCompare(b.service),
    );
}

function maxOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : maxOf(known, 0);
}

/** `'retry-storm'` for a string, `7` for a number: a value in an error message. */
function quoted(value: string | number): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * Refuses a result that is not a run of `config` (a cheap check of what the result records of its scenario).
 * @throws {RangeError} naming each of scenario name, seed, duration and mesh shape that differs.
 */
function checkSameRun(config: SimulationConfig, result: SimulationResult): void {
  const run = result.scenario;
  const fields: [string, string | number, string | number][] = [
    ['scenario name', run.name, config.name],
    ['seed', run.seed, config.seed],
    ['duration [ms]', run.durationMs, config.durationMs],
    ['mesh', run.mesh, config.mesh.shape],
  ];
  const differ = fields
    .filter(([, ofResult, ofConfig]) => ofResult !== ofConfig)
    .map(([field, ofResult, ofConfig]) => `${field} ${quoted(ofResult)} (config: ${quoted(ofConfig)})`);
  if (differ.length > 0) {
    throw new RangeError(
      `diagnose: the result is not a run of this config: its ${differ.join(', ')}; pass the config that was simulated`,
    );
  }
}

/**
 * Diagnoses one run (definitions and thresholds: docs/analysis.md). Pure and deterministic: the same
 * config and result give the same diagnosis. A run a guard stopped early (`result.stopped`) is not diagnosed: its
 * verdict is `stopped`, with no source verdicts and no sustaining loop (a verdict needs the whole run).
 *
 * @param config - The config that was simulated (its faults, traffic and call graph).
 * @param result - What `simulate(config)` returned.
 * @throws {RangeError} when `result` is not a run of `config`: its scenario name, seed, duration or mesh shape
 *   differs from the config's (the error names each that does).
 * @param thresholds - Overrides of {@link DIAGNOSIS_THRESHOLDS}.
 * @example
 * ```ts
 * const config = loadScenario('retry-storm');
 * diagnose(config, simulate(config)).verdict; // 'metastable'
 * ```
 */
export function diagnose(
  config: SimulationConfig,
  result: SimulationResult,
  thresholds: Partial<DiagnosisThresholds> = {},
): Diagnosis {
  checkSameRun(config, result);
  const t: DiagnosisThresholds = { ...DIAGNOSIS_THRESHOLDS, ...thresholds };
  const durationMs = result.scenario.durationMs;
  const triggers = findTriggers(config, result);
  const firstTriggerMs =
    triggers.length === 0
      ? null
      : minOf(
          triggers.map((x) => x.startMs),
          0,
        );
  const lastTriggerEndMs =
    triggers.length === 0
      ? null
      : maxOf(
          triggers.map((x) => x.endMs),
          0,
        );
  const restartAfterEndMs = restartAfterEnd(triggers, durationMs);
  const { startMs, intervalMs, edges } = result.timeSeries;

  const pending = result.services
    .filter((service) => service.pendingPods > 0)
    .map((s) => `${s.name} (${s.pendingPods} of ${s.instances + s.pendingPods} pods Pending)`);
  const resources = resourceSaturation(result, t);
  const sources: SourceDiagnosis[] = config.traffic.map((source) =>
    sourceVerdict({
      source: source.name,
      to: source.to,
      series: edges.find((e) => e.source === source.name && e.destination === source.to),
      startMs,
      intervalMs,
      durationMs,
      firstTriggerMs,
      lastTriggerEndMs,
      ...(restartAfterEndMs !== null && { restartAfterEndMs }),
      thresholds: t,
      pending,
      evidence: lossEvidence(config, result, source.name, source.to, firstTriggerMs, t, resources),
      services: servicesReached(result, source.to),
      throttled: throttledReached(result, source.to),
      ...(source.kind === 'open' && { rateAt: rateOf(source.rate) }),
    }),
  );
  // A run a guard stopped is not diagnosed: what it measured covers only the simulated time it reached.
  const stop = result.stopped;
  const verdict: Verdict = stop === undefined ? mostSevere(sources.map((s) => s.verdict)) : 'stopped';

  const reference: Span =
    firstTriggerMs === null
      ? { fromMs: 0, toMs: Math.min(t.windowMs, durationMs) }
      : { fromMs: 0, toMs: firstTriggerMs };
  // Whether some time of the run is after the last trigger.
  const ended = lastTriggerEndMs !== null && lastTriggerEndMs < durationMs;
  const window: Span =
    ended && lastTriggerEndMs !== null
      ? { fromMs: lastTriggerEndMs, toMs: durationMs }
      : { fromMs: firstTriggerMs ?? 0, toMs: durationMs };
  const depths = serviceDepths(config);
  const sourceNames = new Set(config.traffic.map((s) => s.name));
  // While the triggers last: from the first to the end of the last (the run's end for one that outlasts it).
  const during: Span | null =
    firstTriggerMs === null
      ? null
      : { fromMs: firstTriggerMs, toMs: Math.min(lastTriggerEndMs ?? durationMs, durationMs) };
  // After the triggers: none when no trigger ended before the end (its figure would be `during` again).
  const after: Span | null = firstTriggerMs !== null && !ended ? null : window;
  const amplification = depthAmplification(result, depths, sourceNames, reference, after, during);
  const { steps, saturatedBefore } = cascadeSteps(result, depths, reference, firstTriggerMs !== null, t);
  const cascade = attributeNodeCrashes(steps, triggers);
  if (stop !== undefined) {
    return {
      verdict,
      lossy: false,
      reason:
        `stopped early (${stop.reason}) at ${duration(stop.atMs)} of ${duration(durationMs)} simulated: ` +
        'not diagnosed (a verdict needs the whole run)',
      stopped: { reason: stop.reason, atMs: stop.atMs },
      triggers,
      lastTriggerEndMs,
      recoveryMs: null,
      stillDownMs: null,
      sources: [],
      loop: null,
      amplification,
      cascade,
      saturatedBeforeTrigger: saturatedBefore,
      ...(resources !== null && { resources }),
    };
  }
  // A loop sustains a source that was judged and did not recover; one too short to judge (no goodput ratios) has none.
  const down = sources.some((s) => !isRecovered(s.verdict) && s.referenceRatio !== null);
  const loop = down ? sustainingLoop(config, result, depths, window, t) : null;

  // The run is lossy when it recovers but some source loses calls throughout: its reason names a lossy source of
  // the run's verdict, or else, after the source it names, the first lossy one.
  const lossy = isRecovered(verdict) && sources.some((s) => s.lossy);
  const ofVerdict = sources.filter((s) => s.verdict === verdict);
  const worst = ofVerdict.find((s) => s.lossy) ?? ofVerdict[0];
  const alsoLossy = lossy && worst?.lossy === false ? sources.find((s) => s.lossy) : undefined;
  const reason =
    worst === undefined
      ? 'no traffic source'
      : `${worst.source}: ${worst.reason}` +
        (alsoLossy === undefined ? '' : `; ${alsoLossy.source}: ${alsoLossy.reason}`) +
        (loop === null ? '' : `; sustained by: ${loop.summary}`);
  return {
    verdict,
    lossy,
    reason,
    triggers,
    lastTriggerEndMs,
    recoveryMs: maxOrNull(sources.map((s) => s.recoveryMs)),
    stillDownMs: maxOrNull(sources.map((s) => s.stillDownMs)),
    sources,
    loop,
    amplification,
    cascade,
    saturatedBeforeTrigger: saturatedBefore,
    ...(resources !== null && { resources }),
  };
}
