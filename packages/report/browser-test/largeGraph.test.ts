// The run report of a 2,000-service chain opened in Chromium: the page opens, draws the 150 busiest nodes of the
// call graph (laying out all of them would not finish) and says what it leaves out; no console error.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderHtml } from '../src/index.js';
import { GRAPH_LAYOUT_LIMITS } from '../src/internal/html/callGraph.js';
import { launchBrowser, openReport, screenshot } from './__helpers__/browser.js';
import type { ReportBrowser } from './__helpers__/browser.js';

let browser: ReportBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('the run report of a large call graph', () => {
  it('draws the busiest part of a 2,000-service chain and says what it leaves out', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `svc-${i}`);
    const services = Object.fromEntries(
      names.map((name, i) => [
        name,
        { serviceTime: '1ms', ...(i + 1 < names.length && { calls: [{ to: names[i + 1] }] }) },
      ]),
    );
    const config = resolveScenario({
      name: 'chain-2000',
      duration: '5s',
      services,
      traffic: [{ name: 'client', to: 'svc-0', rate: 1 }],
    });
    const { page, errors, requests } = await openReport(
      browser.browser,
      'run-chain-2000',
      renderHtml(simulate(config), { config }),
    );
    try {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      const graph = await page.$eval('figure[data-graph]', (figure) => ({
        drawn: figure.getAttribute('data-drawn'),
        drawnNodes: figure.querySelectorAll('[data-node]').length,
        note: figure.querySelector('.graph-note')?.textContent ?? '',
      }));
      expect(graph.drawn).toBe('true');
      expect(graph.drawnNodes).toBe(GRAPH_LAYOUT_LIMITS.nodes);
      expect(graph.note).toContain("The run's call graph has 2,001 nodes and 2,000 edges");
      await screenshot(page, 'run-chain-2000');
    } finally {
      await page.close();
    }
  });
});
