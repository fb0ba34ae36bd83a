// The export outputs of `meshsim run` (Istio metrics, OTLP traces, Fortio, SMP), `compare --csv`,
// `list --json`, `validate --json` and scenarios read from standard input.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { main } from '../src/index.js';
import { captureIo } from './__helpers__/io.js';
import { INVALID_SCENARIO_YAML, writeTempFile } from './__helpers__/scenarios.js';
import { tempDir } from './__helpers__/tempDir.js';

const SMALL = `name: small
duration: 2s
mesh: istio-sidecar
services:
  frontend:
    replicas: 2
    concurrency: 8
    serviceTime: { exponential: { mean: 5ms } }
    calls:
      - to: backend
  backend:
    replicas: 2
    concurrency: 8
    serviceTime: { exponential: { mean: 5ms } }
traffic:
  - name: shoppers
    to: frontend
    rate: 100
`;

async function run(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(args, stdin === undefined ? io : { ...io, readStdin: () => stdin });
  return { code, out: io.out(), err: io.err() };
}

describe('meshsim run exports', () => {
  it('--openmetrics prints Istio standard metrics with a timestamp on every sample', async () => {
    const file = writeTempFile('small.yaml', SMALL);
    const { code, out } = await run([
      'run',
      file,
      '--openmetrics',
      '--start-time',
      '1700000000',
      '--no-progress',
    ]);
    expect(code).toBe(0);
    expect(out.startsWith('# TYPE istio_requests counter\n')).toBe(true);
    expect(out.endsWith('# EOF\n')).toBe(true);
    const samples = out.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    for (const line of samples) expect(line.split(' ').at(-1)).toMatch(/^17000000\d\d$/);
    expect(out).toContain('reporter="source",source_workload="shoppers"');
    expect(out).toContain('destination_service="backend.default.svc.cluster.local"');
    expect(out).toContain('istio_request_duration_milliseconds_bucket{');
  });

  it('--openmetrics --metrics meshsim keeps the meshsim_* run totals', async () => {
    const file = writeTempFile('small.yaml', SMALL);
    const { out } = await run(['run', file, '--openmetrics', '--metrics', 'meshsim', '--no-progress']);
    expect(out).toContain('meshsim_requests_total{');
    expect(out).not.toContain('istio_requests_total');
  });

  it('--otlp, --fortio and --smp write their files beside the main output', async () => {
    const file = writeTempFile('small.yaml', SMALL);
    const dir = tempDir();
    const { code, err } = await run([
      'run',
      file,
      '--otlp',
      join(dir, 'traces.json'),
      '--trace-sample',
      '0.2',
      '--fortio',
      join(dir, 'fortio'),
      '--smp',
      join(dir, 'smp.json'),
      '--no-progress',
    ]);
    expect(code).toBe(0);
    expect(err).toContain(`wrote OTLP traces output to ${join(dir, 'traces.json')}`);
    expect(err).toMatch(/^\d+ traces recorded: 20 % of requests sampled at their start\.$/m);
    const otlp = JSON.parse(readFileSync(join(dir, 'traces.json'), 'utf8')) as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue: string } }[] } }[];
    };
    const services = otlp.resourceSpans.map(
      (r) => r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
    );
    expect(services).toEqual(expect.arrayContaining(['shoppers', 'frontend', 'backend']));
    const fortio = readdirSync(join(dir, 'fortio'));
    expect(fortio).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(dir, 'fortio', fortio[0] ?? ''), 'utf8')) as {
      RequestedQPS: string;
      NumThreads: number;
      DurationHistogram: { Count: number };
      RetCodes: Record<string, number>;
    };
    expect(result.RequestedQPS).toBe('100');
    expect(result.NumThreads).toBe(0);
    expect(result.RetCodes['200']).toBe(result.DurationHistogram.Count);
    const smp = JSON.parse(readFileSync(join(dir, 'smp.json'), 'utf8')) as { latenciesMs: { p50: number } };
    expect(smp.latenciesMs.p50).toBeGreaterThan(0);
  });

  it('--otlp FILE.jsonl writes requests of whole traces, one per line, with the same spans as one request', async () => {
    const file = writeTempFile('small.yaml', SMALL);
    const dir = tempDir();
    const one = join(dir, 'traces.json');
    const lines = join(dir, 'traces.jsonl');
    expect((await run(['run', file, '--otlp', one, '--trace-sample', '1', '--no-progress'])).code).toBe(0);
    const { code, err } = await run(['run', file, '--otlp', lines, '--trace-sample', '1', '--no-progress']);
    expect(code).toBe(0);
    expect(err).toContain(`wrote OTLP traces output to ${lines}`);
    type Request = { resourceSpans: { scopeSpans: { spans: { traceId: string; spanId: string }[] }[] }[] };
    const spansOf = (request: Request): { traceId: string; spanId: string }[] =>
      request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const text = readFileSync(lines, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const requests = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Request);
    expect(requests.length).toBeGreaterThan(1);
    const owner = new Map<string, number>();
    requests.forEach((request, i) => {
      const spans = spansOf(request);
      expect(spans.length).toBeLessThanOrEqual(512);
      for (const span of spans) {
        expect(owner.get(span.traceId) ?? i, `trace ${span.traceId} in two requests`).toBe(i);
        owner.set(span.traceId, i);
      }
    });
    const ids = (spans: { spanId: string }[]): string[] => spans.map((s) => s.spanId).sort();
    const single = JSON.parse(readFileSync(one, 'utf8')) as Request;
    expect(ids(requests.flatMap(spansOf))).toEqual(ids(spansOf(single)));
  });

  it("--trace-errors with --trace-sample 0 writes only the failed requests' traces and says what it kept", async () => {
    const file = writeTempFile(
      'failing.yaml',
      SMALL.replace('name: small', 'name: failing').replace(
        '    serviceTime: { exponential: { mean: 5ms } }\ntraffic:',
        '    serviceTime: { exponential: { mean: 5ms } }\n    errorRate: 0.05\ntraffic:',
      ),
    );
    const dir = tempDir();
    const out = join(dir, 'errors.json');
    const args = ['run', file, '--otlp', out, '--trace-sample', '0', '--trace-errors', '--no-progress'];
    const { code, err } = await run(args);
    expect(code).toBe(0);
    const line =
      /^(\d+) traces kept of (\d+) requests: 0 sampled at their start \(0 %\), (\d+) with a failed span\.$/m.exec(
        err,
      );
    expect(line, err).not.toBeNull();
    const [, kept, requests, withError] = line ?? [];
    expect(kept).toBe(withError);
    expect(Number(requests)).toBeGreaterThan(150);
    type Span = { traceId: string; status: { code: number } };
    const otlp = JSON.parse(readFileSync(out, 'utf8')) as {
      resourceSpans: { scopeSpans: { spans: Span[] }[] }[];
    };
    const spans = otlp.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const traces = new Set(spans.map((s) => s.traceId));
    expect(traces.size).toBe(Number(kept));
    expect(traces.size).toBeGreaterThan(0);
    const failed = new Set(spans.filter((s) => s.status.code === 2).map((s) => s.traceId));
    expect(failed).toEqual(traces);
  });

  it("--fortio reports an open-loop source's connections as its threads (fortio -c)", async () => {
    const file = writeTempFile(
      'small-c.yaml',
      SMALL.replace('    rate: 100\n', '    rate: 100\n    connections: 8\n'),
    );
    const dir = tempDir();
    const { code } = await run(['run', file, '--fortio', join(dir, 'fortio'), '--no-progress']);
    expect(code).toBe(0);
    const [name = ''] = readdirSync(join(dir, 'fortio'));
    const result = JSON.parse(readFileSync(join(dir, 'fortio', name), 'utf8')) as { NumThreads: number };
    expect(result.NumThreads).toBe(8);
  });

  it('reads the scenario from standard input with -', async () => {
    const { code, out } = await run(['run', '-', '--json', '--no-progress'], SMALL);
    expect(code).toBe(0);
    expect((JSON.parse(out) as { scenario: { name: string } }).scenario.name).toBe('small');
    const missing = await run(['run', '-', '--no-progress']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no standard input');
  });
});

describe('machine-readable listings', () => {
  it('compare --csv prints one row per shape', async () => {
    const { code, out } = await run(
      ['compare', '-', '--mesh', 'none,istio-sidecar', '--csv', '--no-progress'],
      SMALL,
    );
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]?.startsWith('shape,success_ratio,end_to_end_p50_ms')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['none', 'istio-sidecar']);
  });

  it('list --json prints the bundled scenarios and list --shapes --json the shapes', async () => {
    const scenarios = JSON.parse((await run(['list', '--json'])).out) as {
      name: string;
      description: string;
    }[];
    expect(scenarios.map((s) => s.name)).toContain('retry-storm');
    const shapes = JSON.parse((await run(['list', '--shapes', '--json'])).out) as { name: string }[];
    expect(shapes.map((s) => s.name)).toContain('istio-sidecar');
  });

  it('validate --json reports every file with its issues, stdin included', async () => {
    const bad = writeTempFile('broken.yaml', INVALID_SCENARIO_YAML);
    const { code, out } = await run(['validate', '-', bad, '--json'], SMALL);
    expect(code).toBe(1);
    const report = JSON.parse(out) as {
      valid: boolean;
      files: {
        file: string;
        valid: boolean;
        issues: { path: string; line: number | null }[];
        warnings: unknown[];
      }[];
    };
    expect(report.valid).toBe(false);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      ['<stdin>', true],
      [bad, false],
    ]);
    expect(report.files[1]?.issues.map((i) => i.path)).toContain('services.frontend.replicas');
    // Warnings are of valid files only (a run of them); an invalid file has none.
    expect(report.files.map((f) => f.warnings)).toEqual([[], []]);
  });
});
