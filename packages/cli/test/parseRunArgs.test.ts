import { describe, expect, it } from 'vitest';

import { UsageError } from '../src/CliError.js';
import { parseRunArgs } from '../src/commands/run.js';
import { parseSweepArgs } from '../src/commands/sweep.js';
import { telemetryFor } from '../src/internal/exportFlags.js';
import { DEFAULT_RUN_GUARDS } from '../src/internal/runGuards.js';

describe('parseRunArgs', () => {
  it('parseRunArgs([scenario]) defaults to text output with progress and no overrides', () => {
    expect(parseRunArgs(['retry-storm'])).toEqual({
      scenario: 'retry-storm',
      format: 'text',
      progress: true,
      sets: [],
      written: { sets: [] },
      replications: 1,
      workers: 0,
      yes: false,
      warnings: [],
      exports: { metrics: 'istio', traced: false, traceSample: 0.01, traceErrors: false, startTimeMs: 0 },
      guards: DEFAULT_RUN_GUARDS,
    });
  });

  it('parseRunArgs(args) reads every flag, before or after the scenario, with = or a space', () => {
    const args = ['--seed=7', 'my.yaml', '--duration', '1.5s', '--mesh', 'none', '--openmetrics'];
    expect(parseRunArgs([...args, '--out', 'm.txt', '--no-progress'])).toEqual({
      scenario: 'my.yaml',
      seed: 7,
      durationMs: 1500,
      mesh: 'none',
      format: 'openmetrics',
      out: 'm.txt',
      progress: false,
      sets: [],
      written: { duration: '1.5s', sets: [] },
      replications: 1,
      workers: 0,
      yes: false,
      warnings: [],
      exports: { metrics: 'istio', traced: false, traceSample: 0.01, traceErrors: false, startTimeMs: 0 },
      guards: DEFAULT_RUN_GUARDS,
    });
  });

  it('parseRunArgs reads --set (repeatable), --replications and --workers', () => {
    const parsed = parseRunArgs([
      'x',
      '--set',
      'traffic.0.rate=800',
      '--set=services.a.replicas=2',
      '--replications',
      '5',
      '--workers',
      '2',
    ]);
    expect(parsed).toMatchObject({
      sets: [
        { path: 'traffic.0.rate', values: [800] },
        { path: 'services.a.replicas', values: [2] },
      ],
      replications: 5,
      workers: 2,
    });
  });

  it('parseRunArgs warns of a duration without a unit (milliseconds, easily meant as seconds), by --duration or --set', () => {
    const warning = (given: string, n: string): string =>
      `warning: ${given}${n} is ${n} ms (a bare number is milliseconds); write ${n}s for seconds, or ${n}ms to keep milliseconds without this warning`;
    expect(parseRunArgs(['x', '--duration', '5'])).toMatchObject({
      durationMs: 5,
      warnings: [warning('--duration ', '5')],
    });
    // Large too: 3600 is 3.6 s, not an hour.
    expect(parseRunArgs(['x', '--duration', ' 3600 '])).toMatchObject({
      warnings: [warning('--duration ', '3600')],
    });
    expect(parseRunArgs(['x', '--set', 'duration=5'])).toMatchObject({
      warnings: [warning('--set duration=', '5')],
    });
    for (const unit of [
      ['--duration', '5s'],
      ['--duration', '5ms'],
      ['--set', 'duration=5ms'],
      ['--set', 'seed=5'],
    ]) {
      expect(parseRunArgs(['x', ...unit])).toMatchObject({ warnings: [] });
    }
    // A sweep axis of durations: one line, its first bare number as the example.
    expect(parseSweepArgs(['x', '--set', 'duration=5,2s,10,20'])).toMatchObject({
      warnings: [`${warning('--set duration=', '5')} (and 2 more bare numbers)`],
    });
    // Any duration field of the file, as a file's own bare number warns: a call's timeout, a retry's perTryTimeout.
    const perTry = 'services.frontend.calls.0.retry.perTryTimeout';
    expect(parseRunArgs(['x', '--set', `${perTry}=250`])).toMatchObject({
      warnings: [warning(`--set ${perTry}=`, '250')],
    });
    expect(parseSweepArgs(['x', '--set', 'traffic.0.timeout=100,1s'])).toMatchObject({
      warnings: [warning('--set traffic.0.timeout=', '100')],
    });
    // Not a duration: no warning.
    for (const set of ['traffic.0.rate=250', 'services.frontend.replicas=3', `${perTry}=250ms`]) {
      expect(parseRunArgs(['x', '--set', set])).toMatchObject({ warnings: [] });
    }
  });

  it("parseRunArgs warns of a memory size without a unit (MiB or KiB, where Kubernetes reads bytes), as a file's", () => {
    const warning = (path: string, n: number, unit: 'MiB' | 'KiB', larger: string, next: string): string =>
      `warning: --set ${path}=${n} is ${n} ${unit} (a bare memory size is ${unit} here, where Kubernetes reads bytes); ` +
      `write ${n}${next} for ${larger}, or ${n}${unit.slice(0, 2)} to keep ${unit} without this warning`;
    expect(parseRunArgs(['x', '--set', 'nodeMemory=16'])).toMatchObject({
      warnings: [warning('nodeMemory', 16, 'MiB', 'GiB', 'Gi')],
    });
    expect(parseRunArgs(['x', '--set', 'services.api.memoryRequest=512'])).toMatchObject({
      warnings: [warning('services.api.memoryRequest', 512, 'MiB', 'GiB', 'Gi')],
    });
    // A profile's per-endpoint memory is KiB.
    expect(parseRunArgs(['x', '--set', 'mesh.sidecar.memoryPerEndpoint=3'])).toMatchObject({
      warnings: [warning('mesh.sidecar.memoryPerEndpoint', 3, 'KiB', 'MiB', 'Mi')],
    });
    // A sweep axis: one line, its first bare number as the example (0 is the same in every unit: not one).
    expect(parseSweepArgs(['x', '--set', 'nodeMemory=0,8,16Gi,16..32:16'])).toMatchObject({
      warnings: [`${warning('nodeMemory', 8, 'MiB', 'GiB', 'Gi')} (and 2 more bare numbers)`],
    });
    // With a unit, 0, or bytes (as Kubernetes reads a bare number): no warning.
    for (const set of ['nodeMemory=16Gi', 'nodeMemory=0', 'services.api.requestBytes=512']) {
      expect(parseRunArgs(['x', '--set', set]), set).toMatchObject({ warnings: [] });
    }
  });

  it('parseRunArgs refuses --duration together with --set duration (the --set would silently win)', () => {
    expect(() => parseRunArgs(['retry-storm', '--duration', '2s', '--set', 'duration=5s'])).toThrow(
      new UsageError('give the duration once: --duration or --set duration=…, not both', 'run'),
    );
    expect(parseRunArgs(['retry-storm', '--set', 'duration=5s'])).toMatchObject({
      sets: [{ path: 'duration' }],
    });
  });

  it('parseRunArgs(args) reads the export flags', () => {
    const args = ['x', '--openmetrics', '--metrics', 'meshsim', '--otlp', 't.json', '--trace-sample', '0.2'];
    expect(
      parseRunArgs([...args, '--fortio', 'f', '--smp', 's.json', '--start-time', '2026-01-01T00:00:00Z']),
    ).toMatchObject({
      format: 'openmetrics',
      exports: {
        metrics: 'meshsim',
        otlp: 't.json',
        traceSample: 0.2,
        fortio: 'f',
        smp: 's.json',
        startTimeMs: Date.UTC(2026, 0, 1),
      },
    });
    expect(parseRunArgs(['x', '--otlp', 't.json', '--start-time', '1700000000'])).toMatchObject({
      exports: { traceSample: 0.01, startTimeMs: 1_700_000_000_000 },
    });
  });

  it('parseRunArgs(args) reads the tail-sampling flags, which allow --trace-sample 0', () => {
    expect(parseRunArgs(['x', '--otlp', 't.json', '--trace-errors'])).toMatchObject({
      exports: { traceSample: 0.01, traceErrors: true },
    });
    const args = ['x', '--otlp', 't.jsonl', '--trace-slower-than', '1.5s', '--trace-sample', '0'];
    const parsed = parseRunArgs(args);
    expect(parsed).toMatchObject({
      exports: { traceSample: 0, traceErrors: false, traceSlowerThanMs: 1500 },
    });
    expect(parsed === 'help' ? null : telemetryFor(parsed.exports, false)).toEqual({
      traceSampleRate: 0,
      traceKeep: { slowerThanMs: 1500 },
    });
    expect(parseRunArgs(['x', '--otlp', 't.json'])).toMatchObject({ exports: { traceErrors: false } });
    const shared = parseRunArgs(['x', '--otlp', 't.json', '--trace-errors', '--trace-keep-share', '0.05']);
    expect(shared === 'help' ? null : telemetryFor(shared.exports, false)).toEqual({
      traceSampleRate: 0.01,
      traceKeep: { errors: true, share: 0.05 },
    });
  });

  it('parseRunArgs(args) records traces for --otlp, or for --html with a --trace-… flag', () => {
    const telemetry = (args: string[]): unknown => {
      const parsed = parseRunArgs(['x', ...args]);
      return parsed === 'help' ? null : telemetryFor(parsed.exports, false);
    };
    expect(telemetry(['--html', 'r.html'])).toEqual({});
    expect(telemetry(['--html', 'r.html', '--trace-sample', '0.2'])).toEqual({ traceSampleRate: 0.2 });
    expect(telemetry(['--html', 'r.html', '--trace-errors'])).toEqual({
      traceSampleRate: 0.01,
      traceKeep: { errors: true },
    });
    expect(telemetry(['--otlp', 't.json'])).toEqual({ traceSampleRate: 0.01 });
  });

  it('parseRunArgs([scenario, --csv, --table, versions]) selects the versions table', () => {
    expect(parseRunArgs(['x', '--csv', '--table', 'versions'])).toMatchObject({ csvTable: 'versions' });
  });

  it('parseRunArgs([scenario, --csv, --table, proxies]) selects the proxies table', () => {
    expect(parseRunArgs(['x', '--csv', '--table', 'proxies'])).toMatchObject({
      format: 'csv',
      csvTable: 'proxies',
    });
  });

  it('parseRunArgs([--help]) returns help even without a scenario', () => {
    expect(parseRunArgs(['--help'])).toBe('help');
    expect(parseRunArgs(['x', '-h'])).toBe('help');
  });

  it.each([
    [['x', '--seed', '-1'], "invalid value for --seed: '-1' (a seed cannot be negative; expected"],
    [['x', '--seed=-1'], "invalid value for --seed: '-1' (a seed cannot be negative;"],
    [
      ['x', '--seed', '9007199254740993'],
      "invalid value for --seed: '9007199254740993' (too large: at most 9007199254740991;",
    ],
    [
      ['x', '--duration', '-5s'],
      "invalid value for --duration: '-5s' (a duration cannot be negative; expected",
    ],
    [['x', '--duration', '0'], "invalid value for --duration: '0' (a duration of 0 simulates nothing;"],
    [['x', '--duration', '1000h'], "invalid value for --duration: '1000h' (longer than the limit of 720h;"],
    [['x', '--duration', `${'9'.repeat(400)}ms`], 'too long; expected a duration > 0'],
    [['x', '--max-events', '-5'], "invalid value for --max-events: '-5' (a limit cannot be negative;"],
    [['x', '--max-events-per-instant', '0'], "invalid value for --max-events-per-instant: '0'"],
    [
      ['x', '--max-wall-time', '-1s'],
      "invalid value for --max-wall-time: '-1s' (a duration cannot be negative;",
    ],
    [
      ['x', '--max-heap', '12parsecs'],
      "invalid value for --max-heap: '12parsecs' (expected a size such as 1500Mi",
    ],
    [['x', '--max-heap', '150%'], "invalid value for --max-heap: '150%'"],
    [['x', '--duration', 'soon'], "invalid value for --duration: 'soon'"],
    [
      ['x', '--duration', '1e3ms'],
      "invalid value for --duration: '1e3ms' (exponent notation (1e3ms) is not supported: write 1000ms; expected",
    ],
    [['x', '--out', ''], "invalid value for --out: ''"],
    [['x', '--csv', '--openmetrics', '--json'], 'got --json and --csv and --openmetrics'],
    [
      ['x', '--csv', '--table', 'services'],
      "invalid value for --table: 'services' (expected one of: edges, proxies, versions, verdicts, nodes, timeseries, service-timeseries, replications)",
    ],
    [['x', '--metrics', 'istio'], '--metrics goes with --openmetrics'],
    [
      ['x', '--openmetrics', '--metrics', 'prom'],
      "invalid value for --metrics: 'prom' (expected one of: istio, meshsim)",
    ],
    [['x', '--trace-sample', '0.1'], '--trace-sample goes with --otlp or --html'],
    [
      ['x', '--otlp', 't.json', '--trace-sample', '0'],
      "invalid value for --trace-sample: '0' (expected a share in (0, 1], e.g. 0.05; 0 only with --trace-errors or --trace-slower-than)",
    ],
    [['x', '--trace-errors'], '--trace-errors goes with --otlp or --html'],
    [
      ['x', '--otlp', 't.json', '--trace-keep-share', '0.5'],
      '--trace-keep-share goes with --trace-errors or --trace-slower-than',
    ],
    [
      ['x', '--otlp', 't.json', '--trace-errors', '--trace-keep-share', '0'],
      "invalid value for --trace-keep-share: '0' (expected a share in (0, 1], e.g. 0.05)",
    ],
    [
      ['x', '--otlp', 't.json', '--trace-errors', '--trace-keep-share', '5%'],
      "invalid value for --trace-keep-share: '5%'",
    ],
    [['x', '--trace-slower-than', '1s'], '--trace-slower-than goes with --otlp or --html'],
    [
      ['x', '--otlp', 't.json', '--trace-slower-than', '0s'],
      "invalid value for --trace-slower-than: '0s' (expected a duration > 0 such as 250ms or 2s)",
    ],
    [
      ['x', '--otlp', 't.json', '--trace-slower-than', 'slow'],
      "invalid value for --trace-slower-than: 'slow'",
    ],
    [
      ['x', '--otlp', 't.json', '--trace-slower-than', '-5ms'],
      "invalid value for --trace-slower-than: '-5ms'",
    ],
    [['x', '--otlp', 't.json', '--trace-sample', '1.5'], "invalid value for --trace-sample: '1.5'"],
    [['x', '--start-time', 'yesterday'], "invalid value for --start-time: 'yesterday'"],
    [['x', '--start-time', '2026-01-01T00:00:00'], "invalid value for --start-time: '2026-01-01T00:00:00'"],
    [['x', '--fortio', ' '], "invalid value for --fortio: ' '"],
    [['x', '--replications', '0'], "invalid value for --replications: '0' (expected an integer >= 1"],
    [['x', '--workers', 'many'], "invalid value for --workers: 'many'"],
    [['x', '--set', 'traffic.0.rate'], '--set traffic.0.rate: expected path=values'],
    [['x', '--json', '--table', 'proxies'], '--table goes with --csv'],
  ])('parseRunArgs(%j) throws a UsageError mentioning %j', (args, message) => {
    expect(() => parseRunArgs(args)).toThrow(UsageError);
    expect(() => parseRunArgs(args)).toThrow(message);
  });

  it('parseRunArgs reads the guard flags, each of which may be unlimited', () => {
    expect(
      parseRunArgs([
        'x',
        '--max-events',
        '1e6',
        '--max-events-per-instant=500',
        '--max-wall-time',
        '90s',
        '--max-heap',
        '2Gi',
      ]),
    ).toMatchObject({
      guards: {
        maxEvents: 1e6,
        maxEventsAtOneInstant: 500,
        maxWallTimeMs: 90_000,
        maxHeap: { bytes: 2 * 1024 ** 3 },
      },
    });
    expect(
      parseRunArgs(['x', '--max-events', 'unlimited', '--max-wall-time', 'unlimited', '--max-heap', '50%']),
    ).toMatchObject({ guards: { maxEvents: Infinity, maxWallTimeMs: Infinity, maxHeap: { share: 0.5 } } });
  });
});
