// docs/telemetry.md against the code: the tail-sampling figures it quotes (steady-3tier's slow traces, the retry
// storm's failed ones), the summary line of its code example, and the Fortio and SMP latencies it quotes (the run's
// against Envoy's buckets) are what the model gives; its response-code table covers every failure cause.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { FAILURE_CAUSES, simulate } from '@meshsim/mesh';
import type { TelemetryOptions } from '@meshsim/mesh';
import { applyOverrides, loadScenario } from '@meshsim/scenario';

import { renderSmpResult, renderTraceSummary } from '../src/index.js';
import { histogramPercentile, histogramRange, sourceHistogram } from '../src/internal/sourceHistogram.js';

const page = readFileSync(fileURLToPath(new URL('../../../docs/telemetry.md', import.meta.url)), 'utf8');
/** The page with its line breaks as spaces (sentences wrap). */
const text = page.replace(/\s*\n\s*/g, ' ');

function summary(scenario: string, telemetry: TelemetryOptions, durationMs?: number): string {
  const config = loadScenario(scenario);
  const result = simulate(durationMs === undefined ? config : applyOverrides(config, { durationMs }), {
    telemetry,
  });
  return renderTraceSummary(result) ?? '';
}

describe('docs/telemetry.md: response codes and flags', () => {
  it('gives the response code of every failure cause of FAILURE_CAUSES, each once', () => {
    const start = page.indexOf('## Response codes and flags');
    const rows = page
      .slice(start, page.indexOf('\n## ', start + 1))
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .slice(2);
    // Each row's first cell names its outcomes, backticked (`timeout`, `per-try-timeout`), before any explanation.
    const named = rows.flatMap((row) =>
      [...(row.split('|')[1] ?? '').replace(/\(.*\)/, '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1] ?? ''),
    );
    expect([...named].sort()).toEqual([...FAILURE_CAUSES].sort());
  });
});

describe('docs/telemetry.md matches the trace sampling it describes', () => {
  it("quotes steady-3tier's traces longer than 100 ms, in prose and in the code example", () => {
    const line = summary('steady-3tier', { traceSampleRate: 0, traceKeep: { slowerThanMs: 100 } }, 60_000);
    expect(line).toMatch(/^27 traces kept of 28,378 requests: /);
    expect(page).toContain(`console.log(renderTraceSummary(slow)); // ${line}`);
    expect(text).toContain('keeps the 27 requests (of 28,378) that took longer than 100 ms');
  });

  it("quotes 1 % of the retry storm's failed requests", () => {
    const line = summary('retry-storm', { traceSampleRate: 0, traceKeep: { errors: true, share: 0.01 } });
    expect(text).toContain(`stderr says so: \`${line}\``);
    const [, kept = '', requests = '', picked = ''] =
      /^([\d,]+) traces kept of ([\d,]+) requests: .* \(1 % of the ([\d,]+) these rules picked\)\.$/.exec(
        line,
      ) ?? [];
    expect(text).toContain(`(${kept} of the ${picked} that failed, of ${requests})`);
  });
});

describe('docs/telemetry.md matches the Fortio and SMP latencies it quotes', () => {
  /** The SMP latencies of a bundled scenario's run, its source edges, and the bucket estimates of its requests. */
  function latencies(scenario: string): {
    smp: { labels: Record<string, string>; latenciesMs: Record<string, number> };
    edge: { p90Ms: number; p99Ms: number; maxMs: number };
    buckets: { p90: number; p99: number; max: number };
  } {
    const result = simulate(loadScenario(scenario), { telemetry: { requests: true } });
    const services = new Set(result.services.map((s) => s.name));
    const sources = result.edges.filter((e) => !services.has(e.source));
    const requests = result.telemetry?.requests;
    if (requests === undefined) throw new Error(`${scenario}: no request series`);
    const histogram = sourceHistogram(
      requests,
      sources.map((e) => e.source),
    );
    return {
      smp: JSON.parse(renderSmpResult(result)) as ReturnType<typeof latencies>['smp'],
      edge: sources[0]?.latency ?? { p90Ms: 0, p99Ms: 0, maxMs: 0 },
      buckets: {
        p90: histogramPercentile(histogram, 90),
        p99: histogramPercentile(histogram, 99),
        max: histogramRange(histogram)[1],
      },
    };
  }
  const fixed = (value: number, decimals = 2): string => value.toFixed(decimals);

  it("quotes overhead-3tier's run latencies against its bucket estimates, and gives the run's", () => {
    const { smp, edge, buckets } = latencies('overhead-3tier');
    expect(text).toContain(
      `overhead-3tier's p99 would read ${fixed(buckets.p99)} ms where the run measured ${fixed(edge.p99Ms)} ms, ` +
        `its p90 ${fixed(buckets.p90)} ms (${fixed(edge.p90Ms)} ms), its maximum ${String(buckets.max)} ms, the ` +
        `bucket's top edge (${fixed(edge.maxMs)} ms)`,
    );
    expect(smp.labels['latencies']).toBe('run');
    expect(fixed(smp.latenciesMs['p99'] ?? 0)).toBe(fixed(edge.p99Ms));
  });

  it("says SMP over steady-3tier's two sources gives the run's end-to-end latencies, as it does", () => {
    const result = simulate(applyOverrides(loadScenario('steady-3tier'), { durationMs: 10_000 }), {
      telemetry: { requests: true },
    });
    const smp = JSON.parse(renderSmpResult(result)) as { labels: Record<string, string> };
    expect(smp.labels['latencies']).toBe('run');
    expect(text).toContain("with several sources the end-to-end figures: steady-3tier's two) are the run's");
    expect(text).not.toContain('do not merge');
  });

  it("quotes the retry storm's p99 over every completed request against its successful calls'", () => {
    const { smp, edge } = latencies('retry-storm');
    expect(smp.labels['latencies']).toBe('buckets');
    const all = Math.round(smp.latenciesMs['p99'] ?? 0).toLocaleString('en-US');
    expect(text).toContain(
      `retry-storm's p99 over every completed request is ${all} ms, its timeouts included, against ` +
        `${fixed(edge.p99Ms, 1)} ms for the successful calls`,
    );
  });
});
