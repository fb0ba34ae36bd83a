// Renders a ComparisonSummary: one column per mesh shape (text), or a documented JSON document.

import { formatTable } from './formatTable.js';
import { count, duration, fixed, ms, percent, round as roundNumber } from './internal/format.js';
import type { ComparisonSummary, ShapeSummary } from './summarizeComparison.js';

/** JSON schema version of `renderComparisonJson` output. */
export const COMPARISON_SCHEMA_VERSION = 1;

const signedMs = (value: number): string => (value > 0 ? `+${ms(value)}` : ms(value));

/**
 * The comparison as text: a metrics table with one column per shape, the added latency per edge,
 * then each shape's warnings (policies asked for that the shape cannot enforce).
 */
export function renderComparisonText(summary: ComparisonSummary): string {
  const shapes = summary.shapes;
  const columns = [{ header: 'metric', align: 'left' as const }, ...shapes.map((s) => ({ header: s.shape }))];
  const row = (label: string, cell: (s: ShapeSummary) => string): string[] => [label, ...shapes.map(cell)];
  const sections: string[] = [];
  sections.push(
    `Compare ${summary.scenario}: seed ${String(summary.seed)}, duration ${duration(summary.durationMs)}, ` +
      `${shapes.length} mesh shapes, same arrivals and service times in every run; added latency vs ${summary.baseline}`,
  );
  sections.push(
    formatTable(columns, [
      row('success (%)', (s) => percent(s.successRate, 2)),
      row('end-to-end p50 (ms)', (s) => ms(s.endToEndP50Ms)),
      row('end-to-end p99 (ms)', (s) => ms(s.endToEndP99Ms)),
      row(`added p50 vs ${summary.baseline} (ms)`, (s) => signedMs(s.addedP50Ms)),
      row(`added p99 vs ${summary.baseline} (ms)`, (s) => signedMs(s.addedP99Ms)),
      row('retries per call (%)', (s) => percent(s.retryRatio, 2)),
      row('work per request (server calls)', (s) => fixed(s.workPerRequest, 2)),
      row('proxies', (s) => count(s.proxies)),
      row('proxy CPU (cores)', (s) => fixed(s.proxyCpuCores, 3)),
      row('proxy memory (MiB)', (s) => fixed(s.proxyMemoryMiB, 1)),
      row('proxy cost (USD/month)', (s) => (s.costPerMonthUsd === null ? '–' : fixed(s.costPerMonthUsd, 0))),
      row('warnings', (s) => count(s.warnings.length)),
    ]).trimEnd(),
  );
  const edgeKeys = shapes[0]?.edges.map((e) => `${e.source} → ${e.destination}`) ?? [];
  if (edgeKeys.length > 0) {
    sections.push(
      formatTable(
        [{ header: 'edge', align: 'left' }, ...shapes.map((s) => ({ header: `${s.shape} p50/p99 (ms)` }))],
        edgeKeys.map((key, i) => [
          key,
          ...shapes.map((s) => {
            const e = s.edges[i];
            return e === undefined ? '–' : `${signedMs(e.addedP50Ms)} / ${signedMs(e.addedP99Ms)}`;
          }),
        ]),
        { title: `Added latency per edge vs ${summary.baseline}` },
      ).trimEnd(),
    );
  }
  const warned = shapes.filter((s) => s.warnings.length > 0);
  if (warned.length > 0) {
    sections.push(
      ['Warnings (policies a shape cannot enforce, and other notes):']
        .concat(warned.flatMap((s) => s.warnings.map((w) => `  [${s.shape}] ${w}`)))
        .join('\n'),
    );
  }
  return sections.join('\n\n') + '\n';
}

/** The comparison as JSON (`schemaVersion` 1; numbers rounded for byte-stable output). */
export function renderComparisonJson(summary: ComparisonSummary): string {
  const round = (value: number): number | null => roundNumber(value, 6);
  const document = {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    scenario: summary.scenario,
    seed: summary.seed,
    durationMs: summary.durationMs,
    baseline: summary.baseline,
    shapes: summary.shapes.map((s) => ({
      shape: s.shape,
      successRate: round(s.successRate),
      endToEndP50Ms: round(s.endToEndP50Ms),
      endToEndP99Ms: round(s.endToEndP99Ms),
      addedP50Ms: round(s.addedP50Ms),
      addedP99Ms: round(s.addedP99Ms),
      retryRatio: round(s.retryRatio),
      workPerRequest: round(s.workPerRequest),
      proxies: s.proxies,
      proxyCpuCores: round(s.proxyCpuCores),
      proxyMemoryMiB: round(s.proxyMemoryMiB),
      costPerMonthUsd: s.costPerMonthUsd === null ? null : round(s.costPerMonthUsd),
      edges: s.edges.map((e) => ({
        source: e.source,
        destination: e.destination,
        p50Ms: round(e.p50Ms),
        p99Ms: round(e.p99Ms),
        addedP50Ms: round(e.addedP50Ms),
        addedP99Ms: round(e.addedP99Ms),
      })),
      warnings: s.warnings,
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}
