// What the proxies use — their memory (MiB) and its monthly cost (USD) — among the figures `--replications` gives
// as mean ± 95 % CI, on the real binary: `run`'s text and JSON, `compare`'s tables, paired differences, CSV, JSON
// and HTML, and the columns of a sweep store's exported runs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';
import { writeTempFile } from './__helpers__/scenarios.js';
import { tempDir } from './__helpers__/tempDir.js';

/**
 * Two services behind open-loop users for a second: the proxies' CPU, and so their cost, varies with the seed (their
 * memory, mostly configuration, may not).
 */
const CHAIN = writeTempFile(
  'proxy-use.yaml',
  `name: proxy-use
seed: 3
duration: 1s
mesh: istio-sidecar
services:
  api:
    replicas: 3
    concurrency: 64
    serviceTime: { exponential: { mean: 2ms } }
    calls: [{ to: db, timeout: 1s }]
  db:
    replicas: 3
    concurrency: 16
    serviceTime: { exponential: { mean: 3ms } }
traffic:
  - { name: users, to: api, rate: 300 }
`,
);

const dir = tempDir('meshsim-proxy-use-');

/** The rows of the text table titled `title` (from its title to the blank line after it). */
function table(text: string, title: string): string[] {
  const start = text.indexOf(`\n${title}`);
  expect(start, `no table "${title}" in:\n${text}`).toBeGreaterThan(-1);
  const end = text.indexOf('\n\n', start + 1);
  return text.slice(start + 1, end < 0 ? undefined : end).split('\n');
}

/** The row of `rows` that names `figure`. */
function row(rows: readonly string[], figure: string): string | undefined {
  return rows.find((line) => line.startsWith(`${figure} `));
}

describe('proxy memory and proxy cost over replications (the real binary)', () => {
  it('run --replications prints them as mean ± 95 % CI, in text and JSON', () => {
    const text = meshsim('run', CHAIN, '--replications', '3', '--workers', '1', '--no-progress');
    expect(text.code, text.stderr).toBe(0);
    const rows = table(text.stdout, 'Replications: 3');
    expect(row(rows, 'proxy memory (MiB)')).toMatch(/^proxy memory \(MiB\) +[\d,]+\.\d {2}± [\d,]+\.\d+ /);
    expect(row(rows, 'proxy cost (USD/month)')).toMatch(/^proxy cost \(USD\/month\) +[\d,]+\.\d{2} {2}± /);
    // What the proxies use sits next to what they request.
    expect(rows.indexOf(row(rows, 'proxy memory (MiB)') ?? '')).toBe(
      rows.indexOf(row(rows, 'proxy memory requested (MiB)') ?? '') - 1,
    );
    const json = meshsim('run', CHAIN, '--replications', '3', '--workers', '1', '--json');
    expect(json.code, json.stderr).toBe(0);
    const figures = (
      JSON.parse(json.stdout) as {
        replications: { figures: { key: string; mean: number; halfWidth: number | null }[] };
      }
    ).replications.figures;
    const memory = figures.find((f) => f.key === 'proxyMemoryMiB');
    const cost = figures.find((f) => f.key === 'proxyCostPerMonthUsd');
    expect(memory?.mean).toBeGreaterThan(0);
    expect(memory?.halfWidth).not.toBeNull();
    expect(cost?.mean).toBeGreaterThan(0);
    expect(cost?.halfWidth).toBeGreaterThan(0);
  });

  it('compare --replications has them per shape and as paired differences, in text, CSV, JSON and HTML', () => {
    const args = [
      'compare',
      CHAIN,
      '--mesh',
      'none,istio-sidecar,linkerd',
      '--replications',
      '3',
      '--workers',
      '1',
    ];
    const text = meshsim(...args, '--no-progress');
    expect(text.code, text.stderr).toBe(0);
    const perShape = table(text.stdout, 'Per shape over 3 replications');
    expect(perShape[1]).toMatch(/^figure +none +istio-sidecar +linkerd$/);
    // No proxies: 0 of both under none, against which the others' differences are paired.
    expect(row(perShape, 'proxy memory (MiB)')).toMatch(
      /^proxy memory \(MiB\) +0\.0 ± 0\.0 +[\d,.]+ ± [\d,.]+ +[\d,.]+ ± /,
    );
    expect(row(perShape, 'proxy cost (USD/month)')).toMatch(
      /^proxy cost \(USD\/month\) +0\.00 ± 0\.00 +[\d,.]+ ± /,
    );
    const paired = table(text.stdout, 'Paired differences vs none');
    expect(row(paired, 'proxy memory (MiB)')).toMatch(
      /^proxy memory \(MiB\) +\+[\d,.]+ ± [\d,.]+ +\+[\d,.]+ ± /,
    );
    expect(row(paired, 'proxy cost (USD/month)')).toMatch(
      /^proxy cost \(USD\/month\) +\+[\d,.]+ ± [\d,.]+ +\+/,
    );

    const csv = meshsim(...args, '--csv');
    expect(csv.code, csv.stderr).toBe(0);
    const [header = '', ...lines] = csv.stdout.trimEnd().split('\n');
    const names = header.split(',');
    const columns = [
      'proxy_memory_mib_diff_mean',
      'proxy_memory_mib_diff_half_width',
      'proxy_cost_usd_per_month_diff_mean',
      'proxy_cost_usd_per_month_diff_half_width',
      'proxy_memory_mib_mean',
      'proxy_memory_mib_half_width',
      'proxy_cost_usd_per_month_mean',
      'proxy_cost_usd_per_month_half_width',
    ];
    for (const name of columns) expect(names, name).toContain(name);
    const cells = lines.map((line) => line.split(','));
    const cell = (shape: number, name: string): string => cells[shape]?.[names.indexOf(name)] ?? '?';
    expect([cell(0, 'proxy_memory_mib_mean'), cell(0, 'proxy_memory_mib_diff_mean')]).toEqual(['0', '']);
    expect(Number(cell(1, 'proxy_memory_mib_mean'))).toBeGreaterThan(0);
    expect(Number(cell(1, 'proxy_memory_mib_diff_mean'))).toBe(Number(cell(1, 'proxy_memory_mib_mean')));
    expect(Number(cell(2, 'proxy_cost_usd_per_month_half_width'))).toBeGreaterThan(0);

    const json = meshsim(...args, '--json');
    expect(json.code, json.stderr).toBe(0);
    const document = JSON.parse(json.stdout) as {
      intervals: { shape: string; figures: { key: string }[] }[];
      paired: { shape: string; differences: { key: string; significant: boolean | null }[] }[];
    };
    for (const shape of document.intervals) {
      expect(shape.figures.map((f) => f.key)).toEqual(
        expect.arrayContaining(['proxyMemoryMiB', 'proxyCostPerMonthUsd']),
      );
    }
    for (const shape of document.paired) {
      const keys = shape.differences.map((d) => d.key);
      expect(keys.indexOf('proxyMemoryMiB')).toBe(keys.indexOf('proxyMemoryRequestedMiB') - 1);
      expect(shape.differences.find((d) => d.key === 'proxyCostPerMonthUsd')?.significant).toBe(true);
    }

    const html = join(dir, 'compare.html');
    expect(meshsim(...args, '--no-progress', '--html', html).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Proxy memory: mean of 3 replications');
    expect(page).toContain('Proxy cost: mean of 3 replications');
    expect(page).toMatch(/<th[^>]*>proxy memory \(MiB\)<\/th>\s*<td[^>]*>0\.0 ± 0\.0<\/td>/);
  });

  it('a sweep stores them per run: the exported runs have their columns', () => {
    const store = join(dir, 'sweep.duckdb');
    const csv = join(dir, 'runs.csv');
    const sweep = meshsim(
      'sweep',
      CHAIN,
      '--set',
      'mesh=none,istio-sidecar',
      '--replications',
      '2',
      '--workers',
      '1',
      '--no-progress',
      '--store',
      store,
      '--csv',
      csv,
    );
    expect(sweep.code, sweep.stderr).toBe(0);
    const [header = '', ...lines] = readFileSync(csv, 'utf8').trimEnd().split('\n');
    const names = header.split(',');
    // The last columns (counted from the end: the warnings before them are quoted JSON that may hold commas).
    // Then the three figures under the CSVs' names (end_to_end_p50_ms, …) and the three cascade figures.
    expect(names.slice(-9, -6)).toEqual(['proxy_memory_mib', 'proxy_cost_usd_per_month', 'lossy']);
    // `none`'s two runs have no proxies (0), istio-sidecar's use memory that costs.
    const used = lines.map((line) => line.split(',').slice(-9, -7).map(Number));
    expect(used.map(([memory, cost]) => [(memory ?? NaN) > 0, (cost ?? NaN) > 0])).toEqual([
      [false, false],
      [false, false],
      [true, true],
      [true, true],
    ]);
  });
});
