// What `run`, `compare`, `sweep` and `validate` say of their input on the real binary: the warnings of a scenario file
// at its lines and columns, durations written as bare numbers (in the file or in a flag), a stepped `--set` range
// whose step misses its end, a range `run` or `compare` cannot take.

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listBundledScenarios } from '@meshsim/scenario';

import { tempDir } from './__helpers__/tempDir.js';
import { writeTempFile } from './__helpers__/scenarios.js';
import { meshsim } from './__helpers__/meshsimBin.js';

/** A small chain: runs of a second are cheap. */
const CHAIN = writeTempFile(
  'chain.yaml',
  `name: chain
duration: 30s
mesh: none
services:
  api: { serviceTime: 1ms, calls: [{ to: db, timeout: 1s }] }
  db: { serviceTime: { exponential: { mean: 2ms } } }
traffic:
  - { name: users, to: api, rate: 100 }
`,
);

describe('a stepped --set range in run and compare', () => {
  const NOTE = 'meshsim: --set traffic.0.rate: 100..400:350 runs 100 (400 is not a step from 100)\n';

  it('run and compare say which value a range of one value runs when its step misses its end, as sweep does', () => {
    const run = meshsim('run', CHAIN, '--duration', '1s', '--set', 'traffic.0.rate=100..400:350', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.startsWith(NOTE)).toBe(true);
    expect(JSON.parse(run.stdout)).toMatchObject({
      scenario: { overrides: ['duration=1s', 'traffic.0.rate=100..400:350'] },
    });
    const compare = meshsim(
      'compare',
      CHAIN,
      '--mesh',
      'none,linkerd',
      '--duration',
      '1s',
      '--set',
      'traffic.0.rate=100..400:350',
      '--workers',
      '0',
      '--no-progress',
    );
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stderr.startsWith(NOTE)).toBe(true);
    // A step that lands on its end: nothing to say.
    const exact = meshsim('run', CHAIN, '--duration', '1s', '--set', 'traffic.0.rate=100..100:50');
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.stderr).not.toContain('is not a step');
  });

  it('a range of several values is refused before anything runs, naming the --set as written and meshsim sweep', () => {
    for (const command of ['run', 'compare']) {
      const refused = meshsim(command, CHAIN, '--set', 'traffic.0.rate=1..10:4');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        `meshsim: --set traffic.0.rate=1..10:4 has 3 values: 'meshsim ${command}' takes one value per path ` +
          `(use 'meshsim sweep' for a grid)\nrun 'meshsim --help' or 'meshsim ${command} --help' for usage\n`,
      );
    }
  });
});

/** The warning of a duration written as a bare number, as every command words it. */
const bare = (n: string): string =>
  `${n} is ${n} ms (a bare number is milliseconds); write ${n}s for seconds, or ${n}ms to keep milliseconds without this warning`;

/**
 * A scenario with durations written as bare numbers (`duration: 900`, line 1; `timeout: 1`, line 4 column 46), a
 * warning of its model (that 1 ms timeout, under half of db's service time) and one only its run can give (requests
 * waiting for the source's one connection).
 */
const BARE_YAML = `duration: 900
mesh: none
services:
  api: { serviceTime: 5ms, calls: [{ to: db, timeout: 1 }] }
  db: { serviceTime: 5ms }
traffic:
  - { name: load, to: api, rate: 400, connections: 1 }
`;

const TIMEOUT_WARNING =
  "api → db: its timeout (1 ms) is under half of db's mean service time (5 ms), so most calls time out before db " +
  'can answer';

describe('durations written as bare numbers (milliseconds)', () => {
  it('--max-wall-time 5 and --trace-slower-than 5 warn as --duration 5 does; a unit never warns', () => {
    const otlp = join(tempDir(), 'traces.json');
    const flags = meshsim(
      'run',
      CHAIN,
      '--duration',
      '1s',
      '--max-wall-time',
      '60000',
      '--otlp',
      otlp,
      '--trace-slower-than',
      '5',
    );
    expect(flags.code, flags.stderr).toBe(0);
    expect(flags.stderr).toContain(`meshsim: warning: --max-wall-time ${bare('60000')}\n`);
    expect(flags.stderr).toContain(`meshsim: warning: --trace-slower-than ${bare('5')}\n`);
    const units = meshsim(
      'run',
      CHAIN,
      '--duration',
      '1s',
      '--max-wall-time',
      '1m',
      '--otlp',
      otlp,
      '--trace-slower-than',
      '5ms',
    );
    expect(units.code, units.stderr).toBe(0);
    expect(units.stderr).not.toContain('warning');
  });

  it('validate and run warn of each duration a file writes as a bare number, at its line and column', () => {
    const file = writeTempFile('bare.yaml', BARE_YAML);
    const validate = meshsim('validate', file);
    expect(validate.code, validate.stderr).toBe(0);
    const lines = validate.stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `warning: ${file}:1:1: duration: ${bare('900')}`,
      `warning: ${file}:4:46: services.api.calls[0].timeout: ${bare('1')}`,
    ]);
    const run = meshsim('run', file, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n').slice(0, 2)).toEqual([
      `meshsim: warning: ${file}:1:1: duration: ${bare('900')}`,
      `meshsim: warning: ${file}:4:46: services.api.calls[0].timeout: ${bare('1')}`,
    ]);
    // What the command line sets is not the file's: --duration 1s runs 1 s, so the file's 900 goes unsaid.
    const overridden = meshsim('run', file, '--duration', '1s', '--json');
    expect(overridden.code, overridden.stderr).toBe(0);
    expect(overridden.stderr).not.toContain(': duration: ');
    expect(overridden.stderr).toContain(
      `meshsim: warning: ${file}:4:46: services.api.calls[0].timeout: ${bare('1')}\n`,
    );
    // With units, not a word.
    const united = writeTempFile(
      'united.yaml',
      BARE_YAML.replace('duration: 900', 'duration: 900ms').replace('timeout: 1 ', 'timeout: 1ms '),
    );
    expect(meshsim('run', united, '--json').stderr).not.toContain('warning');
  });

  it('compare and sweep warn of them too, once, before they run', () => {
    const file = writeTempFile('bare.yaml', BARE_YAML);
    const line = `meshsim: warning: ${file}:4:46: services.api.calls[0].timeout: ${bare('1')}\n`;
    const compare = meshsim('compare', file, '--mesh', 'none,linkerd', '--workers', '0', '--no-progress');
    expect(compare.code, compare.stderr).toBe(0);
    expect(
      compare.stderr.startsWith(`meshsim: warning: ${file}:1:1: duration: ${bare('900')}\n${line}`),
    ).toBe(true);
    const store = join(tempDir(), 'bare.duckdb');
    const sweep = meshsim(
      'sweep',
      file,
      '--set',
      'traffic.0.rate=100,200',
      '--store',
      store,
      '--workers',
      '1',
      '--no-progress',
    );
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stderr.split(line)).toHaveLength(2);
  });
});

describe("a scenario file's warnings at their lines and columns", () => {
  it("run's text gives each warning of the file's model at its field, as validate does; a run's own keeps its form", () => {
    const file = writeTempFile('bare.yaml', BARE_YAML);
    const { code, stdout, stderr } = meshsim('run', file);
    expect(code, stderr).toBe(0);
    const warnings = stdout.split('\nWarnings:\n')[1]?.split('\n\n')[0]?.split('\n');
    expect(warnings).toEqual([
      `  - ${file}:4:46: services.api.calls[0].timeout: ${TIMEOUT_WARNING}`,
      expect.stringMatching(/^ {2}- Traffic source load: \d+ requests waited for one of its 1 connections/),
    ]);
    // The same line validate prints.
    expect(meshsim('validate', file).stderr).toContain(
      `warning: ${file}:4:46: services.api.calls[0].timeout: ${TIMEOUT_WARNING}\n`,
    );
    // The JSON keeps the run's strings (validate --json has the fields and positions).
    const json = meshsim('run', file, '--json');
    expect((JSON.parse(json.stdout) as { warnings: string[] }).warnings[0]).toBe(TIMEOUT_WARNING);
  });

  it('with --set and --duration, the warnings still point at the file; a bundled scenario by name keeps its form', () => {
    const retryStorm = listBundledScenarios().find((s) => s.name === 'retry-storm')?.file ?? '';
    // 12 s: the file's latency fault at 30 s falls after the run's end.
    const late = (out: string): string | undefined =>
      out.split('\n').find((line) => line.includes('fault latency on checkout starts at 30 s'));
    const byFile = meshsim('run', retryStorm, '--duration', '12s', '--set', 'traffic.0.rate=100');
    expect(byFile.code, byFile.stderr).toBe(0);
    const placed = late(byFile.stdout) ?? '';
    expect(placed.startsWith(`  - ${retryStorm}:`)).toBe(true);
    expect(placed.slice(`  - ${retryStorm}`.length)).toMatch(
      /^:\d+:\d+: faults\[0\]\.at: fault latency on checkout starts at 30 s/,
    );
    const byName = meshsim('run', 'retry-storm', '--duration', '12s', '--set', 'traffic.0.rate=100');
    expect(byName.code, byName.stderr).toBe(0);
    expect(late(byName.stdout)).toMatch(
      /^ {2}- fault latency on checkout starts at 30 s, at or after the end of the run/,
    );
  });

  it('a warning about a field a --set wrote keeps its form: the file writes another value at that line', () => {
    const file = writeTempFile('bare.yaml', BARE_YAML);
    const set = meshsim('run', file, '--set', 'services.api.calls.0.timeout=2ms');
    expect(set.code, set.stderr).toBe(0);
    const warnings = set.stdout.split('\nWarnings:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(warnings[0]).toBe(`  - ${TIMEOUT_WARNING.replace('(1 ms)', '(2 ms)')}`);
    expect(set.stdout).not.toContain(`${file}:4:46`);
  });

  it("compare's text gives them at their fields under each shape", () => {
    const file = writeTempFile('bare.yaml', BARE_YAML);
    const { code, stdout, stderr } = meshsim(
      'compare',
      file,
      '--mesh',
      'none,linkerd',
      '--workers',
      '0',
      '--no-progress',
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(
      `  [none, linkerd] ${file}:4:46: services.api.calls[0].timeout: ${TIMEOUT_WARNING}\n`,
    );
    expect(stdout).toMatch(/^ {2}\[none\] Traffic source load: \d+ requests waited/m);
  });
});
