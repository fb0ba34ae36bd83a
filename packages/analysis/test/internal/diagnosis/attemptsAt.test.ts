// Attempts of an edge over some intervals: a call still waiting at its source for a connection is not an
// attempt yet, whatever interval it was due in.

import type { EdgeSeries } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { attemptsAt, sentAt } from '../../../src/internal/diagnosis/attemptsAt.js';

function series(fields: Pick<EdgeSeries, 'calls' | 'retries'> & Partial<EdgeSeries>): EdgeSeries {
  const zeros = fields.calls.map(() => 0);
  return {
    source: 'wrk2',
    destination: 'api',
    succeeded: zeros,
    failed: zeros,
    p50Ms: zeros,
    p99Ms: zeros,
    goodput: zeros,
    ...fields,
  };
}

describe('sentAt and attemptsAt', () => {
  it('without a waiting series, every call due was sent', () => {
    const s = series({ calls: [10, 20, 30], retries: [1, 2, 3] });
    expect(sentAt(s, [0, 1, 2])).toBe(60);
    expect(attemptsAt(s, [1, 2])).toBe(55);
  });

  it('subtracts the growth of the backlog in each interval, and adds back what it drained', () => {
    // Due 100 per interval; the backlog ends the intervals at 30, 80, 50: sent 70, 50, 130.
    const s = series({ calls: [100, 100, 100], retries: [0, 5, 0], waitingAtSource: [30, 80, 50] });
    expect(sentAt(s, [0])).toBe(70);
    expect(sentAt(s, [1])).toBe(50);
    expect(sentAt(s, [2])).toBe(130);
    expect(sentAt(s, [0, 1, 2])).toBe(300 - 50);
    expect(attemptsAt(s, [1, 2])).toBe(50 + 130 + 5);
  });
});
