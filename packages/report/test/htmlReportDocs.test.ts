// docs/html-report.md against the code: the limits it states (points per line, lines per chart, the blast
// radius threshold, the platform-40 size limit) and the run charts it lists are the renderer's.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { PLATFORM_40_LIMIT_BYTES } from '../browser-test/__helpers__/browser.js';
import { DEGRADED_FAILED_RATIO } from '../src/internal/blastRadius.js';
import { MAX_CHART_POINTS } from '../src/internal/html/downsample.js';
import { runCharts } from '../src/internal/html/runCharts.js';
import { MAX_CHART_SERIES } from '../src/internal/html/topSeries.js';
import { WATERFALLS_PER_KIND } from '../src/internal/html/traceSection.js';
import { WATERFALL_ROWS } from '../src/internal/html/waterfall.js';
import { makeResult } from './__helpers__/fixtures.js';

const page = readFileSync(fileURLToPath(new URL('../../../docs/html-report.md', import.meta.url)), 'utf8');

describe('docs/html-report.md matches the HTML renderer', () => {
  it('states the limits the code applies', () => {
    expect(page).toContain(`at most **${MAX_CHART_POINTS} points**`);
    expect(page).toContain(`at most **${MAX_CHART_SERIES} lines**`);
    expect(page).toContain(`more than ${DEGRADED_FAILED_RATIO * 100} % of the calls into the service`);
    expect(page).toContain(`fail above **${PLATFORM_40_LIMIT_BYTES / 1_000_000} MB**`);
    expect(page).toContain(
      `the **${WATERFALLS_PER_KIND} longest failed traces** and the **${WATERFALLS_PER_KIND} slowest others**`,
    );
    expect(page).toContain(`at most **${WATERFALL_ROWS} rows** per trace`);
  });

  it('lists every chart of the run report in its table', () => {
    const result = makeResult();
    const edge = result.edges[1];
    if (edge === undefined) throw new Error('fixture');
    edge.policyTimeMs = { 'breaker-open': 1, 'outlier-ejected-host': 1 };
    const titles = runCharts(result).map((figure) => figure.title);
    expect(titles).toHaveLength(10);
    for (const title of titles)
      expect(page, title).toMatch(new RegExp(`^ *\\| ${title}( \\(bars\\))? \\|`, 'm'));
  });
});
