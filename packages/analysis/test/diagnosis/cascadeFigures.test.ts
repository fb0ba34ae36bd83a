// cascadeFigures(): the recovery, lowest goodput and peak amplification compare and the sweep show beside a verdict
// are the diagnosis's own figures (the worst source's, the busiest depth's), null where the diagnosis has none.

import { describe, expect, it } from 'vitest';

import { cascadeFigures } from '../../src/index.js';
import type { DepthAmplification, Diagnosis, SourceDiagnosis } from '../../src/index.js';

function source(name: string, minRatio: number | null): SourceDiagnosis {
  return {
    source: name,
    to: 'api',
    verdict: 'degraded-recovered',
    referenceRatio: 1,
    minRatio,
    finalRatio: 1,
    degradedAtMs: 10_000,
    recoveredAtMs: 25_000,
    recoveryMs: 5_000,
    stillDownMs: null,
    lossy: false,
    backlog: null,
    reason: '',
  };
}

function depth(n: number, during: number | null, duringRatio: number | null): DepthAmplification {
  return { depth: n, edges: [], baseline: null, during, duringRatio, window: null, ratio: null };
}

function diagnosis(overrides: Partial<Diagnosis>): Diagnosis {
  return {
    verdict: 'degraded-recovered',
    lossy: false,
    reason: '',
    triggers: [],
    lastTriggerEndMs: 20_000,
    recoveryMs: 5_000,
    stillDownMs: null,
    sources: [],
    loop: null,
    amplification: [],
    cascade: [],
    saturatedBeforeTrigger: [],
    ...overrides,
  };
}

describe('cascadeFigures', () => {
  it("takes the run's recovery, the worst source's lowest goodput and the busiest depth's attempts", () => {
    const figures = cascadeFigures(
      diagnosis({
        recoveryMs: 7_500,
        sources: [source('web', 0.6), source('mobile', 0.375), source('idle', null)],
        amplification: [depth(1, 1.2, 1.2), depth(2, 3.4, 1.7), depth(3, 2.1, 2.1)],
      }),
    );
    expect(figures).toEqual({
      recoveryMs: 7_500,
      minGoodputRatio: 0.375,
      peakAttemptsPerRequest: 3.4,
      peakAmplification: 2.1,
    });
  });

  it('has no figure where the diagnosis has none: no recovery, no source judged, no trigger, no reference', () => {
    expect(
      cascadeFigures(
        diagnosis({
          verdict: 'metastable',
          recoveryMs: null,
          stillDownMs: 40_000,
          sources: [source('idle', null)],
          amplification: [depth(1, null, null)],
        }),
      ),
    ).toEqual({
      recoveryMs: null,
      minGoodputRatio: null,
      peakAttemptsPerRequest: null,
      peakAmplification: null,
    });
  });

  it('keeps attempts per request without a reference window (a trigger at 0 s), where the ratio has none', () => {
    const figures = cascadeFigures(diagnosis({ amplification: [depth(1, 1, null), depth(2, 3.08, null)] }));
    expect(figures.peakAttemptsPerRequest).toBe(3.08);
    expect(figures.peakAmplification).toBeNull();
  });

  it('gives no recovery for a trigger that never ends (an infinite recovery is none)', () => {
    expect(cascadeFigures(diagnosis({ recoveryMs: -Infinity })).recoveryMs).toBeNull();
  });
});
