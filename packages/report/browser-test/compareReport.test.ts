// The HTML comparison report opened in Chromium: every shape's bars and lines drawn, the capability
// warnings there, no console error. Screenshot in out/screenshots/.

import { replicationSeed, runFigures } from '@meshsim/analysis';
import { meshShapeNames, simulate } from '@meshsim/mesh';
import { applyOverrides, loadScenario } from '@meshsim/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderComparisonHtml } from '../src/index.js';
import { drawnCharts, launchBrowser, openReport, screenshot } from './__helpers__/browser.js';
import type { ReportData } from '../src/internal/html/ReportData.js';
import type { ReportBrowser } from './__helpers__/browser.js';

let browser: ReportBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('the compare report', () => {
  it('of node-failure under every shape draws a bar per shape and a line per shape, warnings listed', async () => {
    const config = loadScenario('node-failure');
    const shapes = meshShapeNames();
    const results = shapes.map((mesh) => simulate(applyOverrides(config, { mesh })));
    const html = renderComparisonHtml(results, { config });
    const { page, errors, requests } = await openReport(browser.browser, 'compare-node-failure', html);
    try {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('meshsim compare: node-failure');
      const charts = await drawnCharts(page);
      expect(charts.map((chart) => chart.id)).toEqual(
        expect.arrayContaining([
          'success-by-shape',
          'added-latency',
          'success',
          'blast-radius',
          'proxy-cpu',
          'proxy-memory',
        ]),
      );
      for (const chart of charts) {
        expect(chart.hasSvg, chart.id).toBe(true);
        expect(chart.drawn, `${chart.id}: lines or bars drawn`).toBe(chart.expected);
      }
      expect(charts.find((chart) => chart.id === 'success-by-shape')?.drawn).toBe(shapes.length);
      expect(charts.find((chart) => chart.id === 'added-latency')?.drawn).toBe(2 * shapes.length);
      const warnings = await page.$$eval('#notes li', (items) => items.map((item) => item.textContent ?? ''));
      expect(warnings.some((warning) => warning.startsWith('[none] '))).toBe(true);
      await screenshot(page, 'compare-node-failure');
      // A window 1300 px wide: the page does not scroll sideways; the metrics table of every shape, wider than it,
      // scrolls inside its own frame (its headers and text cells wrap first).
      await page.setViewport({ width: 1300, height: 900 });
      const widths = {
        page: Number(
          await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        ),
        frames: await page.$$eval('.table-wrap', (wraps) =>
          wraps.map(
            (wrap) =>
              wrap.getBoundingClientRect().right <= wrap.ownerDocument.documentElement.clientWidth + 0.5 &&
              wrap.ownerDocument.defaultView?.getComputedStyle(wrap).overflowX === 'auto',
          ),
        ),
      };
      expect(widths.page).toBe(0);
      expect(widths.frames.every(Boolean)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('draws the same request under each shape, the timelines of one request lined up', async () => {
    const config = applyOverrides(loadScenario('overhead-3tier'), { durationMs: 5000 });
    const shapes = ['none', 'linkerd', 'istio-sidecar'];
    const results = shapes.map((mesh) =>
      simulate(applyOverrides(config, { mesh }), { telemetry: { traceSampleRate: 0.02 } }),
    );
    const { page, errors, requests } = await openReport(
      browser.browser,
      'compare-same-request',
      renderComparisonHtml(results, { config }),
    );
    try {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      // Per drawn request (h3), the timeline column of each shape's table starts and ends at the same x.
      const timelines = await page.$$eval('#same-request h3', (headings) =>
        headings.map((heading) => {
          const columns: { left: number; right: number; bars: number }[] = [];
          let next = heading.nextElementSibling;
          while (next !== null && next.tagName !== 'H3') {
            const cell = next.querySelector('thead th:last-child')?.getBoundingClientRect();
            if (cell !== undefined) {
              columns.push({
                left: cell.left,
                right: cell.right,
                bars: next.querySelectorAll('tbody .bar').length,
              });
            }
            next = next.nextElementSibling;
          }
          return columns;
        }),
      );
      expect(timelines.length).toBeGreaterThanOrEqual(1);
      for (const columns of timelines) {
        expect(columns).toHaveLength(shapes.length);
        for (const column of columns) {
          expect(column.bars).toBeGreaterThan(0);
          expect(Math.abs(column.left - (columns[0]?.left ?? 0))).toBeLessThan(0.5);
          expect(Math.abs(column.right - (columns[0]?.right ?? 0))).toBeLessThan(0.5);
        }
      }
      // No service is degraded under any shape: the blast radius is a sentence, not a frame of bars of height 0.
      const blast = await page.$eval('figure[data-empty-chart="blast-radius"]', (figure) => ({
        text: figure.querySelector('p.empty')?.textContent ?? '',
        svgs: figure.querySelectorAll('svg').length,
      }));
      expect(blast).toEqual({ text: 'No service degraded under any shape.', svgs: 0 });
      expect(await page.$$('figure[data-chart="blast-radius"]')).toHaveLength(0);
      await page.$eval('#same-request', (section) => section.scrollIntoView());
      await screenshot(page, 'compare-same-request');
    } finally {
      await page.close();
    }
  });

  it('with replications, draws the means of added latency, success and proxy CPU, memory and cost with a whisker per interval', async () => {
    const config = applyOverrides(loadScenario('overhead-3tier'), { durationMs: 5000 });
    const shapes = ['none', 'linkerd', 'istio-sidecar'];
    const seeds = [0, 1, 2].map((i) => replicationSeed(config.seed, i));
    const runs = shapes.map((mesh) => seeds.map((seed) => simulate(applyOverrides(config, { mesh, seed }))));
    const html = renderComparisonHtml(
      runs.map((perSeed) => perSeed[0]!),
      { config, replications: runs.map((perSeed) => perSeed.map(runFigures)) },
    );
    const { page, errors } = await openReport(browser.browser, 'compare-replications', html);
    try {
      expect(errors).toEqual([]);
      const data = JSON.parse(
        (await page.$eval('#report-data', (script) => script.textContent)) ?? '',
      ) as ReportData;
      for (const id of ['added-latency', 'success', 'proxy-cpu', 'proxy-memory', 'proxy-cost']) {
        const spec = data.charts.find((chart) => chart.id === id);
        if (spec?.kind !== 'bars') throw new Error(`${id}: no bar chart`);
        const whiskers = spec.series.flatMap((series) =>
          series.values.filter((value, i) => value !== null && (series.errors?.[i] ?? 0) > 0),
        ).length;
        const drawn = await page.$eval(
          `figure[data-chart="${id}"]`,
          (figure) => figure.querySelectorAll('g.error-bars line').length,
        );
        expect(drawn, id).toBe(whiskers);
      }
      // Added latency under a sidecar: an interval per shape and percentile other than the baseline.
      expect(
        await page.$eval(
          'figure[data-chart="added-latency"]',
          (f) => f.querySelectorAll('g.error-bars line').length,
        ),
      ).toBe(4);
      const titles = await page.$$eval('#charts h3', (headings) => headings.map((h) => h.textContent ?? ''));
      expect(titles).toContain('Added latency vs none: mean of 3 replications');
      expect(titles).toContain('Proxy memory: mean of 3 replications');
      expect(titles).toContain('Proxy cost: mean of 3 replications');
      await screenshot(page, 'compare-replications');
    } finally {
      await page.close();
    }
  });

  it('marks an unstable single-run added p99 bar with ! and says why in its tooltip', async () => {
    const config = applyOverrides(loadScenario('overhead-3tier'), { durationMs: 2000 });
    const results = ['none', 'linkerd'].map((mesh) => simulate(applyOverrides(config, { mesh })));
    // linkerd's p99 in a gap between ~20 ms and ~4.5 s calls (p98.5 and p99.5 far more than 2× apart).
    const gapped = results[1]!;
    const latency = gapped.endToEndLatency!;
    gapped.endToEndLatency = { ...latency, p985Ms: 21, p99Ms: 180, p995Ms: 4480 };
    const { page, errors } = await openReport(
      browser.browser,
      'compare-unstable-p99',
      renderComparisonHtml(results, { config }),
    );
    try {
      expect(errors).toEqual([]);
      const marks = await page.$eval('figure[data-chart="added-latency"]', (figure) =>
        [...figure.querySelectorAll('g.flag-marks text')].map((text) => ({
          text: text.textContent,
          title: text.querySelector('title')?.textContent ?? '',
        })),
      );
      expect(marks).toHaveLength(1);
      expect(marks[0]?.text).toContain('!');
      expect(marks[0]?.title).toContain("unstable: this run's p99 falls in a gap of the latencies");
      await page.$eval('figure[data-chart="added-latency"]', (figure) => figure.scrollIntoView());
      await screenshot(page, 'compare-unstable-p99');
    } finally {
      await page.close();
    }
  });
});
