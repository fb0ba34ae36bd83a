// The verdict of one traffic source from its entry edge's per-interval series: pooled goodput ratios over
// sliding windows, compared with the band around the reference (pre-trigger) ratio.

import type { EdgeSeries } from '@meshsim/mesh';

import type { SourceDiagnosis, SourceVerdict } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';

/** What the verdict of a source needs besides its series. */
export interface SourceVerdictInput {
  source: string;
  to: string;
  /** The source's entry edge series; undefined when it made no call at all. */
  series: EdgeSeries | undefined;
  startMs: readonly number[];
  intervalMs: number;
  durationMs: number;
  /** First trigger start and last trigger end [ms]; null without triggers. */
  firstTriggerMs: number | null;
  lastTriggerEndMs: number | null;
  thresholds: DiagnosisThresholds;
  /** The services with Pending pods, as `api (2 of 2 pods Pending)`: what a degraded reason names. @defaultValue none */
  pending?: readonly string[];
}

/** Pooled goodput ratio succeeded ÷ calls over intervals [from, to); null when no call was offered. */
function pooled(series: EdgeSeries, from: number, to: number): number | null {
  let calls = 0;
  let succeeded = 0;
  for (let i = from; i < to; i++) {
    calls += series.calls[i] ?? 0;
    succeeded += series.succeeded[i] ?? 0;
  }
  return calls === 0 ? null : succeeded / calls;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/** The diagnosis of one source (docs/analysis.md#verdicts). */
export function sourceVerdict(input: SourceVerdictInput): SourceDiagnosis {
  const { series, startMs, thresholds: t } = input;
  const base = { source: input.source, to: input.to };
  const n = startMs.length;
  // No call offered in any interval (`rate: 0`, or a run too short for one): nothing to judge goodput by, and
  // no goodput ratio to report (null, not 100 %).
  const offered = series === undefined ? 0 : series.calls.reduce((sum, calls) => sum + calls, 0);
  if (series === undefined || n === 0 || offered === 0) {
    return {
      ...base,
      verdict: 'stable',
      referenceRatio: null,
      minRatio: null,
      finalRatio: null,
      degradedAtMs: null,
      recoveredAtMs: null,
      recoveryMs: null,
      stillDownMs: null,
      reason: 'no call was offered',
    };
  }
  const width = Math.max(1, Math.min(n, Math.round(t.windowMs / input.intervalMs)));
  // Reference: the intervals that end before the first trigger, when they fill a window; with no trigger,
  // the first window; with an early trigger, 1 (every offered call should succeed).
  const preTrigger =
    input.firstTriggerMs === null
      ? width
      : startMs.filter((start) => start + input.intervalMs <= (input.firstTriggerMs ?? 0)).length;
  const referenceRatio = preTrigger >= width ? Math.min(1, pooled(series, 0, preTrigger) ?? 1) : 1;
  const floor = t.bandRatio * referenceRatio;

  // Window i covers intervals [i, i + width); a window without offered calls counts as within the band.
  const windows = n - width + 1;
  const ratios: (number | null)[] = [];
  for (let i = 0; i < windows; i++) ratios.push(pooled(series, i, i + width));
  const healthy = ratios.map((ratio) => ratio === null || ratio >= floor);
  const known = ratios.filter((ratio): ratio is number => ratio !== null);
  const minRatio = known.length === 0 ? 1 : Math.min(...known);
  const finalRatio = ratios[windows - 1] ?? 1;
  const firstBad = healthy.indexOf(false);
  const lastBad = healthy.lastIndexOf(false);
  const lastEnd = input.lastTriggerEndMs;
  const common = { ...base, referenceRatio, minRatio, finalRatio };

  if (referenceRatio < t.downRatio) {
    return {
      ...common,
      verdict: 'degraded',
      degradedAtMs: 0,
      recoveredAtMs: null,
      recoveryMs: null,
      stillDownMs: null,
      reason:
        `goodput was ${percent(referenceRatio)} of offered calls before any trigger: the load alone exceeds what the system serves` +
        (input.pending === undefined || input.pending.length === 0
          ? ''
          : `, with pods no node had room for: ${input.pending.join(', ')}`),
    };
  }
  if (firstBad < 0) {
    return {
      ...common,
      verdict: 'stable',
      degradedAtMs: null,
      recoveredAtMs: null,
      recoveryMs: null,
      stillDownMs: null,
      reason: `goodput stayed within ${percent(1 - t.bandRatio)} of its reference (${percent(referenceRatio)} of offered calls) in every ${seconds(t.windowMs)} window`,
    };
  }
  const degradedAtMs = startMs[firstBad] ?? 0;
  if (lastBad < windows - 1) {
    const recoveredAtMs = startMs[lastBad + 1] ?? 0;
    const ended = lastEnd !== null && Number.isFinite(lastEnd);
    const recoveryMs = ended ? recoveredAtMs - (lastEnd ?? 0) : lastEnd === null ? recoveredAtMs : null;
    let when = '';
    if (lastEnd !== null && !ended) when = ' while a trigger is still active (the system absorbed it)';
    else if (recoveryMs !== null && lastEnd !== null)
      when =
        recoveryMs >= 0
          ? `, ${seconds(recoveryMs)} after the last trigger ended`
          : `, ${seconds(-recoveryMs)} before the last trigger ended (the system absorbed it)`;
    return {
      ...common,
      verdict: 'degraded-recovered',
      degradedAtMs,
      recoveredAtMs,
      recoveryMs,
      stillDownMs: null,
      reason: `goodput fell to ${percent(minRatio)} of offered calls and was back within the band from ${seconds(recoveredAtMs)}${when}`,
    };
  }
  // Still below the band in the last window.
  const end = input.durationMs;
  let verdict: SourceVerdict;
  let stillDownMs: number | null = null;
  let reason: string;
  if (lastEnd === null || !Number.isFinite(lastEnd) || lastEnd >= end) {
    verdict = 'degraded';
    reason =
      lastEnd === null
        ? `goodput fell to ${percent(finalRatio)} of offered calls with no trigger: the load or the configuration keeps it down`
        : `goodput is ${percent(finalRatio)} of offered calls at the end, while a trigger is still active`;
  } else if (end - lastEnd >= t.metastableAfterMs) {
    verdict = 'metastable';
    stillDownMs = end - lastEnd;
    reason = `goodput is still ${percent(finalRatio)} of offered calls ${seconds(stillDownMs)} after the last trigger ended (reference ${percent(referenceRatio)})`;
  } else {
    verdict = 'unresolved';
    stillDownMs = end - lastEnd;
    reason = `goodput is ${percent(finalRatio)} of offered calls at the end, only ${seconds(stillDownMs)} after the last trigger ended: run longer to tell recovery from metastability`;
  }
  return { ...common, verdict, degradedAtMs, recoveredAtMs: null, recoveryMs: null, stillDownMs, reason };
}
