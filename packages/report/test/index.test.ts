import { describe, expect, it } from 'vitest';

import * as report from '../src/index.js';
import { makeEmptyResult, makeResult, renderAll } from './__helpers__/fixtures.js';

describe('@meshsim/report', () => {
  it('exports exactly the documented API', () => {
    expect(Object.keys(report).sort()).toEqual([
      'COMPARISON_SCHEMA_VERSION',
      'FORTIO_PERCENTILES',
      'JSON_SCHEMA_VERSION',
      'OTLP_SPANS_PER_REQUEST',
      'SMP_VERSION',
      'diagnosisJson',
      'escapeControls',
      'renderBoundaryMapJson',
      'renderBoundaryMapText',
      'renderComparisonCsv',
      'renderComparisonHtml',
      'renderComparisonJson',
      'renderComparisonText',
      'renderDiagnosisText',
      'renderEdgesCsv',
      'renderFortio',
      'renderHtml',
      'renderIstioMetrics',
      'renderIstioMetricsLines',
      'renderJson',
      'renderNodesCsv',
      'renderOpenMetrics',
      'renderOtlpTraceRequests',
      'renderOtlpTraces',
      'renderProxiesCsv',
      'renderReplicationsCsv',
      'renderReplicationsText',
      'renderServiceSeriesCsv',
      'renderSmpResult',
      'renderSweepJson',
      'renderSweepText',
      'renderText',
      'renderTimeSeriesCsv',
      'renderTraceSummary',
      'renderVerdictsCsv',
      'renderVersionsCsv',
      'replicationsJson',
      'summarizeComparison',
      'toJsonDocument',
    ]);
  });

  it.each([
    ['a run with traffic', makeResult],
    ['an empty run (zero calls, zero duration)', makeEmptyResult],
  ])('no renderer prints NaN or undefined for %s', (_name, make) => {
    for (const [format, output] of Object.entries(renderAll(make()))) {
      expect(output, format).not.toMatch(/\bNaN\b|\bundefined\b/);
      expect(output.endsWith('\n'), format).toBe(true);
    }
  });

  it('every renderer is deterministic: same input, same bytes', () => {
    expect(renderAll(makeResult())).toEqual(renderAll(makeResult()));
  });
});
