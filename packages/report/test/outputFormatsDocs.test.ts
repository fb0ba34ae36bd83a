// Keeps docs/output-formats.md true to the renderers: every column, field and metric list marked there
// (`<!-- columns: … -->`, `<!-- fields: … -->`, `<!-- metrics: … -->`) equals, in order, what the
// renderers print for the priced fixture, and every text table the renderer prints is documented.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { CASCADE_FIGURES, RUN_FIGURES, countVerdicts, figureIntervals, runFigures } from '@meshsim/analysis';
import type { ReplicationSummary } from '@meshsim/analysis';
import { FAILURE_CAUSES } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  renderComparisonCsv,
  renderComparisonJson,
  renderEdgesCsv,
  renderJson,
  renderNodesCsv,
  renderOpenMetrics,
  renderProxiesCsv,
  renderReplicationsCsv,
  renderServiceSeriesCsv,
  renderText,
  renderTimeSeriesCsv,
  renderVersionsCsv,
  summarizeComparison,
} from '../src/index.js';
import { REJECTED_CAUSES, TIMEOUT_CAUSES } from '../src/internal/derived.js';
import { makeDiagnosis, makePricedResult, makePricedShape, makeResult } from './__helpers__/fixtures.js';

const page = readFileSync(fileURLToPath(new URL('../../../docs/output-formats.md', import.meta.url)), 'utf8');

/** The lines after the marker `<!-- <name> -->`, up to the first blank line after the content starts. */
function after(name: string): string[] {
  const lines = page.split('\n');
  const at = lines.findIndex((line) => line.trim() === `<!-- ${name} -->`);
  expect(at, `docs/output-formats.md has the marker <!-- ${name} -->`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(at + 1).map((line) => line.trim());
  const end = rest.findIndex((line) => line === '');
  return end === -1 ? rest : rest.slice(0, end);
}

/** The backticked names in the first cell of each row of the markdown table after the marker. */
function tableNames(name: string): string[] {
  return after(name)
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''));
}

/** The second cell of each row of the markdown table after the marker. */
function secondCells(name: string): string[] {
  return after(name)
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) => (line.split('|')[2] ?? '').trim());
}

/** The lines of the code block after the marker. */
function codeLines(name: string): string[] {
  const lines = after(name);
  expect(lines[0]).toBe('```');
  return lines.slice(1, lines.indexOf('```', 1));
}

/** The header line of a CSV text. */
function csvHeader(csv: string): string {
  return csv.split('\n')[0] ?? '';
}

/** Each text table of `text`, by title: its column headers in order. */
function textTables(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const tables = new Map<string, string[]>();
  lines.forEach((line, i) => {
    if (i >= 2 && /^-+( {2,}-+)*$/.test(line)) {
      tables.set(
        lines[i - 2] ?? '',
        (lines[i - 1] ?? '')
          .trim()
          .split(/\s{2,}/)
          .filter((h) => h !== ''),
      );
    }
  });
  return tables;
}

describe('docs/output-formats.md', () => {
  const text = renderText(makePricedResult());
  const tables = [...textTables(text)];

  it('the priced fixture prints every text table (so that every one is checked)', () => {
    expect(tables.map(([title]) => title)).toEqual([
      'Edges (caller → callee; p50/p99 of successful calls)',
      'Timeline (traffic sources; retries on every edge)',
      'Policy events',
      'Policy time',
      'Services',
      'Server-side protections (requests refused or dropped)',
      'Versions',
      'Nodes (CPU)',
      'Service CPU (application containers)',
      'Proxies',
    ]);
  });

  it.each(tables)('documents the columns of the text table "%s", in order', (title, headers) => {
    // The timeline names the busiest service (checkout in the fixture) in a header.
    const documented = tableNames(`columns: text ${title}`).map((h) => h.replace('<service>', 'checkout'));
    expect(documented).toEqual(headers);
  });

  it('documents the CSV columns of every CSV table, in order', () => {
    const result = makePricedResult();
    const edges = codeLines('columns: csv edges').join('');
    expect(
      edges
        .replace('[,policy_<event>...]', ',policy_breaker_trip,policy_retry_budget_denied')
        .replace('[,policy_<state>_ms...]', ',policy_breaker_open_ms'),
    ).toBe(csvHeader(renderEdgesCsv(result)));
    expect(codeLines('columns: csv proxies')[0]).toBe(csvHeader(renderProxiesCsv(result)));
    expect(codeLines('columns: csv nodes')[0]).toBe(csvHeader(renderNodesCsv(result)));
    expect(codeLines('columns: csv edge series')[0]).toBe(csvHeader(renderTimeSeriesCsv(result)));
    expect(codeLines('columns: csv service series')[0]).toBe(csvHeader(renderServiceSeriesCsv(result)));
    expect(codeLines('columns: csv versions')[0]).toBe(csvHeader(renderVersionsCsv(result)));
    const comparison = summarizeComparison([makeResult(), makePricedShape()]);
    expect(codeLines('columns: csv comparison')[0]).toBe(csvHeader(renderComparisonCsv(comparison)));
    // With replications, the paired-difference columns follow (with every replication's diagnosis, as `compare` gives
    // them, those of the cascade figures too).
    const results = [makeResult(), makePricedShape()];
    const replicated = summarizeComparison(results, {
      replications: results.map((result) => [runFigures(result), runFigures(result)]),
      replicationDiagnoses: results.map(() => [makeDiagnosis(), makeDiagnosis()]),
    });
    expect(
      `${codeLines('columns: csv comparison')[0] ?? ''},${codeLines('columns: csv comparison replications')[0] ?? ''}`,
    ).toBe(csvHeader(renderComparisonCsv(replicated)));
  });

  it('documents every OpenMetrics family, in order, with its type and unit', () => {
    const exposition = renderOpenMetrics(makePricedResult());
    const families = [...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name = '', type = '']) => ({
      sample: type === 'counter' ? `${name}_total` : type === 'info' ? `${name}_info` : name,
      type,
      unit: new RegExp(`^# UNIT ${name} (\\S+)$`, 'm').exec(exposition)?.[1],
    }));
    expect(tableNames('metrics: openmetrics')).toEqual(families.map((f) => f.sample));
    expect(secondCells('metrics: openmetrics')).toEqual(
      families.map((f) => (f.unit === undefined ? f.type : `${f.type}, unit \`${f.unit}\``)),
    );
  });

  it('documents the replications CSV columns and OpenMetrics families, in order, with type and unit', () => {
    const result = makePricedResult();
    const figures = runFigures(result);
    const summary: ReplicationSummary = {
      n: 2,
      seeds: [1, 2],
      verdicts: countVerdicts(['stable', 'stable']),
      lossy: countVerdicts([]),
      figures: figureIntervals(
        [figures, figures],
        RUN_FIGURES.map((f) => f.key),
      ),
    };
    expect(codeLines('columns: csv replications')[0]).toBe(csvHeader(renderReplicationsCsv(summary)));
    // The families after those of the run alone.
    const alone = renderOpenMetrics(result);
    const exposition = renderOpenMetrics(result, { replications: summary });
    expect(exposition.startsWith(alone.replace('# EOF\n', ''))).toBe(true);
    const added = exposition.slice(alone.length - '# EOF\n'.length);
    const families = [...added.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name = '', type = '']) => ({
      name,
      type,
      unit: new RegExp(`^# UNIT ${name} (\\S+)$`, 'm').exec(added)?.[1],
    }));
    expect(tableNames('metrics: openmetrics replications')).toEqual(families.map((f) => f.name));
    expect(secondCells('metrics: openmetrics replications')).toEqual(
      families.map((f) => (f.unit === undefined ? f.type : `${f.type}, unit \`${f.unit}\``)),
    );
  });

  it('documents every JSON field of edges, services, proxies and proxy kinds, in order', () => {
    const json = JSON.parse(renderJson(makePricedResult())) as {
      edges: object[];
      services: object[];
      proxies: { byKind: object[] };
    };
    expect(tableNames('fields: json edges')).toEqual(Object.keys(json.edges[0] ?? {}));
    expect(tableNames('fields: json services')).toEqual(Object.keys(json.services[0] ?? {}));
    expect(tableNames('fields: json proxies')).toEqual(Object.keys(json.proxies));
    expect(tableNames('fields: json proxies.byKind')).toEqual(Object.keys(json.proxies.byKind[0] ?? {}));
  });

  it('documents every field of a mesh profile in the JSON (a waypoint profile has replicas too), in order', () => {
    const json = JSON.parse(renderJson(makePricedResult())) as { scenario: { meshProfiles: object[] } };
    const fields = [...new Set(json.scenario.meshProfiles.flatMap((profile) => Object.keys(profile)))];
    expect(fields).toContain('replicas');
    expect(tableNames('fields: json scenario.meshProfiles')).toEqual(fields);
  });

  it('documents every field of a shape in the comparison JSON', () => {
    const json = JSON.parse(renderComparisonJson(summarizeComparison([makeResult(), makePricedShape()]))) as {
      shapes: object[];
    };
    const rows = after('fields: comparison shapes')
      .filter((line) => line.startsWith('| `shapes[].'))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''));
    expect(rows.map((name) => name.replace(/^shapes\[\]\./, '').replace(/\[\]$/, ''))).toEqual(
      Object.keys(json.shapes[0] ?? {}),
    );
  });

  it('documents every top-level field of the comparison JSON before its shapes, in order', () => {
    const json = JSON.parse(
      renderComparisonJson(summarizeComparison([makeResult(), makePricedShape()])),
    ) as object;
    const keys = Object.keys(json);
    const rows = after('fields: comparison shapes')
      .filter((line) => line.startsWith('| `') && !line.startsWith('| `shapes[].'))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''));
    // `schemaVersion` is said above the table (`schemaVersion` 1).
    expect(['schemaVersion', ...rows]).toEqual(keys.slice(0, keys.indexOf('shapes')));
  });

  it('documents every key of the comparison JSON paired differences and intervals, in order', () => {
    const documented = (codeLines('keys: comparison paired')[0] ?? '').split(',');
    expect(documented).toEqual(RUN_FIGURES.map((figure) => figure.key));
    // The priced fixture (nodes with a size, prices) gives every figure, so its paired differences have every key.
    const results = [makePricedResult(), makePricedResult()];
    const json = JSON.parse(
      renderComparisonJson(
        summarizeComparison(results, {
          replications: results.map((result) => [runFigures(result), runFigures(result)]),
        }),
      ),
    ) as { paired: { differences: { key: string }[] }[]; intervals: { figures: { key: string }[] }[] };
    expect(json.paired[0]?.differences.map((d) => d.key)).toEqual(documented);
    // The cascade figures', given every replication's diagnosis.
    expect((codeLines('keys: comparison paired cascade')[0] ?? '').split(',')).toEqual(
      CASCADE_FIGURES.map((figure) => figure.key),
    );
    expect(json.intervals[0]?.figures.map((f) => f.key)).toEqual(documented);
  });
});

describe('docs/output-formats.md: failure causes', () => {
  /** A text table's row `| \`name\` | meaning |` after the marker: its meaning cell. */
  function meaning(marker: string, column: string): string {
    const row = after(marker).find((line) => line.startsWith(`| \`${column}\` |`));
    expect(row, `${marker}: a row for ${column}`).toBeDefined();
    return (row ?? '').split('|')[2] ?? '';
  }
  const backticked = (text: string): string[] => [...text.matchAll(/`([a-z-]+)`/g)].map((m) => m[1] ?? '');

  it('the Definitions list defines every cause of FAILURE_CAUSES, in reporting order', () => {
    const start = page.indexOf('- **failure causes**');
    const bullet = page.slice(start, page.indexOf('\n- **', start + 1));
    // Each cause is a backticked name followed by its definition in parentheses.
    const defined = [...bullet.matchAll(/`([a-z-]+)` \(/g)].map((m) => m[1]);
    expect(defined).toEqual(FAILURE_CAUSES);
  });

  it("the edge table's timeouts, rejected and errors columns name the causes each counts", () => {
    const edges = 'columns: text Edges (caller → callee; p50/p99 of successful calls)';
    expect(backticked(meaning(edges, 'timeouts'))).toEqual(TIMEOUT_CAUSES);
    expect(backticked(meaning(edges, 'rejected'))).toEqual(REJECTED_CAUSES);
    const others = FAILURE_CAUSES.filter((c) => !TIMEOUT_CAUSES.includes(c) && !REJECTED_CAUSES.includes(c));
    expect(backticked(meaning(edges, 'errors'))).toEqual(others);
  });

  it("the services' errors are defined as every error answer, a failed dependency's 502/503/504 included", () => {
    for (const definition of [
      meaning('columns: text Services', 'errors'),
      page.split('\n').find((line) => line.startsWith('| `errors` | integer | requests |')) ?? '',
    ]) {
      expect(definition).toContain('onDependencyFailure');
      expect(definition).toMatch(/500.*502, 503, 504/);
    }
  });
});
