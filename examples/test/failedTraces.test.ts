// The failed-traces example as a contract: it keeps the asked share of the failed requests' traces, every
// kept trace holds a failed span, the report's counts are the run's, and the same run prints the same report.

import { describe, expect, it } from 'vitest';

import { DEFAULT_FAILED_TRACES, failedTracesReport, runFailedTraces } from '../traces/failedTraces.js';

const options = { ...DEFAULT_FAILED_TRACES, durationMs: 40_000, share: 0.05, treeLines: 6 };

describe('failed-traces example (retry-storm, tail sampling on errors)', () => {
  const result = runFailedTraces(options);
  const tail = result.telemetry?.traces?.tail;
  const report = failedTracesReport(result, options);

  it('keeps about the asked share of the failed requests, and only traces with a failed span', () => {
    expect(tail?.picked).toBeGreaterThan(1000);
    const kept = tail?.keptForError ?? 0;
    expect(kept).toBeGreaterThan((tail?.picked ?? 0) * 0.03);
    expect(kept).toBeLessThan((tail?.picked ?? 0) * 0.07);
    const spans = result.telemetry?.traces?.spans ?? [];
    const traces = new Set(spans.map((s) => s.traceId));
    expect(traces.size).toBe(kept);
    expect(new Set(spans.filter((s) => s.status === 'error').map((s) => s.traceId))).toEqual(traces);
  });

  it("reports the run's counts, a row per failure, and the largest trace as a tree", () => {
    const lines = report.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `retry-storm, 40 s simulated: kept ${tail?.keptForError.toLocaleString('en-US')} of the ` +
        `${tail?.picked.toLocaleString('en-US')} failed requests' traces (5 %), of ` +
        `${tail?.requests.toLocaleString('en-US')} requests`,
    );
    const rows = lines.slice(3, lines.indexOf('', 3));
    expect(rows.length).toBeGreaterThan(0);
    // Each row names the span that failed first and why, e.g. `serve checkout: rejected`.
    for (const row of rows) expect(row).toMatch(/^(call|attempt|serve) [\w-]+: [a-z-]+ +\d+ /);
    expect(rows.reduce((sum, row) => sum + Number(/\s(\d+)\s+[\d.]+\s+[\d.]+$/.exec(row)?.[1]), 0)).toBe(
      tail?.keptForError,
    );
    const tree = lines.slice(lines.findIndex((l) => l.startsWith('the largest kept trace')) + 1);
    expect(tree[0]).toMatch(/^call frontend \(client\) {2}[\d.]+–[\d.]+ ms {2}✗ /);
    expect(tree).toHaveLength(options.treeLines + 1);
    expect(tree.at(-1)).toMatch(/^ {2}… \d+ more spans of trace [0-9a-f]{32}$/);
  });

  it('prints the same report for the same run', () => {
    expect(failedTracesReport(runFailedTraces(options), options)).toBe(report);
  });
});
