// The grace of a source's normal latency (p99 lateness of its successes before any trigger, + 1; 1 while that is at
// most 1) and its goodput rebuilt with it: within the grace where the call was offered, later where it completed.

import type { EdgeSeries } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { goodputWithGrace, graceIntervals } from '../../../src/internal/diagnosis/graceGoodput.js';

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
