// `meshsim sweep` on the real binary: what it says of its --set values (each value once, in the base unit of their
// field; a range whose step misses its end, a range of one value still an axis), its progress off a terminal, of
// --boundary without one open range, the runs' warnings (the same when resumed), and `sweep merge` of a file that is
// no store and of stores holding a run stopped under other guards.

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, inject, it } from 'vitest';

import { tempDir } from './__helpers__/tempDir.js';
import { writeTempFile } from './__helpers__/scenarios.js';

const build = inject('cliBuild');

/** A small chain whose fault starts at 10 s: runs of a second or two are cheap (and never see the fault). */
const CHAIN = writeTempFile(
  'chain.yaml',
  `name: chain
seed: 7
duration: 30s
mesh: none
services:
  api:
    replicas: 2
    concurrency: 64
    serviceTime: 1ms
    calls: [{ to: db, timeout: 1s }]
  db:
    replicas: 2
    concurrency: 8
    serviceTime: { exponential: { mean: 2ms } }
traffic:
  - { name: users, to: api, rate: 100 }
faults:
  - { at: 10s, for: 5s, service: db, latency: +100ms }
`,
);

const dir = tempDir('meshsim-sweep-bin-');

/** Runs `node dist/bin.js sweep CHAIN ...args` with a store of its own (unless given) and no progress bar. */
function sweep(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const store = args.includes('--store')
    ? []
    : ['--store', join(dir, `${Math.random().toString(36).slice(2)}.duckdb`)];
  const child = spawnSync(
    process.execPath,
    [build.binPath, 'sweep', CHAIN, ...store, '--workers', '1', '--no-progress', ...args],
    { cwd: build.repoRoot, encoding: 'utf8', timeout: 120_000 },
  );
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The hint every usage error ends with. */
const HINT = "run 'meshsim --help' or 'meshsim sweep --help' for usage\n";

/** The first column of the table's rows (below the dashes). */
function firstColumn(stdout: string): string[] {
  const lines = stdout.split('\n');
  const dashes = lines.findIndex((line) => line.startsWith('---'));
  return lines
    .slice(dashes + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(/\s+/)[0] ?? '');
}

describe('meshsim sweep: the values of its --set', () => {
  beforeAll(() => {
    if (!existsSync(build.binPath)) throw new Error(`the CLI was not built:\n${build.output}`);
  });

  it('refuses a value given twice, naming it, with the usage hint (exit 2)', () => {
    const twice = sweep('--set', 'traffic.0.rate=100,100,200', '--duration', '1s');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe(
      'meshsim: --set traffic.0.rate=100,100,200: the value 100 is given twice: an axis runs each value once (remove one)\n' +
        HINT,
    );
    const overlap = sweep('--set', 'traffic.0.rate=100,200..300:50,250', '--duration', '1s');
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toContain('the value 250 is given twice (in 200..300:50 and as 250)');
    // One value written two ways: compared in the field's base unit, both spellings named.
    const spelled = sweep('--set', 'services.api.calls.0.timeout=1s,1000ms', '--duration', '1s');
    expect(spelled.code).toBe(2);
    expect(spelled.stderr).toBe(
      'meshsim: --set services.api.calls.0.timeout=1s,1000ms: the value 1000 ms is given twice (as 1s and as 1000ms): ' +
        'an axis runs each value once (remove one)\n' +
        HINT,
    );
    const seed = sweep('--set', 'seed=1,2', '--seed', '3');
    expect(seed.code).toBe(2);
    expect(seed.stderr).toBe('meshsim: give the seed once: --seed or --set seed=…, not both\n' + HINT);
    const path = sweep('--set', 'traffic.0.rate=100,200', '--set', 'traffic.0.rate=300');
    expect(path.code).toBe(2);
    expect(path.stderr).toBe(
      'meshsim: --set traffic.0.rate=100,200 and --set traffic.0.rate=300 both set traffic.0.rate: give each path once, with all its values (--set traffic.0.rate=a,b,c)\n' +
        HINT,
    );
  });

  it('prints one row per value, in the order given, and counts them so', () => {
    const { code, stdout } = sweep('--set', 'traffic.0.rate=300,100..200:100,50', '--duration', '1s');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'Sweep: 4 points × 1 replication = 4 runs: 4 run now, 0 already in the store',
    );
    expect(firstColumn(stdout)).toEqual(['300', '100', '200', '50']);
  });

  it('says which values a range runs when its step misses its end; a range of one value is still an axis', () => {
    const missed = sweep('--set', 'traffic.0.rate=100..400:250', '--duration', '1s');
    expect(missed.code).toBe(0);
    expect(missed.stderr).toContain(
      'meshsim: --set traffic.0.rate: 100..400:250 runs 100, 350 (400 is not a step from 100)\n',
    );
    expect(firstColumn(missed.stdout)).toEqual(['100', '350']);
    const one = sweep('--set', 'traffic.0.rate=100..400:350', '--duration', '1s');
    expect(one.code).toBe(0);
    expect(one.stderr).toContain(
      'meshsim: --set traffic.0.rate: 100..400:350 runs 100 (400 is not a step from 100)\n',
    );
    expect(one.stdout).toMatch(/^traffic\.0\.rate\s+runs\s+verdicts/m);
    expect(firstColumn(one.stdout)).toEqual(['100']);
    // A step that lands on the end: nothing to say.
    expect(sweep('--set', 'traffic.0.rate=100..300:200', '--duration', '1s').stderr).not.toContain(
      'is not a step',
    );
  });
});

describe('meshsim sweep: progress off a terminal', () => {
  it('prints whole lines of runs done (always the last), not a bar, and nothing with --no-progress', () => {
    const store = ['--store', join(dir, 'progress.duckdb')];
    const args = [build.binPath, 'sweep', CHAIN, ...store, '--workers', '1', '--duration', '1s'];
    const child = spawnSync(process.execPath, [...args, '--set', 'traffic.0.rate=50,100'], {
      cwd: build.repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.status).toBe(0);
    expect(child.stderr).toMatch(/^\[2\/2\] runs done at \d+\.\d s$/m);
    expect(child.stderr).not.toContain('\r');
    const quiet = sweep('--duration', '1s', '--set', 'traffic.0.rate=50,100');
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('runs done');
  });
});

describe('meshsim sweep --boundary: without one open range', () => {
  it('names the --set with a step and the open range to write, with the usage hint (exit 2)', () => {
    const stepped = sweep('--set', 'traffic.0.rate=200..800:100', '--boundary');
    expect(stepped.code).toBe(2);
    expect(stepped.stderr).toBe(
      'meshsim: --boundary bisects an open range, and --set traffic.0.rate=200..800:100 has a step: write the range ' +
        'without it, --set traffic.0.rate=200..800\n' +
        HINT,
    );
  });

  it('names a list of values and the range that spans it', () => {
    const list = sweep('--set', 'services.api.calls.0.timeout=300ms,100ms,200ms', '--boundary');
    expect(list.code).toBe(2);
    expect(list.stderr).toBe(
      'meshsim: --boundary bisects an open range, and --set services.api.calls.0.timeout=300ms,100ms,200ms is a list ' +
        'of values: give the range to search instead, --set services.api.calls.0.timeout=100ms..300ms\n' +
        HINT,
    );
  });

  it('without anything like a range, or with two open ranges, says what it needs', () => {
    const none = sweep('--set', 'mesh=none,linkerd', '--boundary');
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'meshsim: --boundary needs one --set with an open range PATH=LOW..HIGH (no step) to bisect, e.g. --set traffic.0.rate=100..3000\n' +
        HINT,
    );
    const two = sweep(
      '--set',
      'traffic.0.rate=100..200',
      '--set',
      'services.api.replicas=1..3',
      '--boundary',
    );
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(
      '--boundary bisects one open range (PATH=LOW..HIGH, no step), got 2: --set traffic.0.rate=100..200, --set services.api.replicas=1..3;',
    );
    expect(two.stderr.endsWith(HINT)).toBe(true);
  });
});

/** The warning of a run of CHAIN shorter than 10 s. */
const LATE_FAULT =
  'fault latency on db starts at 10 s, at or after the end of the run (1 s): it does not happen in this run (lengthen the run to include it)';

/** Where CHAIN writes the fault's time: a warning of its model is printed there, as `meshsim validate` prints it. */
const AT_FAULT = `${CHAIN}:18:7: faults[0].at: `;

describe("meshsim sweep: the runs' warnings", () => {
  it('are printed on stderr once each, with how many runs gave each and an example point (a warning of the file at its line), and in the JSON', () => {
    const store = join(dir, 'warnings.duckdb');
    const text = sweep('--set', 'traffic.0.rate=50,100', '--duration', '1s', '--store', store);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain(
      `meshsim: warning (in 2 of 2 runs; e.g. traffic.0.rate=50): ${AT_FAULT}${LATE_FAULT}\n`,
    );
    expect(text.stderr.split(LATE_FAULT)).toHaveLength(2);
    expect(text.stdout).not.toContain('warning');
    // Resumed: one run new, two from the store, which keeps their warnings: counted as if all three ran now.
    const json = sweep('--set', 'traffic.0.rate=50,100,150', '--duration', '1s', '--store', store, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ran: 1,
      skipped: 2,
      warnings: [{ message: LATE_FAULT, runs: 3, example: { 'traffic.0.rate': 50 } }],
      warningsNotRecorded: 0,
    });
    expect(json.stderr).toContain(
      `meshsim: warning (in 3 of 3 runs; e.g. traffic.0.rate=50): ${AT_FAULT}${LATE_FAULT}\n`,
    );
    expect(json.stderr).not.toContain('not shown');
  });

  it('are the same when a sweep is resumed as when it runs in one go', () => {
    const args = ['--set', 'traffic.0.rate=50,100,150', '--set', 'duration=1s,12s', '--replications', '2'];
    /** The warning lines of stderr. */
    const warnings = (stderr: string): string[] =>
      stderr.split('\n').filter((line) => line.startsWith('meshsim: warning'));
    const whole = sweep(...args);
    expect(whole.code).toBe(0);
    expect(warnings(whole.stderr)).toEqual([
      `meshsim: warning (in 6 of 12 runs; e.g. traffic.0.rate=50 duration=1s): ${AT_FAULT}${LATE_FAULT}`,
    ]);
    // Half of it first (as a sweep interrupted half way would have stored), then the whole grid into that store.
    const store = join(dir, 'resumed-warnings.duckdb');
    expect(sweep(...args, '--shard', '2/2', '--store', store).code).toBe(0);
    const resumed = sweep(...args, '--store', store);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('6 run now, 6 already in the store');
    expect(warnings(resumed.stderr)).toEqual(warnings(whole.stderr));
    expect(resumed.stderr).not.toContain('not shown');
  });

  it('of a boundary search too', () => {
    const { code, stderr, stdout } = sweep(
      '--set',
      'traffic.0.rate=50..100',
      '--boundary',
      '--duration',
      '6s',
    );
    expect(code).toBe(0);
    // 6 s: a run under one 5 s window is too short to judge, so its probes would be unknown, not recovering.
    expect(stderr).toContain(
      `meshsim: warning (in 2 of 2 runs; e.g. traffic.0.rate=50): ${AT_FAULT}${LATE_FAULT.replace('(1 s)', '(6 s)')}\n`,
    );
    expect(stdout).toMatch(/^above 100\s+\.{40}$/m);
  });
});

/** Runs `node dist/bin.js sweep merge ...args`. */
function merge(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [build.binPath, 'sweep', 'merge', ...args], {
    cwd: build.repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('meshsim sweep merge: a shard that is not a results store', () => {
  it('is named with the reason --store gives such a file (exit 1), before the output store is created', () => {
    const garbage = join(dir, 'garbage.duckdb');
    writeFileSync(garbage, 'garbage\n');
    const store = join(dir, 'one-run.duckdb');
    expect(sweep('--set', 'traffic.0.rate=10', '--duration', '1s', '--store', store).code).toBe(0);
    const out = join(dir, 'never-created.duckdb');
    expect(merge('--store', out, store, garbage)).toEqual({
      code: 1,
      stdout: '',
      stderr: `meshsim: cannot merge '${garbage}': it is not a DuckDB results store (give the stores sweeps wrote)\n`,
    });
    // It was: "IO Error: The file … is not a valid DuckDB database file!", and an empty output store left behind.
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.wal`)).toBe(false);
  });
});

describe('meshsim sweep merge: a run two stores hold stopped under different guards', () => {
  it('is refused, naming both stores, the run and their guards (exit 1, nothing merged); the same guards merge', () => {
    const [a, b, out] = ['stopped-a', 'stopped-b', 'merged'].map((name) => join(dir, `${name}.duckdb`)) as [
      string,
      string,
      string,
    ];
    // At 2000 req/s a run of 1 s needs more events than either limit: it stops under both, at different events.
    const grid = ['--set', 'traffic.0.rate=10,2000', '--duration', '1s'];
    expect(sweep(...grid, '--max-events', '2000', '--store', a).code).toBe(3);
    expect(sweep(...grid, '--max-events', '3000', '--store', b).code).toBe(3);
    const refused = merge('--store', out, a, b);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    // The output this merge would have created is not left behind empty.
    expect(existsSync(out)).toBe(false);
    expect(refused.stderr).toMatch(
      new RegExp(
        '^meshsim: cannot merge: the run duration=1000ms traffic\\.0\\.rate=2000, replication 0 \\(key [0-9a-f]{12}…\\) ' +
          'is stopped by a guard in .*stopped-a\\.duckdb \\(under \\{"maxEvents":2000,"maxEventsAtOneInstant":1000000\\}\\) ' +
          'and in .*stopped-b\\.duckdb \\(under \\{"maxEvents":3000,"maxEventsAtOneInstant":1000000\\}\\), and no store ' +
          'holds it finished: .* Nothing was merged: .* then merge again\\n$',
      ),
    );
    // The sweep run again into b with a's guards: its stopped run is replaced by one under those, and the merge goes
    // (2 runs: the refused merge had copied none of a's).
    expect(sweep(...grid, '--max-events', '2000', '--store', b).stdout).toContain(
      '1 run now (1 stopped run run again)',
    );
    expect(merge('--store', out, a, b)).toMatchObject({
      code: 0,
      stdout: `merged 2 runs from 2 stores into ${out}\n`,
    });
  });
});

describe("meshsim sweep: a bare CPU number is judged at each point, by the point's own nodes", () => {
  it('an axis over nodeCpu: 32 cores (the file) and 24 (a --set) are implausible on the 8-core point, said once each', () => {
    // On the first point (nodeCpu 64) both fit; on the second (nodeCpu 8) neither is plausible as cores.
    const file = writeTempFile(
      'nodes-axis.yaml',
      `duration: 1s
mesh: none
services:
  api: { serviceTime: 1ms, cpuLimit: 32 }
traffic:
  - { to: api, rate: 10 }
`,
    );
    const child = spawnSync(
      process.execPath,
      [
        build.binPath,
        'sweep',
        file,
        '--store',
        join(dir, 'nodes-axis.duckdb'),
        '--workers',
        '1',
        '--no-progress',
        '--set',
        'nodeCpu=64,8',
        '--set',
        'services.api.cpuRequest=24',
      ],
      { cwd: build.repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    const bare = child.stderr
      .split('\n')
      .filter((line) => line.startsWith('meshsim: warning: ') && line.includes('a bare CPU quantity'));
    expect(bare).toEqual([
      'meshsim: warning: --set services.api.cpuRequest=24 is 24 cores (a bare CPU quantity is cores, as Kubernetes reads it), more than the largest node has (8 cores, nodeCpu); write 24m for millicores (0.024 cores); at the sweep point nodeCpu=8',
      `meshsim: warning: ${file}:4:28: services.api.cpuLimit: 32 is 32 cores (a bare CPU quantity is cores, as Kubernetes reads it), more than the largest node has (8 cores, nodeCpu); write 32m for millicores (0.032 cores); at the sweep point nodeCpu=8`,
    ]);
  });
});
