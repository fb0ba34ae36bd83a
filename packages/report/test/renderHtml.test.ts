// The HTML run report without a browser: a self-contained, deterministic page whose sections, tables and
// embedded chart data say what the result says (test/browser/ checks that a browser draws it).

import type { Diagnosis } from '@meshsim/analysis';
import type { SimulationConfig } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { renderHtml } from '../src/index.js';
import type { ReportData } from '../src/internal/html/ReportData.js';
import { makeEmptyResult, makePricedResult, makeResult } from './__helpers__/fixtures.js';

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

  it('with the diagnosis: names the verdict and the recovery time in the story', () => {
    const diagnosis = { verdict: 'degraded-recovered', recoveryMs: 2000 } as Diagnosis;
    const page = markup(renderHtml(makeResult(), { diagnosis }));
    expect(page).toContain(
      '<dt>Verdict</dt><dd>degraded-recovered, back 2 s after the last trigger ended</dd>',
    );
    const absorbed = { verdict: 'degraded-recovered', recoveryMs: -9000 } as Diagnosis;
    expect(markup(renderHtml(makeResult(), { diagnosis: absorbed }))).toContain(
      '<dd>degraded-recovered, back 9 s before the last trigger ended (the system absorbed it)</dd>',
    );
    const metastable = { verdict: 'metastable', recoveryMs: null } as Diagnosis;
    expect(markup(renderHtml(makeResult(), { diagnosis: metastable }))).toContain(
      '<dt>Verdict</dt><dd>metastable</dd>',
    );
    expect(markup(renderHtml(makeResult()))).not.toContain('<dt>Verdict</dt>');
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
