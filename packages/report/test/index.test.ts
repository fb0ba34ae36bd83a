import { describe, expect, it } from 'vitest';

import * as report from '../src/index.js';
import { makeEmptyResult, makeResult, renderAll } from './__helpers__/fixtures.js';

describe('@meshsim/report', () => {
  it('exports exactly the documented API', () => {
    expect(Object.keys(report).sort()).toEqual([
      'COMPARISON_SCHEMA_VERSION',
      'CSV_DECIMALS',
      'JSON_DECIMALS',
      'JSON_SCHEMA_VERSION',
      'OPENMETRICS_DECIMALS',
      'escapeLabelValue',
      'formatTable',
      'renderComparisonJson',
      'renderComparisonText',
      'renderEdgesCsv',
      'renderJson',
      'renderOpenMetrics',
      'renderText',
      'renderTimeSeriesCsv',
      'renderTimeline',
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

describe('renderTimeline', () => {
  it('aggregates the per-second series into at most 15 rows with units in the headers', () => {
    const text = report.renderTimeline(makeResult());
    expect(text).toContain('0–5');
    expect(text).toContain('offered (req/s)');
    expect(text).toContain('success (%)');
    expect(text.split('\n').length).toBeLessThanOrEqual(15 + 3);
  });

  it('is empty for a result without a time series, and never prints NaN', () => {
    const empty = makeEmptyResult();
    expect(report.renderTimeline({ ...empty, timeSeries: { ...empty.timeSeries, startMs: [] } })).toBe('');
    expect(report.renderTimeline(empty)).not.toMatch(/NaN|undefined/);
  });
});
