// summarizeSweep(): a point's cascade figures are their mean ± 95 % CI over the runs that give them — a recovery
// only over the runs that recovered, nothing from a run stored before they were kept — and a figure no run gives is
// left out.

import { describe, expect, it } from 'vitest';

import { summarizeSweep } from '../../src/index.js';
import type { CascadeFigures, StoredRun, SweepPoint } from '../../src/index.js';

const POINT: SweepPoint = { index: 0, overrides: [], values: [], rootSeed: 1 };

/** A stored run of point 0 with these cascade figures (its headline figures do not matter here). */
function run(replication: number, cascade: CascadeFigures): StoredRun {
  return {
    key: `run-${replication}`,
    point: 0,
    replication,
    overrides: '[]',
    seed: replication,
    verdict: cascade.recoveryMs === null ? 'metastable' : 'degraded-recovered',
    recoveryMs: cascade.recoveryMs,
    figures: {
      successRatio: 1,
      goodputRps: 100,
      endToEndP50Ms: 1,
      endToEndP99Ms: 2,
      attemptsPerCall: 1,
      workPerRequest: 1,
      proxyCpuCores: 0,
      proxyCpuRequestedCores: 0,
      proxyMemoryMiB: 0,
      proxyMemoryRequestedMiB: 0,
      nodeCpuUtilisation: null,
      pendingPods: null,
      extraNodesNeeded: null,
      proxyCostPerMonthUsd: null,
      proxyRequestsCostPerMonthUsd: null,
    },
    cascade,
    modelRevision: 26,
    stopped: null,
    warnings: [],
    lossy: false,
  };
}

describe("summarizeSweep's cascade figures", () => {
  it('are intervals over the runs that give each, in CASCADE_FIGURES order', () => {
    const runs = [
      run(0, { recoveryMs: 4_000, minGoodputRatio: 0.5, peakAttemptsPerRequest: 2, peakAmplification: null }),
      run(1, { recoveryMs: null, minGoodputRatio: 0.3, peakAttemptsPerRequest: 3, peakAmplification: null }),
      // Stored before they were kept: only its recovery.
      run(2, {
        recoveryMs: 6_000,
        minGoodputRatio: null,
        peakAttemptsPerRequest: null,
        peakAmplification: null,
      }),
    ];
    const [point] = summarizeSweep([POINT], runs);
    expect(point?.cascade.map((c) => [c.key, c.n, c.mean, c.min, c.max])).toEqual([
      ['recoveryMs', 2, 5_000, 4_000, 6_000],
      ['minGoodputRatio', 2, 0.4, 0.3, 0.5],
      ['peakAttemptsPerRequest', 2, 2.5, 2, 3],
    ]);
    expect(point?.cascade[0]?.halfWidth).toBeGreaterThan(0);
  });
});
