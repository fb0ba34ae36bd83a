// One run's end-to-end p99 is unstable when it falls in a gap of the latencies (its 98.5th and 99.5th percentiles
// more than P99_GAP_FACTOR apart): the comparison says so of the added p99 in its text, JSON notes and HTML chart.

import type { LatencySummary, SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonHtml,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '../src/index.js';
import type { ReportData } from '../src/internal/html/ReportData.js';
import { makeResult } from './__helpers__/fixtures.js';

/** Successful calls of ~20 ms, and a few slow ones: `p985Ms`, `p99Ms`, `p995Ms` as given. */
function latency(p985Ms: number, p99Ms: number, p995Ms: number): LatencySummary {
  return {
    count: 50_000,
    meanMs: 25,
    p50Ms: 18,
    p90Ms: 19,
    p985Ms,
    p99Ms,
    p995Ms,
    p999Ms: 4600,
    maxMs: 4700,
  };
}

/** The fixture's run under `mesh`, its end-to-end latency as given. */
function shape(mesh: string, endToEnd: LatencySummary): SimulationResult {
  const result = makeResult();
  result.scenario = { ...result.scenario, mesh };
  result.endToEndLatency = endToEnd;
  return result;
}

/** The embedded chart data of a report. */
function reportData(html: string): ReportData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('no report data');
  return JSON.parse(match[1] ?? '') as ReportData;
}

const STEADY = latency(20, 22, 26);
/** The p99 in the gap between ~20 ms and ~4.5 s calls: this run's p99 could as well have been either. */
const GAPPED = latency(21, 180, 4480);

describe('an unstable single-run p99 in a comparison', () => {
  it('names the shape whose p99 falls in a gap, with its p98.5 and p99.5, and points to --replications', () => {
    const summary = summarizeComparison([shape('none', STEADY), shape('linkerd', GAPPED)]);
    expect(summary.shapes.map((s) => s.p99Gap)).toEqual([null, { p985Ms: 21, p995Ms: 4480 }]);
    const note =
      "Note: One run's end-to-end p99 is unstable under linkerd (p98.5 21.0 ms, p99.5 4,480 ms): its 98.5th and " +
      '99.5th percentiles are more than 2× apart, so the p99 falls where the latencies jump (between fast and slow ' +
      'calls) and half a percent of the calls more or fewer on either side moves it across the gap — the added p99 vs ' +
      'none of linkerd can change by as much from seed to seed; run --replications N for its mean ± 95 % CI and ' +
      'whether the difference is significant.';
    expect(renderComparisonText(summary)).toContain(`\n${note}\n`);
    const json = JSON.parse(renderComparisonJson(summary)) as { notes: string[] };
    expect(json.notes).toContain(note.slice('Note: '.length));
  });

  it("flags every shape's added p99 when the baseline's own p99 is the unstable one", () => {
    const summary = summarizeComparison([
      shape('none', GAPPED),
      shape('linkerd', STEADY),
      shape('cilium', STEADY),
    ]);
    expect(renderComparisonText(summary)).toContain(
      "Note: One run's end-to-end p99 is unstable under none (p98.5 21.0 ms, p99.5 4,480 ms): ",
    );
    expect(renderComparisonText(summary)).toContain('the added p99 vs none of linkerd, cilium can change');
  });

  it('marks the unstable added p99 bars in the HTML chart, and says why in their tooltip', () => {
    const html = renderComparisonHtml([shape('none', STEADY), shape('linkerd', GAPPED)]);
    const added = reportData(html).charts.find((spec) => spec.id === 'added-latency');
    if (added?.kind !== 'bars') throw new Error('no added-latency bars');
    expect(added.series.find((s) => s.name === 'p50')?.flags).toBeUndefined();
    expect(added.series.find((s) => s.name === 'p99')?.flags).toEqual([
      null,
      "unstable: this run's p99 falls in a gap of the latencies (p98.5 21.0 ms, p99.5 4,480 ms); run --replications N",
    ]);
    expect(html).toContain('Bars marked ! are unstable');
  });

  it('says nothing of a p99 whose neighbours are at most 2× apart (a long tail, not a gap), nor of one not measured', () => {
    const tail = latency(40, 52, 80);
    const summary = summarizeComparison([shape('none', STEADY), shape('linkerd', tail)]);
    expect(summary.shapes.map((s) => s.p99Gap)).toEqual([null, null]);
    expect(renderComparisonText(summary)).not.toContain('unstable');
    const unmeasured = shape('linkerd', STEADY);
    delete unmeasured.endToEndLatency;
    expect(summarizeComparison([shape('none', STEADY), unmeasured]).shapes[1]?.p99Gap).toBeNull();
  });

  it("marks an edge's added p99 that falls in a gap in the per-edge table (text, HTML, JSON), with a note", () => {
    const gappedEdge = shape('linkerd', STEADY);
    const edge = gappedEdge.edges[1];
    if (edge === undefined) throw new Error('fixture: no second edge');
    edge.latency = { ...edge.latency, p985Ms: 2, p99Ms: 40, p995Ms: 900 };
    const summary = summarizeComparison([shape('none', STEADY), gappedEdge]);
    expect(summary.shapes[1]?.edges.map((e) => e.addedP99Unstable)).toEqual([false, true]);
    const text = renderComparisonText(summary);
    expect(text).toMatch(/^frontend → checkout +0\.000 \/ 0\.000 +0\.000 \/ \+37\.5 !$/m);
    expect(text).toContain(
      "Note: In the added latency per edge, a p99 marked ! is unstable the same way: its edge's 98.5th and " +
        '99.5th percentiles are more than 2× apart under that shape or the baseline',
    );
    expect(renderComparisonHtml([shape('none', STEADY), gappedEdge])).toContain(
      '<td class="num">0.000 / +37.5 !</td>',
    );
    const json = JSON.parse(renderComparisonJson(summary)) as {
      shapes: { edges: Record<string, unknown>[] }[];
    };
    expect(json.shapes[1]?.edges.map((e) => e['addedP99Unstable'])).toEqual([false, true]);
  });
});
