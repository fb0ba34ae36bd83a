import { readScenarioSource, resolveWithOverrides } from '@meshsim/analysis';
import { simulate } from '@meshsim/mesh';
import type { EdgeMetrics, EdgeSeries, SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { MAX_CHART_POINTS } from '../../../src/internal/html/downsample.js';
import { renderTimeline } from '../../../src/internal/renderTimeline.js';
import type { LineChartSpec } from '../../../src/internal/html/ReportData.js';
import { runCharts } from '../../../src/internal/html/runCharts.js';
import { MAX_CHART_SERIES } from '../../../src/internal/html/topSeries.js';
import { emptyEdge, makeEmptyResult, makeResult, makeStoppedResult } from '../../__helpers__/fixtures.js';

function lines(result: SimulationResult, id: string): LineChartSpec {
  const spec = runCharts(result).find((figure) => figure.spec.id === id)?.spec;
  if (spec?.kind !== 'lines') throw new Error(`no line chart ${id}`);
  return spec;
}

/** A run of `edges` edges from `client` to services s0…, `intervals` intervals of 1 s each. */
function wideLongResult(edges: number, intervals: number): SimulationResult {
  const result = makeResult();
  const ones = (value: number): number[] => new Array<number>(intervals).fill(value);
  result.scenario.durationMs = intervals * 1000;
  result.timeSeries = { intervalMs: 1000, startMs: ones(0).map((_, i) => i * 1000), edges: [], services: [] };
  result.edges = [];
  result.services = [];
  for (let i = 0; i < edges; i++) {
    const edge: EdgeMetrics = { ...emptyEdge('client', `s${i}`), calls: 10, succeeded: 10 };
    edge.latency = { ...edge.latency, count: 10, p99Ms: i + 1, p50Ms: 1 };
    result.edges.push(edge);
    const series: EdgeSeries = {
      source: 'client',
      destination: `s${i}`,
      calls: ones(2),
      succeeded: ones(2),
      failed: ones(0),
      retries: ones(0),
      p50Ms: ones(1),
      p99Ms: ones(i + 1),
      goodput: ones(2),
    };
    result.timeSeries.edges.push(series);
  }
  return result;
}

describe('runCharts', () => {
  it('draws offered load, goodput and success per source, p99/p50 per edge, retries, queues and utilisation', () => {
    const figures = runCharts(makeResult());
    expect(figures.map((figure) => figure.spec.id)).toEqual([
      'offered-load',
      'goodput',
      'success',
      'latency-p99',
      'latency-p50',
      'retries',
      'queue-length',
      'utilisation',
    ]);
    const offered = lines(makeResult(), 'offered-load');
    // 4000 calls and 3990 / 3910 successes of the source per 5 s interval.
    expect(offered.series).toEqual([{ name: 'offered', values: [800, 800] }]);
    expect(offered.timeS).toEqual([0, 5]);
    expect(offered.endS).toBe(10);
    // Of the calls due: the 5 still in flight at the end were offered within a normal call's time (its p99, 20.5 ms)
    // before it, so the last interval's goodput is over 3995 calls: 3910 / 3995.
    const goodput = lines(makeResult(), 'goodput');
    expect(goodput.series).toEqual([{ name: 'goodput', values: [99.75, 97.87] }]);
    expect([goodput.yLabel, goodput.yMax]).toEqual(['goodput (% of offered)', 100]);
    // No call of frontend → checkout succeeded in the second interval: its latency there does not exist.
    const p99 = lines(makeResult(), 'latency-p99');
    expect(p99.series.find((s) => s.name === 'frontend → checkout')?.values).toEqual([2.5, null]);
    expect(lines(makeResult(), 'success').series).toEqual([
      { name: 'client → frontend', values: [99.87, 97.75] },
    ]);
  });

  it("draws goodput from the verdict's goodput series (successes where their calls were offered), not completions", () => {
    // The source's calls of the first interval complete in the second: 3000 then 4900 completions, but all 4000 of
    // the first and 3900 of the second succeeded by the end of the next interval (the goodput series).
    const result = makeResult();
    const [client, ...rest] = result.timeSeries.edges;
    if (client === undefined) throw new Error('no client series');
    result.timeSeries.edges = [{ ...client, succeeded: [3000, 4900], goodput: [4000, 3900] }, ...rest];
    // 3900 of the 3995 calls due in the second interval (5 still in flight at the end are not yet due).
    expect(lines(result, 'goodput').series).toEqual([{ name: 'goodput', values: [100, 97.62] }]);
  });

  it("keeps a healthy run's goodput at 100 % to its end: calls still in flight at the end are not yet due", () => {
    // Every call succeeds in 200 ms; the 100 still in flight when the run ends were offered in its last 200 ms. As a
    // rate, goodput would dip to 780 req/s there; the timeline table counts them as not yet due, and so does the chart.
    const result = makeResult();
    const [client, ...rest] = result.timeSeries.edges;
    if (client === undefined) throw new Error('no client series');
    const healthy = {
      ...client,
      succeeded: [4000, 3900],
      failed: [0, 0],
      goodput: [4000, 3900],
      p99Ms: [200, 200],
    };
    result.timeSeries.edges = [healthy, ...rest];
    expect(lines(result, 'goodput').series).toEqual([{ name: 'goodput', values: [100, 100] }]);
    expect(renderTimeline(result)).toMatch(/^5–10\s+800\.0\s+100\.00\s/m);
    // Capped at 100 % as the table's is: a backlog completing (successes counted where they completed) can
    // outnumber the calls offered in an interval.
    result.timeSeries.edges = [
      { ...healthy, succeeded: [3000, 5000], goodput: [3000, 5000], successesByLateness: [] },
      ...rest,
    ];
    expect(lines(result, 'goodput').series).toEqual([{ name: 'goodput', values: [75, 100] }]);
  });

  it('ends a healthy bundled run (overhead-3tier: stable) at 100 % goodput, though calls are in flight at its end', () => {
    const result = simulate(resolveWithOverrides(readScenarioSource('overhead-3tier'), []));
    const services = new Set(result.services.map((s) => s.name));
    const inFlight = result.edges.filter((e) => !services.has(e.source)).map((e) => e.inFlight);
    expect(Math.min(...inFlight)).toBeGreaterThan(0);
    const values = lines(result, 'goodput').series[0]?.values ?? [];
    expect(values.slice(-5)).toEqual([100, 100, 100, 100, 100]);
  });

  it('the last point ends with the run: its rates are per second of its own length, also where a guard stopped it', () => {
    // A 7.5 s run of 5 s intervals: 4000 calls in the last 2.5 s.
    const short = makeResult();
    short.scenario.durationMs = 7500;
    expect(lines(short, 'offered-load').series[0]).toEqual({ name: 'offered', values: [800, 1600] });
    // Stopped at 4 s (its 5 s interval cut there): 8000 calls in 4 s.
    const stopped = lines(makeStoppedResult(), 'offered-load');
    expect(stopped.series[0]).toEqual({ name: 'offered', values: [2000] });
    expect(stopped.endS).toBe(4);
  });

  it('a bucketed point weighs each interval by its real length: a short last interval counts for its length', () => {
    // 1202 intervals of 1 s, the last one cut to 0.1 s by the run's end: 3 intervals per point, the last point
    // is interval 1200 (1 s) and the 0.1 s one.
    const result = makeResult();
    const intervals = 1202;
    const each = <T>(full: T, last: T): T[] =>
      Array.from({ length: intervals }, (_, i) => (i === intervals - 1 ? last : full));
    result.scenario.durationMs = 1201_100;
    result.timeSeries = {
      intervalMs: 1000,
      startMs: Array.from({ length: intervals }, (_, i) => i * 1000),
      edges: [
        {
          source: 'client',
          destination: 'frontend',
          calls: each(10, 5),
          succeeded: each(10, 5),
          goodput: each(10, 5),
          failed: each(0, 0),
          retries: each(0, 0),
          p50Ms: each(1, 1),
          p99Ms: each(2, 2),
        },
      ],
      // Busy 20 % of each full interval, and all of the last 0.1 s (busy time over each interval's own length).
      services: [
        {
          name: 'frontend',
          utilisation: each(0.2, 1),
          queueLength: each(0, 0),
          completed: each(10, 5),
          rejected: each(0, 0),
        },
      ],
    };
    const utilisation = lines(result, 'utilisation');
    expect(utilisation.timeS.at(-1)).toBe(1200);
    // Over the last point's 1.1 s: (0.2 × 1 s + 1 × 0.1 s) / 1.1 s = 27.27 %, not the mean of 20 % and 100 %.
    expect(utilisation.series[0]?.values.at(-1)).toBe(27.27);
    expect(utilisation.series[0]?.values[0]).toBe(20);
    // Counts are rates over the same 1.1 s: (10 + 5) calls / 1.1 s.
    expect(lines(result, 'offered-load').series[0]?.values.at(-1)).toBe(13.64);
  });

  it("a bucketed point's p50 weighs each interval's p50 by its successful calls", () => {
    // 1200 intervals of 1 s, 2 per point: one of 1,000 successes at 2 ms, one of 2 successes at 1,000 ms.
    const result = makeResult();
    const intervals = 1200;
    const alternate = <T>(even: T, odd: T): T[] =>
      Array.from({ length: intervals }, (_, i) => (i % 2 === 0 ? even : odd));
    result.scenario.durationMs = intervals * 1000;
    result.timeSeries = {
      intervalMs: 1000,
      startMs: Array.from({ length: intervals }, (_, i) => i * 1000),
      edges: [
        {
          source: 'client',
          destination: 'frontend',
          calls: alternate(1000, 2),
          succeeded: alternate(1000, 2),
          goodput: alternate(1000, 2),
          failed: alternate(0, 0),
          retries: alternate(0, 0),
          p50Ms: alternate(2, 1000),
          p99Ms: alternate(3, 1000),
        },
      ],
      services: [],
    };
    // (1000 × 2 + 2 × 1000) / 1002 = 3.992 ms, not the plain mean of 501 ms; the p99 point keeps the worst interval.
    expect(lines(result, 'latency-p50').series[0]?.values[0]).toBe(3.992);
    expect(lines(result, 'latency-p99').series[0]?.values[0]).toBe(1000);
  });

  it('adds what a connection-limited source sent beside what it offered, and says what the gap is', () => {
    const result = makeResult();
    const source = result.timeSeries.edges.find((s) => s.source === 'client');
    if (source === undefined) throw new Error('no source series');
    // 4000 due per interval; 500 wait at the end of the first, 1500 at the end of the second.
    source.waitingAtSource = [500, 1500];
    const offered = lines(result, 'offered-load');
    expect(offered.series.map((s) => s.name)).toEqual(['offered', 'sent']);
    expect(offered.series[1]?.values).toEqual([700, 600]);
    const figure = runCharts(result).find((f) => f.spec.id === 'offered-load');
    expect(figure?.description).toContain('the gap between offered and sent is its backlog growing');
    expect(runCharts(makeResult()).find((f) => f.spec.id === 'offered-load')?.description).not.toContain(
      'sent is',
    );
  });

  it('breaker open time and ejected hosts become bar charts when an edge has them', () => {
    const result = makeResult();
    const edge = result.edges[1];
    if (edge === undefined) throw new Error('fixture');
    edge.policyTimeMs = { 'breaker-open': 2500, 'outlier-ejected-host': 5000 };
    edge.outlierDetectors = 1;
    const bars = runCharts(result).filter((figure) => figure.spec.kind === 'bars');
    expect(
      bars.map((figure) => [figure.spec.id, figure.spec.kind === 'bars' && figure.spec.series[0]?.values]),
    ).toEqual([
      ['breaker-open', [25]],
      ['ejections', [0.5]],
    ]);
  });

  it("draws one calling proxy's mean of ejected hosts: the edge's host·ms over its detectors, not their sum", () => {
    // 4 caller pods' sidecars, each keeping 1 of the destination's hosts ejected for half of the 10 s run: 20 s of
    // host·ms in all, a mean of 2 hosts summed over them, 0.5 for each.
    const result = makeResult();
    const edge = result.edges[1];
    if (edge === undefined) throw new Error('fixture');
    edge.policyTimeMs = { 'outlier-ejected-host': 20_000 };
    edge.outlierDetectors = 4;
    const figure = runCharts(result).find((f) => f.spec.id === 'ejections');
    if (figure?.spec.kind !== 'bars') throw new Error('no ejection bars');
    expect(figure.spec.series).toEqual([{ name: 'hosts ejected per calling proxy (mean)', values: [0.5] }]);
    expect(figure.spec.yLabel).toBe('hosts ejected per calling proxy (mean)');
    expect(figure.description).toContain(
      'each calling proxy (the sidecar of each caller pod, a waypoint, a node proxy) keeps its own detector',
    );
    expect(figure.description).toContain("the JSON's policyTimeMs keeps their sum");
  });

  it(`draws at most ${MAX_CHART_SERIES} edges, worst p99 first, and at most ${MAX_CHART_POINTS} points`, () => {
    const result = wideLongResult(MAX_CHART_SERIES + 5, 1500);
    const p99 = lines(result, 'latency-p99');
    expect(p99.series).toHaveLength(MAX_CHART_SERIES);
    expect(p99.series[0]?.name).toBe(`client → s${MAX_CHART_SERIES + 4}`);
    expect(p99.timeS.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(p99.timeS.slice(0, 2)).toEqual([0, 3]);
    // Rates stay per second after bucketing: 15 edges × 2 calls per 1 s interval.
    expect(lines(result, 'offered-load').series[0]?.values[0]).toBe(30);
    // Goodput's share over a point's intervals together: all 30 calls per second succeeded.
    expect(lines(result, 'goodput').series[0]?.values[0]).toBe(100);
    const caption = runCharts(result).find((figure) => figure.spec.id === 'latency-p99')?.description;
    expect(caption).toContain(`Showing the ${MAX_CHART_SERIES} of ${MAX_CHART_SERIES + 5} edges`);
  });

  it('leaves out every chart with nothing to draw', () => {
    expect(runCharts(makeEmptyResult())).toEqual([]);
  });
});
