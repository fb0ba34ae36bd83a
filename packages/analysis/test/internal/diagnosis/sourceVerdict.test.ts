// The verdict of one source on hand-made series (1 s intervals; and the 5 s and 30 s intervals of a run longer than an
// hour, which give the 1 s verdict): goodput is read from the goodput series, recovery is where goodput stays in the
// band (a backlog burst after a stall does not make up for the stall), the warm-up is left out of the reference, a run
// too short to judge is unresolved, no goodput ratio exceeds 1, a source down with no trigger to blame is said to be
// down for the load only when the evidence shows an overload, a recovered source losing calls throughout is lossy, and
// a source whose calls pile up is degraded, never stable or recovered; a window of few calls under the band by sampling
// noise alone is within it.

import type { EdgeSeries, ServiceSeries } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_THRESHOLDS } from '../../../src/index.js';
import type { LossEvidence } from '../../../src/internal/diagnosis/lossEvidence.js';
import { sourceVerdict } from '../../../src/internal/diagnosis/sourceVerdict.js';
import { intervalSeries, repeat } from '../../__helpers__/intervalSeries.js';
import type { Interval } from '../../__helpers__/intervalSeries.js';
import type { SourceVerdictInput } from '../../../src/internal/diagnosis/sourceVerdict.js';

/** The series of the source `users` calling `gateway`. */
function series(intervals: readonly Interval[]): EdgeSeries {
  return intervalSeries('users', 'gateway', intervals);
}

/** The verdict of a source with these intervals and triggers, over a run as long as the intervals. */
function verdictOf(
  intervals: readonly Interval[],
  triggers: { firstTriggerMs: number | null; lastTriggerEndMs: number | null },
  durationMs = intervals.length * 1000,
  extra: Pick<SourceVerdictInput, 'evidence' | 'pending' | 'services'> = {},
): ReturnType<typeof sourceVerdict> {
  const input: SourceVerdictInput = {
    source: 'users',
    to: 'gateway',
    series: series(intervals),
    startMs: intervals.map((_, i) => i * 1000),
    intervalMs: 1000,
    durationMs,
    ...triggers,
    thresholds: DIAGNOSIS_THRESHOLDS,
    ...extra,
  };
  return sourceVerdict(input);
}

const NO_TRIGGER = { firstTriggerMs: null, lastTriggerEndMs: null };

/** Every call failed as `error`, from the timeouts of gateway's calls to db; nothing busier than 1 %. */
const TIMEOUTS: LossEvidence = {
  failed: 3000,
  inFlight: 0,
  causes: [{ cause: 'error', calls: 3000 }],
  behind: [{ source: 'gateway', destination: 'db', causes: [{ cause: 'timeout', calls: 3000 }] }],
  ownErrors: null,
  overloaded: [],
  overflowing: [],
  refusedOverRun: [],
  beforeTrigger: false,
  busiest: { service: 'db', utilisation: 0.009 },
};

/** gateway saturated, rejecting what its queue cannot hold. */
const SATURATED: LossEvidence = {
  failed: 1500,
  inFlight: 0,
  causes: [{ cause: 'rejected', calls: 1500 }],
  behind: [],
  ownErrors: null,
  overloaded: [
    { service: 'gateway', utilisation: 0.99, saturated: true, rejected: 1500, rateLimited: 0, shed: 0 },
  ],
  overflowing: [],
  refusedOverRun: [],
  beforeTrigger: false,
  busiest: { service: 'gateway', utilisation: 0.99 },
};

/**
 * The newcomer's incident (a slow db 10–40 s, queue-timeout shedding): no call succeeds from 11 s to 39 s, then the
 * backlog completes at 40 s — 1095 successes for 498 calls offered (numbers of the real run, rounded).
 */
const INCIDENT: Interval[] = [
  ...repeat(10, [500, 500, 0]),
  [495, 25, 0],
  ...repeat(29, [500, 0, 500]),
  [498, 1095, 146],
  ...repeat(29, [500, 500, 0]),
];

describe('sourceVerdict', () => {
  it('judges goodput by the goodput series: a call in the last second of each 5 s that completes in the next is stable', () => {
    // As a 0.2 req/s source: by completion, the first window's one call has not succeeded yet (a reference of 0 %,
    // degraded); goodput counts its success in the second it was offered in.
    const intervals: Interval[] = Array.from({ length: 60 }, (_, i) => {
      if (i % 5 === 4) return [1, 0, 0, 1];
      return [0, i > 0 && i % 5 === 0 ? 1 : 0, 0, 0];
    });
    const byCompletion = intervals.map(([calls, succeeded, failed]): Interval => [
      calls,
      succeeded,
      failed,
      succeeded,
    ]);
    expect(verdictOf(byCompletion, NO_TRIGGER).verdict).toBe('degraded');
    const source = verdictOf(intervals, NO_TRIGGER);
    expect(source.verdict).toBe('stable');
    expect(source.referenceRatio).toBe(1);
    expect(source.minRatio).toBe(1);
  });

  it('recovers where goodput stays in the band: a backlog burst does not pull the seconds at 0 % before it in', () => {
    const source = verdictOf(INCIDENT, { firstTriggerMs: 10_000, lastTriggerEndMs: 40_000 });
    expect(source.verdict).toBe('degraded-recovered');
    // Every window from 39 s on is in the band (39 s at 0 % pooled with the burst), but 39 s itself is not.
    expect(source.recoveredAtMs).toBe(40_000);
    expect(source.recoveryMs).toBe(0);
    expect(source.degradedAtMs).toBe(10_000);
    expect(source.reason).toBe(
      'goodput fell below the band at 10 s, to 0.0 % of offered calls, and was back within it for good from 40 s, 0 s after the last trigger ended',
    );
  });

  it('says when goodput fell: the first second of the drop, not the start of a window of good seconds', () => {
    // 100 % for 10 s, 20 % for 4 s, then back: the first window below the band starts at 6 s.
    const intervals: Interval[] = [
      ...repeat(10, [100, 100, 0]),
      ...repeat(4, [100, 20, 80]),
      ...repeat(16, [100, 100, 0]),
    ];
    const source = verdictOf(intervals, { firstTriggerMs: 10_000, lastTriggerEndMs: 14_000 });
    expect(source.degradedAtMs).toBe(10_000);
    expect(source.recoveredAtMs).toBe(14_000);
  });

  it('a stall later made up by a burst still counts: recovery is after it, wherever the windows pool it', () => {
    // Back at 15 s, then two seconds at 0 % at 17–18 s and their backlog at 19 s: every window from 15 s on is in
    // the band, but goodput pooled from 15 s up to 18 s is not, so it stays in the band only from 19 s.
    const intervals: Interval[] = [
      ...repeat(10, [100, 100, 0]),
      ...repeat(5, [100, 0, 100]),
      ...repeat(2, [100, 100, 0]),
      ...repeat(2, [100, 0, 0]),
      [100, 300, 0],
      ...repeat(15, [100, 100, 0]),
    ];
    const source = verdictOf(intervals, { firstTriggerMs: 10_000, lastTriggerEndMs: 15_000 });
    expect(source.recoveredAtMs).toBe(19_000);
  });

  it('never says the system absorbed a trigger it fell out of the band during', () => {
    // Back at 15 s while a second (harmless) trigger lasts to 17 s.
    const intervals: Interval[] = [
      ...repeat(10, [100, 100, 0]),
      ...repeat(5, [100, 16, 70]),
      [100, 240, 0],
      ...repeat(14, [100, 100, 0]),
    ];
    const source = verdictOf(intervals, { firstTriggerMs: 10_000, lastTriggerEndMs: 17_000 });
    expect(source.verdict).toBe('degraded-recovered');
    expect(source.recoveredAtMs).toBe(15_000);
    expect(source.recoveryMs).toBe(-2000);
    expect(source.reason).toContain('2 s before the last trigger ended (while it was still active)');
    expect(source.reason).not.toContain('absorbed');
    const forever = verdictOf(intervals, { firstTriggerMs: 10_000, lastTriggerEndMs: Infinity });
    expect(forever.reason).toMatch(/for good from 15 s, while a trigger is still active$/);
  });

  it('leaves the warm-up out of the reference: calls still in flight are not failures', () => {
    // Calls take ~2.5 s: none completes in the first second, few in the next two; a 50 % error fault 10–15 s.
    const intervals: Interval[] = [
      [200, 0, 0],
      [200, 30, 0],
      [200, 90, 0],
      ...repeat(7, [200, 200, 0]),
      ...repeat(5, [200, 100, 100]),
      ...repeat(15, [200, 200, 0]),
    ];
    const source = verdictOf(intervals, { firstTriggerMs: 10_000, lastTriggerEndMs: 15_000 });
    expect(source.referenceRatio).toBe(1);
    expect(source.verdict).toBe('degraded-recovered');
    expect(source.degradedAtMs).toBe(10_000);
    expect(source.recoveredAtMs).toBe(15_000);
    expect(source.recoveryMs).toBe(0);
  });

  it('caps goodput ratios at 1: a backlog completing in the last window is not goodput above the offered load', () => {
    const intervals: Interval[] = [...repeat(29, [100, 100, 0]), [100, 110, 0]];
    const source = verdictOf(intervals, { firstTriggerMs: null, lastTriggerEndMs: null });
    expect(source.verdict).toBe('stable');
    expect([source.referenceRatio, source.minRatio, source.finalRatio]).toEqual([1, 1, 1]);
  });

  it('says a run shorter than one window is unresolved, not degraded: its calls are still in flight', () => {
    // 50 ms: 4 calls offered, none completed.
    const source = verdictOf([[4, 0, 0]], { firstTriggerMs: null, lastTriggerEndMs: null }, 50);
    expect(source.verdict).toBe('unresolved');
    expect(source.reason).toBe(
      'the run (50 ms) is shorter than one 5 s window: too short to judge (run at least 5 s)',
    );
    expect([source.referenceRatio, source.minRatio, source.finalRatio]).toEqual([null, null, null]);
    expect([source.degradedAtMs, source.recoveredAtMs, source.stillDownMs]).toEqual([null, null, null]);
  });

  it('says unresolved when no call completed, or the warm-up leaves less than a window to judge', () => {
    const none = verdictOf(repeat(8, [10, 0, 0]), { firstTriggerMs: null, lastTriggerEndMs: null });
    expect(none.verdict).toBe('unresolved');
    expect(none.reason).toBe(
      'none of its 80 offered calls completed by the end of the run (all still in flight): too short to judge',
    );
    const warming = verdictOf([[200, 0, 0], [200, 30, 0], ...repeat(4, [200, 200, 0])], {
      firstTriggerMs: null,
      lastTriggerEndMs: null,
    });
    expect(warming.verdict).toBe('unresolved');
    expect(warming.reason).toBe(
      'its calls took 2 s to start completing (warm-up), leaving less than one 5 s window to judge: too short to judge',
    );
  });

  it('says how the calls of a source down before any trigger failed, and that nothing it reaches is overloaded', () => {
    const source = verdictOf(repeat(30, [100, 0, 100]), NO_TRIGGER, undefined, { evidence: TIMEOUTS });
    expect(source.verdict).toBe('degraded');
    expect(source.reason).toBe(
      'goodput was 0.0 % of offered calls before any trigger — failed calls over the run: error 3,000, behind them ' +
        'gateway → db: timeout 3,000; no service it calls is saturated or rejects requests (busiest: db, ' +
        'utilisation 0.9 %)',
    );
    expect(source.reason).not.toContain('exceeds');
  });

  it('says the load alone exceeds what the system serves only when the evidence shows an overload', () => {
    const source = verdictOf(repeat(30, [100, 45, 55]), NO_TRIGGER, undefined, {
      evidence: SATURATED,
      pending: ['gateway (1 of 2 pods Pending)'],
    });
    expect(source.verdict).toBe('degraded');
    expect(source.reason).toBe(
      'goodput was 45.0 % of offered calls before any trigger: the load alone exceeds what the system serves — ' +
        'gateway saturated (utilisation 99.0 %, 1,500 rejected); failed calls over the run: rejected 1,500, ' +
        'with pods no node had room for: gateway (1 of 2 pods Pending)',
    );
    // Without evidence the reason names no cause.
    const bare = verdictOf(repeat(30, [100, 45, 55]), NO_TRIGGER);
    expect(bare.reason).toBe('goodput was 45.0 % of offered calls before any trigger');
  });

  it('names the evidence when goodput falls with no trigger and stays down', () => {
    const intervals: Interval[] = [...repeat(10, [100, 100, 0]), ...repeat(20, [100, 60, 40])];
    const source = verdictOf(intervals, NO_TRIGGER, undefined, { evidence: TIMEOUTS });
    expect(source.verdict).toBe('degraded');
    expect(source.reason).toMatch(
      /^goodput fell to 60\.0 % of offered calls with no trigger — failed calls over the run: error 3,000, .*; no service it calls is saturated/,
    );
    const loaded = verdictOf(intervals, NO_TRIGGER, undefined, { evidence: SATURATED });
    expect(loaded.reason).toMatch(
      /^goodput fell to 60\.0 % of offered calls with no trigger: the load exceeds what the system serves — gateway saturated/,
    );
  });

  it('calls a stable source whose reference loses more than 5 % lossy, and says what it loses and why', () => {
    // 88 % of every second's calls succeed, the rest rejected: no change over time, a constant loss.
    const source = verdictOf(repeat(30, [100, 88, 12]), NO_TRIGGER, undefined, { evidence: SATURATED });
    expect(source.verdict).toBe('stable');
    expect(source.lossy).toBe(true);
    expect(source.reason).toBe(
      'goodput stayed within 5.0 % of its reference (88.0 % of offered calls) in every 5 s window, but lost 12.0 % ' +
        'of offered calls throughout: the load exceeds what the system serves — gateway saturated (utilisation ' +
        '99.0 %, 1,500 rejected); failed calls over the run: rejected 1,500',
    );
    // At 96 % it is not lossy, and its reason is the plain one.
    const fine = verdictOf(repeat(30, [100, 96, 4]), NO_TRIGGER, undefined, { evidence: SATURATED });
    expect(fine.lossy).toBe(false);
    expect(fine.reason).toBe(
      'goodput stayed within 5.0 % of its reference (96.0 % of offered calls) in every 5 s window',
    );
  });

  it('takes a window of a few calls under the floor by sampling noise as within the band, and a real fall as a fall', () => {
    // 5 calls a second: 25 in a 5 s window, 100 % in the first (floor 95 %: 23.75 successes, σ = 1.09 calls).
    const before = repeat(10, [5, 5, 0]);
    const after = repeat(20, [5, 5, 0]);
    // 5 failed calls in one second: 20 of 25 in every window holding it, 3.4 σ under the floor — noise.
    const noise = verdictOf([...before, [5, 0, 5], ...after], NO_TRIGGER);
    expect(noise.verdict).toBe('stable');
    expect(noise.minRatio).toBeCloseTo(0.8, 9);
    expect(noise.reason).toBe(
      'goodput stayed within 5.0 % of its reference (100.0 % of offered calls) in every 5 s window, allowing for ' +
        'sampling noise (lowest 80.0 %: under the band by less than 4 standard deviations of its calls)',
    );
    // 6 failed calls in two seconds: 19 of 25, 4.4 σ under it — a fall, and back within the band after it.
    const fall = verdictOf([...before, [5, 2, 3], [5, 2, 3], ...after], NO_TRIGGER);
    expect(fall.verdict).toBe('degraded-recovered');
    expect(fall.degradedAtMs).toBe(10_000);
    // With many calls a window, the same 80 % is far beyond noise (500 calls a window: 23 σ).
    const busy = verdictOf(
      [...repeat(10, [100, 100, 0]), [100, 0, 100], ...repeat(20, [100, 100, 0])],
      NO_TRIGGER,
    );
    expect(busy.verdict).toBe('degraded-recovered');
  });

  it('calls a source that recovers to a lossy reference lossy; no other verdict is', () => {
    const intervals: Interval[] = [
      ...repeat(10, [100, 80, 20]),
      ...repeat(5, [100, 10, 90]),
      ...repeat(15, [100, 80, 20]),
    ];
    const recovered = verdictOf(intervals, { firstTriggerMs: 10_000, lastTriggerEndMs: 15_000 }, undefined, {
      evidence: TIMEOUTS,
    });
    expect(recovered.verdict).toBe('degraded-recovered');
    expect(recovered.lossy).toBe(true);
    expect(recovered.reason).toMatch(
      /after the last trigger ended; its reference already lost 20\.0 % of offered calls — failed calls over the run: error 3,000/,
    );
    const stuck = verdictOf(
      [...repeat(10, [100, 80, 20]), ...repeat(20, [100, 10, 90])],
      { firstTriggerMs: 10_000, lastTriggerEndMs: 15_000 },
      undefined,
      { evidence: TIMEOUTS },
    );
    expect(stuck.verdict).toBe('metastable');
    expect(stuck.lossy).toBe(false);
  });

  it('calls a source whose calls pile up degraded, even while goodput holds its level', () => {
    // ρ = 2: 20 calls offered a second, 10 completed: goodput holds at 50 % (within the band of itself: was stable).
    const source = verdictOf(repeat(60, [20, 10, 0]), NO_TRIGGER);
    expect(source.verdict).toBe('degraded');
    expect(source.lossy).toBe(false);
    expect(source.degradedAtMs).toBe(0);
    expect(source.backlog).toMatchObject({ inFlightFrom: 300, inFlightAtEnd: 600, growthRatio: 0.5 });
    expect(source.reason).toBe(
      'calls pile up: 600 of its calls were in flight at the end, up from 300 at 30 s (+50.0 % of the 600 calls it ' +
        'offered since): calls arrive faster than they complete, though no service it calls is saturated meanwhile; ' +
        'goodput 50.0 % of offered calls in the last 5 s window (reference 50.0 %)',
    );
  });

  it('calls a source whose calls pile up degraded, where goodput left the band and came back within it', () => {
    // ρ = 1.5 (15 offered, 10 completed a second), with a dip at 10–14 s: was degraded-recovered (lossy).
    const intervals: Interval[] = [
      ...repeat(10, [15, 10, 0]),
      ...repeat(5, [15, 5, 0]),
      ...repeat(45, [15, 10, 0]),
    ];
    const srv: ServiceSeries = {
      name: 'srv',
      utilisation: intervals.map(() => 1),
      queueLength: intervals.map((_, i) => 5 * i),
      completed: intervals.map(() => 10),
      rejected: intervals.map(() => 0),
    };
    const source = verdictOf(intervals, NO_TRIGGER, undefined, { services: [srv] });
    expect(source.verdict).toBe('degraded');
    expect(source.recoveredAtMs).toBeNull();
    expect(source.reason).toMatch(
      /^calls pile up: .*: the load exceeds what the system serves — srv saturated \(utilisation 100\.0 %, waiting requests 145 → 295\)/,
    );
  });

  it('judges a pile-up after the last trigger ended: calls held up by a trigger and drained after it are not one', () => {
    // A stall at 10–20 s holds 1,000 calls, completed by 30 s: recovered, no pile-up.
    const intervals: Interval[] = [
      ...repeat(10, [100, 100, 0]),
      ...repeat(10, [100, 0, 0]),
      ...repeat(10, [100, 200, 0]),
      ...repeat(30, [100, 100, 0]),
    ];
    const source = verdictOf(intervals, { firstTriggerMs: 10_000, lastTriggerEndMs: 20_000 });
    expect(source.verdict).toBe('degraded-recovered');
    expect(source.backlog).toBeNull();
    // Calls piling up from the trigger's end on (a load step the trigger left behind) are one.
    const after = verdictOf([...repeat(10, [100, 100, 0]), ...repeat(50, [100, 70, 0])], {
      firstTriggerMs: 10_000,
      lastTriggerEndMs: 20_000,
    });
    expect(after.backlog?.fromMs).toBe(40_000);
  });

  it('keeps metastable for a source still below the band after a trigger, and names the pile-up in its reason', () => {
    const source = verdictOf([...repeat(10, [100, 100, 0]), ...repeat(50, [100, 50, 0])], {
      firstTriggerMs: 10_000,
      lastTriggerEndMs: 15_000,
    });
    expect(source.verdict).toBe('metastable');
    expect(source.reason).toMatch(/after the last trigger ended \(reference 100\.0 %\); calls pile up: /);
  });

  describe('on the coarser series of a run longer than an hour (5 s and 30 s intervals)', () => {
    /** The intervals merged `k` by `k`: what the run records at `k` s when its 1 s series are these. */
    function coarsened(intervals: readonly Interval[], k: number): Interval[] {
      const out: Interval[] = [];
      for (let i = 0; i < intervals.length; i += k) {
        const group = intervals.slice(i, i + k);
        out.push([0, 1, 2].map((f) => group.reduce((n, x) => n + x[f as 0 | 1 | 2], 0)) as Interval);
      }
      return out;
    }
    /** The verdict of `intervals` recorded at `k` s, over the same run (7300 s). */
    function at(k: number, intervals: readonly Interval[], lastTriggerEndMs: number) {
      const coarse = coarsened(intervals, k);
      return sourceVerdict({
        source: 'users',
        to: 'gateway',
        series: series(coarse),
        startMs: coarse.map((_, i) => i * k * 1000),
        intervalMs: k * 1000,
        durationMs: intervals.length * 1000,
        firstTriggerMs: 6_000_000,
        lastTriggerEndMs,
        thresholds: DIAGNOSIS_THRESHOLDS,
      });
    }

    it('gives the verdict of the 1 s series, with its fall and recovery within one interval after theirs', () => {
      // Down from 6000 s to 6632 s (a 10-minute trigger and 32 s to drain), then back.
      const intervals: Interval[] = [
        ...repeat(6000, [100, 100, 0]),
        ...repeat(632, [100, 0, 100]),
        ...repeat(668, [100, 100, 0]),
      ];
      const fine = at(1, intervals, 6_600_000);
      expect([fine.verdict, fine.degradedAtMs, fine.recoveredAtMs]).toEqual([
        'degraded-recovered',
        6_000_000,
        6_632_000,
      ]);
      for (const k of [5, 30]) {
        const coarse = at(k, intervals, 6_600_000);
        expect(coarse.verdict).toBe('degraded-recovered');
        expect(coarse.degradedAtMs).toBe(6_000_000);
        // The first interval start at or after the 1 s recovery: 6635 s at 5 s, 6660 s at 30 s.
        expect(coarse.recoveredAtMs).toBe(Math.ceil(6632 / k) * k * 1000);
        expect(coarse.recoveryMs).toBe((coarse.recoveredAtMs ?? 0) - 6_600_000);
      }
    });

    it('names the window it judged by: one interval where an interval is longer than the 5 s window', () => {
      const intervals: Interval[] = repeat(7300, [100, 100, 0]);
      expect(at(1, intervals, 6_600_000).reason).toContain('in every 5 s window');
      expect(at(5, intervals, 6_600_000).reason).toContain('in every 5 s window');
      expect(at(30, intervals, 6_600_000).reason).toContain('in every 30 s window');
    });

    it('keeps a source still down long after the trigger metastable, down for as long', () => {
      const intervals: Interval[] = [...repeat(6000, [100, 100, 0]), ...repeat(1300, [100, 10, 90])];
      for (const k of [1, 5, 30]) {
        const source = at(k, intervals, 6_600_000);
        expect([source.verdict, source.stillDownMs, source.finalRatio]).toEqual(['metastable', 700_000, 0.1]);
      }
    });
  });
});
