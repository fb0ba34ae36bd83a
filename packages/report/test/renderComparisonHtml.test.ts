// The HTML comparison report without a browser: bars per shape, success over time, tables and warnings.

import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { renderComparisonHtml } from '../src/index.js';
import type { ReportData } from '../src/internal/html/ReportData.js';
import { BORROWED_WARNING, codeBuiltComparison } from './__helpers__/codeBuiltComparison.js';
import { figuresWith, makePricedShape, makeResult } from './__helpers__/fixtures.js';

function baseline(): SimulationResult {
  const result = makeResult();
  result.scenario = { ...result.scenario, mesh: 'none' };
  result.proxies = { count: 0, cpuCores: 0, memoryMiB: 0, byKind: [] };
  result.warnings = [];
  return result;
}

/** A shape whose end-to-end latency is 1 ms (p50) and 2 ms (p99) above the fixture's. */
function slower(): SimulationResult {
  const result = makeResult();
  const entry = result.edges[0];
  if (entry === undefined) throw new Error('fixture: no edge');
  entry.latency = { ...entry.latency, p50Ms: entry.latency.p50Ms + 1, p99Ms: entry.latency.p99Ms + 2 };
  return result;
}

/** The chart ids of the page, with how many marks each must draw. */
function charts(html: string): string[] {
  return [...html.matchAll(/data-chart="([^"]+)" data-kind="\w+" data-marks="(\d+)"/g)].map(
    (m) => `${m[1]}:${m[2]}`,
  );
}

/** The embedded chart data. */
function reportData(html: string): ReportData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('no report data');
  return JSON.parse(match[1] ?? '') as ReportData;
}

describe('renderComparisonHtml', () => {
  it('draws success over time per shape and bars per shape, cost only when a shape has prices', () => {
    expect(charts(renderComparisonHtml([baseline(), slower()]))).toEqual([
      'success-by-shape:2',
      'added-latency:4',
      'success:2',
      'blast-radius:2',
      'proxy-cpu:2',
      'proxy-memory:2',
    ]);
    // The priced shape has a cost of use and of requests, the baseline has none: two bars.
    expect(charts(renderComparisonHtml([baseline(), makePricedShape()]))).toContain('proxy-cost:2');
  });

  it('says in a sentence what a chart of only zeros would not show (no proxy, no degraded service)', () => {
    const proxyless = baseline();
    proxyless.scenario = { ...proxyless.scenario, mesh: 'cilium-ebpf' };
    const calm = [baseline(), proxyless].map((result) => ({
      ...result,
      timeSeries: {
        ...result.timeSeries,
        edges: result.timeSeries.edges.map((series) => ({ ...series, failed: series.failed.map(() => 0) })),
      },
    }));
    const html = renderComparisonHtml(calm);
    const empty = [...html.matchAll(/data-empty-chart="([^"]+)"[\s\S]*?<p class="empty">([^<]*)<\/p>/g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );
    expect(empty).toEqual([
      'added-latency: No shape&#39;s p50 or p99 differs from none&#39;s.',
      'blast-radius: No service degraded under any shape.',
      'proxy-cpu: No shape has proxies that used CPU.',
      'proxy-memory: No shape has proxies that hold memory.',
    ]);
    // Not drawn: no figure for the browser script, no spec in the data.
    expect(charts(html)).toEqual(['success-by-shape:2', 'success:2']);
    expect(reportData(html).charts.map((spec) => spec.id)).toEqual(['success-by-shape', 'success']);
    // The figure keeps its heading and caption (what the chart would have shown).
    expect(html).toContain('<h3 id="chart-blast-radius-title">Blast radius</h3>');
    // Every drawn bar chart's axis holds 0 and its values, and spans something.
    for (const spec of reportData(renderComparisonHtml([baseline(), slower()])).charts) {
      if (spec.kind !== 'bars') continue;
      const [low, high] = spec.valueDomain;
      expect(low <= 0 && 0 < high, spec.id).toBe(true);
      for (const value of spec.series.flatMap((series) => series.values)) {
        if (value !== null) expect(value >= low && value <= high, `${spec.id}: ${value}`).toBe(true);
      }
    }
  });

  it('lists each shape in the tables and its warnings, and is deterministic', () => {
    const html = renderComparisonHtml([baseline(), makeResult()]);
    expect(html).toContain('<th scope="col" class="num">istio-sidecar</th>');
    expect(html).toContain('<th scope="row">added p99 vs none (ms)</th>');
    expect(html).toContain(
      '<li>[istio-sidecar] mesh none cannot enforce retries on frontend → checkout</li>',
    );
    expect(renderComparisonHtml([baseline(), makeResult()]) === html).toBe(true);
  });

  it('given the scenario’s config, shows each shape’s balancer, the note, and the borrowed proxy resources', () => {
    const { config, results } = codeBuiltComparison();
    const html = renderComparisonHtml(results, { config });
    expect(html).toContain('<th scope="row">load balancer</th>');
    expect(html).toContain('<td class="num">peak-ewma/round-robin</td>');
    expect(html).toContain('Load balancers differ from none&#39;s (random/round-robin)');
    expect(html).toContain(`<li>[linkerd] ${BORROWED_WARNING.replace("'", '&#39;')}`);
    expect(renderComparisonHtml(results)).not.toContain('<th scope="row">load balancer</th>');
  });

  it('names the overrides under "What was compared"; nothing without', () => {
    const results = [baseline(), makeResult()];
    const overrides = ['seed=7', 'traffic.0.rate=800'];
    expect(renderComparisonHtml(results, { overrides })).toContain(
      '<li>Overrides: seed=7, traffic.0.rate=800.</li>',
    );
    expect(renderComparisonHtml(results)).not.toContain('Overrides:');
  });

  it('with replications, charts the means over them with 95 % CI whiskers, and says which run the rest is', () => {
    // Replication by replication the sidecar's p99 is 5 ms lower, then 10 and 1 ms higher: +2 ± 18.75 ms, n.s.
    const results = [baseline(), slower()];
    const replications = [
      [figuresWith(20, 0.9), figuresWith(10, 0.8), figuresWith(30, 0.95)],
      [figuresWith(15, 0.9), figuresWith(20, 0.8), figuresWith(31, 0.95)],
    ];
    const html = renderComparisonHtml(results, { replications });
    const specs = reportData(html).charts;
    const added = specs.find((spec) => spec.id === 'added-latency');
    if (added?.kind !== 'bars') throw new Error('no added-latency bars');
    const p99 = added.series.find((series) => series.name === 'p99');
    expect(p99?.values).toEqual([0, 2]);
    expect(p99?.errors?.[0]).toBeNull();
    expect(p99?.errors?.[1]).toBe(18.75);
    // The axis holds the whiskers.
    expect(added.valueDomain).toEqual([-16.75, 20.75]);
    const success = specs.find((spec) => spec.id === 'success');
    expect(success?.kind === 'bars' && success.series[0]?.values).toEqual([88.33, 88.33]);
    const titles = [...html.matchAll(/<h3 id="chart-[^"]+">([^<]*)<\/h3>/g)].map((m) => m[1]);
    const first = `replication 1 of 3 (seed ${String(results[0]?.scenario.seed)})`;
    expect(titles).toEqual([
      `Success over time — ${first}`,
      'Added latency vs none: mean of 3 replications',
      'Success: mean of 3 replications',
      `Blast radius — ${first}`,
      'Proxy CPU: mean of 3 replications',
      'Proxy memory: mean of 3 replications',
    ]);
    // The tables of one run per shape say which run, as the text's sentence does.
    expect(html).toContain(`<caption>Metrics per mesh shape — ${first}</caption>`);
    expect(html).toContain(`<caption>Added latency per edge vs none: p50 / p99 (ms) — ${first}</caption>`);
    // Without replications: the results' own figures, no label.
    const plain = renderComparisonHtml(results);
    expect(plain).toContain('<caption>Metrics per mesh shape</caption>');
    expect(plain).toContain('<h3 id="chart-added-latency-title">Added latency vs none</h3>');
    const plainAdded = reportData(plain).charts.find((spec) => spec.id === 'added-latency');
    expect(plainAdded?.kind === 'bars' && plainAdded.series[1]).toEqual({ name: 'p99', values: [0, 2] });
  });

  it('with replications, charts proxy memory and proxy cost as means over them with 95 % CI whiskers', () => {
    const results = [baseline(), makePricedShape()];
    /** A run's figures with what the proxies use (`memory` MiB costing `cost` USD a month) and what they request. */
    const used = (memory: number, cost: number, requests: number) => ({
      ...figuresWith(10, 1),
      proxyMemoryMiB: memory,
      proxyCostPerMonthUsd: cost,
      proxyRequestsCostPerMonthUsd: requests,
    });
    const replications = [
      [used(0, 0, 0), used(0, 0, 0), used(0, 0, 0)],
      [used(100, 10, 40), used(110, 12, 40), used(120, 14, 40)],
    ];
    const html = renderComparisonHtml(results, { replications });
    const specs = reportData(html).charts;
    const memory = specs.find((spec) => spec.id === 'proxy-memory');
    if (memory?.kind !== 'bars') throw new Error('no proxy-memory bars');
    // Mean 110, s = 10: half-width t(0.975, 2) · 10 / √3 = 24.84.
    expect(memory.series[0]?.values).toEqual([0, 110]);
    expect(memory.series[0]?.errors).toEqual([0, 24.84]);
    const cost = specs.find((spec) => spec.id === 'proxy-cost');
    if (cost?.kind !== 'bars') throw new Error('no proxy-cost bars');
    expect(cost.series.map((series) => [series.name, series.values, series.errors])).toEqual([
      // s = 2: t(0.975, 2) · 2 / √3 = 4.968.
      ['cost', [0, 12], [0, 4.968]],
      ['requests cost', [0, 40], [0, 0]],
    ]);
    const titles = [...html.matchAll(/<h3 id="chart-[^"]+">([^<]*)<\/h3>/g)].map((m) => m[1]);
    expect(titles).toContain('Proxy memory: mean of 3 replications');
    expect(titles).toContain('Proxy cost: mean of 3 replications');
    // The per-shape table has their rows too.
    expect(html).toContain('proxy memory (MiB)');
    expect(html).toContain('proxy cost (USD/month)');
  });

  it('needs at least one result', () => {
    expect(() => renderComparisonHtml([])).toThrow(RangeError);
  });
});
