// Byte-for-byte goldens of every renderer on the hand-made fixtures, so that a layout change shows up as
// a diff of a checked-in file. Rewrite them with `UPDATE_GOLDEN=1 npx vitest run packages/report/test/golden.test.ts`
// and review the diff: only a change the commit means to make may appear.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runFigures } from '@meshsim/analysis';
import type { FigureInterval, ReplicationSummary, RunFigures } from '@meshsim/analysis';
import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonHtml,
  renderComparisonJson,
  renderComparisonText,
  renderHtml,
  renderJson,
  renderReplicationsCsv,
  renderReplicationsText,
  renderText,
  summarizeComparison,
} from '../src/index.js';
import {
  makeDiagnosis,
  makeEmptyResult,
  makePricedResult,
  makePricedShape,
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

/** A replication summary of 5 runs: figures that read at their decimals, and small ones that need more. */
function makeReplicationSummary(): ReplicationSummary {
  const interval = (key: FigureInterval['key'], mean: number, halfWidth: number): FigureInterval => ({
    key,
    n: 5,
    mean,
    halfWidth,
    min: mean - halfWidth / 2,
    max: mean + halfWidth / 2,
  });
  return {
    n: 5,
    seeds: [42, 1, 2, 3, 4],
    verdicts: { stable: 4, 'degraded-recovered': 1, unresolved: 0, degraded: 0, metastable: 0, stopped: 0 },
    lossy: { stable: 0, 'degraded-recovered': 0, unresolved: 0, degraded: 0, metastable: 0, stopped: 0 },
    figures: [
      interval('successRatio', 0.999988, 0.000003),
      interval('goodputRps', 1234.56, 23.7),
      interval('endToEndP50Ms', 4.2, 0.31),
      interval('endToEndP99Ms', 1418.7, 1200.5),
      interval('attemptsPerCall', 1.00012, 0.00004),
      interval('workPerRequest', 0.0012, 0.0003),
      interval('proxyCpuCores', 0.549, 0.044),
      interval('pendingPods', 0, 0),
    ],
  };
}

/** `figures` with every figure the run gives multiplied by `factor`: another replication of the same run. */
function scaled(figures: RunFigures, factor: number): RunFigures {
  return Object.fromEntries(
    Object.entries(figures).map(([key, value]) => [key, value === null ? null : value * factor]),
  ) as unknown as RunFigures;
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
  // `run --replications N`'s table: figures at their decimals, and small ones with the decimals they need.
  files.push(['replications.txt', renderReplicationsText(makeReplicationSummary()) + '\n']);
  // `run --replications N --csv --table replications`, and the HTML report's Replications section.
  files.push(['replications.csv', renderReplicationsCsv(makeReplicationSummary())]);
  files.push([
    'result.replications.html',
    pageMain(renderHtml(run, { ...extras, replications: makeReplicationSummary() })),
  ]);
  const comparison = summarizeComparison([makeBaselineResult(), makeResult(), makePricedShape()]);
  files.push(['comparison.txt', renderComparisonText(comparison)]);
  files.push(['comparison.json', renderComparisonJson(comparison)]);
  // `compare` as the CLI runs it, with each shape's diagnosis: its verdict and cascade figures, and the note on the
  // scenario's fault; the HTML report's content too.
  const diagnosed = [makeBaselineResult(), makeResult(), makePricedShape()];
  const diagnoses = [makeDiagnosis(), { ...makeDiagnosis(), verdict: 'stable' as const }, makeDiagnosis()];
  files.push([
    'comparison.diagnosed.txt',
    renderComparisonText(summarizeComparison(diagnosed, { diagnoses })),
  ]);
  files.push([
    'comparison.diagnosed.json',
    renderComparisonJson(summarizeComparison(diagnosed, { diagnoses })),
  ]);
  files.push(['comparison.diagnosed.html', pageMain(renderComparisonHtml(diagnosed, { diagnoses }))]);
  // `compare --replications 3`: the intervals per shape and the paired differences.
  const shapes = [makeBaselineResult(), makeResult(), makePricedShape()];
  const replicated = summarizeComparison(shapes, {
    replications: shapes.map((result) =>
      [1, 1.002, 0.999].map((factor) => scaled(runFigures(result), factor)),
    ),
  });
  files.push(['comparison.replications.txt', renderComparisonText(replicated)]);
  files.push(['comparison.replications.json', renderComparisonJson(replicated)]);
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
