// A run a guard stopped early: every output format says so, and rates cover the span it reached; a
// completed run's outputs carry no trace of the feature.

import { describe, expect, it } from 'vitest';

import {
  renderComparisonJson,
  renderComparisonText,
  renderEdgesCsv,
  renderJson,
  renderOpenMetrics,
  renderProxiesCsv,
  renderText,
  renderTimeSeriesCsv,
  summarizeComparison,
} from '../src/index.js';
import { makeResult, makeStoppedResult, renderAll } from './__helpers__/fixtures.js';

describe('a run stopped by a guard', () => {
  it('text: a STOPPED EARLY notice under the scenario line, and rates per second of the span reached', () => {
    const text = renderText(makeStoppedResult());
    const lines = text.split('\n');
    expect(lines[3]).toBe(
      'STOPPED EARLY (zeno) at 4 s of 10 s simulated: more than 1,000,000 events at 4,000 ms of simulated time (maxEventsAtOneInstant): simulated time stopped advancing; calls at that instant: client → frontend (9,000); traffic sources: client.',
    );
    expect(lines[4]).toBe('The figures below cover the first 4 s only.');
    // 8000 calls over 4 s, not 10 s.
    const row = lines.find((line) => line.startsWith('client → frontend'));
    expect(row?.split(/\s{2,}/)[2]).toBe('2000.0');
  });

  it('JSON: a trailing stopped object with reason, atMs, limit, message and loop', () => {
    const document = JSON.parse(renderJson(makeStoppedResult())) as Record<string, unknown>;
    expect(Object.keys(document).at(-1)).toBe('stopped');
    expect(document['stopped']).toEqual({
      reason: 'zeno',
      atMs: 4000,
      limit: 1_000_000,
      message: expect.stringContaining('simulated time stopped advancing') as string,
      loop: {
        sources: ['client'],
        edges: [{ source: 'client', destination: 'frontend', calls: 9000 }],
        sampledEvents: 10_000,
      },
    });
  });

  it('CSV: stopped_reason and stopped_at_ms on every row of every table', () => {
    const stopped = makeStoppedResult();
    for (const csv of [renderEdgesCsv(stopped), renderProxiesCsv(stopped), renderTimeSeriesCsv(stopped)]) {
      const [header, ...rows] = csv.trimEnd().split('\n');
      expect(header?.endsWith(',stopped_reason,stopped_at_ms')).toBe(true);
      for (const row of rows) expect(row.endsWith(',zeno,4000')).toBe(true);
    }
    // The edges' rate column is per second of the 4 s reached.
    const [header, first] = renderEdgesCsv(stopped).split('\n');
    const rate = header?.split(',').indexOf('rate_rps') ?? -1;
    expect(first?.split(',')[rate]).toBe('2000');
  });

  it('OpenMetrics: a meshsim_run_stopped_info sample with the reason and the time reached', () => {
    const text = renderOpenMetrics(makeStoppedResult());
    expect(text).toContain(
      '# TYPE meshsim_run_stopped info\nmeshsim_run_stopped_info{reason="zeno",at_ms="4000"} 1\n',
    );
  });

  it('comparison: a "Stopped early" section in text and a stopped object in JSON for that shape', () => {
    const summary = summarizeComparison([
      makeResult(),
      { ...makeStoppedResult(), scenario: { ...makeResult().scenario, mesh: 'none' } },
    ]);
    expect(renderComparisonText(summary)).toContain(
      'Stopped early (these columns cover only the simulated time reached):\n  [none] zeno at 4 s: more than 1,000,000 events',
    );
    const shapes = (JSON.parse(renderComparisonJson(summary)) as { shapes: Record<string, unknown>[] })
      .shapes;
    expect(shapes[0]?.['stopped']).toBeUndefined();
    expect(shapes[1]?.['stopped']).toMatchObject({ reason: 'zeno', atMs: 4000 });
  });

  it('a completed run has no trace of it in any format', () => {
    for (const [format, output] of Object.entries(renderAll(makeResult()))) {
      expect(output, format).not.toMatch(/stopped|STOPPED/i);
    }
  });
});
