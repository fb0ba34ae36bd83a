// The HTML comparison report without a browser: bars per shape, success over time, tables and warnings.

import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { renderComparisonHtml } from '../src/index.js';
import { makePricedResult, makeResult } from './__helpers__/fixtures.js';

function baseline(): SimulationResult {
  const result = makeResult();
  result.scenario = { ...result.scenario, mesh: 'none' };
  result.proxies = { count: 0, cpuCores: 0, memoryMiB: 0, byKind: [] };
  result.warnings = [];
  return result;
}

/** The chart ids of the page, with how many marks each must draw. */
function charts(html: string): string[] {
  return [...html.matchAll(/data-chart="([^"]+)" data-kind="\w+" data-marks="(\d+)"/g)].map(
    (m) => `${m[1]}:${m[2]}`,
  );
}

describe('renderComparisonHtml', () => {
  it('draws success over time per shape and bars per shape, cost only when a shape has prices', () => {
    expect(charts(renderComparisonHtml([baseline(), makeResult()]))).toEqual([
      'success-by-shape:2',
      'added-latency:4',
      'success:2',
      'blast-radius:2',
      'proxy-cpu:2',
      'proxy-memory:2',
    ]);
    // The priced shape has a cost of use and of requests, the baseline has none: two bars.
    expect(charts(renderComparisonHtml([baseline(), makePricedResult()]))).toContain('proxy-cost:2');
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

  it('needs at least one result', () => {
    expect(() => renderComparisonHtml([])).toThrow(RangeError);
  });
});
