import { describe, expect, it } from 'vitest';

import { listBundledScenarios } from '@meshsim/scenario';

import { main } from '../src/index.js';
import { readVersion } from '../src/version.js';
import { captureIo } from './__helpers__/io.js';
import { INVALID_SCENARIO_YAML, writeTempFile } from './__helpers__/scenarios.js';

/** Runs main() with captured streams. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('main: help and version', () => {
  it.each([['--help'], ['-h'], ['help']])(
    'main([%s]) prints the overview listing every command, exit 0',
    async (flag) => {
      const { code, out, err } = await run(flag);
      expect(code).toBe(0);
      expect(err).toBe('');
      for (const command of ['list', 'run <name|file>', 'validate <file...>']) expect(out).toContain(command);
      expect(out).toContain('Exit codes:');
    },
  );

  it.each([['run'], ['validate'], ['list']])(
    'main([%s, --help]) prints the command help, exit 0',
    async (command) => {
      const { code, out } = await run(command, '--help');
      expect(code).toBe(0);
      expect(out).toContain(`Usage: meshsim ${command}`);
      expect((await run('help', command)).out).toBe(out);
    },
  );

  it('main([run, --help]) documents every flag of run', async () => {
    const { out } = await run('run', '--help');
    for (const flag of [
      '--seed',
      '--duration',
      '--mesh',
      '--json',
      '--csv',
      '--table',
      '--openmetrics',
      '--out',
      '--no-progress',
    ]) {
      expect(out).toContain(flag);
    }
  });

  it.each([['run'], ['compare']])(
    'main([%s, --help]) says a --set of several values is for meshsim sweep (refused here)',
    async (command) => {
      const { out } = await run(command, '--help');
      const set = out.slice(
        out.indexOf('--set PATH=VALUE'),
        out.indexOf('\n  --', out.indexOf('--set PATH=VALUE')),
      );
      expect(set).toMatch(/one value each[^;]*meshsim sweep/);
    },
  );

  it('main([--version]) prints the package version, exit 0', async () => {
    const { code, out } = await run('--version');
    expect(code).toBe(0);
    expect(out).toBe(`meshsim ${readVersion()}\n`);
    expect(readVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('main: usage errors exit with 2', () => {
  it('main([]) prints the overview on stderr, exit 2', async () => {
    const { code, out, err } = await run();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Commands:');
  });

  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['--frobnicate'], "unknown flag '--frobnicate'"],
    [['run', 'retry-storm', '--bogus'], "unknown flag '--bogus' for 'meshsim run'"],
    [['run', 'retry-storm', '-x'], "unknown flag '-x'"],
    [['run'], 'missing scenario'],
    [['run', 'a', 'b'], "got also 'b'"],
    [['run', 'retry-storm', '--seed'], "flag '--seed' needs a value"],
    [['run', 'retry-storm', '--seed', 'abc'], "invalid value for --seed: 'abc'"],
    [['run', 'retry-storm', '--seed', '1.5'], "invalid value for --seed: '1.5'"],
    [['run', 'retry-storm', '--duration', '5x'], "invalid value for --duration: '5x'"],
    [['run', 'retry-storm', '--duration', '0s'], "invalid value for --duration: '0s'"],
    [['run', 'retry-storm', '--mesh', 'kuma'], "invalid value for --mesh: 'kuma' (expected one of: none,"],
    [['run', 'retry-storm', '--json', '--csv'], 'choose one output format (got --json and --csv)'],
    [['run', 'retry-storm', '--json=yes'], "flag '--json' takes no value"],
    [['validate'], 'missing file'],
    [['list', 'extra'], 'takes no arguments'],
    [['help', 'nothing'], "no help for 'nothing'"],
  ])('main(%j) exits 2 with %j and a help hint', async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain("run 'meshsim --help'");
  });

  it('main([run, …]) usage errors point to the command help as well', async () => {
    const { err } = await run('run', 'retry-storm', '--bogus');
    expect(err).toBe(
      "meshsim: unknown flag '--bogus' for 'meshsim run'\n" +
        "run 'meshsim --help' or 'meshsim run --help' for usage\n",
    );
  });
});

describe('main: list', () => {
  it('main([list]) prints each bundled scenario with its description, exit 0', async () => {
    const { code, out } = await run('list');
    expect(code).toBe(0);
    const scenarios = listBundledScenarios();
    expect(scenarios.length).toBeGreaterThan(0);
    expect(out.trimEnd().split('\n')).toHaveLength(scenarios.length);
    expect(out).toMatch(/^retry-storm {2,}\S/m);
  });
});

describe('main: run (before simulating)', () => {
  it('main([run, unknown-name]) says so and lists the bundled names, exit 1', async () => {
    const { code, err } = await run('run', 'no-such-scenario');
    expect(code).toBe(1);
    expect(err).toContain('no-such-scenario: not a bundled scenario nor a file');
    expect(err).toContain('bundled scenarios: ');
    expect(err).toContain('retry-storm');
  });

  it('main([run, missing.yaml]) reports the missing file, exit 1', async () => {
    const { code, err } = await run('run', 'does/not/exist.yaml');
    expect(code).toBe(1);
    expect(err).toContain('does/not/exist.yaml: file not found');
  });

  it('main([run, manifests.yaml]) says the file holds Kubernetes manifests and to import them, exit 1', async () => {
    const file = writeTempFile(
      'apps.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\n',
    );
    const { code, out, err } = await run('run', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(
      `${file}: looks like Kubernetes manifests (kind: Deployment), not a scenario: import them with \`meshsim import ${file}\``,
    );
    expect(err).not.toContain('parseAllDocuments');
  });

  it('main([run, invalid.yaml]) prints the scenario errors, exit 1', async () => {
    const file = writeTempFile('broken.yaml', INVALID_SCENARIO_YAML);
    const { code, out, err } = await run('run', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`${file}:6:5: services.frontend.replicas: `);
    // One rendering of an issue: `run` prints the errors as `validate` does.
    expect(err).toBe((await run('validate', file)).err);
  });
});

describe('main: run --csv', () => {
  it('main([run, …, --csv, --table, proxies]) prints one row per proxy kind and a total, with the cost', async () => {
    const { code, out } = await run('run', 'steady-3tier', '--duration', '1s', '--csv', '--table', 'proxies');
    expect(code).toBe(0);
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toBe(
      'kind,count,cpu_cores,cpu_requested_cores,memory_mib,memory_requested_mib,max_memory_mib,queued,throttled_ms,cpu_wait_ms,tls_handshake_ends,cost_usd_per_month,price_source',
    );
    expect(rows.at(-1)).toMatch(
      /^total \(count: proxies only\),\d+,[\d.]+,[\d.]+,[\d.]+,[\d.]+,,\d+,[\d.]+,[\d.]+,\d+,[\d.]+,"?\S/,
    );
    const csv = await run('run', 'steady-3tier', '--duration', '1s', '--csv');
    expect(csv.out.startsWith('source,destination,calls,')).toBe(true);
  });

  it('main([run, …, --mesh, istio-ambient, --csv, --table, proxies]): the CNI node agents have a row, and the totals row says its count is the proxies only', async () => {
    const { code, out } = await run(
      'run',
      'steady-3tier',
      '--mesh',
      'istio-ambient',
      '--duration',
      '1s',
      '--csv',
      '--table',
      'proxies',
    );
    expect(code).toBe(0);
    const counts = out
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',').slice(0, 2));
    // 12 ztunnels and 12 istio-cni agents (default cluster: 12 nodes); the node agents are not proxies.
    expect(counts).toEqual([
      ['ztunnel', '12'],
      ['istio-cni', '12'],
      ['total (count: proxies only)', '12'],
    ]);
  });
});

describe('main: run --csv --table nodes', () => {
  it('prints one row per node with its cores, pods, requests and CPU utilisation when the scenario sizes its nodes', async () => {
    const { code, out } = await run('run', 'overhead-3tier', '--duration', '1s', '--csv', '--table', 'nodes');
    expect(code).toBe(0);
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toBe(
      'node,cluster,zone,cores,pods,mesh_node_pods,system_pods,max_pods,cpu_requested_cores,memory_mib,memory_requested_mib,utilisation_ratio,max_runnable',
    );
    expect(rows).toHaveLength(12);
    // No nodeMemory: the memory column is empty, the sidecars' 128Mi requests are counted; no other DaemonSets; the
    // kubelet's 110 pods.
    for (const row of rows)
      expect(row).toMatch(
        /^cluster-1\/zone-[abc]\/node-\d,cluster-1,zone-[abc],2,\d+,0,0,110,[\d.]+,,[\d.]+,[\d.]+,\d+$/,
      );
  });
});

describe('main: run --csv --table timeseries / service-timeseries', () => {
  it('prints the timeline per interval per edge and per service, one row per second of a 3 s run', async () => {
    const edges = await run('run', 'retry-storm', '--duration', '3s', '--csv', '--table', 'timeseries');
    expect(edges.code).toBe(0);
    const [header = '', ...rows] = edges.out.trimEnd().split('\n');
    expect(header).toBe(
      'interval_start_ms,interval_end_ms,source,destination,calls,succeeded,goodput,failed,retries,waiting_at_source,rate_rps,p50_ms,p99_ms',
    );
    const starts = new Set(rows.map((row) => row.split(',')[0]));
    expect([...starts]).toEqual(['0', '1000', '2000']);
    const services = await run(
      'run',
      'retry-storm',
      '--duration',
      '3s',
      '--csv',
      '--table',
      'service-timeseries',
    );
    expect(services.code).toBe(0);
    const [serviceHeader, ...serviceRows] = services.out.trimEnd().split('\n');
    expect(serviceHeader).toBe(
      'interval_start_ms,interval_end_ms,service,utilisation_ratio,queue_length,completed,rejected',
    );
    expect(serviceRows.length % 3).toBe(0);
    expect(serviceRows.length).toBeGreaterThan(0);
  });
});

describe('main: validate', () => {
  it('main([validate, bad.yaml]) prints file:line:column, field path and reason on stderr, exit 1', async () => {
    // Arrange
    const file = writeTempFile('broken.yaml', INVALID_SCENARIO_YAML);

    // Act
    const { code, out, err } = await run('validate', file);

    // Assert
    expect(code).toBe(1);
    expect(out).toBe('');
    const line = err.split('\n').find((l) => l.includes('replicas'));
    expect(line).toBeDefined();
    // file:line:column: path: reason
    expect(line).toMatch(new RegExp(`^${escapeRegExp(file)}:6:5: services\\.frontend\\.replicas: \\S`));
  });

  it('main([validate, good, bad, missing]) reports each file and exits 1', async () => {
    const good = listBundledScenarios()[0]?.file;
    if (good === undefined) throw new Error('no bundled scenario');
    const bad = writeTempFile('broken.yaml', INVALID_SCENARIO_YAML);

    const { code, out, err } = await run('validate', good, bad, 'missing.yaml');

    expect(code).toBe(1);
    expect(out).toBe(`ok ${good}\n`);
    expect(err).toContain('missing.yaml: file not found');
    expect(err).toContain('2 of 3 files invalid');
  });

  it("main([validate, istio.yaml]) warns once that retry.attempts counts tries, not Istio's retries", async () => {
    const file = writeTempFile(
      'istio.yaml',
      [
        'mesh: istio-sidecar',
        'services:',
        '  api: { serviceTime: 1ms, calls: [ { to: db, retry: { attempts: 2 } }, { to: cache, retry: { attempts: 2 } } ] }',
        '  db: { serviceTime: 1ms }',
        '  cache: { serviceTime: 1ms }',
        'traffic: [ { to: api, rate: 10 } ]',
        '',
      ].join('\n'),
    );
    const { code, out, err } = await run('validate', file);
    expect([code, out]).toEqual([0, `ok ${file}\n`]);
    expect(err.split('\n').filter((line) => line.includes("Istio's"))).toEqual([
      `warning: ${file}:3:56: services.api.calls[0].retry.attempts: attempts: 2 is 2 tries in all, the first and 1 retry (Istio's attempts: 1): meshsim's attempts counts the first try, Istio's VirtualService retries.attempts counts retries only; for Istio's attempts: 2 write attempts: 3 (said once, at the file's first retry)`,
    ]);
    // A run does not repeat it: once read at validate, it is not said on every run (nor by compare and sweep).
    const ran = await run('run', file, '--duration', '200ms');
    expect(ran.code).toBe(0);
    expect(ran.err).not.toContain("Istio's attempts");
  });

  it('main([validate, ...bundled files]) prints ok for each, exit 0', async () => {
    const files = listBundledScenarios().map((scenario) => scenario.file);
    const { code, out, err } = await run('validate', ...files);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(files.map((file) => `ok ${file}\n`).join(''));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
