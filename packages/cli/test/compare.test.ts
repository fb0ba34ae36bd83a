// `meshsim compare`: argument errors, side-by-side output, JSON schema and determinism, the same comparison as the
// library's, and the runs a guard stopped — of any replication, not only the first (whose full result makes the
// side-by-side table).

import { diagnose, planSweep, runTasks, scenarioSource } from '@meshsim/analysis';
import { simulate } from '@meshsim/mesh';
import { renderComparisonJson, summarizeComparison } from '@meshsim/report';
import { applyOverrides, loadScenarioFile } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';
import { parseCompareArgs } from '../src/commands/compare.js';
import { main } from '../src/index.js';
import { captureIo } from './__helpers__/io.js';
import { writeTempFile } from './__helpers__/scenarios.js';

/** Open-loop arrivals: the events of a run vary with its seed. */
const JITTERY_YAML = `duration: 1s
services:
  api: { serviceTime: 1ms }
traffic:
  - { name: users, rate: 100, to: api }
`;

/** Written for istio-sidecar: a sidecar CPU request for web (as an import of its annotations writes), db's balancer. */
const BORROWED_YAML = `duration: 1s
mesh: istio-sidecar
services:
  web: { serviceTime: 1ms, proxyCpuRequest: 100m, calls: [{ to: db }] }
  db: { serviceTime: 1ms, destinationPolicy: { loadBalancer: round-robin } }
traffic:
  - { to: web, rate: 20 }
`;

describe('meshsim compare', () => {
  it('parses a comma-separated shape list and defaults to every shape', () => {
    const parsed = parseCompareArgs(['retry-storm', '--mesh', 'none,istio-sidecar', '--seed', '3']);
    expect(parsed).toMatchObject({ scenario: 'retry-storm', shapes: ['none', 'istio-sidecar'], seed: 3 });
    const all = parseCompareArgs(['retry-storm']);
    if (all === 'help') throw new Error('unexpected help');
    expect(all.shapes[0]).toBe('none');
    expect(all.shapes).toContain('istio-sidecar');
  });

  it('exits 2 naming the flag for an unknown or repeated shape', async () => {
    const unknown = captureIo();
    expect(await main(['compare', 'retry-storm', '--mesh', 'none,istio'], unknown)).toBe(2);
    expect(unknown.err()).toContain("invalid value for --mesh: 'istio'");
    const twice = captureIo();
    expect(await main(['compare', 'retry-storm', '--mesh', 'none,none'], twice)).toBe(2);
    expect(twice.err()).toContain("--mesh lists 'none' twice");
  });

  it('prints one column per shape with units, and added latency vs none', async () => {
    const io = captureIo();
    const code = await main(
      ['compare', 'steady-3tier', '--mesh', 'none,istio-sidecar', '--duration', '3s', '--no-progress'],
      io,
    );
    expect(code).toBe(0);
    const text = io.out();
    expect(text).toMatch(/metric\s+none\s+istio-sidecar/);
    // The command line's change to the scenario (the shapes compared are not one).
    expect(text.split('\n')[1]).toBe('Overrides: duration=3s');
    expect(text).toContain('added p50 vs none (ms)');
    expect(text).toContain('proxy CPU (cores)');
    expect(text).not.toContain('NaN');
  });

  it('--json is deterministic and puts the sidecar shape above none in added latency and proxies', async () => {
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'none,istio-sidecar',
      '--duration',
      '3s',
      '--json',
      '--no-progress',
    ];
    const first = captureIo();
    const second = captureIo();
    expect(await main(args, first)).toBe(0);
    expect(await main(args, second)).toBe(0);
    expect(second.out()).toBe(first.out());
    const doc = JSON.parse(first.out()) as {
      schemaVersion: number;
      overrides: string[];
      baseline: string;
      shapes: { shape: string; addedP50Ms: number; proxies: number }[];
    };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.overrides).toEqual(['duration=3s']);
    expect(doc.baseline).toBe('none');
    expect(doc.shapes.map((s) => s.shape)).toEqual(['none', 'istio-sidecar']);
    expect(doc.shapes[1]?.addedP50Ms).toBeGreaterThan(0);
    expect(doc.shapes[1]?.proxies).toBeGreaterThan(0);
    expect(doc.shapes[0]?.proxies).toBe(0);
  });

  it("notes the policies a shape leaves out of a file's scenario, with the warnings placed at the file's lines", async () => {
    const file = writeTempFile(
      'pool.yaml',
      'duration: 1s\nservices:\n  web: { serviceTime: 1ms, calls: [{ to: db }] }\n  db: { serviceTime: 1ms, destinationPolicy: { connectionPool: { maxRetries: 3 } } }\ntraffic:\n  - { to: web, rate: 20 }\n',
    );
    const io = captureIo();
    expect(await main(['compare', file, '--mesh', 'none,istio-sidecar', '--no-progress'], io)).toBe(0);
    expect(io.out()).toContain(
      'Note: The shapes do not apply the same policies (none leaves out connection-pool;',
    );
  });

  it("prints the library's comparison of the file: each shape's balancer, the proxy resources a shape borrows", async () => {
    const file = writeTempFile('borrowed.yaml', BORROWED_YAML);
    const shapes = ['none', 'istio-sidecar', 'linkerd'];
    const io = captureIo();
    expect(await main(['compare', file, '--mesh', shapes.join(','), '--json', '--no-progress'], io)).toBe(0);
    const doc = JSON.parse(io.out()) as { shapes: { loadBalancer: string; warnings: string[] }[] };
    expect(doc.shapes.map((shape) => shape.loadBalancer)).toEqual([
      'random/round-robin',
      'least-request/round-robin',
      'peak-ewma/round-robin',
    ]);
    const borrowed = (warnings: string[]) =>
      warnings.some((w) => w.includes('written in the scenario for its mesh istio-sidecar'));
    expect(doc.shapes.map((shape) => borrowed(shape.warnings))).toEqual([false, false, true]);
    // The same document as the library's comparison of the same runs, given the scenario's config.
    const config = loadScenarioFile(file);
    const configs = shapes.map((mesh) => applyOverrides(config, { mesh }));
    const results = configs.map((shapeConfig) => simulate(shapeConfig));
    const diagnoses = results.map((result, i) => diagnose(configs[i] ?? config, result));
    expect(io.out().trimEnd()).toBe(
      renderComparisonJson(summarizeComparison(results, { config, diagnoses })).trimEnd(),
    );
  });

  it('--csv --replications N: one row per shape, with the paired differences of --json in more columns', async () => {
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'none,linkerd',
      '--duration',
      '2s',
      '--replications',
      '2',
    ];
    const csvIo = captureIo();
    const jsonIo = captureIo();
    expect(await main([...args, '--csv', '--no-progress'], csvIo)).toBe(0);
    expect(await main([...args, '--json', '--no-progress'], jsonIo)).toBe(0);
    const [header = '', ...rows] = csvIo.out().trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    const names = header.split(',');
    // The warnings cell may hold quoted commas: read the paired columns from the end of each row.
    const tail = names.length - names.indexOf('replications');
    const cell = (row: string, name: string): string =>
      row.split(',').slice(-tail)[names.indexOf(name) - names.indexOf('replications')] ?? '';
    const doc = JSON.parse(jsonIo.out()) as {
      paired: { shape: string; differences: { key: string; mean: number; halfWidth: number }[] }[];
    };
    const p99 = doc.paired[0]?.differences.find((d) => d.key === 'endToEndP99Ms');
    expect(cell(rows[0] ?? '', 'replications')).toBe('2');
    expect(cell(rows[0] ?? '', 'end_to_end_p99_ms_diff_mean')).toBe('');
    expect(cell(rows[1] ?? '', 'replications')).toBe('2');
    expect(Number(cell(rows[1] ?? '', 'end_to_end_p99_ms_diff_mean'))).toBe(p99?.mean);
    expect(Number(cell(rows[1] ?? '', 'end_to_end_p99_ms_diff_half_width'))).toBe(p99?.halfWidth);
  });

  it('reports a run stopped only in a later replication on stderr, and exits 3', async () => {
    // The events of each replication's run, unguarded: a limit just above the first's stops only those above it.
    const source = scenarioSource('jittery.yaml', JITTERY_YAML);
    const plan = planSweep(source, [{ path: 'mesh', values: ['none'] }], [], 3);
    const events = (await runTasks(source, plan.tasks, { workers: 0 })).map((outcome) => outcome.events);
    const limit = (events[0] ?? 0) + 1;
    const later = events.flatMap((n, replication) => (n > limit ? [replication] : []));
    expect(later.length).toBeGreaterThan(0);
    expect(later).not.toContain(0);

    const io = captureIo();
    const file = writeTempFile('jittery.yaml', JITTERY_YAML);
    const args = ['compare', file, '--mesh', 'none', '--replications', '3', '--max-events', String(limit)];
    expect(await main([...args, '--no-progress', '--workers', '0'], io)).toBe(3);
    const lines = io
      .err()
      .split('\n')
      .filter((line) => line.includes('stopped early'));
    expect(lines).toEqual(
      later.map((replication) =>
        expect.stringMatching(
          new RegExp(
            `^meshsim: none run \\(replication ${replication + 1} of 3\\) stopped early \\(max-events\\) at `,
          ),
        ),
      ),
    );
  });
});
