// The HTML run report without a browser: a self-contained, deterministic page whose sections, tables and
// embedded chart data say what the result says (test/browser/ checks that a browser draws it).

import type { Diagnosis } from '@meshsim/analysis';
import type { SimulationConfig } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { renderHtml } from '../src/index.js';
import type { ReportData } from '../src/internal/html/ReportData.js';
import { makeDiagnosis, makeEmptyResult, makePricedResult, makeResult } from './__helpers__/fixtures.js';

/** The page without its inlined scripts and style sheet: what the renderer wrote itself. */
function markup(html: string): string {
  return html
    .replace(/<script>[\s\S]*?<\/script>/g, '<script>…</script>')
    .replace(/<style>[\s\S]*?<\/style>/, '');
}

/** The embedded chart data. */
function reportData(html: string): ReportData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('no report data');
  return JSON.parse(match[1] ?? '') as ReportData;
}

/** Just enough of a config for the report: the faults and the traffic. */
function configWithFault(): SimulationConfig {
  return {
    faults: [{ atMs: 2000, durationMs: 3000, service: 'checkout', instances: 1, effect: { kind: 'crash' } }],
    traffic: [
      {
        kind: 'open',
        name: 'client',
        to: 'frontend',
        arrival: 'poisson',
        rate: [{ atMs: 0, rps: 800, rampToNext: false }],
        policy: { timeoutMs: 1000, perTryTimeoutMs: null, retry: null },
      },
    ],
  } as unknown as SimulationConfig;
}

describe('renderHtml', () => {
  it('is one self-contained page: no external script, style sheet, image or font', () => {
    const html = renderHtml(makeResult());
    expect(html.slice(0, 15)).toBe('<!doctype html>');
    expect(/<(script|link|img|iframe)\b[^>]*\b(src|href)=/i.test(html)).toBe(false);
    expect(/@import|url\(\s*['"]?https?:/i.test(html)).toBe(false);
    // The libraries are inlined, each after a comment naming it.
    for (const name of ['d3', '@observablehq/plot', '@dagrejs/dagre']) {
      expect(html.includes(`<script>/*! ${name} `), name).toBe(true);
    }
  });

  it('is deterministic and never prints NaN or undefined', () => {
    for (const make of [makeResult, makeEmptyResult, makePricedResult]) {
      const html = renderHtml(make());
      expect(renderHtml(make()) === html).toBe(true);
      expect(markup(html)).not.toMatch(/\bNaN\b|\bundefined\b/);
    }
  });

  it('has the story, charts, call graph, tables and notes, each in the table of contents', () => {
    const page = markup(renderHtml(makeResult()));
    for (const id of ['story', 'charts', 'graph', 'tables', 'notes']) {
      expect(page).toContain(`<section id="${id}"`);
      expect(page).toContain(`<li><a href="#${id}">`);
    }
    expect(page).toContain('<th scope="col" class="num">p99 (ms)</th>');
    expect(page).toContain('<th scope="row">frontend → checkout</th>');
    expect(page).toContain('<li>mesh none cannot enforce retries on frontend → checkout</li>');
    expect(page).toContain('data-graph="call-graph" data-nodes="3" data-edges="2"');
  });

  it('labels the Proxies totals row as counting proxies only (a managed hop has a row but is not a proxy)', () => {
    const page = markup(renderHtml(makePricedResult()));
    expect(page).toContain('<th scope="row">vpc-lattice</th><td class="num">2</td>');
    expect(page).toContain('<th scope="row">total (count: proxies only)</th><td class="num">6</td>');
    expect(page).not.toContain('<th scope="row">total</th>');
  });

  it('lists only the policy events that happened, as the text does; a sentence when every counter is 0', () => {
    const result = makeResult();
    const edge = result.edges[1];
    if (edge === undefined) throw new Error('fixture: no second edge');
    edge.policyEvents = { 'breaker-overflow': 0, 'retry-budget-denied': 7 };
    const page = markup(renderHtml(result));
    expect(page).toContain('<td>retry-budget-denied</td>');
    expect(page).not.toContain('<td>breaker-overflow</td>');
    edge.policyEvents = { 'breaker-overflow': 0 };
    const quiet = markup(renderHtml(result));
    expect(quiet).toContain('<p>Policy events: none happened (every counter is 0).</p>');
    expect(quiet).not.toContain('<caption>Policy events</caption>');
  });

  it('every chart figure has a chart in the data, and says how many lines or bars it must draw', () => {
    const html = renderHtml(makeResult());
    const data = reportData(html);
    const figures = [...markup(html).matchAll(/data-chart="([^"]+)" data-kind="(\w+)" data-marks="(\d+)"/g)];
    expect(figures.map((match) => match[1])).toEqual(data.charts.map((chart) => chart.id));
    for (const [, id, kind, marks] of figures) {
      const chart = data.charts.find((c) => c.id === id);
      expect(chart?.kind).toBe(kind);
      const bars = chart?.series.flatMap((series) => series.values.filter((value) => value !== null)).length;
      expect(kind === 'lines' ? chart?.series.length : bars).toBe(Number(marks));
    }
  });

  it('with the config: shades the faults and tells them in the story, with the traffic', () => {
    const html = renderHtml(makeResult(), { config: configWithFault() });
    expect(reportData(html).windows).toEqual([{ startS: 2, endS: 5, label: 'crash: checkout (1 instance)' }]);
    const page = markup(html);
    expect(page).toContain('<dt>Faults</dt><dd>crash: checkout (1 instance) from 2 s to 5 s</dd>');
    expect(page).toContain('<dt>Traffic</dt><dd>client → frontend: 800 req/s (open, poisson)</dd>');
    // Without it, the report does not claim there were no faults.
    expect(markup(renderHtml(makeResult()))).not.toContain('<dt>Faults</dt>');
  });

  it("tells a ramp at the point a schedule's ramp: true leads to, from the point before (scenario-format.md § Traffic)", () => {
    // rate: [{ at: 0s, rps: 300 }, { at: 40s, rps: 1500, ramp: true }, { at: 80s, rps: 1500 },
    //        { at: 120s, rps: 300, ramp: true }], as the loader resolves it: `rampToNext` on the point a ramp starts at.
    const config = configWithFault();
    const [source] = config.traffic;
    if (source?.kind !== 'open') throw new Error('no open source');
    const ramped = {
      ...source,
      rate: [
        { atMs: 0, rps: 300, rampToNext: true },
        { atMs: 40_000, rps: 1500, rampToNext: false },
        { atMs: 80_000, rps: 1500, rampToNext: true },
        { atMs: 120_000, rps: 300, rampToNext: false },
      ],
    };
    const page = markup(renderHtml(makeResult(), { config: { ...config, traffic: [ramped] } }));
    expect(page).toContain(
      '<dt>Traffic</dt><dd>client → frontend: 300 req/s from 0 s, ' +
        '1500 req/s from 40 s (a linear ramp from 300 req/s at 0 s), 1500 req/s from 80 s, ' +
        '300 req/s from 120 s (a linear ramp from 1500 req/s at 80 s) (open, poisson)</dd>',
    );
  });

  it('with the diagnosis: names the verdict and the recovery time, or how long it stayed down, in the story', () => {
    const recovered: Diagnosis = {
      ...makeDiagnosis(),
      verdict: 'degraded-recovered',
      recoveryMs: 2000,
      stillDownMs: null,
      loop: null,
    };
    const page = markup(renderHtml(makeResult(), { diagnosis: recovered }));
    expect(page).toContain(
      '<dt>Verdict</dt><dd>degraded-recovered, back 2 s after the last trigger ended</dd>',
    );
    // Back while the trigger was still active: goodput did fall out of the band, so not "absorbed".
    const early: Diagnosis = { ...recovered, recoveryMs: -9000 };
    const earlyPage = markup(renderHtml(makeResult(), { diagnosis: early }));
    expect(earlyPage).toContain(
      '<dd>degraded-recovered, back 9 s before the last trigger ended (while it was still active)</dd>',
    );
    expect(earlyPage).not.toContain('absorbed');
    expect(markup(renderHtml(makeResult(), { diagnosis: makeDiagnosis() }))).toContain(
      '<dt>Verdict</dt><dd>metastable, still down 40 s after the last trigger ended</dd>',
    );
    // Down while a trigger is still active: no time after it to tell.
    const degraded: Diagnosis = { ...makeDiagnosis(), verdict: 'degraded', stillDownMs: null };
    expect(markup(renderHtml(makeResult(), { diagnosis: degraded }))).toContain(
      '<dt>Verdict</dt><dd>degraded</dd>',
    );
    expect(markup(renderHtml(makeResult()))).not.toContain('<dt>Verdict</dt>');
  });

  it('with the diagnosis: a Diagnosis section after the story shows all of it, as the text does', () => {
    const page = markup(renderHtml(makeResult(), { diagnosis: makeDiagnosis() }));
    const section = /<section id="diagnosis"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(page.indexOf('<section id="story"')).toBeLessThan(page.indexOf('<section id="diagnosis"'));
    expect(page.indexOf('<section id="diagnosis"')).toBeLessThan(page.indexOf('<section id="charts"'));
    expect(page).toContain('<li><a href="#diagnosis">Diagnosis</a></li>');
    // The verdict with why, the triggers, the sustaining loop and the cascade, each labelled.
    expect(section).toContain(
      '<dt>Verdict</dt><dd>metastable — client: goodput is still 0.0 % of offered calls 40 s after the last trigger ended</dd>',
    );
    expect(section).toContain('<dt>Triggers</dt><dd>latency fault on checkout (30 s–50 s)</dd>');
    expect(section).toContain(
      '<dt>Sustaining loop (50 s–90 s)</dt><dd>checkout saturated; frontend → checkout: retries + queue</dd>',
    );
    expect(section).toContain(
      '<dt>Cascade</dt><dd>checkout slowed (+200 ms latency fault) at 30 s → checkout saturated at 30 s</dd>',
    );
    // The goodput per traffic source and the amplification per depth, as tables.
    expect(section).toContain('<caption>Goodput per traffic source (successful ÷ offered calls)</caption>');
    expect(section).toContain(
      '<tr><th scope="row">client</th><td>metastable</td><td class="num">99.9</td><td class="num">0.0</td>' +
        '<td class="num">0.0</td><td class="num">–</td><td class="num">40 s</td></tr>',
    );
    expect(section).toContain(
      '<caption>Work amplification per call depth: attempts per offered request before the first trigger, during the triggers and after the last one</caption>',
    );
    expect(section).toContain(
      '<tr><th scope="row" class="num">1</th><td class="num">1.00</td><td class="num">3.00</td><td class="num">2.98</td>' +
        '<td class="num">3.00</td><td class="num">2.98</td><td>client → frontend</td></tr>',
    );
    expect(markup(renderHtml(makeResult()))).not.toContain('<section id="diagnosis"');
  });

  it('with the diagnosis of a stable run: says that nothing looped and no service failed', () => {
    const stable: Diagnosis = {
      ...makeDiagnosis(),
      verdict: 'stable',
      reason: 'client: goodput stayed within the band',
      triggers: [],
      stillDownMs: null,
      loop: null,
      amplification: [],
      cascade: [],
    };
    const page = markup(renderHtml(makeResult(), { diagnosis: stable }));
    expect(page).toContain('<dt>Verdict</dt><dd>stable</dd>');
    expect(page).toContain('<dt>Triggers</dt><dd>none</dd>');
    expect(page).toContain('<dt>Cascade</dt><dd>no service failed</dd>');
    expect(page).not.toContain('Sustaining loop');
    expect(page).not.toContain('Work amplification');
  });

  it('with the diagnosis of a lossy run: says stable (lossy) in the story, the verdict line and the table', () => {
    const diagnosis = makeDiagnosis();
    const [source] = diagnosis.sources;
    const lossy: Diagnosis = {
      ...diagnosis,
      verdict: 'stable',
      lossy: true,
      reason:
        'client: goodput stayed within 5.0 % of its reference, but lost 12.7 % of offered calls throughout',
      triggers: [],
      stillDownMs: null,
      loop: null,
      sources: source === undefined ? [] : [{ ...source, verdict: 'stable', lossy: true, stillDownMs: null }],
    };
    const page = markup(renderHtml(makeResult(), { diagnosis: lossy }));
    expect(page).toContain('<dt>Verdict</dt><dd>stable (lossy)</dd>');
    expect(page).toContain('<dt>Verdict</dt><dd>stable (lossy) — client: goodput stayed within');
    expect(page).toContain('<tr><th scope="row">client</th><td>stable (lossy)</td>');
  });

  it('with the overrides: names them in the run details, after the duration; nothing without', () => {
    const page = markup(
      renderHtml(makeResult(), { overrides: ['seed=7', 'services.checkout.deadlinePropagation=true'] }),
    );
    expect(page).toContain(
      '<dt>Duration</dt><dd>10 s</dd>\n<dt>Overrides</dt><dd>seed=7, services.checkout.deadlinePropagation=true</dd>',
    );
    expect(markup(renderHtml(makeResult()))).not.toContain('<dt>Overrides</dt>');
    expect(markup(renderHtml(makeResult(), { overrides: [] }))).not.toContain('<dt>Overrides</dt>');
  });

  it("tells in the story the proxy profiles that ran, every field with its unit, the scenario's marked", () => {
    const page = markup(renderHtml(makeResult()));
    expect(page).toContain(
      '<dt>Profile sidecar (envoy-sidecar)</dt><dd>latency 1 ms (set by the scenario), workers 2, ' +
        'cpuPerRequest 0.5 ms (set by the scenario), cpuPerKiB 0 ms, memoryBase 80 MiB (set by the scenario), ' +
        'memoryPerEndpoint 1.348 KiB, memoryPerConnection 0 KiB, cpuLimit 2 cores, cpuRequest 0.1 cores, ' +
        'memoryRequest 128 MiB, memoryLimit 1024 MiB, tlsHandshakeCpu 0.6 ms</dd>',
    );
    const priced = markup(renderHtml(makePricedResult()));
    expect(priced).toContain('<dt>Profile ztunnel (ztunnel)</dt>');
    expect(priced).toMatch(
      /<dt>Profile waypoint \(waypoint\)<\/dt><dd>[^<]*, replicas 2 \(set by the scenario\)<\/dd>/,
    );
    expect(priced).toMatch(/<dt>Profile lattice \(vpc-lattice\)<\/dt><dd>[^<]*workers unlimited,/);
    expect(markup(renderHtml(makeEmptyResult()))).not.toContain('<dt>Profile');
  });

  it('draws the busiest part of a call graph too large to lay out, and says what it leaves out', () => {
    const base = makeResult();
    const first = base.services[0] as (typeof base.services)[number];
    const link = base.edges[1] as (typeof base.edges)[number];
    const names = Array.from({ length: 600 }, (_, i) => `svc-${i}`);
    const result = {
      ...base,
      services: names.map((name) => ({ ...first, name })),
      edges: [
        { ...(base.edges[0] as (typeof base.edges)[number]), destination: 'svc-0' },
        ...names.slice(1).map((name, i) => ({ ...link, source: names[i] as string, destination: name })),
      ],
    };
    const page = renderHtml(result);
    const data = reportData(page);
    expect(data.graph?.nodes).toHaveLength(150);
    expect(markup(page)).toContain('data-graph="call-graph" data-nodes="150"');
    expect(markup(page)).toContain(
      "The run's call graph has 601 nodes and 600 edges: more than the page lays out in about a second",
    );
  });

  it('escapes names from the scenario everywhere, the embedded data included', () => {
    const result = makeResult();
    result.scenario.name = '</script><script>alert(1)</script>';
    result.scenario.description = '<img src=x onerror=alert(1)>';
    const html = renderHtml(result);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(markup(html)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
