// The HTML reports lay out the same tables as the text outputs: same tables, same columns (units
// included) and, for a comparison, the same metric rows. A column added to one and not the other fails.

import type { Diagnosis } from '@meshsim/analysis';
import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonHtml,
  renderComparisonText,
  renderHtml,
  renderText,
  summarizeComparison,
} from '../src/index.js';
import {
  figuresWith,
  makeDiagnosis,
  makePricedResult,
  makePricedShape,
  makeResult,
} from './__helpers__/fixtures.js';

/** Cuts a text table line into its cells, at the column boundaries of the table's dashes line. */
function cells(line: string, dashes: string): string[] {
  return [...dashes.matchAll(/-+/g)].map((m) => line.slice(m.index, m.index + m[0].length).trim());
}

/** The text's tables: title (the line above the header; '' if none) → header cells and first cells. */
function textTables(text: string): Map<string, { header: string[]; rowHeads: string[] }> {
  const lines = text.split('\n');
  const tables = new Map<string, { header: string[]; rowHeads: string[] }>();
  for (let i = 1; i + 1 < lines.length; i++) {
    const dashes = lines[i + 1] ?? '';
    if (!/^-+( +-+)*$/.test(dashes)) continue;
    const rowHeads: string[] = [];
    // A table ends at a blank line or at the proxies' price line under it.
    for (let j = i + 2; j < lines.length && !/^(|Prices: .*)$/.test(lines[j] ?? ''); j++)
      rowHeads.push(cells(lines[j] ?? '', dashes)[0] ?? '');
    const title = lines[i - 1] ?? '';
    tables.set(title.startsWith('Compare ') ? '' : title, {
      header: cells(lines[i] ?? '', dashes),
      rowHeads,
    });
  }
  return tables;
}

function unescape(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The page's tables: caption → column headers and row headers. */
function htmlTables(html: string): Map<string, { header: string[]; rowHeads: string[] }> {
  const tables = new Map<string, { header: string[]; rowHeads: string[] }>();
  for (const m of html.matchAll(
    /<caption>(.*?)<\/caption>\s*<thead><tr>(.*?)<\/tr><\/thead>(.*?)<\/table>/gs,
  )) {
    const header = [...(m[2] ?? '').matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((h) =>
      unescape(h[1] ?? ''),
    );
    const rowHeads = [...(m[3] ?? '').matchAll(/<th scope="row"[^>]*>(.*?)<\/th>/g)].map((h) =>
      unescape(h[1] ?? ''),
    );
    tables.set(unescape(m[1] ?? ''), { header, rowHeads });
  }
  return tables;
}

describe('the HTML run report', () => {
  it.each([
    ['without node CPU', makeResult()],
    ['with node CPU, handshakes and versions', makePricedResult()],
  ])('has every table of the text summary, with the same columns (%s)', (_, result: SimulationResult) => {
    const text = textTables(renderText(result));
    const html = htmlTables(renderHtml(result));
    // The timeline is drawn as charts in the page, not as a table.
    const titles = [...text.keys()].filter((title) => !title.startsWith('Timeline'));
    expect(titles.length).toBeGreaterThanOrEqual(4);
    for (const title of titles) expect({ title, ...html.get(title) }).toEqual({ title, ...text.get(title) });
  });

  it("has the text diagnosis' tables, with the same columns and rows, and each of its labelled lines", () => {
    const result = makeResult();
    const diagnosis = makeDiagnosis();
    const text = renderText(result, { diagnosis });
    const page = renderHtml(result, { diagnosis });
    const html = htmlTables(page);
    const titles = [...textTables(text).keys()].filter(
      (title) => title.startsWith('Goodput') || title.startsWith('Work amplification'),
    );
    expect(titles).toHaveLength(2);
    for (const title of titles)
      expect({ title, ...html.get(title) }).toEqual({ title, ...textTables(text).get(title) });
    const section = /<section id="diagnosis"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    const facts = [...section.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)].map(
      (m) => `${unescape(m[1] ?? '')}: ${unescape(m[2] ?? '')}`,
    );
    expect(facts).toHaveLength(4);
    for (const line of facts) expect(text.split('\n')).toContain(line);
  });

  it('states the connections line of the text summary', () => {
    const result = makePricedResult();
    const line =
      'Connections: 12 opened, 12 TLS handshakes (24 handshake ends: a client and a server end each, as the ' +
      'Proxies table counts them; 9.60 ms of CPU)';
    expect(renderText(result)).toContain(`\n${line}\n`);
    expect(renderHtml(result)).toContain(`<p>${line}.</p>`);
  });

  it('groups the thousands of a large handshake CPU, as the other figures', () => {
    const result = makePricedResult();
    const connections = { ...result.connections, handshakeCpuMs: 100_361.3 };
    expect(renderText({ ...result, connections })).toContain('counts them; 100,361 ms of CPU)');
    const compared = renderComparisonText(summarizeComparison([{ ...result, connections }]));
    expect(compared).toMatch(/^handshake CPU \(ms\)\s+100,361\.3$/m);
    expect(compared).toContain(', 1 mesh shape, same arrivals');
  });
});

/** A diagnosis with a verdict and nothing else to tell. */
const STABLE: Diagnosis = {
  verdict: 'stable',
  lossy: false,
  reason: 'no trigger',
  triggers: [],
  lastTriggerEndMs: null,
  recoveryMs: null,
  stillDownMs: null,
  sources: [],
  loop: null,
  amplification: [],
  cascade: [],
  saturatedBeforeTrigger: [],
};

describe('the HTML comparison report', () => {
  it.each([
    ['without node CPU', makeResult()],
    ['with node CPU and connections', makePricedShape()],
  ])('has the metric rows of the text comparison, in order (%s)', (_, shape: SimulationResult) => {
    const baseline = makeResult();
    baseline.scenario = { ...baseline.scenario, mesh: 'none' };
    const results = [baseline, shape];
    const text = textTables(renderComparisonText(summarizeComparison(results))).get('');
    const html = htmlTables(renderComparisonHtml(results)).get('Metrics per mesh shape');
    expect(text?.rowHeads.length).toBeGreaterThanOrEqual(15);
    expect(html?.rowHeads).toEqual(text?.rowHeads);
  });

  it('has the verdict and cascade rows of the text comparison when given the diagnoses', () => {
    const baseline = makeResult();
    baseline.scenario = { ...baseline.scenario, mesh: 'none' };
    const results = [baseline, makeResult()];
    const diagnoses = [STABLE, { ...STABLE, verdict: 'degraded' as const }];
    const text = textTables(renderComparisonText(summarizeComparison(results, { diagnoses }))).get('');
    const html = htmlTables(renderComparisonHtml(results, { diagnoses })).get('Metrics per mesh shape');
    expect(text?.rowHeads).toContain('verdict');
    expect(text?.rowHeads).toContain('recovery after the last trigger');
    expect(text?.rowHeads).toContain('peak attempts during triggers (per request)');
    expect(html?.rowHeads).toEqual(text?.rowHeads);
    expect(renderComparisonHtml(results, { diagnoses })).toContain('<td class="num">degraded</td>');
    // Degraded with no trigger (the fixture has none): nothing to recover from.
    expect(renderComparisonHtml(results, { diagnoses })).toContain('<td class="num">no trigger</td>');
  });

  it('has the intervals per shape and the paired differences of the text comparison, and its sentence on the first replication', () => {
    const baseline = makeResult();
    baseline.scenario = { ...baseline.scenario, mesh: 'none' };
    const results = [baseline, makeResult()];
    const replications = [
      [figuresWith(10, 0.9), figuresWith(20, 0.8), figuresWith(15, 0.95)],
      [figuresWith(12, 0.91), figuresWith(22, 0.79), figuresWith(17, 0.96)],
    ];
    const textOutput = renderComparisonText(summarizeComparison(results, { replications }));
    const htmlOutput = renderComparisonHtml(results, { replications });
    const title =
      'Paired differences vs none over 3 replications on the same seeds ' +
      '(mean ± 95 % CI; n.s. = not significant: the interval holds 0)';
    const text = textTables(textOutput).get(title);
    expect(text?.header).toEqual(['figure', 'istio-sidecar − none']);
    expect(text?.rowHeads).toContain('end-to-end p99 (ms)');
    expect(htmlTables(htmlOutput).get(title)).toEqual(text);
    // Each shape's figures as mean ± 95 % CI, the same table.
    const intervals = 'Per shape over 3 replications (mean ± 95 % CI, Student t)';
    expect(textTables(textOutput).get(intervals)?.header).toEqual(['figure', 'none', 'istio-sidecar']);
    expect(htmlTables(htmlOutput).get(intervals)).toEqual(textTables(textOutput).get(intervals));
    expect(htmlOutput).toContain(
      '<th scope="row">end-to-end p99 (ms)</th><td class="num">15.00 ± 12.42</td><td class="num">17.00 ± 12.42</td>',
    );
    expect(textOutput).toMatch(/end-to-end p99 \(ms\)\s+\+2\.00 ± 0\.00\n/);
    expect(htmlOutput).toContain('<th scope="row">end-to-end p99 (ms)</th><td class="num">+2.00 ± 0.00</td>');
    const sentence = `The table: the first of 3 replications (seed ${String(baseline.scenario.seed)}); the intervals per shape and the paired differences below: all of them`;
    expect(textOutput).toContain(`\n${sentence}\n`);
    expect(htmlOutput).toContain(`<li>${sentence}.</li>`);
    // Without replications, neither.
    expect(renderComparisonHtml(results)).not.toContain('Paired differences');
    expect(renderComparisonHtml(results)).not.toContain('Per shape over');
    expect(renderComparisonHtml(results)).not.toContain('The table: the first of');
  });
});
