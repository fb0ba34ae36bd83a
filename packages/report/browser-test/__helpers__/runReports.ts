// The run-report browser checks of every bundled scenario, split into shards (one test file each, so two
// Chromiums draw side by side): no console error, no request off the page, every chart drew its lines or
// bars, the call graph drew every service and call, the headings, story and diagnosis are there; the shard with
// retry-storm also checks the keyboard readout and the dark scheme; no table sticks out of a 1300 px window.
// Screenshots go to out/screenshots/.

import { diagnose } from '@meshsim/analysis';
import { simulate } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import { applyOverrides, listBundledScenarios, loadScenario } from '@meshsim/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderHtml } from '../../src/index.js';
import { PLATFORM_40_LIMIT_BYTES, drawnCharts, launchBrowser, openReport, screenshot } from './browser.js';
import type { ReportBrowser } from './browser.js';

/**
 * Durations shortened to keep CI short: platform-40's 60 s take most of a minute to simulate, and its page
 * grows little with the run's length (docs/html-report.md, Size).
 */
const SHORTENED_MS: Readonly<Record<string, number>> = { 'platform-40': 10_000 };

/** The bundled scenario's config, shortened where {@link SHORTENED_MS} says so. */
function bundledConfig(name: string): SimulationConfig {
  const config = loadScenario(name);
  const durationMs = SHORTENED_MS[name];
  return durationMs === undefined ? config : applyOverrides(config, { durationMs });
}

/** Each scenario's run report, rendered once (a simulation is the slow part of these tests). */
const reports = new Map<string, string>();
function runReport(name: string): string {
  let html = reports.get(name);
  if (html === undefined) {
    const config = bundledConfig(name);
    const result = simulate(config);
    // With the diagnosis, as `meshsim run --html` renders it.
    html = renderHtml(result, { config, diagnosis: diagnose(config, result) });
    reports.set(name, html);
  }
  return html;
}

/**
 * Defines the checks of shard `shard` (1-based) of `shards`: the bundled scenarios whose index in name order
 * is `shard − 1` modulo `shards`.
 */
export function describeRunReports(shard: number, shards: number): void {
  const names = listBundledScenarios()
    .map((scenario) => scenario.name)
    .filter((_, index) => index % shards === shard - 1);

  let browser: ReportBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  describe.each(names)('the run report of %s', (name) => {
    it('draws every chart and the call graph, with no error and no request off the page', async () => {
      const config = bundledConfig(name);
      const { page, errors, requests, bytes } = await openReport(
        browser.browser,
        `run-${name}`,
        runReport(name),
      );
      try {
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);

        expect(await page.$eval('h1', (h1) => h1.textContent)).toBe(`meshsim run: ${name}`);
        const headings = await page.$$eval('h2', (h2s) => h2s.map((h2) => h2.textContent));
        expect(headings).toEqual([
          'What happened',
          'Diagnosis',
          'Over time',
          'Call graph',
          'Edges, services and proxies',
          'Warnings and assumptions',
        ]);
        const story = await page.$eval('#story', (section) => section.textContent ?? '');
        expect(story).toContain(`Mesh${config.mesh.shape}`);
        expect(story).toContain(config.faults.length === 0 ? 'Faultsnone' : 'Faults');
        expect(story).toContain('Verdict');
        const diagnosis = await page.$eval('#diagnosis', (section) => section.textContent ?? '');
        for (const label of ['Verdict', 'Triggers', 'Goodput per traffic source', 'Cascade'])
          expect(diagnosis, label).toContain(label);

        const charts = await drawnCharts(page);
        expect(charts.length).toBeGreaterThanOrEqual(4);
        for (const chart of charts) {
          expect(chart.hasSvg, chart.id).toBe(true);
          expect(chart.drawn, `${chart.id}: lines or bars drawn`).toBe(chart.expected);
          expect(chart.expected, chart.id).toBeGreaterThan(0);
        }
        // Every line chart shades each fault window.
        const windows = Number(
          await page.evaluate(
            "JSON.parse(document.getElementById('report-data').textContent).windows.length",
          ),
        );
        expect(windows > 0).toBe(config.faults.length > 0);
        const shaded = await page.$$eval('figure[data-kind="lines"]', (figures) =>
          figures.map((figure) => figure.querySelectorAll('g[aria-label="rect"] rect').length),
        );
        expect(shaded).toEqual(shaded.map(() => windows));

        const graph = await page.$eval('figure[data-graph]', (figure) => ({
          nodes: Number(figure.getAttribute('data-nodes')),
          edges: Number(figure.getAttribute('data-edges')),
          drawnNodes: figure.querySelectorAll('[data-node]').length,
          drawnEdges: figure.querySelectorAll('path[data-edge]').length,
        }));
        expect(graph.drawnNodes).toBe(graph.nodes);
        expect(graph.drawnEdges).toBe(graph.edges);

        await screenshot(page, `run-${name}`);
        if (name === 'platform-40') expect(bytes).toBeLessThan(PLATFORM_40_LIMIT_BYTES);

        // A window 1300 px wide: every table fits its section (headers wrap), none is cut off at its right edge,
        // and the page does not scroll sideways.
        await page.setViewport({ width: 1300, height: 900 });
        const cut = await page.$$eval('table', (tables) =>
          tables.flatMap((table) => {
            const width = table.ownerDocument.documentElement.clientWidth;
            const box = table.getBoundingClientRect();
            const wrap = (table.closest('.table-wrap') ?? table).getBoundingClientRect();
            return box.right > Math.min(width, wrap.right) + 0.5
              ? [`${table.querySelector('caption')?.textContent ?? 'a table'}: right edge at ${box.right} px`]
              : [];
          }),
        );
        const sideways = Number(
          await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        );
        const overflow = { page: sideways, cut };
        expect(overflow).toEqual({ page: 0, cut: [] });
      } finally {
        await page.close();
      }
    });
  });

  // In the shard that draws retry-storm's report already (a skipped test in the other would read as a gap).
  if (!names.includes('retry-storm')) return;
  describe('traces', () => {
    it('draws the kept traces as waterfalls: a bar per span inside its row, failed spans red', async () => {
      const config = applyOverrides(bundledConfig('retry-storm'), { durationMs: 40_000 });
      const result = simulate(config, {
        telemetry: { traceSampleRate: 0.01, traceKeep: { errors: true, share: 0.02 } },
      });
      const { page, errors, requests } = await openReport(
        browser.browser,
        'run-retry-storm-traces',
        renderHtml(result, { config }),
      );
      try {
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        const headings = await page.$$eval('h2', (h2s) => h2s.map((h2) => h2.textContent));
        expect(headings.indexOf('Traces')).toBe(headings.indexOf('Call graph') + 1);
        const tables = await page.$$eval('#traces .waterfall table', (tables) =>
          tables.map((table) => {
            const cellBox = table.querySelector('tbody td.bar-cell')?.getBoundingClientRect();
            if (cellBox === undefined) throw new Error('a waterfall without a bar cell');
            return {
              rows: table.querySelectorAll('tbody tr').length,
              bars: [...table.querySelectorAll('tbody .bar')].map((bar) => {
                const box = bar.getBoundingClientRect();
                return {
                  width: box.width,
                  inside: box.left >= cellBox.left - 0.5 && box.right <= cellBox.right + 0.5,
                  error: bar.classList.contains('bar-error'),
                };
              }),
            };
          }),
        );
        expect(tables.length).toBeGreaterThanOrEqual(4);
        for (const table of tables) {
          expect(table.bars).toHaveLength(table.rows);
          for (const bar of table.bars) {
            expect(bar.width).toBeGreaterThan(0);
            expect(bar.inside).toBe(true);
          }
        }
        expect(tables.flatMap((t) => t.bars).some((b) => b.error)).toBe(true);
        const red = await page.evaluate(
          "[...new Set([...document.querySelectorAll('#traces .bar-error')].map((b) => getComputedStyle(b).backgroundColor))]",
        );
        expect(red).toEqual(['rgb(207, 34, 46)']);
        await page.$eval('#traces', (section) => section.scrollIntoView());
        await screenshot(page, 'run-retry-storm-traces');
      } finally {
        await page.close();
      }
    });
  });

  describe('keyboard and colour scheme', () => {
    it('Tab reaches the charts; arrow keys read a chart out; the dark scheme draws without error', async () => {
      const { page, errors } = await openReport(
        browser.browser,
        'run-retry-storm-dark',
        runReport('retry-storm'),
        'dark',
      );
      try {
        expect(errors).toEqual([]);
        // The first Tab stop is the skip link, then the table of contents, then the charts.
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
        let focused = '';
        for (let i = 0; i < 12 && focused === ''; i++) {
          await page.keyboard.press('Tab');
          focused = String(await page.evaluate("document.activeElement.getAttribute('data-chart') || ''"));
        }
        expect(focused).toBe('offered-load');
        await page.keyboard.press('End');
        const readout = await page.$eval('figure[data-chart="offered-load"] .readout', (p) => p.textContent);
        expect(readout).toMatch(/^At 89 s \(req\/s\): offered [\d.,]+\.$/);
        const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
        expect(background).toBe('rgb(13, 17, 23)');
        await screenshot(page, 'run-retry-storm-dark');
      } finally {
        await page.close();
      }
    });
  });
}
