// First tries sent per interval: a call waiting at its source for a connection counts when it is due but is
// sent only later, so the growth of the backlog is taken off and its shrinking added back.

import { describe, expect, it } from 'vitest';
import { sentPerInterval } from '../../src/index.js';
import type { EdgeSeries } from '../../src/index.js';

const series = (calls: number[], waitingAtSource?: number[]): EdgeSeries => ({
  source: 'wrk2',
  destination: 'api',
  calls,
  succeeded: calls.map(() => 0),
  failed: calls.map(() => 0),
  retries: calls.map(() => 0),
  p50Ms: calls.map(() => 0),
  p99Ms: calls.map(() => 0),
  goodput: calls.map(() => 0),
  ...(waitingAtSource !== undefined && { waitingAtSource }),
});

describe('sentPerInterval', () => {
  it('is the calls themselves where no call waited', () => {
    expect(sentPerInterval(series([3, 4, 5]))).toEqual([3, 4, 5]);
  });

  it('takes off the growth of the backlog and adds back what drained', () => {
    expect(sentPerInterval(series([100, 100, 100], [30, 80, 50]))).toEqual([70, 50, 130]);
  });
});
