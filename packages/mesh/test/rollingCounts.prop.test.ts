// Contract of the bucketed rolling window behind the error-rate breaker (RollingCounts), checked
// against a naive reference model that keeps every event.

import fc from 'fast-check';
import { uniform } from '../../engine/test/__helpers__/uniform.js';
import { describe, expect, it } from 'vitest';
import { RollingCounts } from '../src/policies/breakers/RollingCounts.js';

/** Non-decreasing times [ms] built from non-negative steps, some of them zero. */
const times = fc
  .array(fc.oneof(fc.constant(0), uniform(0, 3000)), {
    minLength: 1,
    maxLength: 200,
  })
  .map((steps) => {
    let t = 0;
    return steps.map((step) => (t += step));
  });

describe('RollingCounts', () => {
  it('after every record, counts exactly the events whose bucket is one of the last `bucketCount` (property)', () => {
    fc.assert(
      fc.property(
        uniform(1, 20_000),
        fc.integer({ min: 1, max: 12 }),
        times,
        fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        (windowMs, buckets, at, failures) => {
          const counts = new RollingCounts(windowMs, buckets);
          const bucketMs = windowMs / buckets;
          const seen: { id: number; failed: boolean }[] = [];
          at.forEach((nowMs, i) => {
            const failed = failures[i] as boolean;
            counts.record(nowMs, failed);
            const id = Math.floor(nowMs / bucketMs);
            seen.push({ id, failed });
            const inWindow = seen.filter((e) => e.id > id - buckets);
            expect(counts.total).toBe(inWindow.length);
            expect(counts.failed).toBe(inWindow.filter((e) => e.failed).length);
          });
        },
      ),
    );
  });

  it('forgets everything on reset', () => {
    const counts = new RollingCounts(1000, 10);
    counts.record(5, true);
    counts.record(6, false);
    counts.reset();
    counts.record(7, false);
    expect([counts.total, counts.failed]).toEqual([1, 0]);
  });

  it('drops a whole bucket once it leaves the window (10 × 100 ms buckets)', () => {
    const counts = new RollingCounts(1000, 10);
    counts.record(50, true); // bucket 0
    counts.record(950, false); // bucket 9: bucket 0 still in
    expect([counts.total, counts.failed]).toEqual([2, 1]);
    counts.record(1000, false); // bucket 10: bucket 0 out
    expect([counts.total, counts.failed]).toEqual([2, 0]);
  });
});
