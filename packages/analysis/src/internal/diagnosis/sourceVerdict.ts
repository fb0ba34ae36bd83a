// The verdict of one traffic source from its entry edge's per-interval series: pooled goodput ratios over
// sliding windows after the source's warm-up, compared with the band around the reference (pre-trigger) ratio;
// a source whose calls pile up (calls in flight growing through the run) is degraded whatever its goodput does.

import type { EdgeSeries, ServiceSeries } from '@meshsim/mesh';

import type { BacklogThrottle, SourceDiagnosis, SourceVerdict } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';
import { resourceSaturationText } from '../../diagnosis/resourceSaturationText.js';
import { backlogGrowth, describeBacklog } from './backlogGrowth.js';
import { describeFailures, describeLoad, describeNoLoad, loadBound } from './lossEvidence.js';
import type { LossEvidence } from './lossEvidence.js';
import { callsDue, goodputWithGrace, graceIntervals, normalLatencyMs } from './graceGoodput.js';
import { sumIn } from './intervals.js';
import { duration, percent } from './reasonWords.js';
import { minOf } from '@meshsim/mesh';

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
  /**
   * When the triggers still active at the run's end are crash loops whose faults ended in the run, waiting for their
   * containers' restart on the kubelet's backoff: that restart [ms] (`lastTriggerEndMs`, after the end). A source
   * still down then is `unresolved`, not `degraded`. @defaultValue none
   */
  restartAfterEndMs?: number;
  thresholds: DiagnosisThresholds;
  /** The services with Pending pods, as `api (2 of 2 pods Pending)`: what a degraded reason names. @defaultValue none */
  pending?: readonly string[];
  /**
   * How its calls failed and whether what they reach was overloaded: what the reason of a source that lost calls
   * with no trigger to blame names. @defaultValue none: the reason names no cause
   */
  evidence?: LossEvidence;
  /**
   * The series of the services the source reaches: a reason of calls piling up names those saturated meanwhile.
   * @defaultValue none: it names none
   */
  services?: readonly ServiceSeries[];
  /** The services it reaches throttled by a CPU limit over the run. @defaultValue none */
  throttled?: readonly BacklogThrottle[];
  /** An open-loop source's scheduled rate at a time [req/s]. @defaultValue none: a steady rate (closed loop) */
  rateAt?: (timeMs: number) => number;
}

/**
 * Why a source lost calls with no trigger to blame, from `evidence`: `: the load exceeds what the system serves —
 * frontend saturated (…); failed calls over the run: rejected 4,193` when some service it reaches was overloaded,
 * else ` — failed calls over the run: …; no service it calls is saturated or rejects requests (busiest: …)` (the
 * evidence, not a verdict on what else could be overloaded: proxies, node CPU); `''` without evidence. `alone`:
 * before any trigger (`the load alone`).
 */
function because(evidence: LossEvidence | undefined, alone: boolean): string {
  if (evidence === undefined) return '';
  return loadBound(evidence)
    ? `: the load${alone ? ' alone' : ''} exceeds what the system serves — ${describeLoad(evidence)}; ${describeFailures(evidence)}`
    : ` — ${describeFailures(evidence)}; ${describeNoLoad(evidence)}`;
}

/**
 * Pooled goodput ratio Σ goodput ÷ Σ calls (`due`: less those still in flight at the end and not yet due, `callsDue`)
 * over intervals [from, to), capped at 1 (successes of calls offered
 * seconds before the span, a backlog completing, can outnumber the calls offered in it); null when no call was
 * offered. `goodput` counts a success in the interval its call was offered in when it completed within the source's
 * grace, else where it completed (docs/analysis.md#verdicts).
 */
function pooled(due: readonly number[], goodput: readonly number[], from: number, to: number): number | null {
  const calls = sumIn(due, from, to);
  return calls === 0 ? null : Math.min(1, sumIn(goodput, from, to) / calls);
}

/**
 * Whether a window's pooled `ratio` over `calls` is below `floor` by more than sampling noise: its shortfall
 * (floor × calls − successes) is at least `sigmas` standard deviations of a binomial count of `calls` at `floor`. A
 * window of 25 calls at 92 % against a 94 % floor is noise (0.4 σ); one at 20 % is a fall (16 σ).
 */
function beyondNoise(calls: number, ratio: number, floor: number, sigmas: number): boolean {
  const deviation = Math.sqrt(Math.max(0, calls * floor * (1 - floor)));
  return (floor - ratio) * calls >= sigmas * deviation;
}

/**
 * The warm-up: the number of leading intervals before the first one in which the calls that completed (succeeded or
 * failed) reach `ratio` × the calls offered — while the first calls are still on their way, in flight, not failed.
 * At most `limit` intervals (one window, and no further than the first trigger).
 */
function warmUpIntervals(series: EdgeSeries, limit: number, ratio: number): number {
  for (let i = 0; i < limit; i++) {
    const completed = (series.succeeded[i] ?? 0) + (series.failed[i] ?? 0);
    if (completed >= ratio * (series.calls[i] ?? 0)) return i;
  }
  return limit;
}

/**
 * Where goodput fell out of the band, in the first window below it, [first, last]: the first interval from which the
 * goodput pooled up to each later interval of that window stays below the band (`surplus` of an interval: its
 * successes − floor × its calls; a pooled span is below the band when its surplus is negative). Such an interval
 * exists: the one after the last running maximum of the cumulative surplus over the window.
 */
function fellAt(surplus: readonly number[], first: number, last: number): number {
  for (let from = first; from <= last; from++) {
    let cumulative = 0;
    let below = true;
    for (let j = from; j <= last && below; j++) {
      cumulative += surplus[j] ?? 0;
      below = cumulative < 0;
    }
    if (below) return from;
  }
  return last;
}

/**
 * Where goodput was back in the band for good, after the last window below it (`afterBad`, the first interval after
 * that window's start): the first interval from which the goodput pooled up to every later interval of the run is
 * within the band. Such an interval exists (the one after the first minimum of the cumulative surplus from `afterBad`
 * − 1 on), given that every window starting from `afterBad` on is within the band.
 */
function backAt(surplus: readonly number[], afterBad: number): number {
  const n = surplus.length;
  // suffixMin[i]: the lowest cumulative surplus, counted from afterBad, reached at any interval ≥ i.
  const cumulative: number[] = [];
  let running = 0;
  for (let i = afterBad; i < n; i++) {
    running += surplus[i] ?? 0;
    cumulative[i] = running;
  }
  const suffixMin: number[] = new Array<number>(n + 1).fill(Infinity);
  for (let i = n - 1; i >= afterBad; i--)
    suffixMin[i] = Math.min(cumulative[i] ?? 0, suffixMin[i + 1] ?? Infinity);
  for (let from = afterBad; from < n; from++) {
    const before = from === afterBad ? 0 : (cumulative[from - 1] ?? 0);
    if ((suffixMin[from] ?? Infinity) >= before) return from;
  }
  return n - 1;
}

/**
 * The scheduled rate over the `width` intervals before interval i starts [req/s]: the mean of `rateAt` at their
 * midpoints (at the run's start, the rate then).
 */
function scheduledRateBefore(
  rateAt: (timeMs: number) => number,
  startMs: readonly number[],
  intervalMs: number,
  width: number,
): (i: number) => number {
  return (i) => {
    const from = Math.max(0, i - width);
    if (i <= from) return rateAt(0);
    let total = 0;
    for (let j = from; j < i; j++) total += rateAt((startMs[j] ?? 0) + intervalMs / 2);
    return total / (i - from);
  };
}

/** The diagnosis of one source (docs/analysis.md#verdicts). */
export function sourceVerdict(input: SourceVerdictInput): SourceDiagnosis {
  const { series, startMs, thresholds: t } = input;
  const base = { source: input.source, to: input.to };
  const n = startMs.length;
  // A source not judged: no goodput ratio to report (null, not 100 %), no time it degraded or recovered.
  const unjudged = (verdict: SourceVerdict, reason: string): SourceDiagnosis => ({
    ...base,
    verdict,
    referenceRatio: null,
    minRatio: null,
    finalRatio: null,
    degradedAtMs: null,
    recoveredAtMs: null,
    recoveryMs: null,
    stillDownMs: null,
    lossy: false,
    backlog: null,
    reason,
  });
  const minimum = duration(t.windowMs);
  if (input.durationMs < t.windowMs) {
    return unjudged(
      'unresolved',
      `the run (${duration(input.durationMs)}) is shorter than one ${minimum} window: too short to judge (run at least ${minimum})`,
    );
  }
  // No call offered in any interval (`rate: 0`): nothing to judge goodput by.
  const offered = series === undefined ? 0 : sumIn(series.calls, 0, n);
  if (series === undefined || n === 0 || offered === 0) return unjudged('stable', 'no call was offered');
  // Calls still in flight are not failures: with none completed there is nothing to judge yet.
  if (sumIn(series.succeeded, 0, n) + sumIn(series.failed, 0, n) === 0) {
    return unjudged(
      'unresolved',
      `none of its ${offered} offered calls completed by the end of the run (all still in flight): too short to judge`,
    );
  }
  // A window is whole intervals: at least one, so on the coarser series of a long run it can outlast `windowMs`.
  const width = Math.max(1, Math.min(n, Math.round(t.windowMs / input.intervalMs)));
  const window = duration(width * input.intervalMs);
  // Intervals that end by the first trigger (every interval without one).
  const preTrigger =
    input.firstTriggerMs === null
      ? n
      : startMs.filter((start) => start + input.intervalMs <= (input.firstTriggerMs ?? 0)).length;
  // The grace of its normal latency, read from the calls offered before any trigger (the first two windows, or more
  // until they hold 100 successes); the warm-up may last as long, and the judged span ends that long before the run's
  // end (calls offered later may still be within their normal latency): with a grace of 1, both are as before.
  const grace = graceIntervals(series, 2 * width, preTrigger);
  const goodput = goodputWithGrace(series, grace);
  // The calls still in flight at the end, offered within a normal call's time before it, are not yet due: not lost.
  const due = callsDue(series, goodput, {
    startMs,
    endMs: Math.min(input.durationMs, (startMs[n - 1] ?? 0) + input.intervalMs),
    latencyMs: normalLatencyMs(series, preTrigger),
  });
  const judged = n - (grace - 1);
  const warmUp = warmUpIntervals(series, Math.min(Math.max(width, grace), preTrigger), t.warmUpRatio);
  if (judged - warmUp < width) {
    return unjudged(
      'unresolved',
      `its calls took ${duration(warmUp * input.intervalMs)} to start completing (warm-up)` +
        (grace > 1
          ? ` and the last ${duration((grace - 1) * input.intervalMs)} of the run are within their normal latency (a grace of ${duration(grace * input.intervalMs)})`
          : '') +
        `, leaving less than one ${window} window to judge: too short to judge`,
    );
  }
  // Reference: after the warm-up, the intervals that end before the first trigger (less the grace's last ones), when
  // they fill a window; with no trigger, the first window; with an early trigger, 1 (every offered call should
  // succeed).
  let referenceRatio = 1;
  // The calls offered within the grace before the first trigger may complete under it: they are not its reference.
  const referenceEnd = Math.min(preTrigger, judged) - (grace - 1);
  if (input.firstTriggerMs === null) referenceRatio = pooled(due, goodput, warmUp, warmUp + width) ?? 1;
  else if (referenceEnd - warmUp >= width) referenceRatio = pooled(due, goodput, warmUp, referenceEnd) ?? 1;
  const floor = t.bandRatio * referenceRatio;
  const surplus = due.slice(0, judged).map((calls, i) => (goodput[i] ?? 0) - floor * calls);

  // Window w covers intervals [warmUp + w, warmUp + w + width); one without offered calls is within the band.
  const windows = judged - warmUp - width + 1;
  const ratios: (number | null)[] = [];
  for (let w = 0; w < windows; w++) ratios.push(pooled(due, goodput, warmUp + w, warmUp + w + width));
  const healthy = ratios.map((ratio, w) => {
    if (ratio === null || ratio >= floor) return true;
    return !beyondNoise(sumIn(due, warmUp + w, warmUp + w + width), ratio, floor, t.bandNoiseSigmas);
  });
  const known = ratios.filter((ratio): ratio is number => ratio !== null);
  const minRatio = minOf(known, 1);
  const finalRatio = ratios[windows - 1] ?? 1;
  const firstBad = healthy.indexOf(false);
  const lastBad = healthy.lastIndexOf(false);
  const lastEnd = input.lastTriggerEndMs;
  // Calls piling up, judged after the warm-up and after the last trigger ended (never while one is active).
  let afterTriggers = warmUp;
  if (lastEnd !== null) {
    const ended = startMs.findIndex((start) => start >= lastEnd);
    afterTriggers = ended < 0 ? n : Math.max(warmUp, ended);
  }
  const backlog = backlogGrowth({
    series,
    startMs,
    first: afterTriggers,
    width,
    services: input.services ?? [],
    ...(input.throttled !== undefined && { throttled: input.throttled }),
    ...(input.rateAt !== undefined && {
      rateBefore: scheduledRateBefore(input.rateAt, startMs, input.intervalMs, width),
    }),
    thresholds: t,
  });
  // Calls piling up wait somewhere: with the nodes and proxies saturated over the run, where (their figures are per run).
  const resources = input.evidence?.resources ?? null;
  const backlogText =
    backlog === null
      ? ''
      : describeBacklog(backlog, resources === null ? [] : [resourceSaturationText(resources)]);
  const pileUp = backlog === null ? '' : `; ${backlogText}`;
  const common = { ...base, referenceRatio, minRatio, finalRatio, backlog };
  const pending =
    input.pending === undefined || input.pending.length === 0
      ? ''
      : `, with pods no node had room for: ${input.pending.join(', ')}`;
  const end = input.durationMs;
  // Still below the band at the end, after a trigger that ended: metastable or unresolved (a pile-up is named).
  // A crash loop waiting for its restart after the run's end counts as ended: only the run's length hides its recovery.
  const restartMs = input.restartAfterEndMs;
  const downAfterTrigger =
    lastBad === windows - 1 &&
    ((lastEnd !== null && Number.isFinite(lastEnd) && lastEnd < end) || restartMs !== undefined);

  // Calls pile up: the load exceeds what the system serves, even where goodput holds a level (a steady share of the
  // calls completes) or comes back within the band — never stable or recovered.
  if (backlog !== null && !downAfterTrigger) {
    return {
      ...common,
      verdict: 'degraded',
      degradedAtMs: backlog.sinceMs,
      recoveredAtMs: null,
      recoveryMs: null,
      stillDownMs: null,
      lossy: false,
      reason:
        backlogText +
        `; goodput ${percent(finalRatio)} of offered calls in the last ${window} window (reference ${percent(referenceRatio)})` +
        pending,
    };
  }
  if (referenceRatio < t.downRatio) {
    return {
      ...common,
      verdict: 'degraded',
      degradedAtMs: startMs[warmUp] ?? 0,
      recoveredAtMs: null,
      recoveryMs: null,
      stillDownMs: null,
      lossy: false,
      reason:
        `goodput was ${percent(referenceRatio)} of offered calls before any trigger` +
        because(input.evidence, true) +
        pending +
        // The evidence named the nodes and proxies already.
        (backlog === null ? '' : `; ${describeBacklog(backlog)}`),
    };
  }
  // A recovered source whose reference itself loses calls: it stays at, or returns to, a lossy level.
  const lossy = referenceRatio < t.lossyRatio;
  if (firstBad < 0) {
    return {
      ...common,
      verdict: 'stable',
      degradedAtMs: null,
      recoveredAtMs: null,
      recoveryMs: null,
      stillDownMs: null,
      lossy,
      reason:
        `goodput stayed within ${percent(1 - t.bandRatio)} of its reference (${percent(referenceRatio)} of offered calls) in every ${window} window` +
        (minRatio < floor
          ? `, allowing for sampling noise (lowest ${percent(minRatio)}: under the band by less than ${t.bandNoiseSigmas} standard deviations of its calls)`
          : '') +
        (lossy
          ? `, but lost ${percent(1 - referenceRatio)} of offered calls throughout` +
            because(input.evidence, false)
          : ''),
    };
  }
  const degradedAtMs = startMs[fellAt(surplus, warmUp + firstBad, warmUp + firstBad + width - 1)] ?? 0;
  const fell = `goodput fell below the band at ${duration(degradedAtMs)}, to ${percent(minRatio)} of offered calls,`;
  if (lastBad < windows - 1) {
    const recoveredAtMs = startMs[backAt(surplus, warmUp + lastBad + 1)] ?? 0;
    const ended = lastEnd !== null && Number.isFinite(lastEnd);
    const recoveryMs = ended ? recoveredAtMs - (lastEnd ?? 0) : lastEnd === null ? recoveredAtMs : null;
    let when = '';
    if (lastEnd !== null && !ended) when = ', while a trigger is still active';
    else if (recoveryMs !== null && lastEnd !== null)
      when =
        recoveryMs >= 0
          ? `, ${duration(recoveryMs)} after the last trigger ended`
          : `, ${duration(-recoveryMs)} before the last trigger ended (while it was still active)`;
    return {
      ...common,
      verdict: 'degraded-recovered',
      degradedAtMs,
      recoveredAtMs,
      recoveryMs,
      stillDownMs: null,
      lossy,
      reason:
        `${fell} and was back within it for good from ${duration(recoveredAtMs)}${when}` +
        (lossy
          ? `; its reference already lost ${percent(1 - referenceRatio)} of offered calls` +
            because(input.evidence, false)
          : ''),
    };
  }
  // Still below the band in the last window.
  let verdict: SourceVerdict;
  let stillDownMs: number | null = null;
  let reason: string;
  if (restartMs !== undefined) {
    verdict = 'unresolved';
    reason = `goodput is ${percent(finalRatio)} of offered calls at the end, with the crash-looping pods down until their restart at ${duration(restartMs)} (the kubelet's backoff), after the run's end: run past it to tell recovery from metastability`;
  } else if (lastEnd === null || !Number.isFinite(lastEnd) || lastEnd >= end) {
    verdict = 'degraded';
    reason =
      lastEnd === null
        ? `goodput fell to ${percent(finalRatio)} of offered calls with no trigger` +
          because(input.evidence, false)
        : `goodput is ${percent(finalRatio)} of offered calls at the end, while a trigger is still active`;
  } else if (end - lastEnd >= t.metastableAfterMs) {
    verdict = 'metastable';
    stillDownMs = end - lastEnd;
    reason = `goodput is still ${percent(finalRatio)} of offered calls ${duration(stillDownMs)} after the last trigger ended (reference ${percent(referenceRatio)})`;
  } else {
    verdict = 'unresolved';
    stillDownMs = end - lastEnd;
    reason = `goodput is ${percent(finalRatio)} of offered calls at the end, only ${duration(stillDownMs)} after the last trigger ended: run longer to tell recovery from metastability`;
  }
  return {
    ...common,
    verdict,
    degradedAtMs,
    recoveredAtMs: null,
    recoveryMs: null,
    stillDownMs,
    lossy: false,
    reason: reason + pileUp,
  };
}
