// The cascade figures of a comparison's shapes — recovery (or why none: `not recovered`, `no trigger`, `run too
// short`), lowest goodput, peak attempts per
// request and peak amplification — are each shape's diagnosis's own (`cascadeFigures`), in text, JSON and CSV, and
// shown only when the comparison has diagnoses, like the verdict.

import { cascadeFigures } from '@meshsim/analysis';
import type { Diagnosis } from '@meshsim/analysis';
import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonCsv,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '../../src/index.js';
import { figuresWith, makeDiagnosis, makeResult } from '../__helpers__/fixtures.js';

/** makeDiagnosis (metastable, 3 attempts per request during the fault) recovered after 7.5 s, at 40 % lowest. */
function recovered(): Diagnosis {
  const diagnosis = makeDiagnosis();
  return {
    ...diagnosis,
    verdict: 'degraded-recovered',
    recoveryMs: 7_500,
    stillDownMs: null,
    loop: null,
    sources: diagnosis.sources.map((s) => ({
      ...s,
      verdict: 'degraded-recovered' as const,
      minRatio: 0.4,
      recoveredAtMs: 57_500,
      recoveryMs: 7_500,
      stillDownMs: null,
    })),
  };
}

/** A stable run: nothing to recover from, never below the band. */
function stable(): Diagnosis {
  return { ...recovered(), verdict: 'stable', recoveryMs: null };
}

/** makeResult under `none`, `istio-sidecar` (its own mesh) and `linkerd`: three shapes of one scenario. */
function results(): SimulationResult[] {
  return ['none', 'istio-sidecar', 'linkerd'].map((mesh) => {
    const result = makeResult();
    result.scenario = { ...result.scenario, mesh };
    return result;
  });
}

/** The text comparison's metric row `head`: its cells, one per shape. */
function row(text: string, head: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`${head}  `));
  if (line === undefined) throw new Error(`no row ${head} in\n${text}`);
  return line
    .slice(head.length)
    .trim()
    .split(/\s{2,}/);
}

describe("a comparison's cascade figures", () => {
  const diagnoses = [stable(), recovered(), makeDiagnosis()];
  const summary = summarizeComparison(results(), { diagnoses });

  it("are each shape's diagnosis's cascadeFigures, not computed again", () => {
    expect(summary.shapes.map((s) => s.cascade)).toEqual(diagnoses.map(cascadeFigures));
  });

  it('print in the text as `run` prints them: recovery time or `not recovered`, lowest goodput in %, attempts per request', () => {
    const text = renderComparisonText(summary);
    expect(row(text, 'verdict')).toEqual(['stable', 'degraded-recovered', 'metastable']);
    expect(row(text, 'recovery after the last trigger')).toEqual(['–', '7.5 s', 'not recovered']);
    expect(row(text, 'lowest goodput (% of offered calls)')).toEqual(['40.0', '40.0', '0.0']);
    expect(row(text, 'peak attempts during triggers (per request)')).toEqual(['3.00', '3.00', '3.00']);
    expect(row(text, 'peak amplification during ÷ before (×)')).toEqual(['3.00', '3.00', '3.00']);
  });

  it('print a recovery of 0 in seconds, as the others of its row: `0 s` beside `1 s`, not `0 ms`', () => {
    const at = (recoveryMs: number): Diagnosis => ({ ...recovered(), recoveryMs });
    const text = renderComparisonText(
      summarizeComparison(results(), { diagnoses: [at(0), at(1_000), at(7_500)] }),
    );
    expect(row(text, 'recovery after the last trigger')).toEqual(['0 s', '1 s', '7.5 s']);
  });

  it('give no recovery to a run a guard stopped (not diagnosed: neither recovered nor not)', () => {
    const stopped: Diagnosis = { ...makeDiagnosis(), verdict: 'stopped', recoveryMs: null, sources: [] };
    const text = renderComparisonText(
      summarizeComparison(results(), { diagnoses: [stable(), stable(), stopped] }),
    );
    expect(row(text, 'recovery after the last trigger')).toEqual(['–', '–', '–']);
  });

  it('say why a run that did not recover has no recovery: `no trigger` when nothing triggered it, `run too short` when not judged', () => {
    const untriggered: Diagnosis = {
      ...makeDiagnosis(),
      verdict: 'degraded',
      triggers: [],
      lastTriggerEndMs: null,
    };
    const base = makeDiagnosis();
    const tooShort: Diagnosis = {
      ...base,
      verdict: 'unresolved',
      stillDownMs: null,
      sources: base.sources.map((s) => ({
        ...s,
        verdict: 'unresolved' as const,
        referenceRatio: null,
        minRatio: null,
        finalRatio: null,
        stillDownMs: null,
      })),
    };
    const summary = summarizeComparison(results(), { diagnoses: [untriggered, tooShort, makeDiagnosis()] });
    expect(summary.shapes.map((s) => s.noRecovery)).toEqual(['no-trigger', 'too-short', 'not-recovered']);
    expect(row(renderComparisonText(summary), 'recovery after the last trigger')).toEqual([
      'no trigger',
      'run too short',
      'not recovered',
    ]);
  });

  it('are JSON numbers right after the verdict and its lossy flag (null where the diagnosis has none)', () => {
    const json = JSON.parse(renderComparisonJson(summary)) as { shapes: Record<string, unknown>[] };
    const keys = Object.keys(json.shapes[0] ?? {});
    expect(keys.slice(keys.indexOf('verdict'), keys.indexOf('verdict') + 8)).toEqual([
      'verdict',
      'lossy',
      'recoveryMs',
      'minGoodputRatio',
      'peakAttemptsPerRequest',
      'peakEdgeAttemptsPerCall',
      'peakAttemptsEdge',
      'peakAmplification',
    ]);
    expect(json.shapes.map((s) => s['recoveryMs'])).toEqual([null, 7500, null]);
    expect(json.shapes.map((s) => s['minGoodputRatio'])).toEqual([0.4, 0.4, 0]);
    expect(json.shapes.map((s) => s['peakAttemptsPerRequest'])).toEqual([3, 3, 3]);
  });

  it('are CSV columns after verdict and lossy', () => {
    const [header, , second] = renderComparisonCsv(summary).split('\n');
    expect(header).toContain(
      ',verdict,lossy,recovery_ms,min_goodput_ratio,peak_during_attempts_per_request,' +
        'peak_during_edge_attempts_per_call,peak_during_attempts_edge,peak_during_amplification,warnings',
    );
    // The fixture's time series ends before its diagnosis's trigger: no edge sent a call during it.
    expect(second).toContain(',degraded-recovered,false,7500,0.4,3,,,3,');
  });

  it('are left out of the text and JSON of a comparison without diagnoses (empty CSV cells), like the verdict', () => {
    const bare = summarizeComparison(results());
    expect(renderComparisonText(bare)).not.toContain('recovery after the last trigger');
    expect(renderComparisonText(bare)).not.toContain('lowest goodput');
    const json = JSON.parse(renderComparisonJson(bare)) as { shapes: Record<string, unknown>[] };
    expect(Object.keys(json.shapes[0] ?? {})).not.toContain('recoveryMs');
    expect(renderComparisonCsv(bare).split('\n')[1]).toMatch(/,,,,,,,\d+$/);
  });
});

describe("a comparison's cascade figures over replications", () => {
  /** makeDiagnosis with its peak attempts per request (depth 1's `during`) and lowest goodput set. */
  function withPeak(during: number, minRatio: number): Diagnosis {
    const diagnosis = recovered();
    return {
      ...diagnosis,
      sources: diagnosis.sources.map((s) => ({ ...s, minRatio })),
      amplification: diagnosis.amplification.map((a) => ({ ...a, during, duringRatio: during })),
    };
  }
  const shapes = results().slice(0, 2);
  const replications = shapes.map(() => [figuresWith(10, 0.9), figuresWith(12, 0.9), figuresWith(11, 0.9)]);
  const replicationDiagnoses = [
    [withPeak(2, 0.5), withPeak(2.2, 0.45), withPeak(2.1, 0.5)],
    [withPeak(3, 0.4), withPeak(3.3, 0.35), withPeak(3.1, 0.4)],
  ];
  const summary = summarizeComparison(shapes, {
    diagnoses: replicationDiagnoses.map((d) => d[0] ?? recovered()),
    replications,
    replicationDiagnoses,
  });

  it("get each shape's mean ± 95 % CI and the paired differences vs the baseline, like the headline figures", () => {
    expect(summary.intervals?.[1]?.cascade?.find((f) => f.key === 'peakAttemptsPerRequest')).toMatchObject({
      n: 3,
      min: 3,
      max: 3.3,
    });
    const difference = summary.paired?.[0]?.cascade?.find((d) => d.key === 'peakAttemptsPerRequest');
    expect(difference?.mean).toBeCloseTo(1.0333, 3);
    expect(difference?.significant).toBe(true);
    const text = renderComparisonText(summary);
    expect(text).toMatch(/^peak attempts per request +2\.10 ± 0\.2\d +3\.13 ± 0\.3\d$/m);
    expect(text).toMatch(/^peak attempts per request +\+1\.03 ± 0\.\d+$/m);
    expect(text).toMatch(/^lowest goodput \(%\) +48\.3 ± /m);
  });

  it('are in the JSON (`cascade` of intervals[] and paired[]) and the CSV (their means and half-widths)', () => {
    const json = JSON.parse(renderComparisonJson(summary)) as {
      intervals: { cascade: { key: string }[] }[];
      paired: { cascade: { key: string; significant: boolean }[] }[];
    };
    expect(json.intervals[0]?.cascade.map((f) => f.key)).toEqual([
      'recoveryMs',
      'minGoodputRatio',
      'peakAttemptsPerRequest',
      'peakAmplification',
    ]);
    expect(json.paired[0]?.cascade.find((d) => d.key === 'peakAttemptsPerRequest')?.significant).toBe(true);
    const header = renderComparisonCsv(summary).split('\n')[0] ?? '';
    expect(header).toContain(
      ',peak_during_attempts_per_request_diff_mean,peak_during_attempts_per_request_diff_half_width,',
    );
    expect(header).toMatch(/,peak_during_amplification_mean,peak_during_amplification_half_width$/);
  });

  it('are left out of the replications without every replication’s diagnosis', () => {
    const bare = summarizeComparison(shapes, { replications });
    expect(bare.intervals?.[0]?.cascade).toBeUndefined();
    expect(renderComparisonCsv(bare).split('\n')[0]).not.toContain('peak_during_attempts_per_request_mean');
  });
});

describe("a comparison's blast radius", () => {
  const head = 'blast radius (degraded service-s)';

  it("is each shape's degraded service-seconds (the HTML chart's), in the text beside success, the JSON and the CSV", () => {
    // makeResult: frontend's and checkout's second 5 s had more than 1 % of their calls fail.
    const summary = summarizeComparison(results());
    expect(summary.shapes.map((s) => s.degradedServiceSeconds)).toEqual([10, 10, 10]);
    expect(row(renderComparisonText(summary), head)).toEqual(['10', '10', '10']);
    const json = JSON.parse(renderComparisonJson(summary)) as { shapes: Record<string, unknown>[] };
    expect(json.shapes[0]?.['degradedServiceSeconds']).toBe(10);
    expect(renderComparisonCsv(summary).split('\n')[0]).toContain(',goodput_rps,degraded_service_seconds,');
  });

  it('has no text row when no service degraded under any shape', () => {
    const calm = results().map((result) => ({
      ...result,
      timeSeries: {
        ...result.timeSeries,
        edges: result.timeSeries.edges.map((e) => ({ ...e, failed: e.failed.map(() => 0) })),
      },
    }));
    const summary = summarizeComparison(calm);
    expect(summary.shapes.map((s) => s.degradedServiceSeconds)).toEqual([0, 0, 0]);
    expect(renderComparisonText(summary)).not.toContain('blast radius');
  });
});
