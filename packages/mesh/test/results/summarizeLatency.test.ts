// The latency summary gives, besides the usual percentiles, the 98.5th and 99.5th: how far the p99 would move with
// half a percent of the calls more or fewer slow (the comparison calls a p99 in a gap between them unstable).

import { LatencyHistogram } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';

import { summarizeLatency } from '../../src/results/summarizeLatency.js';

describe('summarizeLatency', () => {
  it('gives the percentiles either side of the p99: across the gap of 98.9 % fast and 1.1 % slow calls', () => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < 989; i++) histogram.record(20);
    for (let i = 0; i < 11; i++) histogram.record(4500);
    const summary = summarizeLatency(histogram);
    expect(summary.p985Ms).toBeCloseTo(20, 0);
    expect(summary.p995Ms).toBeGreaterThan(4400);
    expect(summary.p995Ms).toBeLessThan(4600);
  });

  it('is all zeros when nothing was measured', () => {
    const summary = summarizeLatency(new LatencyHistogram());
    expect([summary.p985Ms, summary.p99Ms, summary.p995Ms]).toEqual([0, 0, 0]);
  });
});
