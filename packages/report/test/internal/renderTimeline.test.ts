import { describe, expect, it } from 'vitest';

import { renderTimeline } from '../../src/internal/renderTimeline.js';
import { makeEmptyResult, makeResult } from '../__helpers__/fixtures.js';

/** The cells of the timeline row whose span starts with `span`. */
function row(text: string, span: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`${span} `));
  if (line === undefined) throw new Error(`no row ${span} in\n${text}`);
  return line.trim().split(/\s{2,}/);
}

describe('renderTimeline', () => {
  it('aggregates the per-second series into at most 15 rows with units in the headers', () => {
    const text = renderTimeline(makeResult());
    expect(text).toContain('0–5');
    expect(text).toContain('offered (req/s)');
    expect(text).toContain('goodput (% of offered)');
    expect(text).toContain('success of completed (%)');
    expect(text).not.toMatch(/ success \(%\)/);
    // Failed calls have no latency: an outage's row must not read as fast, so the header says whose p99 it is.
    expect(text).toContain('worst p99 of successful calls (ms)');
    expect(text.split('\n').length).toBeLessThanOrEqual(15 + 3);
  });

  it('is empty for a result without a time series, and never prints NaN', () => {
    const empty = makeEmptyResult();
    expect(renderTimeline({ ...empty, timeSeries: { ...empty.timeSeries, startMs: [] } })).toBe('');
    expect(renderTimeline(empty)).not.toMatch(/NaN|undefined/);
  });

  it('a short last interval ends its label at the end of the run, and its rates are per second of its own length', () => {
    // A 7.5 s run of 5 s intervals: the second interval is 2.5 s long, with as many calls as the first.
    const result = makeResult();
    result.scenario.durationMs = 7500;
    const text = renderTimeline(result);
    expect(row(text, '0–5').slice(0, 2)).toEqual(['0–5', '800.0']);
    // Retries: 1500 on frontend → checkout in 2.5 s.
    const last = row(text, '5–7.5');
    expect([last[0], last[1], last[5]]).toEqual(['5–7.5', '1600.0', '600.0']);
    expect(text).not.toContain('5–10');
  });

  it('a run shorter than a second (--duration 5: 5 ms) is one row 0–0.005 at its real rate', () => {
    const result = makeEmptyResult();
    result.scenario.durationMs = 5;
    result.timeSeries = {
      ...result.timeSeries,
      intervalMs: 1000,
      startMs: [0],
      edges: result.timeSeries.edges.map((edge) => ({ ...edge, calls: [4], succeeded: [4], p99Ms: [1] })),
    };
    expect(row(renderTimeline(result), '0–0.005').slice(0, 2)).toEqual(['0–0.005', '800.0']);
  });

  it("leaves the calls still in flight at the end out of the last interval's goodput, as the verdict does", () => {
    // client → frontend: 8000 offered, 7900 succeeded, 95 failed: 5 still in flight at the end, offered in the last
    // interval (4000 calls, 3910 successes): 3910 of 3995 due, not of 4000; the offered rate still counts them.
    const text = renderTimeline(makeResult());
    expect(row(text, '5–10').slice(0, 3)).toEqual(['5–10', '800.0', '97.87']);
    expect(row(text, '0–5').slice(0, 3)).toEqual(['0–5', '800.0', '99.75']);
  });

  it('the utilisation of the busiest service over a row weighs each interval by its length', () => {
    // One row over a 7.5 s run of 5 s intervals: 0.5 busy for 5 s, 0.8 for 2.5 s.
    const result = makeResult();
    result.scenario.durationMs = 7500;
    const text = renderTimeline(result, 1);
    expect(row(text, '0–7.5')[6]).toBe((((0.5 * 5 + 0.8 * 2.5) / 7.5) * 100).toFixed(1));
  });

  it('gives goodput of offered calls beside success of completed calls: a row of timeouts after a fault reads both', () => {
    // 0–5 s: 4000 offered, 3990 succeeded, 5 failed. 5–10 s: 4000 offered, 4100 succeeded (some offered before, late:
    // counted by goodput where they completed) and 410 failed (calls offered before that timed out now): success of
    // completed 90.91 %, goodput 100 % (capped).
    const result = makeResult();
    const [client, ...rest] = result.timeSeries.edges;
    if (client === undefined) throw new Error('no client series');
    result.timeSeries.edges = [
      { ...client, succeeded: [3990, 4100], goodput: [3990, 4100], failed: [5, 410] },
      ...rest,
    ];
    const text = renderTimeline(result);
    expect(row(text, '0–5').slice(2, 4)).toEqual(['99.75', '99.87']);
    expect(row(text, '5–10').slice(2, 4)).toEqual(['100.00', '90.91']);
  });

  it("reads goodput from the verdict's goodput series (successes where their calls were offered), not completions", () => {
    // 0–5 s: 4000 offered, 3960 of them succeeded by the end of the next interval (goodput), 3000 completed within
    // the interval itself (the other 960 in 5–10 s). Counted where they complete, the row would read 75.00 %, not the
    // verdict's 99.00 %.
    const result = makeResult();
    const [client, ...rest] = result.timeSeries.edges;
    if (client === undefined) throw new Error('no client series');
    result.timeSeries.edges = [
      { ...client, succeeded: [3000, 4950], goodput: [3960, 3990], failed: [0, 5] },
      ...rest,
    ];
    const text = renderTimeline(result);
    expect(row(text, '0–5').slice(2, 4)).toEqual(['99.00', '100.00']);
  });

  it('takes the worst p99 of intervals with at least 100 successful calls: a p99 of 5 calls is their slowest', () => {
    // The fixture's client: 3990 and 3910 successes (p99 20.5 ms and 40.3 ms). With 60 successes in the second
    // interval (its p99 the slowest of them, 96 ms), that interval is left out.
    const result = makeResult();
    const [client, frontend] = result.timeSeries.edges;
    if (client === undefined || frontend === undefined) throw new Error('no series');
    result.timeSeries.edges = [
      { ...client, succeeded: [3990, 60], p99Ms: [20.5, 96] },
      { ...frontend, succeeded: [3990, 0] },
    ];
    const text = renderTimeline(result);
    expect(row(text, '0–5')[4]).toBe('20.5');
    expect(row(text, '5–10')[4]).toBe('–');
    expect(text.split('\n').at(-1)).toBe(
      "worst p99 of successful calls: of the 5 s intervals with at least 100 successful calls of a source (a p99 of fewer is about their slowest call); – where none had that many (the edge table's p99 is over the run)",
    );
    expect(renderTimeline(makeResult())).not.toContain('worst p99 of successful calls: of');
    // Over one row, the short interval is left out and the other counts.
    expect(row(renderTimeline(result, 1), '0–10')[4]).toBe('20.5');
  });
});
