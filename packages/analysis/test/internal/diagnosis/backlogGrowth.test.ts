// Calls piling up on hand-made series (1 s intervals): calls in flight growing over the second half of the judged
// run, and over each half of it, by 10 % of the calls offered is a pile-up; a stable level, a one-off step, a handful of
// calls and a span shorter than a window are not; the reason names the growth and the services saturated meanwhile.

import type { EdgeSeries, ServiceSeries } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_THRESHOLDS } from '../../../src/index.js';
import type { BacklogThrottle } from '../../../src/index.js';
import {
  backlogGrowth,
  describeBacklog,
  inFlightSeries,
} from '../../../src/internal/diagnosis/backlogGrowth.js';
import { intervalSeries, repeat } from '../../__helpers__/intervalSeries.js';
import type { Interval } from '../../__helpers__/intervalSeries.js';

/** The series of the source `client` calling `srv`. */
function edge(intervals: readonly Interval[], waitingAtSource?: number[]): EdgeSeries {
  return intervalSeries('client', 'srv', intervals, waitingAtSource);
}

/** A service busy `utilisation` of the time with `queue(i)` requests waiting at the end of interval i. */
function service(
  name: string,
  length: number,
  utilisation: number,
  queue: (i: number) => number,
): ServiceSeries {
  return {
    name,
    utilisation: Array.from({ length }, () => utilisation),
    queueLength: Array.from({ length }, (_, i) => queue(i)),
    completed: Array.from({ length }, () => 0),
    rejected: Array.from({ length }, () => 0),
  };
}

function growthOf(
  intervals: readonly Interval[],
  options: {
    first?: number;
    services?: ServiceSeries[];
    waitingAtSource?: number[];
    rateBefore?: (i: number) => number;
    throttled?: BacklogThrottle[];
  } = {},
): ReturnType<typeof backlogGrowth> {
  return backlogGrowth({
    series: edge(intervals, options.waitingAtSource),
    startMs: intervals.map((_, i) => i * 1000),
    first: options.first ?? 0,
    width: 5,
    services: options.services ?? [],
    ...(options.rateBefore !== undefined && { rateBefore: options.rateBefore }),
    ...(options.throttled !== undefined && { throttled: options.throttled }),
    thresholds: DIAGNOSIS_THRESHOLDS,
  });
}

/**
 * A rate rising by 2 calls a second from 10 over 120 s, each call completing `lag(i)` intervals after it was offered
 * (and, with `capacity`, at most that many a second: the rest wait), with its scheduled rate over the 5 s before
 * each interval.
 */
function ramp(
  lag: number,
  capacity = Infinity,
): { intervals: Interval[]; rateBefore: (i: number) => number } {
  const rate = (i: number): number => (i < 0 ? 0 : 10 + 2 * i);
  const intervals: Interval[] = [];
  let waiting = 0;
  for (let i = 0; i < 120; i++) {
    waiting += rate(i - lag);
    const done = Math.min(waiting, capacity);
    waiting -= done;
    intervals.push([rate(i), done, 0]);
  }
  const rateBefore = (i: number): number => {
    let total = 0;
    for (let j = Math.max(0, i - 5); j < i; j++) total += rate(j);
    return i === 0 ? rate(0) : total / Math.min(5, i);
  };
  return { intervals, rateBefore };
}

/** ρ = 1.5: 15 calls offered a second, 10 completed (a single 100 ms server behind an unbounded queue). */
const OVERLOAD: Interval[] = repeat(60, [15, 10, 0]);

describe('inFlightSeries', () => {
  it('counts the calls offered and not completed, interval by interval', () => {
    expect(
      inFlightSeries(
        edge([
          [10, 4, 1],
          [10, 8, 2],
          [0, 3, 0],
        ]),
      ),
    ).toEqual([5, 5, 2]);
  });
});

describe('backlogGrowth', () => {
  it("sees no pile-up in calls in flight that follow a rising rate at a steady time in flight (Little's law)", () => {
    // 15 s a call: ~1,900 → ~3,700 in flight over the second half (+16 % of the calls offered) as the rate doubles.
    const { intervals, rateBefore } = ramp(15);
    expect(growthOf(intervals)).not.toBeNull();
    expect(growthOf(intervals, { rateBefore })).toBeNull();
  });

  it('sees a pile-up when calls in flight grow faster than the rising rate (the load passes capacity)', () => {
    // Served at most 120 a second: the rate passes 120 req/s at 55 s, and the calls wait ever longer.
    const { intervals, rateBefore } = ramp(1, 120);
    const growth = growthOf(intervals, { rateBefore });
    expect(growth).not.toBeNull();
    expect(describeBacklog(growth as NonNullable<typeof growth>)).toContain(
      'beyond what the change of its rate explains at a steady time in flight',
    );
  });

  it('finds the calls of an overloaded queue piling up, and the service saturated meanwhile', () => {
    const srv = service('srv', 60, 1, (i) => 5 * (i + 1) - 1);
    const idle = service('cache', 60, 0.2, () => 0);
    const growth = growthOf(OVERLOAD, { services: [idle, srv] });
    expect(growth).toEqual({
      fromMs: 30_000,
      inFlightFrom: 150,
      inFlightAtEnd: 300,
      offered: 450,
      growthRatio: 1 / 3,
      sinceMs: 0,
      saturated: [{ service: 'srv', utilisation: 1, waitingFrom: 149, waitingAtEnd: 299 }],
      waitingAtSource: 0,
      throttled: [],
    });
  });

  it('says since when they grow: after their last lowest level', () => {
    // Served at the offered rate for 20 s, then overloaded.
    const growth = growthOf([...repeat(20, [15, 15, 0]), ...repeat(40, [15, 10, 0])]);
    expect(growth?.sinceMs).toBe(20_000);
  });

  it('sees none in a queue whose calls in flight hold a level, however high', () => {
    // 2 s calls: 200 in flight after the warm-up, then steady.
    const steady: Interval[] = [...repeat(2, [100, 0, 0]), ...repeat(58, [100, 100, 0])];
    expect(growthOf(steady, { first: 2 })).toBeNull();
  });

  it('sees none when they grew once and then held (each half of the tail must grow)', () => {
    // A step of 300 calls at the start of the tail, then a steady level.
    const step: Interval[] = [
      ...repeat(30, [100, 100, 0]),
      [100, 0, 0],
      [100, 0, 0],
      [100, 0, 0],
      ...repeat(27, [100, 100, 0]),
    ];
    expect(growthOf(step)).toBeNull();
  });

  it('sees none when they grow by less than 10 % of the calls offered', () => {
    // 100 offered and 92 completed a second: 8 %.
    expect(growthOf(repeat(60, [100, 92, 0]))).toBeNull();
    expect(growthOf(repeat(60, [100, 88, 0]))).not.toBeNull();
  });

  it('sees none for a handful of calls: fewer than 20 more in flight over the tail', () => {
    // 1 call a second, half of them stuck: 15 more in flight over the last 30 s.
    const few: Interval[] = Array.from({ length: 60 }, (_, i) => [1, i % 2, 0]);
    expect(growthOf(few)).toBeNull();
  });

  it('judges nothing when fewer than a window of intervals are left after the first judged one', () => {
    expect(growthOf(OVERLOAD, { first: 56 })).toBeNull();
    expect(growthOf(OVERLOAD, { first: 55 })).not.toBeNull();
  });

  it('counts the tail from the first judged interval: the second half of what is left, at least a window', () => {
    expect(growthOf(OVERLOAD, { first: 40 })?.fromMs).toBe(50_000);
    expect(growthOf(OVERLOAD, { first: 52 })?.fromMs).toBe(55_000);
  });
});

describe('describeBacklog', () => {
  it('names the growth, the load and the saturated service with its waiting requests', () => {
    const srv = service('srv', 60, 1, (i) => 5 * (i + 1) - 1);
    const growth = growthOf(OVERLOAD, { services: [srv] });
    expect(growth).not.toBeNull();
    if (growth === null) return;
    expect(describeBacklog(growth)).toBe(
      'calls pile up: 300 of its calls were in flight at the end, up from 150 at 30 s (+33.3 % of the 450 calls it offered since): the load exceeds what the system serves — srv saturated (utilisation 100.0 %, waiting requests 149 → 299)',
    );
  });

  it('says when no service is saturated, and how many calls wait for a connection at the source', () => {
    const growth = growthOf(OVERLOAD, { waitingAtSource: Array.from({ length: 60 }, (_, i) => 5 * (i + 1)) });
    expect(growth).not.toBeNull();
    if (growth === null) return;
    expect(describeBacklog(growth)).toBe(
      'calls pile up: 300 of its calls were in flight at the end, up from 150 at 30 s (+33.3 % of the 450 calls it offered since), 300 of them waiting for a connection at the source: calls arrive faster than they complete, though no service it calls is saturated meanwhile',
    );
  });

  it('says what the run figures show in one clause over the run: CPU throttling, then what else the caller adds', () => {
    const growth = growthOf(OVERLOAD, {
      throttled: [{ service: 'api', sidecarThrottledMs: 9962, appThrottledMs: 0 }],
    });
    expect(growth).not.toBeNull();
    if (growth === null) return;
    expect(describeBacklog(growth, ['node c1/a/node-1 CPU saturated (95.0 % busy)'])).toMatch(
      /meanwhile; over the run, throttled by their CPU limit \(summed over the containers\): api's sidecars for 9,962 ms, node c1\/a\/node-1 CPU saturated \(95\.0 % busy\)$/,
    );
    expect(
      describeBacklog({ ...growth, throttled: [] }, ['node c1/a/node-1 CPU saturated (95.0 % busy)']),
    ).toMatch(/meanwhile; over the run, node c1\/a\/node-1 CPU saturated \(95\.0 % busy\)$/);
  });
});
