// A service version that answered nothing has no success rate: every output that shows the per-version
// rate says so (text and HTML `–`, an empty CSV cell, JSON null), as for an edge with no completed call.

import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { VERSION_COLUMNS, versionRows } from '../../src/columns/versionColumns.js';
import { renderHtml, renderJson, renderOpenMetrics, renderText, renderVersionsCsv } from '../../src/index.js';
import { makePricedResult } from '../__helpers__/fixtures.js';

/** {@link makePricedResult} with a third version of checkout that no request reached (no success rate: null). */
function withIdleVersion(): SimulationResult {
  const result = makePricedResult();
  result.services[1]?.versions.push({
    name: 'v3',
    instances: 1,
    arrived: 0,
    completed: 0,
    rejected: 0,
    errors: 0,
    successRate: null,
  });
  return result;
}

function successRateOf(result: SimulationResult, version: string): unknown {
  const column = VERSION_COLUMNS.columns.find((c) => c.key === 'successRate');
  const row = versionRows(result.services).find((r) => r.version.name === version);
  if (column === undefined || row === undefined)
    throw new Error(`no successRate column or version ${version}`);
  return column.read(row, { durationMs: result.scenario.durationMs });
}

describe('VERSION_COLUMNS successRate', () => {
  it('reads null for a version that answered nothing, and the rate of one that did', () => {
    const result = withIdleVersion();
    expect(successRateOf(result, 'v3')).toBeNull();
    expect(successRateOf(result, 'v2')).toBe(926 / 943);
  });

  it('reads null for a version whose requests were all still in flight at the end (arrived, none answered)', () => {
    const result = withIdleVersion();
    const idle = result.services[1]?.versions[2];
    if (idle === undefined) throw new Error('no v3');
    idle.arrived = 4;
    expect(successRateOf(result, 'v3')).toBeNull();
  });

  it('text: the Versions row of the idle version shows `–`, not 100.00', () => {
    const row = renderText(withIdleVersion())
      .split('\n')
      .find((line) => line.startsWith('checkout/v3'));
    expect(row?.trimEnd().split(/\s+/).at(-1)).toBe('–');
    expect(row).not.toContain('100.00');
  });

  it('CSV: the success_ratio cell of the idle version is empty', () => {
    const lines = renderVersionsCsv(withIdleVersion()).trimEnd().split('\n');
    const header = lines[0]?.split(',') ?? [];
    const row = lines.find((line) => line.startsWith('checkout,v3,'))?.split(',') ?? [];
    expect(row[header.indexOf('success_ratio')]).toBe('');
  });

  it('JSON: services[].versions[].successRate is null for the idle version', () => {
    const parsed = JSON.parse(renderJson(withIdleVersion())) as {
      services: { versions: { name: string; successRate: unknown }[] }[];
    };
    const versions = parsed.services[1]?.versions ?? [];
    expect(versions.find((v) => v.name === 'v3')?.successRate).toBeNull();
    expect(versions.find((v) => v.name === 'v2')?.successRate).toBeCloseTo(926 / 943, 6);
  });

  it('HTML: the Versions table cell of the idle version is `–`', () => {
    const html = renderHtml(withIdleVersion());
    const row = /<tr><th scope="row">checkout\/v3<\/th>.*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(row).toMatch(/<td class="num">–<\/td><\/tr>$/);
  });

  it('OpenMetrics: the version family has only request counters, so an idle version prints no NaN', () => {
    const text = renderOpenMetrics(withIdleVersion());
    const samples = text.split('\n').filter((line) => line.includes('version="v3"'));
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((line) => line.startsWith('meshsim_version_requests_total{'))).toBe(true);
    expect(text).not.toMatch(/\bNaN\b/);
  });
});
