// The analysis features from the command line: the diagnosis in every format of `run`, --set and its
// errors, --replications, paired differences in `compare`, and `sweep` (store, resume, CSV, shards and
// merge, the run limit, --boundary).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { listBundledScenarios } from '@meshsim/scenario';

import { parseCompareArgs } from '../src/commands/compare.js';
import { parseRunArgs } from '../src/commands/run.js';
import { resumedStopsLine, warningLines } from '../src/commands/sweep.js';
import { formatSweepProgressLine } from '../src/progress.js';
import { main } from '../src/index.js';
import { captureIo } from './__helpers__/io.js';

const dir = mkdtempSync(join(tmpdir(), 'meshsim-cli-'));

/** A small two-layer chain hit by a latency fault: cheap to run many times. */
const STORM_FILE = join(dir, 'storm.yaml');
writeFileSync(
  STORM_FILE,
  `duration: 35s
mesh: none
services:
  api:
    replicas: 2
    concurrency: 512
    serviceTime: 1ms
    calls: [{ to: backend, timeout: 1s, perTryTimeout: 200ms, retry: { attempts: 3, retryOn: [5xx] } }]
  backend:
    replicas: 2
    concurrency: 4
    queue: 256
    serviceTime: { exponential: { mean: 10ms } }
traffic:
  - { name: client, to: api, rate: 200, timeout: 3s, retry: { attempts: 3, retryOn: [5xx] } }
faults:
  - { at: 10s, for: 10s, service: backend, latency: +150ms }
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('meshsim run: diagnosis, --set, --replications', () => {
  it('prints the verdict, the loop and the cascade of a metastable run', async () => {
    const { code, out } = await run('run', 'retry-storm', '--duration', '62s', '--no-progress');
    expect(code).toBe(0);
    expect(out).toContain('Verdict: metastable — client: goodput is still');
    expect(out).toContain('Sustaining loop (50 s–62 s): checkout saturated');
    expect(out).toContain('Work amplification per call depth');
    expect(out).toMatch(
      /Cascade: checkout slowed \(\+150 ms latency fault\) at 30 s → checkout saturated at 30 s → frontend failing at 3\d s/,
    );
  });

  it('adds the diagnosis to JSON, OpenMetrics and a verdicts CSV table', async () => {
    const args = ['run', 'budget-vs-retries', '--no-progress'];
    const json = JSON.parse((await run(...args, '--json')).out) as {
      diagnosis: { verdict: string; recoveryMs: number };
    };
    expect(json.diagnosis.verdict).toBe('degraded-recovered');
    expect(json.diagnosis.recoveryMs).toBe(2000);
    const metrics = (await run(...args, '--openmetrics', '--metrics', 'meshsim')).out;
    expect(metrics).toContain(
      'meshsim_verdict_info{scope="run",verdict="degraded-recovered",lossy="false"} 1',
    );
    expect(metrics).toContain('meshsim_recovery_milliseconds{scope="client"} 2000');
    const csv = (await run(...args, '--csv', '--table', 'verdicts')).out.split('\n');
    expect(csv[0]).toBe(
      'scope,verdict,lossy,reference_goodput_ratio,min_goodput_ratio,final_goodput_ratio,degraded_at_ms,recovered_at_ms,recovery_ms,still_down_ms,backlog_growth_ratio,reason',
    );
    expect(csv[1]?.startsWith('run,degraded-recovered,false,,,,,,2000,,,')).toBe(true);
  });

  it('--set changes the scenario: without retries and at a lower rate the storm recovers', async () => {
    const { out } = await run(
      'run',
      'retry-storm',
      '--set',
      'services.frontend.calls.0.retry.attempts=1',
      '--set',
      'traffic.0.retry.attempts=1',
      '--set',
      'traffic.0.rate=300',
      '--duration',
      '65s',
      '--no-progress',
    );
    expect(out).toContain('Verdict: degraded-recovered');
  });

  it('names the path and its nearest valid one, or the field and its type, and exits 2', async () => {
    const badPath = await run('run', 'retry-storm', '--set', 'services.chekout.replicas=2');
    expect(badPath.code).toBe(2);
    expect(badPath.err).toContain(
      'meshsim: --set services.chekout.replicas=2: services.chekout does not exist (nearest: services.checkout)',
    );
    const badType = await run('run', 'retry-storm', '--set', 'services.checkout.replicas=lots');
    expect(badType.code).toBe(2);
    expect(badType.err).toContain('services.checkout.replicas: must be an integer (got "lots")');
    const several = await run('run', 'retry-storm', '--set', 'traffic.0.rate=1,2');
    expect(several.code).toBe(2);
    expect(several.err).toContain("use 'meshsim sweep' for a grid");
  });

  it('--replications N prints mean ± 95 % CI and the verdicts, deterministically', async () => {
    const args = ['run', 'steady-3tier', '--duration', '3s', '--replications', '3', '--no-progress'];
    const first = await run(...args);
    const second = await run(...args);
    expect(first.out).toBe(second.out);
    expect(first.out).toMatch(/Replications: 3 \(seeds 7, \d+, \d+\); mean ± 95 % CI \(Student t\)/);
    // 3 s: shorter than one 5 s window, too short to judge.
    expect(first.out).toContain('Verdicts: unresolved 3/3');
    expect(first.out).toMatch(/success \(%\)\s+\d+\.\d+\s+± \d+\.\d+/);
  });

  it('--replications N draws, on a terminal, replications done of N with the time left, as a sweep does its runs', async () => {
    const args = ['run', 'steady-3tier', '--duration', '1s', '--replications', '4', '--workers', '0'];
    const tty = captureIo({ isTTY: true });
    expect(await main(args, tty)).toBe(0);
    // The first replication is done when the pool starts; the line is drawn then and for the last one, then erased.
    const lines = tty.err().split('\r');
    expect(lines.some((line) => line.startsWith('[###-------] 25% 1/4 replications, '))).toBe(true);
    expect(
      lines.some((line) => /^\[##########\] 100% 4\/4 replications, \d+ s elapsed, ETA 0 s/.test(line)),
    ).toBe(true);
    const err = tty.err();
    expect(err.slice(err.lastIndexOf('replications, '))).toContain('\r\x1b[K');
    // Not on a pipe (a line per replication there, as compare prints one per run), nor with --no-progress.
    const piped = captureIo();
    expect(await main(args, piped)).toBe(0);
    expect(piped.err()).not.toContain('replications,');
    expect(piped.err()).toMatch(
      /\[2\/4\] replications done at \d+\.\d s\n\[3\/4\] .*\n\[4\/4\] replications done at /,
    );
    const quiet = captureIo({ isTTY: true });
    expect(await main([...args, '--no-progress'], quiet)).toBe(0);
    expect(quiet.err()).not.toContain('replications,');
  });
});

describe('meshsim compare: verdicts and paired differences', () => {
  it("runs shapes × replications on 2 workers and reports each shape's mean ± 95 % CI and paired differences, n.s. where the CI holds 0", async () => {
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'none,istio-sidecar',
      '--duration',
      '2s',
      '--replications',
      '3',
    ];
    const threaded = await run(...args, '--workers', '2', '--no-progress');
    const inline = await run(...args, '--workers', '0', '--no-progress');
    expect(threaded.code).toBe(0);
    expect(threaded.out).toBe(inline.out);
    // 2 s: shorter than one 5 s window, too short to judge.
    expect(threaded.out).toMatch(/verdict\s+unresolved\s+unresolved/);
    expect(threaded.out).toContain('Paired differences vs none over 3 replications on the same seeds');
    // The sidecars add latency in every replication: significant; the success ratio does not move: n.s.
    expect(threaded.out).toMatch(/end-to-end p50 \(ms\)\s+\+\d+\.\d+ ± \d+\.\d+\n/);
    expect(threaded.out).toMatch(/success \(%\)\s+[-+]?\d+\.\d+ ± \d+\.\d+ n\.s\./);
    // Each shape's figures as mean ± 95 % CI, before the paired differences.
    const intervals = threaded.out.indexOf('\nPer shape over 3 replications (mean ± 95 % CI, Student t)\n');
    expect(intervals).toBeGreaterThan(0);
    expect(intervals).toBeLessThan(threaded.out.indexOf('Paired differences vs none'));
    expect(threaded.out).toMatch(/\nfigure\s+none\s+istio-sidecar\n/);
    expect(threaded.out).toMatch(/end-to-end p50 \(ms\)\s+\d+\.\d+ ± \d+\.\d+\s+\d+\.\d+ ± \d+\.\d+\n/);
    const json = JSON.parse((await run(...args, '--json', '--no-progress')).out) as {
      paired: { shape: string; differences: { key: string; significant: boolean }[] }[];
      intervals: { shape: string; figures: { key: string; mean: number; halfWidth: number }[] }[];
    };
    expect(json.paired[0]?.shape).toBe('istio-sidecar');
    expect(json.intervals.map((shape) => shape.shape)).toEqual(['none', 'istio-sidecar']);
    // The same statistics as `run --replications` of that shape alone.
    const alone = JSON.parse(
      (
        await run(
          'run',
          'steady-3tier',
          '--mesh',
          'istio-sidecar',
          '--duration',
          '2s',
          '--replications',
          '3',
          '--json',
          '--no-progress',
        )
      ).out,
    ) as { replications: { figures: unknown[] } };
    expect(json.intervals[1]?.figures).toEqual(alone.replications.figures);
    expect(json.paired[0]?.differences.find((d) => d.key === 'endToEndP50Ms')?.significant).toBe(true);
  });
});

describe('meshsim sweep', () => {
  const grid = ['--set', 'traffic.0.rate=100,200', '--set', 'mesh=none,istio-sidecar', '--duration', '2s'];

  it('runs the grid into the store, resumes, and exports CSV', async () => {
    const store = join(dir, 'grid.duckdb');
    const first = await run('sweep', 'steady-3tier', ...grid, '--store', store, '--no-progress');
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      'Sweep: 4 points × 1 replication = 4 runs: 4 run now, 0 already in the store',
    );
    expect(first.out).toMatch(/traffic\.0\.rate\s+mesh\s+runs\s+verdicts/);
    // 2 s runs: shorter than one 5 s window, too short to judge.
    expect(first.out).toMatch(/200\s+istio-sidecar\s+1\s+unresolved 1\/1/);
    const csv = join(dir, 'edges.csv');
    const again = await run(
      'sweep',
      'steady-3tier',
      ...grid,
      '--store',
      store,
      '--csv',
      csv,
      '--table',
      'edges',
      '--no-progress',
    );
    expect(again.out).toContain('0 run now, 4 already in the store');
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe(
      'run_key,source,destination,depth,calls,attempts,retries,succeeded,failed,timeouts,success_ratio,p50_ms,p99_ms',
    );
  });

  it('adds node CPU and Pending pods to the table when nodes have a size: a capacity sweep', async () => {
    const requests = ['frontend', 'catalog', 'catalog-db'].flatMap((s) => [
      '--set',
      `services.${s}.cpuRequest=200m`,
    ]);
    const args = ['sweep', 'overhead-3tier', '--set', 'mesh=none,istio-sidecar', '--set', 'nodeCpu=250m,1'];
    const text = await run(...args, ...requests, '--duration', '1s', '--store', join(dir, 'capacity.duckdb'));
    expect(text.code).toBe(0);
    // The grid varies the mesh: the proxies' cost (USD/month) comes after the node figures.
    expect(text.out).toMatch(
      /mesh\s+nodeCpu\s+runs\s+verdicts.*node CPU \(%\)\s+Pending app pods\s+proxy cost \(USD\/month\)\n/,
    );
    // 250m nodes: a pod with Istio's sidecar requests 300m, so none runs; without a mesh all 8 do.
    expect(text.out).toMatch(/none\s+250m\s+1\s.*\s0\.0\s+\d+\.\d\d\n/);
    expect(text.out).toMatch(/istio-sidecar\s+250m\s+1\s.*\s8\.0\s+\d+\.\d\d\n/);
    const json = await run(
      ...args,
      ...requests,
      '--duration',
      '1s',
      '--store',
      join(dir, 'capacity.duckdb'),
      '--json',
    );
    const summary = (
      JSON.parse(json.out) as { summary: { figures: Record<string, { n: number; mean: number }> }[] }
    ).summary;
    expect(summary.map((point) => point.figures['pendingPods']?.mean)).toEqual([0, 0, 8, 0]);
    // No number of 250m nodes runs a 300m pod: meshsim cannot say, and the figure is left out of that point.
    expect(summary.map((point) => point.figures['extraNodesNeeded']?.mean)).toEqual([0, 0, undefined, 0]);
    // docs/analysis.md shows the same sweep over three node sizes and three shapes.
    const page = readFileSync(fileURLToPath(new URL('../../../docs/analysis.md', import.meta.url)), 'utf8');
    const documented = await run(
      'sweep',
      'overhead-3tier',
      '--set',
      'mesh=none,istio-ambient,istio-sidecar',
      '--set',
      'nodeCpu=250m,500m,1',
      ...requests,
      '--set',
      'duration=5s',
      '--store',
      join(dir, 'documented.duckdb'),
      '--no-progress',
    );
    const table = documented.out.split('\n').filter((line) => /^(mesh|---|none|istio)/.test(line));
    expect(table).toHaveLength(11);
    for (const line of table) expect(page, line).toContain(line);
    // Without a node size there are no node figures.
    const storm = await run(
      'sweep',
      STORM_FILE,
      '--set',
      'traffic.0.rate=100,200',
      '--duration',
      '1s',
      '--json',
      '--store',
      join(dir, 'storm.duckdb'),
    );
    const figures = (JSON.parse(storm.out) as { summary: { figures: Record<string, unknown> }[] }).summary[0]
      ?.figures;
    expect(Object.keys(figures ?? {})).not.toContain('pendingPods');
    expect(Object.keys(figures ?? {})).toContain('proxyMemoryRequestedMiB');
  });

  it('takes no --html (the HTML reports are of run and compare) but reads a scenario from stdin', async () => {
    const html = await run('sweep', 'steady-3tier', ...grid, '--html', join(dir, 'sweep.html'));
    expect(html.code).toBe(2);
    expect(html.err).toContain('--html');
    const text = readFileSync(
      listBundledScenarios().find((s) => s.name === 'steady-3tier')?.file ?? '',
      'utf8',
    );
    const io = captureIo();
    const store = join(dir, 'stdin.duckdb');
    const args = ['sweep', '-', '--set', 'traffic.0.rate=100,200', '--duration', '2s', '--store', store];
    expect(await main([...args, '--workers', '0', '--no-progress'], { ...io, readStdin: () => text })).toBe(
      0,
    );
    expect(io.out()).toContain('Sweep: 2 points × 1 replication = 2 runs');
  });

  it('shards by --shard and JOB_COMPLETION_INDEX, and merge gives the whole sweep', async () => {
    const shard1 = join(dir, 's1.duckdb');
    const shard2 = join(dir, 's2.duckdb');
    expect(
      (await run('sweep', 'steady-3tier', ...grid, '--shard', '1/2', '--store', shard1, '--no-progress')).out,
    ).toContain('= 4 runs; shard 1/2 has 2 of them: 2 run now');
    process.env['JOB_COMPLETION_INDEX'] = '1';
    process.env['JOB_COMPLETIONS'] = '2';
    try {
      expect((await run('sweep', 'steady-3tier', ...grid, '--store', shard2, '--no-progress')).out).toContain(
        '= 4 runs; shard 2/2 has 2 of them: 2 run now',
      );
    } finally {
      delete process.env['JOB_COMPLETION_INDEX'];
      delete process.env['JOB_COMPLETIONS'];
    }
    const merged = join(dir, 'merged.duckdb');
    const merge = await run('sweep', 'merge', '--store', merged, shard1, shard2);
    expect(merge.out).toBe(`merged 4 runs from 2 stores into ${merged}\n`);
    // The merged store already holds every run: a sweep on it runs nothing.
    expect((await run('sweep', 'steady-3tier', ...grid, '--store', merged, '--no-progress')).out).toContain(
      '0 run now, 4 already',
    );
  });

  it('asks for --yes over 1000 runs and rejects a bad shard', async () => {
    const big = await run(
      'sweep',
      'steady-3tier',
      '--set',
      'traffic.0.rate=1..1001:1',
      '--store',
      join(dir, 'big.duckdb'),
    );
    expect(big.code).toBe(2);
    expect(big.err).toContain(
      'the sweep has 1001 runs (1001 points × 1 replications), over the limit of 1000: confirm with --yes',
    );
    const shard = await run('sweep', 'steady-3tier', '--shard', '3/2');
    expect(shard.code).toBe(2);
    expect(shard.err).toContain('--shard 3/2: expected k/N');
  });

  it('needs a --set, and takes a range without a step only with --boundary', async () => {
    const none = await run('sweep', 'steady-3tier', '--store', join(dir, 'none.duckdb'));
    expect(none.code).toBe(2);
    expect(none.err).toContain('give at least one --set PATH=VALUES (an axis of the grid)');
    const open = await run(
      'sweep',
      'steady-3tier',
      '--set',
      'traffic.0.rate=100..600',
      '--store',
      join(dir, 'open.duckdb'),
    );
    expect(open.code).toBe(2);
    expect(open.err).toContain(
      '--set traffic.0.rate=100..600: a range without a step is what --boundary bisects; give a step (a..b:step) or a list of values, or add --boundary',
    );
  });

  it('a --store that is not a DuckDB file is named with the reason', async () => {
    const notAStore = join(dir, 'notes.duckdb');
    writeFileSync(notAStore, 'not a database\n');
    const { code, err } = await run(
      'sweep',
      'steady-3tier',
      '--set',
      'traffic.0.rate=100,200',
      '--store',
      notAStore,
    );
    expect(code).toBe(1);
    expect(err).toBe(
      `meshsim: cannot open the results store '${notAStore}' (--store): it is not a DuckDB results store (give a new file, or one an earlier sweep wrote)\n`,
    );
  });

  it('run and compare also ask for --yes over 1000 runs, before running anything', async () => {
    const replications = await run('run', 'steady-3tier', '--replications', '1001');
    expect(replications.code).toBe(2);
    expect(replications.err).toContain(
      'meshsim: --replications 1001: 1001 runs, over the limit of 1000: confirm with --yes',
    );
    expect(replications.out).toBe('');
    const compared = await run('compare', 'steady-3tier', '--mesh', 'none,linkerd', '--replications', '501');
    expect(compared.code).toBe(2);
    expect(compared.err).toContain(
      'meshsim: 2 shapes × 501 replications: 1002 runs, over the limit of 1000: confirm with --yes',
    );
    // At the limit, and over it with --yes, the arguments are accepted (checked here without running).
    expect(parseRunArgs(['steady-3tier', '--replications', '1000'])).toMatchObject({ replications: 1000 });
    expect(parseRunArgs(['steady-3tier', '--replications', '1001', '--yes'])).toMatchObject({ yes: true });
    expect(
      parseCompareArgs(['steady-3tier', '--mesh', 'none,linkerd', '--replications', '501', '--yes']),
    ).toMatchObject({ replications: 501, yes: true });
  });

  it('bounds each run by the event guards: a run one stops is stored and listed as stopped, and the sweep exits 3', async () => {
    // 1,000,000 closed-loop users on a zero-latency network: a Zeno loop at t = 0 (docs/cli.md).
    const zeno = join(dir, 'zeno.yaml');
    writeFileSync(
      zeno,
      `duration: 10s
network: { sameNode: 0ms, sameZone: 0ms, crossZone: 0ms, crossCluster: 0ms }
services:
  api: { serviceTime: 0ms }
traffic:
  - { name: users, users: 1000000, to: api }
`,
    );
    const store = join(dir, 'zeno.duckdb');
    const csv = join(dir, 'zeno-runs.csv');
    const args = ['sweep', zeno, '--set', 'duration=1s,2s', '--store', store, '--no-progress'];
    const first = await run(...args, '--max-events-per-instant', '1000', '--csv', csv);
    expect(first.code).toBe(3);
    expect(first.out).toMatch(/^1s\s+1\s+stopped 1\/1\s/m);
    expect(first.out).not.toContain('stable');
    expect(first.out).toContain('point 0 (duration=1s), replication 0: zeno at 0 ms');
    expect(first.err).toContain("meshsim: 2 of 2 runs stopped early (zeno): stored with verdict 'stopped'");
    const [header, row] = readFileSync(csv, 'utf8').split('\n');
    expect(header).toMatch(
      /,verdict,.*,stopped_reason,stopped_at_ms,stopped_guards,warnings,proxy_memory_mib,proxy_cost_usd_per_month,lossy,end_to_end_p50_ms,end_to_end_p99_ms,node_cpu_mean_ratio,min_goodput_ratio,peak_during_attempts_per_request,peak_during_amplification$/,
    );
    // Each figure once, under its CSV name: not also under the store's older names.
    expect(header?.split(',')).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(e2e_p50_ms|e2e_p99_ms|node_cpu_utilisation)$/)]),
    );
    // The guards it ran with: the default --max-events, and the --max-events-per-instant given; not lossy.
    expect(row).toMatch(
      /,stopped,.*,zeno,0,"\{""maxEvents"":1000000000,""maxEventsAtOneInstant"":1000\}",[^,]*,[^,]*,[^,]*,false,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*$/,
    );
    // Resumed from the store with the same guards, the stopped runs are kept (they would stop again at the same
    // event), and still say so (exit 3).
    const again = await run(...args, '--max-events-per-instant', '1000', '--json');
    expect(again.code).toBe(3);
    const json = JSON.parse(again.out) as {
      ran: number;
      rerun: number;
      stoppedRuns: { kept: number };
      summary: { verdict: string; stopped: { reason: string }[] }[];
    };
    expect([json.ran, json.rerun, json.stoppedRuns.kept]).toEqual([0, 0, 2]);
    expect(again.err).toContain('meshsim: 2 runs in the store had been stopped by a guard: 2 kept');
    expect(json.summary.map((p) => [p.verdict, p.stopped[0]?.reason])).toEqual([
      ['stopped', 'zeno'],
      ['stopped', 'zeno'],
    ]);
    const bad = await run(...args, '--max-events', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("invalid value for --max-events: '0'");
    expect((await run(...args, '--max-wall-time', '1s')).code).toBe(2);
  });

  it('--boundary prints the recovery boundary per point of the other axes', async () => {
    const { code, out } = await run(
      'sweep',
      STORM_FILE,
      '--set',
      'traffic.0.rate=50..600',
      '--set',
      'services.api.calls.0.retry.attempts=1,3',
      '--boundary',
      '--store',
      join(dir, 'boundary.duckdb'),
      '--no-progress',
    );
    expect(code).toBe(0);
    expect(out).toContain('Recovery boundary on traffic.0.rate (50–600)');
    expect(out).toMatch(/services\.api\.calls\.0\.retry\.attempts\s+boundary/);
    const rows = out.split('\n').filter((line) => /^[13]\s/.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^\d\s+\d+ – \d+\s+\.+\?*#+$/);
    // Retries at the api lower the load at which the chain stops recovering.
    const low = (row: string | undefined): number => Number(/\s(\d+) – /.exec(row ?? '')?.[1]);
    expect(low(rows[1])).toBeLessThan(low(rows[0]));
  });

  it('--boundary takes an unresolved probe as unknown, says so on stderr and to run longer', async () => {
    const { code, out, err } = await run(
      'sweep',
      'retry-storm',
      '--set',
      'traffic.0.rate=100..600',
      '--set',
      'services.frontend.calls.0.retry.attempts=1',
      '--set',
      'faults.0.at=1s',
      '--set',
      'faults.0.for=2s',
      '--duration',
      '5s',
      '--boundary',
      '--workers',
      '1',
      '--store',
      join(dir, 'unresolved.duckdb'),
      '--no-progress',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^unknown: a run at 100 was too short to tell \(unresolved\): run longer\s+\?{40}$/m);
    expect(out).not.toContain('below 100');
    expect(err).toContain(
      'meshsim: 2 probes had a run too short to judge (unresolved: too short for a verdict, or too soon after its ' +
        'trigger to tell recovery from metastability)',
    );
  });

  it('draws progress with an ETA', () => {
    expect(formatSweepProgressLine(40, 100, 20_000, 40)).toBe(
      '[####------] 40% 40/100 runs, 20 s elapsed, ETA 30 s',
    );
    expect(formatSweepProgressLine(3, 10, 1000, 0)).toBe('[###-------] 30% 3/10 runs, 1 s elapsed, ETA –');
    // run --replications: the first replication ran before the pool; the ETA is from the pool's runs only.
    expect(formatSweepProgressLine(4, 10, 6000, 3, 'replications')).toBe(
      '[####------] 40% 4/10 replications, 6 s elapsed, ETA 12 s',
    );
  });
});

describe('resumedStopsLine', () => {
  const none = { 'guards-changed': 0, 'guards-not-recorded': 0, 'machine-dependent': 0 };

  it('says nothing when the store held no stopped run of the sweep', () => {
    expect(resumedStopsLine({ kept: 0, rerun: none })).toBeNull();
  });

  it('counts the stopped runs kept and those run again, each with why', () => {
    expect(resumedStopsLine({ kept: 1, rerun: none })).toBe(
      'meshsim: 1 run in the store had been stopped by a guard: 1 kept (stopped under the same --max-events and ' +
        '--max-events-per-instant: it would stop again at the same event; raise a limit to run it further)',
    );
    expect(
      resumedStopsLine({
        kept: 0,
        rerun: { 'guards-changed': 1, 'guards-not-recorded': 2, 'machine-dependent': 1 },
      }),
    ).toBe(
      'meshsim: 4 runs in the store had been stopped by a guard: 4 run again (1 with other guards than it stopped ' +
        'under; 2 whose guards the store did not record (written by an earlier meshsim); 1 stopped on wall time or ' +
        'heap, which depend on the machine)',
    );
  });
});

describe('warningLines', () => {
  const warning = {
    message: 'fault latency on db starts at 10 s, at or after the end of the run (1 s): …',
    runs: 2,
    example: [{ path: 'traffic.0.rate', value: 50 }],
  };

  it('counts each warning over the runs whose warnings are known, run now or found in the store', () => {
    expect(warningLines([warning], 3, 0)).toEqual([
      `meshsim: warning (in 2 of 3 runs; e.g. traffic.0.rate=50): ${warning.message}`,
    ]);
    expect(warningLines([], 3, 0)).toEqual([]);
  });

  it('says how many runs of a store that did not record warnings it cannot show them for: not "none"', () => {
    expect(warningLines([warning], 5, 2)).toEqual([
      `meshsim: warning (in 2 of 3 runs; e.g. traffic.0.rate=50): ${warning.message}`,
      "meshsim: the warnings of 2 runs found in the store are not shown: the store, written by an earlier meshsim, did not record them (a sweep into a new --store shows every run's)",
    ]);
    expect(warningLines([], 1, 1)).toEqual([
      "meshsim: the warnings of 1 run found in the store are not shown: the store, written by an earlier meshsim, did not record them (a sweep into a new --store shows every run's)",
    ]);
  });
});
