// Replication seeds, figure intervals (Student t, 95 %) and paired differences.

import { studentTQuantile } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';

import { figureInterval, figureIntervals, pairedDifferences, replicationSeed } from '../../src/index.js';
import type { RunFigures } from '../../src/index.js';

function figures(successRatio: number, endToEndP99Ms: number, pendingPods: number | null = null): RunFigures {
  return {
    successRatio,
    goodputRps: 0,
    endToEndP50Ms: 0,
    endToEndP99Ms,
    attemptsPerCall: 1,
    workPerRequest: 1,
    proxyCpuCores: 0,
    proxyCpuRequestedCores: 0,
    proxyMemoryMiB: 0,
    proxyMemoryRequestedMiB: 0,
    nodeCpuUtilisation: null,
    pendingPods,
    extraNodesNeeded: null,
    proxyCostPerMonthUsd: null,
    proxyRequestsCostPerMonthUsd: null,
  };
}

describe('replications', () => {
  it('derives seeds from the root seed only: replication 0 is the root, the others distinct and stable', () => {
    expect(replicationSeed(42, 0)).toBe(42);
    const seeds = [1, 2, 3, 4].map((i) => replicationSeed(42, i));
    expect(new Set(seeds).size).toBe(4);
    expect([1, 2, 3, 4].map((i) => replicationSeed(42, i))).toEqual(seeds);
    expect(replicationSeed(43, 1)).not.toBe(seeds[0]);
    for (const seed of seeds)
      expect(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) < 2 ** 32).toBe(true);
    expect(() => replicationSeed(42, -1)).toThrow(RangeError);
  });

  it('gives mean ± t(0.975, n−1)·s/√n, and no interval for one replication', () => {
    const interval = figureInterval('successRatio', [1, 2, 3, 4]);
    const s = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3);
    expect(interval.mean).toBeCloseTo(2.5, 12);
    expect(interval.halfWidth).toBeCloseTo((studentTQuantile(0.975, 3) * s) / 2, 12);
    expect(interval).toMatchObject({ n: 4, min: 1, max: 4 });
    expect(figureInterval('successRatio', [0.9]).halfWidth).toBeNull();
    expect(figureInterval('successRatio', [0.9, 0.9]).halfWidth).toBe(0);
  });

  it('gives the range of 500,000 replications (a spread argument overflowed the stack there)', () => {
    const values = Array.from({ length: 500_000 }, (_, i) => (i % 1000) / 1000);
    expect(figureInterval('successRatio', values)).toMatchObject({ n: 500_000, min: 0, max: 0.999 });
  });

  it('pairs runs replication by replication and says whether the difference excludes 0', () => {
    const base = [figures(0.9, 10), figures(0.8, 20), figures(0.95, 15)];
    const other = [figures(0.91, 12), figures(0.79, 22), figures(0.96, 17)];
    const [success, p99] = pairedDifferences(base, other, ['successRatio', 'endToEndP99Ms']);
    expect(p99).toMatchObject({ mean: 2, halfWidth: 0, significant: true });
    expect(success?.significant).toBe(false);
    expect(
      pairedDifferences([base[0] as RunFigures], [other[0] as RunFigures], ['successRatio'])[0]?.significant,
    ).toBeNull();
    expect(() => pairedDifferences(base, other.slice(1), ['successRatio'])).toThrow(RangeError);
  });

  it('leaves out a figure the runs could not give (null): per value, and the whole figure when no run gives it', () => {
    expect(figureInterval('pendingPods', [2, null, 4])).toMatchObject({ n: 2, mean: 3, min: 2, max: 4 });
    const runs = [figures(1, 10, 3), figures(1, 12, null)];
    const intervals = figureIntervals(runs, ['endToEndP99Ms', 'pendingPods', 'nodeCpuUtilisation']);
    expect(intervals.map((i) => i.key)).toEqual(['endToEndP99Ms', 'pendingPods']);
    expect(intervals[1]).toMatchObject({ n: 1, mean: 3, halfWidth: null });
    // Paired: only pairs where both runs give it; none at all leaves the figure out.
    const base = [figures(1, 10, 0), figures(1, 10, null), figures(1, 10, 1)];
    const other = [figures(1, 11, 3), figures(1, 11, 5), figures(1, 11, 4)];
    const paired = pairedDifferences(base, other, ['pendingPods', 'nodeCpuUtilisation']);
    expect(paired).toHaveLength(1);
    expect(paired[0]).toMatchObject({ key: 'pendingPods', n: 2, mean: 3, halfWidth: 0, significant: true });
  });
});
