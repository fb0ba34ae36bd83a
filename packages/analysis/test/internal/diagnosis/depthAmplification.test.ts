// Work amplification per call depth on hand-made series (1 s intervals): attempts per offered request in the
// reference window, during the triggers and after them, and no figure (null, not 0) for a span with no request offered.

import type { EdgeSeries, SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { depthAmplification } from '../../../src/internal/diagnosis/depthAmplification.js';

const LENGTH = 30;

/** `calls(i)` first tries and `retries(i)` retries in interval i from `source` to `destination`. */
function edge(
  source: string,
  destination: string,
  calls: (i: number) => number,
  retries: (i: number) => number = () => 0,
): EdgeSeries {
  const zeros = Array.from({ length: LENGTH }, () => 0);
  const each = (f: (i: number) => number): number[] => Array.from({ length: LENGTH }, (_, i) => f(i));
  return {
    source,
    destination,
    calls: each(calls),
    succeeded: each(calls),
    failed: zeros,
    retries: each(retries),
    p50Ms: zeros,
    p99Ms: zeros,
    goodput: each(calls),
  };
}

function run(edges: EdgeSeries[]): SimulationResult {
  const timeSeries = {
    intervalMs: 1000,
    startMs: Array.from({ length: LENGTH }, (_, i) => i * 1000),
    services: [],
    edges,
  };
  return { timeSeries } as unknown as SimulationResult;
}

const DEPTHS = new Map([['api', 1]]);
const SOURCES = new Set(['client']);

describe('depthAmplification', () => {
  it('divides the attempts of each span by the requests offered in it, and the later spans by the first', () => {
    // 100 requests a second; 2 tries each during the trigger at 10–20 s.
    const result = run([
      edge(
        'client',
        'api',
        () => 100,
        (i) => (i >= 10 && i < 20 ? 100 : 0),
      ),
    ]);
    const [row] = depthAmplification(
      result,
      DEPTHS,
      SOURCES,
      { fromMs: 0, toMs: 10_000 },
      { fromMs: 20_000, toMs: 30_000 },
      { fromMs: 10_000, toMs: 20_000 },
    );
    expect(row).toEqual({
      depth: 1,
      edges: ['client → api'],
      baseline: 1,
      during: 2,
      duringRatio: 2,
      window: 1,
      ratio: 1,
    });
  });

  it('gives no figure for a span with no request offered: no time before a trigger at 0 s (was 0.00)', () => {
    const result = run([edge('client', 'api', () => 100)]);
    const [row] = depthAmplification(
      result,
      DEPTHS,
      SOURCES,
      { fromMs: 0, toMs: 0 },
      { fromMs: 10_000, toMs: 30_000 },
      { fromMs: 0, toMs: 10_000 },
    );
    expect(row).toMatchObject({ baseline: null, during: 1, duringRatio: null, window: 1, ratio: null });
    // A source silent until 10 s: nothing offered in the reference either.
    const silent = run([edge('client', 'api', (i) => (i < 10 ? 0 : 100))]);
    const [late] = depthAmplification(
      silent,
      DEPTHS,
      SOURCES,
      { fromMs: 0, toMs: 5000 },
      { fromMs: 0, toMs: 30_000 },
      null,
    );
    expect(late).toMatchObject({ baseline: null, during: null, window: 1, ratio: null });
  });

  it('gives no "after" figure when no trigger ended before the end of the run (no span after it)', () => {
    const result = run([edge('client', 'api', () => 100)]);
    const [row] = depthAmplification(result, DEPTHS, SOURCES, { fromMs: 0, toMs: 10_000 }, null, {
      fromMs: 10_000,
      toMs: 30_000,
    });
    expect(row).toMatchObject({ baseline: 1, during: 1, duringRatio: 1, window: null, ratio: null });
  });
});
