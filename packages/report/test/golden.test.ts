// Byte-for-byte goldens of every renderer on the hand-made fixtures, so that a layout change shows up as
// a diff of a checked-in file. Rewrite them with `UPDATE_GOLDEN=1 npx vitest run packages/report/test/golden.test.ts`
// and review the diff: only a change the commit means to make may appear.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonJson,
  renderComparisonText,
  renderHtml,
  renderJson,
  renderText,
  summarizeComparison,
} from '../src/index.js';
import {
  makeDiagnosis,
  makeEmptyResult,
  makePricedResult,
  makeResult,
  renderAll,
} from './__helpers__/fixtures.js';

const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

/** File name suffix of each output of `renderAll`. */
const SUFFIX: Readonly<Record<string, string>> = {
  text: 'txt',
  json: 'json',
  edgesCsv: 'edges.csv',
  proxiesCsv: 'proxies.csv',
  timeSeriesCsv: 'time-series.csv',
  serviceSeriesCsv: 'service-series.csv',
  openMetrics: 'openmetrics.txt',
};

/** {@link makeResult} without a mesh: the baseline of the comparison golden. */
function makeBaselineResult(): SimulationResult {
  const result = makeResult();
  result.scenario = { ...result.scenario, mesh: 'none', meshProfiles: [] };
  result.proxies = { count: 0, cpuCores: 0, memoryMiB: 0, byKind: [] };
  for (const edge of result.edges) {
    edge.latency = { ...edge.latency, p50Ms: edge.latency.p50Ms - 0.5, p99Ms: edge.latency.p99Ms - 1 };
  }
  return result;
}

/** What the renderer writes of an HTML page between its inlined style sheet and scripts: its `<main>`. */
function pageMain(html: string): string {
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>');
  if (start < 0 || end < 0) throw new Error('no <main> in the page');
  return html.slice(start, end + '</main>'.length) + '\n';
}

/** Every golden file: its name under `golden/` and the output it holds. */
function outputs(): [string, string][] {
  const fixtures: [string, SimulationResult][] = [
    ['result', makeResult()],
    ['empty', makeEmptyResult()],
    ['priced', makePricedResult()],
  ];
  const files: [string, string][] = [];
  for (const [fixture, result] of fixtures) {
    for (const [format, output] of Object.entries(renderAll(result))) {
      files.push([`${fixture}.${SUFFIX[format] ?? format}`, output]);
    }
  }
  // A run as `meshsim run` renders it: with its diagnosis and the overrides of its command line (the page: its
  // content, without the inlined assets).
  const run = makeResult();
  const extras = {
    diagnosis: makeDiagnosis(),
    overrides: ['seed=42', 'services.checkout.deadlinePropagation=true'],
  };
  files.push(['result.run.txt', renderText(run, extras)]);
  files.push(['result.run.json', renderJson(run, extras)]);
  files.push(['result.run.html', pageMain(renderHtml(run, extras))]);
  const comparison = summarizeComparison([makeBaselineResult(), makeResult(), makePricedResult()]);
  files.push(['comparison.txt', renderComparisonText(comparison)]);
  files.push(['comparison.json', renderComparisonJson(comparison)]);
  return files;
}

function goldenPath(name: string): string {
  return fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
}

describe('goldens of the renderers', () => {
  it.each(outputs())('%s matches its golden file', (name, output) => {
    const path = goldenPath(name);
    if (UPDATE_GOLDEN) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, output);
    }
    expect(existsSync(path), `no golden ${name}: run UPDATE_GOLDEN=1 npx vitest run <this file>`).toBe(true);
    expect(output).toBe(readFileSync(path, 'utf8'));
  });
});
