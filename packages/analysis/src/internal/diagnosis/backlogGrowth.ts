// Whether a traffic source's calls pile up: its calls in flight (offered, not yet completed) growing through the
// second half of the judged run by a share of what it offers — the load exceeds what the system serves, even while
// goodput holds a steady level (docs/analysis.md#calls-piling-up).

import type { EdgeSeries, ServiceSeries } from '@meshsim/mesh';

import type { BacklogGrowth, BacklogThrottle } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';
import { meanIn, sumIn } from './intervals.js';
import { count, duration, overTheRun, percent } from './reasonWords.js';

/** What the rule reads. */
export interface BacklogInput {
  /** The source's entry edge series. */
  series: EdgeSeries;
  /** Start of each interval [ms]. */
  startMs: readonly number[];
  /** The first interval judged: the first after the source's warm-up and after the last trigger ended. */
  first: number;
  /** Intervals per window (the tail is at least this long). */
  width: number;
  /** The series of the services the source reaches: those saturated over the tail are named. */
  services: readonly ServiceSeries[];
  /** The services it reaches throttled by a CPU limit over the run (named when calls pile up). @defaultValue none */
  throttled?: readonly BacklogThrottle[];
  /**
   * The source's scheduled rate over the window before interval i starts [req/s] (its mean), from which Little's law
   * expects its calls in flight to grow with the rate. @defaultValue none: a steady rate (a closed-loop source)
   */
  rateBefore?: (i: number) => number;
  thresholds: DiagnosisThresholds;
}

/**
 * The source's calls in flight at the end of each interval: Σ (offered − succeeded − failed) of its entry edge so far
 * (offered calls count when offered, completed ones when they complete: the run's conservation, interval by interval).
 */
export function inFlightSeries(series: EdgeSeries): number[] {
  const out: number[] = [];
  let inFlight = 0;
  for (let i = 0; i < series.calls.length; i++) {
    inFlight += (series.calls[i] ?? 0) - (series.succeeded[i] ?? 0) - (series.failed[i] ?? 0);
    out.push(inFlight);
  }
  return out;
}

/**
 * The growth of the source's calls in flight when they pile up (docs/analysis.md#calls-piling-up), else null (also when
 * fewer than a window of intervals are judged). The **tail** is the second half of the judged intervals, at least one
 * window. The
 * calls pile up when, over the tail and over each of its two halves, the calls in flight grew by at least
 * `backlogGrowthRatio` of the calls offered in it, and by at least `backlogMinCalls` over the tail.
 */
export function backlogGrowth(input: BacklogInput): BacklogGrowth | null {
  const { series, startMs, first, width, thresholds: t } = input;
  const n = startMs.length;
  const judged = n - first;
  if (judged < width || width < 1) return null;
  const inFlight = inFlightSeries(series);
  /** Calls in flight at the start of interval i (at the end of the one before it). */
  const before = (i: number): number => (i === 0 ? 0 : (inFlight[i - 1] ?? 0));
  const length = Math.min(judged, Math.max(width, Math.floor(judged / 2)));
  const from = n - length;
  const middle = from + Math.floor(length / 2);
  // Little's law: at a steady time in flight, calls in flight follow the rate (a ramp from 100 to 300 req/s triples
  // them). Growth is what exceeds that: the calls in flight at b beyond those at a scaled by the rate's change.
  const rateBefore = input.rateBefore;
  const excess = (a: number, b: number): number => {
    const from = rateBefore?.(a) ?? 0;
    const scale = rateBefore === undefined || from <= 0 ? 1 : rateBefore(b) / from;
    return before(b) - before(a) * scale;
  };
  const grows = (a: number, b: number): boolean =>
    excess(a, b) >= t.backlogGrowthRatio * sumIn(series.calls, a, b);
  const atEnd = inFlight[n - 1] ?? 0;
  const growth = excess(from, n);
  const offered = sumIn(series.calls, from, n);
  if (
    offered === 0 ||
    growth < t.backlogMinCalls ||
    !grows(from, n) ||
    !(middle === from || grows(from, middle)) ||
    !grows(middle, n)
  ) {
    return null;
  }
  // It grows for good from the last interval start at which it was at its lowest since `first`.
  let lowest = first;
  for (let i = first; i <= n; i++) if (before(i) <= before(lowest)) lowest = i;
  const saturated = input.services
    .map((s) => ({
      service: s.name,
      utilisation: meanIn(s.utilisation, from, n),
      waitingFrom: from === 0 ? 0 : (s.queueLength[from - 1] ?? 0),
      waitingAtEnd: s.queueLength[n - 1] ?? 0,
    }))
    .filter((s) => s.utilisation >= t.loopUtilisation)
    .sort((a, b) => b.utilisation - a.utilisation || a.service.localeCompare(b.service));
  const waiting = series.waitingAtSource;
  return {
    fromMs: startMs[from] ?? 0,
    inFlightFrom: before(from),
    inFlightAtEnd: atEnd,
    offered,
    growthRatio: growth / offered,
    sinceMs: startMs[Math.min(lowest, n - 1)] ?? 0,
    saturated,
    waitingAtSource: waiting === undefined ? 0 : (waiting[n - 1] ?? 0),
    throttled: [...(input.throttled ?? [])],
  };
}

/** `throttled by their CPU limit (summed over the containers): api's sidecars for 9,962 ms, …`; none for none. */
function describeThrottled(throttled: readonly BacklogThrottle[]): string[] {
  const parts = throttled
    .slice(0, 3)
    .flatMap((s) => [
      ...(s.sidecarThrottledMs > 0
        ? [`${s.service}'s sidecars for ${count(Math.round(s.sidecarThrottledMs))} ms`]
        : []),
      ...(s.appThrottledMs > 0
        ? [`${s.service}'s containers for ${count(Math.round(s.appThrottledMs))} ms`]
        : []),
    ]);
  return parts.length === 0
    ? []
    : [`throttled by their CPU limit (summed over the containers): ${parts.join(', ')}`];
}

/**
 * The growth as a reason: `calls pile up: 1,489 of its calls were in flight at the end, up from 742 at 150 s (+33.2 %
 * of the 2,245 calls it offered since): the load exceeds what the system serves — srv saturated (utilisation
 * 100.0 %, waiting requests 741 → 1,488)`; without a saturated service, that none is (the calls wait elsewhere:
 * for a connection at the source, in proxies, for node CPU); then, in one clause, the services throttled by a CPU
 * limit over the run and what else `overRun` says over the run (`; over the run, throttled by their CPU limit (summed
 * over the containers): api's sidecars for 9,962 ms, node c1/a/node-1 CPU saturated (…)`).
 *
 * @param overRun - What else the run's totals show (the nodes and proxies saturated), after the throttling.
 */
export function describeBacklog(growth: BacklogGrowth, overRun: readonly string[] = []): string {
  const grew =
    `calls pile up: ${count(growth.inFlightAtEnd)} of its calls were in flight at the end, up from ` +
    `${count(growth.inFlightFrom)} at ${duration(growth.fromMs)} (+${percent(growth.growthRatio)} of the ` +
    `${count(growth.offered)} calls it offered since` +
    // A rate that changed over the tail: the growth is what its rate does not explain (Little's law).
    (Math.abs(growth.inFlightAtEnd - growth.inFlightFrom - growth.growthRatio * growth.offered) >= 0.5
      ? ', beyond what the change of its rate explains at a steady time in flight)'
      : ')');
  const atSource =
    growth.waitingAtSource > 0
      ? `, ${count(growth.waitingAtSource)} of them waiting for a connection at the source`
      : '';
  const throttled = overTheRun([...describeThrottled(growth.throttled), ...overRun]);
  if (growth.saturated.length === 0) {
    return `${grew}${atSource}: calls arrive faster than they complete, though no service it calls is saturated meanwhile${throttled}`;
  }
  const services = growth.saturated
    .slice(0, 3)
    .map(
      (s) =>
        `${s.service} saturated (utilisation ${percent(s.utilisation)}, waiting requests ${count(s.waitingFrom)} → ${count(s.waitingAtEnd)})`,
    );
  return `${grew}${atSource}: the load exceeds what the system serves — ${services.join(', ')}${throttled}`;
}
