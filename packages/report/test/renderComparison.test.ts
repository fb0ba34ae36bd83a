// The comparison with replications: each shape's figures as mean ± 95 % CI (text, JSON, CSV); the CSV's shape numbers
// are the first replication's, and the paired differences vs the baseline and the shape's own intervals follow in
// columns (mean and 95 % half-width per headline figure); the
// overrides in the text and JSON comparisons; and the text comparison's rows read as `run`'s figures do: costs to
// the cent, counts without a unit.

import { RUN_FIGURES, figureIntervals, runFigures } from '@meshsim/analysis';
import type { RunFigures } from '@meshsim/analysis';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonCsv,
  renderComparisonJson,
  renderComparisonHtml,
  renderComparisonText,
  renderText,
  summarizeComparison,
} from '../src/index.js';
import { makePricedShape, makeResult, figuresWith } from './__helpers__/fixtures.js';

/** `figures` with what the proxies use (memory, its cost) multiplied by `factor`: another replication of the run. */
function scaledUse(figures: RunFigures, factor: number): RunFigures {
  const cost = figures.proxyCostPerMonthUsd;
  return {
    ...figures,
    proxyMemoryMiB: (figures.proxyMemoryMiB ?? 0) * factor,
    proxyCostPerMonthUsd: cost === null ? null : cost * factor,
  };
}

/** The CSV as records, header cell → value, one per row (the fixtures' rows have no quoted cell). */
function records(csv: string): Record<string, string>[] {
  expect(csv).not.toContain('"');
  const [header = '', ...lines] = csv.trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
}

describe("a comparison with replications: each shape's figures as mean ± 95 % CI", () => {
  const base = makeResult();
  base.scenario = { ...base.scenario, mesh: 'none' };
  const other = makeResult();
  // p99 10, 20, 15 ms under none and 12, 22, 17 under istio-sidecar; work per request 0.0012 ± … in both.
  const small = (p99: number, success: number, work: number): RunFigures => ({
    ...figuresWith(p99, success),
    workPerRequest: work,
  });
  const replications = [
    [small(10, 0.9, 0.0011), small(20, 0.8, 0.0012), small(15, 0.95, 0.0013)],
    [small(12, 0.91, 0.0011), small(22, 0.79, 0.0012), small(17, 0.96, 0.0013)],
  ];
  const summary = summarizeComparison([base, other], { replications });

  it('computes them as run --replications does, for every shape, the baseline included', () => {
    expect(summary.intervals?.map((s) => s.shape)).toEqual(['none', 'istio-sidecar']);
    const keys = RUN_FIGURES.map((f) => f.key);
    expect(summary.intervals?.[0]?.figures).toEqual(figureIntervals(replications[0] ?? [], keys));
    expect(summary.intervals?.[1]?.figures).toEqual(figureIntervals(replications[1] ?? [], keys));
    expect(summarizeComparison([base, other]).intervals).toBeUndefined();
  });

  it('prints them as a table before the paired differences, with the digits a small interval needs', () => {
    const text = renderComparisonText(summary);
    const title = 'Per shape over 3 replications (mean ± 95 % CI, Student t)';
    expect(text).toContain(`\n\n${title}\nfigure `);
    expect(text.indexOf(title)).toBeLessThan(text.indexOf('Paired differences vs none'));
    const table = text.slice(text.indexOf(title)).split('\n\n')[0] ?? '';
    expect(table).toMatch(/^figure\s+none\s+istio-sidecar$/m);
    // t(0.975, 2) · 5 / √3 = 12.42.
    expect(table).toMatch(/^end-to-end p99 \(ms\)\s+15\.00 ± 12\.42\s+17\.00 ± 12\.42$/m);
    // Work per request has 2 decimals: 0.0012 ± 0.0002 would read 0.00 ± 0.00.
    expect(table).toMatch(/^work per request \(server calls\)\s+0\.0012 ± 0\.0002\s+0\.0012 ± 0\.0002$/m);
    // A figure no run gives has no row.
    expect(table).not.toContain('node CPU');
  });

  it('writes them to the JSON as run --replications --json writes its figures', () => {
    const json = JSON.parse(renderComparisonJson(summary)) as {
      intervals: { shape: string; figures: { key: string }[] }[];
    };
    expect(json.intervals.map((s) => s.shape)).toEqual(['none', 'istio-sidecar']);
    expect(json.intervals[1]?.figures.find((f) => f.key === 'endToEndP99Ms')).toEqual({
      key: 'endToEndP99Ms',
      mean: 17,
      halfWidth: 12.420689,
      min: 12,
      max: 22,
    });
    expect(Object.keys(JSON.parse(renderComparisonJson(summarizeComparison([base, other]))))).not.toContain(
      'intervals',
    );
  });
});

/**
 * A headline figure's CSV name in the comparison: the shape column's where the shape table has the figure, else its
 * key in snake_case.
 */
function csvName(key: string): string {
  const shapeColumn: Record<string, string> = {
    nodeCpuUtilisation: 'node_cpu_mean_ratio',
    proxyCostPerMonthUsd: 'proxy_cost_usd_per_month',
    proxyRequestsCostPerMonthUsd: 'proxy_requests_cost_usd_per_month',
  };
  return (
    shapeColumn[key] ??
    key
      .replace('MiB', 'Mib')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
  );
}

describe('renderComparisonCsv', () => {
  const base = makeResult();
  base.scenario = { ...base.scenario, mesh: 'none' };
  base.warnings = [];
  const other = makeResult();
  other.warnings = [];
  const replications = [
    [figuresWith(10, 0.9), figuresWith(20, 0.8), figuresWith(15, 0.95)],
    [figuresWith(12, 0.91), figuresWith(22, 0.79), figuresWith(17, 0.96)],
  ];

  it('adds replications and, per headline figure, the paired mean and 95 % half-width vs the baseline', () => {
    const plain = renderComparisonCsv(summarizeComparison([base, other]));
    const csv = renderComparisonCsv(summarizeComparison([base, other], { replications }));
    const [plainHeader = ''] = plain.split('\n');
    const [header = ''] = csv.split('\n');
    expect(header).toBe(
      [
        plainHeader,
        'replications',
        ...RUN_FIGURES.flatMap((f) => {
          const name = csvName(f.key);
          return [`${name}_diff_mean`, `${name}_diff_half_width`];
        }),
        ...RUN_FIGURES.flatMap((f) => {
          const name = csvName(f.key);
          return [`${name}_mean`, `${name}_half_width`];
        }),
      ].join(','),
    );
    expect(header).toContain(',end_to_end_p99_ms_diff_mean,end_to_end_p99_ms_diff_half_width,');
    expect(header).toContain(',proxy_memory_requested_mib_diff_mean,');
    const [none, sidecar] = records(csv);
    expect(none?.['replications']).toBe('3');
    expect(sidecar?.['replications']).toBe('3');
    // The baseline has no difference with itself; node figures no run gives are empty too.
    expect(none?.['end_to_end_p99_ms_diff_mean']).toBe('');
    expect(sidecar?.['end_to_end_p99_ms_diff_mean']).toBe('2');
    expect(sidecar?.['end_to_end_p99_ms_diff_half_width']).toBe('0');
    expect(Number(sidecar?.['success_ratio_diff_mean'])).toBeCloseTo(0.0033333, 6);
    expect(Number(sidecar?.['success_ratio_diff_half_width'])).toBeGreaterThan(0);
    expect(sidecar?.['node_cpu_mean_ratio_diff_mean']).toBe('');
    // The shape numbers are those of the table (the first replication): the same as without replications.
    const cut = plainHeader.split(',').length;
    expect(csv.split('\n').map((line) => line.split(',').slice(0, cut).join(','))).toEqual(
      plain.split('\n').map((line) => line.split(',').slice(0, cut).join(',')),
    );
  });

  it('names each figure one way: its interval columns start with the name the shape columns give it', () => {
    const [header = ''] = renderComparisonCsv(summarizeComparison([base, other], { replications })).split(
      '\n',
    );
    const names = header.split(',');
    // One spelling of a unit, one name of the nodes' mean CPU.
    expect(names.filter((name) => name.includes('per_month_usd'))).toEqual([]);
    expect(names.filter((name) => name.includes('node_cpu_utilisation'))).toEqual([]);
    for (const figure of [
      'proxy_cost_usd_per_month',
      'proxy_requests_cost_usd_per_month',
      'node_cpu_mean_ratio',
    ]) {
      expect(names).toContain(figure);
      expect(names).toContain(`${figure}_diff_mean`);
      expect(names).toContain(`${figure}_mean`);
    }
  });

  it("adds, per headline figure, each shape's own mean and 95 % half-width over the replications", () => {
    const [none, sidecar] = records(
      renderComparisonCsv(summarizeComparison([base, other], { replications })),
    );
    // p99 10, 20, 15 ms under none; 12, 22, 17 under istio-sidecar: mean 15 and 17, t(0.975, 2) · 5 / √3.
    expect(none?.['end_to_end_p99_ms_mean']).toBe('15');
    expect(sidecar?.['end_to_end_p99_ms_mean']).toBe('17');
    expect(Number(none?.['end_to_end_p99_ms_half_width'])).toBeCloseTo((4.302653 * 5) / Math.sqrt(3), 4);
    expect(sidecar?.['end_to_end_p99_ms_half_width']).toBe(none?.['end_to_end_p99_ms_half_width']);
    expect(Number(none?.['success_ratio_mean'])).toBeCloseTo(0.883333, 6);
    // A figure no run gives (node CPU on nodes with no size) is empty.
    expect(none?.['node_cpu_mean_ratio_mean']).toBe('');
  });

  it("gives what the proxies use — memory and cost — as the single run's shape table does, over the replications", () => {
    const shapes = [base, makePricedShape()];
    const figures = shapes.map((result) => [0.98, 1, 1.02].map((f) => scaledUse(runFigures(result), f)));
    const summary = summarizeComparison(shapes, { replications: figures });
    // The headers are the shape table's (a single run's), and its numbers the first replication's figures.
    const text = renderComparisonText(summary);
    const rows = (header: string) => text.split('\n').filter((line) => line.startsWith(`${header} `));
    // The shape table, the intervals per shape and the paired differences: a row in each (cost: no pair has it).
    expect(rows('proxy memory (MiB)')).toHaveLength(3);
    expect(rows('proxy cost (USD/month)')).toHaveLength(2);
    const [plain, priced] = summary.shapes;
    expect([plain?.proxyMemoryMiB, priced?.proxyMemoryMiB]).toEqual(shapes.map((r) => r.proxies.memoryMiB));
    expect(priced?.costPerMonthUsd).toBe(figures[1]?.[1]?.proxyCostPerMonthUsd);
    const interval = (shape: number, key: string) =>
      summary.intervals?.[shape]?.figures.find((f) => f.key === key);
    expect(interval(1, 'proxyMemoryMiB')?.mean).toBeCloseTo(priced?.proxyMemoryMiB ?? NaN, 9);
    expect(interval(1, 'proxyMemoryMiB')?.halfWidth).toBeGreaterThan(0);
    expect(interval(1, 'proxyCostPerMonthUsd')?.mean).toBeCloseTo(priced?.costPerMonthUsd ?? NaN, 9);
    // The fixture's baseline has no prices: no cost interval (– in the text), and no paired cost difference.
    expect(interval(0, 'proxyCostPerMonthUsd')).toBeUndefined();
    expect(rows('proxy cost (USD/month)')[1]).toMatch(/ – /);
    expect(summary.paired?.[0]?.differences.map((d) => d.key)).toContain('proxyMemoryMiB');
    expect(summary.paired?.[0]?.differences.map((d) => d.key)).not.toContain('proxyCostPerMonthUsd');
    // CSV and JSON: the same numbers, empty / absent where there are none (never NaN).
    const [none, sidecar] = records(renderComparisonCsv(summary));
    expect(Number(sidecar?.['proxy_memory_mib_mean'])).toBeCloseTo(priced?.proxyMemoryMiB ?? NaN, 4);
    expect(Number(sidecar?.['proxy_memory_mib_diff_mean'])).toBeCloseTo(
      (priced?.proxyMemoryMiB ?? NaN) - (plain?.proxyMemoryMiB ?? NaN),
      4,
    );
    expect(Number(sidecar?.['proxy_cost_usd_per_month_mean'])).toBeGreaterThan(0);
    expect([
      none?.['proxy_cost_usd_per_month_mean'],
      sidecar?.['proxy_cost_usd_per_month_diff_mean'],
    ]).toEqual(['', '']);
    const json = renderComparisonJson(summary);
    expect(json).not.toContain('NaN');
    const document = JSON.parse(json) as { intervals: { figures: { key: string }[] }[] };
    expect(
      document.intervals.map((shape) => shape.figures.map((f) => f.key).includes('proxyMemoryMiB')),
    ).toEqual([true, true]);
  });

  it('has no replication columns without paired differences', () => {
    expect(renderComparisonCsv(summarizeComparison([base, other]))).not.toContain('replications');
  });
});

describe('the overrides of a comparison', () => {
  const base = makeResult();
  base.scenario = { ...base.scenario, mesh: 'none' };
  const results = [base, makeResult()];
  const overrides = ['seed=7', 'traffic.0.rate=800'];

  it('the text names them under its head line; no line without', () => {
    const lines = renderComparisonText(summarizeComparison(results, { overrides })).split('\n');
    expect(lines[0]).toMatch(/^Compare retry-storm: /);
    expect(lines[1]).toBe('Overrides: seed=7, traffic.0.rate=800');
    expect(renderComparisonText(summarizeComparison(results))).not.toContain('Overrides');
  });

  it('the JSON lists them in `overrides`, after durationMs; [] without', () => {
    const doc = JSON.parse(renderComparisonJson(summarizeComparison(results, { overrides }))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(doc).slice(0, 6)).toEqual([
      'schemaVersion',
      'scenario',
      'seed',
      'durationMs',
      'overrides',
      'baseline',
    ]);
    expect(doc['overrides']).toEqual(overrides);
    const plain = JSON.parse(renderComparisonJson(summarizeComparison(results))) as Record<string, unknown>;
    expect(plain['overrides']).toEqual([]);
  });
});

describe('renderComparisonText', () => {
  const base = makeResult();
  base.scenario = { ...base.scenario, mesh: 'none' };
  const priced = makePricedShape();
  const replications = [
    [figuresWith(10, 0.9), figuresWith(20, 0.8), figuresWith(15, 0.95)],
    [figuresWith(12, 0.91), figuresWith(22, 0.79), figuresWith(17, 0.96)],
  ];
  const text = renderComparisonText(summarizeComparison([base, priced], { replications }));

  it("prints the proxy costs to the cent, as run's Proxies table does", () => {
    expect(renderText(priced)).toMatch(/^total \(count: proxies only\) .* 41\.92$/m);
    expect(text).toMatch(/^proxy cost \(USD\/month\) +– +41\.92$/m);
    expect(text).toMatch(/^proxy requests cost \(USD\/month\) +– +98\.64$/m);
  });

  it('says the throttled and CPU wait times are sums over containers and tasks (they can exceed the run)', () => {
    expect(text).toMatch(/^throttled, summed over containers \(ms\) {2}/m);
    expect(text).toMatch(/^CPU wait, summed over tasks \(ms\) {2}/m);
  });

  it('names what a count counts, without a unit (docs/output-formats.md), in the table and the paired differences', () => {
    for (const head of [
      'nodes over-requested',
      'BestEffort app pods',
      'Pending app pods',
      'extra nodes to run them',
    ]) {
      expect(text).toMatch(new RegExp(`^${head}  `, 'm'));
    }
    expect(RUN_FIGURES.map((figure) => figure.header)).toContain('Pending app pods');
    expect(text).not.toContain('(count)');
  });
});

describe('a shape with proxy figures but no proxy pod (a managed hop)', () => {
  const base = makeResult();
  base.scenario = { ...base.scenario, mesh: 'none' };
  const lattice = makePricedShape();
  lattice.scenario = { ...lattice.scenario, mesh: 'vpc-lattice' };
  lattice.proxies = {
    count: 0,
    cpuCores: 0,
    memoryMiB: 0,
    byKind: [
      {
        kind: 'vpc-lattice',
        count: 3,
        cpuCores: 0,
        memoryMiB: 0,
        queued: 0,
        throttledMs: 0,
        cpuWaitMs: 0,
        costPerMonthUsd: 211.77,
      },
    ],
    costPerMonthUsd: 211.77,
    priceSource: 'list prices',
  };
  const note =
    'The proxies row counts proxy pods (sidecars, per-node proxies). vpc-lattice deploys none: its proxy CPU, ' +
    'memory and cost (211.77 USD/month) are of its data plane, AWS VPC Lattice: a managed hop on every call ' +
    '(TLS + IAM, no configurable retries).';

  it('says under the text table why its proxies row reads 0 beside a cost', () => {
    const text = renderComparisonText(summarizeComparison([base, lattice]));
    expect(text).toMatch(/^proxies +5 +0$/m);
    expect(text).toMatch(/^proxy cost \(USD\/month\) +– +211\.77$/m);
    expect(text).toContain(`\n\nNote: ${note}\n\n`);
  });

  it('says it in the HTML report too', () => {
    expect(renderComparisonHtml([base, lattice])).toContain(`<li>${note}</li>`);
  });

  it('has no note when every shape with proxy figures has proxy pods', () => {
    const text = renderComparisonText(summarizeComparison([base, makePricedShape()]));
    expect(text).not.toContain('counts proxy pods');
  });
});
