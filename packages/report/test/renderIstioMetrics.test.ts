// Istio's standard metrics: the exposition is read back by Prometheus's own OpenMetrics parser
// (`promtool tsdb create-blocks-from openmetrics`, then `promtool tsdb dump`), and its counts agree with
// the run's edges.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulate } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';
import { describe, expect, it, onTestFinished } from 'vitest';

import { renderIstioMetrics, renderIstioMetricsLines } from '../src/index.js';
import { makeResult } from './__helpers__/fixtures.js';
import { TELEMETRY_SCENARIO, telemetryRun } from './__helpers__/telemetryRun.js';

/** promtool's path, or null when it is not installed (CI installs it: .ci/run). */
function promtool(): string | null {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return 'promtool';
  } catch {
    return null;
  }
}

const START_MS = Date.UTC(2026, 0, 1, 12);
const result = telemetryRun();
const exposition = renderIstioMetrics(result, { startTimeMs: START_MS });

/** A sample line split into name, labels (as text) and value, timestamp. */
function sampleLines(): { name: string; labels: string; value: number; timestamp: number }[] {
  return exposition
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const open = line.indexOf('{');
      const close = line.lastIndexOf('}');
      const [value = '', timestamp = ''] = line.slice(close + 2).split(' ');
      return {
        name: line.slice(0, open),
        labels: line.slice(open + 1, close),
        value: Number(value),
        timestamp: Number(timestamp),
      };
    });
}

describe('renderIstioMetrics', () => {
  it('writes the four Istio families, counter then histograms, and ends with # EOF', () => {
    const types = exposition.split('\n').filter((line) => line.startsWith('# TYPE '));
    expect(types).toEqual([
      '# TYPE istio_requests counter',
      '# TYPE istio_request_duration_milliseconds histogram',
      '# TYPE istio_request_bytes histogram',
      '# TYPE istio_response_bytes histogram',
    ]);
    expect(exposition.endsWith('\n# EOF\n')).toBe(true);
  });

  it('stamps every sample with a second of simulated time after --start-time', () => {
    const stamps = new Set(sampleLines().map((s) => s.timestamp));
    expect([...stamps].sort()).toEqual([1, 2, 3, 3.5].map((s) => START_MS / 1000 + s));
  });

  it('labels requests as Istio does, with Envoy response flags and versions', () => {
    expect(exposition).toContain('reporter="source",source_workload="frontend"');
    expect(exposition).toContain('destination_workload="checkout-v2"');
    expect(exposition).toContain('destination_version="v2"');
    expect(exposition).toContain(
      'response_flags="URX",connection_security_policy="unknown",response_code="500"',
    );
    expect(exposition).toContain('connection_security_policy="mutual_tls",response_code="200"');
  });

  it("labels a source outside the mesh unknown, and one in a pod (`from`) with the pod's namespace, principal, cluster", () => {
    const meshed = simulate(
      parseScenario(
        TELEMETRY_SCENARIO.replace(
          'traffic:\n  - { name: shoppers, to: frontend, rate: 200/s }',
          'traffic:\n  - { name: shoppers, to: frontend, rate: 200/s }\n  - { name: probe, from: frontend, to: checkout, rate: 20/s }',
        ),
        'meshed.yaml',
      ),
      { telemetry: { requests: true } },
    );
    const text = renderIstioMetrics(meshed, { startTimeMs: START_MS });
    expect(text).toContain(
      'reporter="destination",source_workload="shoppers",source_canonical_service="shoppers",source_canonical_revision="latest",source_workload_namespace="unknown",source_principal="unknown"',
    );
    expect(text).toContain(
      'reporter="destination",source_workload="probe",source_canonical_service="probe",source_canonical_revision="v1",source_workload_namespace="default",source_principal="spiffe://cluster.local/ns/default/sa/frontend"',
    );
  });

  it("counts at the run's end add up to the edges' completed calls", () => {
    const lastTotals = new Map<string, number>();
    for (const s of sampleLines()) if (s.name === 'istio_requests_total') lastTotals.set(s.labels, s.value);
    const completed = (source: string): number =>
      [...lastTotals]
        .filter(([labels]) => labels.startsWith(`reporter="source",source_workload="${source}"`))
        .reduce((n, [, v]) => n + v, 0);
    for (const edge of result.edges) expect(completed(edge.source)).toBe(edge.succeeded + edge.failed);
  });

  it('throws, naming the option, for a result without request series', () => {
    expect(() => renderIstioMetrics(makeResult())).toThrow(/telemetry: \{ requests: true \}/);
    // The lines too, when asked for them, not when first read (the CLI has not opened its file yet).
    expect(() => renderIstioMetricsLines(makeResult())).toThrow(/telemetry: \{ requests: true \}/);
  });

  it('gives the same exposition line by line, each line made when it is read', () => {
    const result = telemetryRun();
    const lines = renderIstioMetricsLines(result);
    expect(lines.next().value).toBe('# TYPE istio_requests counter');
    expect(['# TYPE istio_requests counter', ...lines].join('\n') + '\n').toBe(renderIstioMetrics(result));
  });

  // Prometheus's own parser: required in CI (.ci/run installs promtool), skipped elsewhere without it.
  const tool = promtool();
  it.runIf(tool !== null || process.env['CI'] !== undefined)(
    'backfills into a Prometheus TSDB with promtool',
    () => {
      expect(tool, 'promtool (Debian package prometheus) is installed').not.toBeNull();
      const dir = mkdtempSync(join(tmpdir(), 'meshsim-promtool-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'istio.om');
      writeFileSync(file, exposition);
      execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir, 'data')], {
        stdio: 'pipe',
      });
      // promtool 2.x's dump opens the directory as a live TSDB and wants a write-ahead log folder.
      mkdirSync(join(dir, 'data', 'wal'), { recursive: true });
      const dump = execFileSync(
        'promtool',
        ['tsdb', 'dump', '--match', '{__name__="istio_requests_total"}', join(dir, 'data')],
        {
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
        },
      );
      const lines = dump.split('\n').filter((line) => line.includes('__name__="istio_requests_total"'));
      const totals = new Map<string, { at: number; value: number }>();
      for (const line of lines) {
        const close = line.lastIndexOf('}');
        const [value = '', at = ''] = line.slice(close + 2).split(' ');
        const key = line.slice(0, close);
        const previous = totals.get(key);
        if (previous === undefined || Number(at) > previous.at)
          totals.set(key, { at: Number(at), value: Number(value) });
      }
      const source = [...totals].filter(
        ([key]) => key.includes('reporter="source"') && key.includes('source_workload="shoppers"'),
      );
      const edge = result.edges.find((e) => e.source === 'shoppers');
      expect(source.reduce((n, [, { value }]) => n + value, 0)).toBe(
        (edge?.succeeded ?? 0) + (edge?.failed ?? 0),
      );
      expect(Math.max(...[...totals.values()].map((t) => t.at))).toBe(START_MS + 3500);
    },
  );
});
