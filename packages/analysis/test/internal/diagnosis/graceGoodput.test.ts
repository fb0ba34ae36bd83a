// The grace of a source's normal latency (p99 lateness of its successes before any trigger, + 1; 1 while that is at
// most 1) and its goodput rebuilt with it: within the grace where the call was offered, later where it completed.

import type { EdgeSeries } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  callsDue,
  goodputWithGrace,
  graceIntervals,
  normalLatencyMs,
} from '../../../src/internal/diagnosis/graceGoodput.js';

/** An entry edge's series from its successes by lateness (succeeded[] and goodput[] derived as the mesh counts them). */
function series(byLateness: number[][], intervals = byLateness.length): EdgeSeries {
  const succeeded = new Array<number>(intervals).fill(0);
  const goodput = new Array<number>(intervals).fill(0);
  byLateness.forEach((counts, offered) =>
    counts.forEach((count, lateness) => {
      const completed = offered + lateness;
      if (completed < intervals) succeeded[completed] = (succeeded[completed] ?? 0) + count;
      const counted = lateness <= 1 ? offered : completed;
      if (counted < intervals) goodput[counted] = (goodput[counted] ?? 0) + count;
    }),
  );
  const zeros = new Array<number>(intervals).fill(0);
  return {
    source: 'client',
    destination: 'api',
    calls: zeros,
    succeeded,
    failed: zeros,
    retries: zeros,
    p50Ms: zeros,
    p99Ms: zeros,
    goodput,
    successesByLateness: byLateness,
  };
}

describe('graceIntervals', () => {
  it('is 1 (the goodput series rule) when the normal successes complete in their interval or the next', () => {
    expect(
      graceIntervals(
        series([
          [90, 10],
          [95, 5],
        ]),
        10,
        2,
      ),
    ).toBe(1);
  });

  it('is the p99 lateness + 1 for calls of seconds', () => {
    // 100 successes 3 intervals late, one 9 late (under 1 %): p99 3, grace 4.
    const late = [0, 0, 0, 100, 0, 0, 0, 0, 0, 1];
    expect(graceIntervals(series([late]), 10, 1)).toBe(4);
  });

  it('reads only the intervals before the first trigger, and is 1 without successes by lateness', () => {
    const stalled = series([[100], [0, 0, 0, 0, 0, 0, 0, 0, 0, 100]]);
    expect(graceIntervals(stalled, 10, 1)).toBe(1);
    const { successesByLateness: _, ...older } = stalled;
    expect(graceIntervals(older, 10, 2)).toBe(1);
  });

  it('reads past its first intervals until it holds 100 successes (a source of a few calls)', () => {
    const few = series([[0, 1], [], [0, 0, 1], [0, 0, 1], ...new Array<number[]>(20).fill([0, 0, 1])]);
    expect(graceIntervals(few, 2, 24)).toBe(3);
    expect(graceIntervals(few, 2, 2)).toBe(1);
  });
});

describe('goodputWithGrace', () => {
  const byLateness = [[5, 1, 2], [0, 0, 0, 4], [3], [], [0, 0, 0, 0, 0, 6]];

  it('with a grace of 1 is the goodput series', () => {
    const edge = series(byLateness, 10);
    expect(goodputWithGrace(edge, 1)).toBe(edge.goodput);
  });

  it('counts a success within the grace where its call was offered, a later one where it completed', () => {
    // Grace 3: all but the 6 successes 5 intervals late (offered in 4, completed in 9) count where offered.
    expect(goodputWithGrace(series(byLateness, 10), 3)).toEqual([8, 4, 3, 0, 0, 0, 0, 0, 0, 6]);
  });

  it('sums to the successes over the run', () => {
    const edge = series(byLateness, 10);
    const total = edge.succeeded.reduce((a, b) => a + b, 0);
    for (const grace of [1, 2, 3, 5, 8])
      expect(goodputWithGrace(edge, grace).reduce((a, b) => a + b, 0)).toBe(total);
  });
});

describe('callsDue', () => {
  /** An entry edge of 4 intervals of 1 s and 100 calls each, with these successes (counted where offered) and failures. */
  function edge(goodput: number[], failed: number[]): EdgeSeries {
    return {
      source: 'client',
      destination: 'api',
      calls: [100, 100, 100, 100],
      succeeded: goodput,
      failed,
      retries: [0, 0, 0, 0],
      p50Ms: [0, 0, 0, 0],
      p99Ms: [50, 50, 60, 900],
      goodput,
    };
  }
  const window = (latencyMs: number) => ({ startMs: [0, 1000, 2000, 3000], endMs: 4000, latencyMs });

  it('takes the calls still in flight at the end from the last interval: those offered within a normal call of the end', () => {
    // 400 offered, 390 succeeded: 10 in flight; 50 ms calls at 100 req/s leave 5 offered in the last 50 ms.
    const series = edge([100, 100, 100, 90], [0, 0, 0, 0]);
    expect(callsDue(series, series.goodput, window(100))).toEqual([100, 100, 100, 90]);
    expect(callsDue(series, series.goodput, window(50))).toEqual([100, 100, 100, 95]);
  });

  it('a call in flight since before then is late: a stall or a pile-up still counts as not succeeded', () => {
    // 30 in flight: the last interval has 10 uncounted calls, the one before 20. Calls of 1.5 s reach back into the
    // one before (half of it); calls of 50 ms do not.
    const series = edge([100, 100, 80, 90], [0, 0, 0, 0]);
    expect(callsDue(series, series.goodput, window(50))).toEqual([100, 100, 100, 95]);
    expect(callsDue(series, series.goodput, window(1500))).toEqual([100, 100, 80, 90]);
  });

  it('is the calls as they are when none is in flight at the end (failures are not in flight)', () => {
    const series = edge([100, 100, 100, 90], [0, 0, 0, 10]);
    expect(callsDue(series, series.goodput, window(100))).toBe(series.calls);
  });
});

describe('normalLatencyMs', () => {
  it("is the median of the intervals' p99 before the first trigger, of those with successes", () => {
    const series: EdgeSeries = {
      source: 'client',
      destination: 'api',
      calls: [10, 10, 10, 10, 10],
      succeeded: [10, 10, 0, 10, 10],
      failed: [0, 0, 10, 0, 0],
      retries: [0, 0, 0, 0, 0],
      p50Ms: [0, 0, 0, 0, 0],
      p99Ms: [40, 60, 0, 50, 5000],
      goodput: [10, 10, 0, 10, 10],
    };
    expect(normalLatencyMs(series, 4)).toBe(50);
    expect(normalLatencyMs(series)).toBe(50);
    expect(normalLatencyMs(series, 1)).toBe(40);
    expect(normalLatencyMs({ ...series, succeeded: [0, 0, 0, 0, 0] })).toBe(0);
  });
});
