import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';

import {
  RUN_FIGURES,
  cascadeFigures,
  executeRun,
  figureIntervals,
  planSweep,
  readScenarioSource,
} from '../../src/index.js';
import { ResultsStore } from '../../src/store/ResultsStore.js';

const dir = mkdtempSync(join(tmpdir(), 'meshsim-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes rows into a new DuckDB file's `runs` table (the store adds its other columns when it opens the file). */
async function storeWith(file: string, rows: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE runs (run_key VARCHAR PRIMARY KEY, scenario VARCHAR, point INTEGER, duration_ms DOUBLE, ' +
      'success_ratio DOUBLE, e2e_p99_ms DOUBLE, proxy_cpu_cores DOUBLE)',
  );
  for (const row of rows) await connection.run(`INSERT INTO runs VALUES (${row})`);
  connection.closeSync();
  instance.closeSync();
}

describe('ResultsStore.exportCsv', () => {
  it("writes numbers by the CSV rule of meshsim's run CSV (no float noise, 6 significant digits kept), NULL empty, text quoted", async () => {
    const file = join(dir, 'noisy.duckdb');
    await storeWith(file, [
      `'a', 'retry-storm', 0, 2000, 0.7999999999999999, 64.90367999999982, 0.0000012345678`,
      `'b', 'with, a comma', 1, 2000.5, NULL, 1e-9, 0.9999999999999999`,
    ]);
    const store = await ResultsStore.open(file);
    const csv = join(dir, 'runs.csv');
    try {
      await store.exportCsv('runs', csv);
    } finally {
      store.close();
    }
    const [header, ...lines] = readFileSync(csv, 'utf8').trimEnd().split('\n');
    const columns = header?.split(',') ?? [];
    const cells = (line: string | undefined, names: string[]): string[] => {
      // The text cells here hold no quoted comma but the scenario's, which is checked apart.
      const values = (line ?? '').replace('"with, a comma"', 'QUOTED').split(',');
      return names.map((name) => values[columns.indexOf(name)] ?? '?');
    };
    // The store's e2e_p99_ms, filled into its CSV name when the store opened, exported under that name only.
    expect(columns).not.toContain('e2e_p99_ms');
    const names = [
      'scenario',
      'point',
      'duration_ms',
      'success_ratio',
      'end_to_end_p99_ms',
      'proxy_cpu_cores',
    ];
    expect(cells(lines[0], names)).toEqual(['retry-storm', '0', '2000', '0.8', '64.90368', '0.00000123457']);
    expect(cells(lines[1], names)).toEqual(['QUOTED', '1', '2000.5', '', '1e-9', '1']);
    expect(lines[1]).toContain('"with, a comma"');
    expect(lines).toHaveLength(2);
  });
});

describe('ResultsStore.checkMergeable', () => {
  it('passes a store a sweep wrote, and reads it only (nothing written)', async () => {
    const file = join(dir, 'fine.duckdb');
    (await ResultsStore.open(file)).close();
    const before = statSync(file).mtimeMs;
    await expect(ResultsStore.checkMergeable(file)).resolves.toBeUndefined();
    expect(statSync(file).mtimeMs).toBe(before);
    expect(existsSync(`${file}.wal`)).toBe(false);
  });

  it("throws DuckDB's error for a file that is no DuckDB database, and names the tables a database lacks", async () => {
    const garbage = join(dir, 'garbage.duckdb');
    writeFileSync(garbage, 'garbage\n');
    await expect(ResultsStore.checkMergeable(garbage)).rejects.toThrow(/not a valid DuckDB database/);
    const other = join(dir, 'other.duckdb');
    await storeWith(other, []);
    await expect(ResultsStore.checkMergeable(other)).rejects.toThrow(
      'it is a DuckDB database but not a results store: it has no table settings, edges',
    );
  });
});

describe('a store written before proxy memory and proxy cost were kept', () => {
  /** Two replications of istio-sidecar (priced) on steady-3tier for 1 simulated second, as `sweep` plans them. */
  const source = readScenarioSource('steady-3tier');
  const [first, second] = planSweep(
    source,
    [],
    [
      { path: 'duration', value: '1s' },
      { path: 'mesh', value: 'istio-sidecar' },
    ],
    2,
  ).tasks;

  /** The columns the version before wrote: the current ones but the last two, which it did not have. */
  const NEW_COLUMNS = ['proxy_memory_mib', 'proxy_cost_usd_per_month'];

  it('opens with the columns added, its runs NULL in them: read as null (never NaN), left out of the intervals', async () => {
    if (first === undefined || second === undefined) throw new Error('two tasks expected');
    const file = join(dir, 'before-proxy-use.duckdb');
    let store = await ResultsStore.open(file);
    await store.write(executeRun(source, first), 'hash');
    store.close();
    // The store as the version before wrote it: `runs` without the two columns (each added column goes at the end).
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const column of NEW_COLUMNS) await connection.run(`ALTER TABLE runs DROP COLUMN ${column}`);
    connection.closeSync();
    instance.closeSync();

    store = await ResultsStore.open(file);
    try {
      const columns = Object.keys((await store.dump('runs'))[0] ?? {});
      expect(columns.slice(-2)).toEqual(NEW_COLUMNS);
      const [old] = await store.runs();
      expect([old?.figures.proxyMemoryMiB, old?.figures.proxyCostPerMonthUsd]).toEqual([null, null]);
      // The figures it had are read as written.
      expect(old?.figures.proxyCpuCores).toBeGreaterThan(0);
      expect(old?.figures.proxyRequestsCostPerMonthUsd).toBeGreaterThan(0);
      // A run written now has them.
      const fresh = executeRun(source, second);
      await store.write(fresh, 'hash');
      const runs = await store.runs();
      expect(runs.map((run) => run.figures.proxyMemoryMiB)).toEqual([null, fresh.figures.proxyMemoryMiB]);
      expect(runs.map((run) => run.figures.proxyCostPerMonthUsd)).toEqual([
        null,
        fresh.figures.proxyCostPerMonthUsd,
      ]);
      for (const run of runs)
        for (const value of Object.values(run.figures))
          expect(value === null || Number.isFinite(value)).toBe(true);
      // Intervals over both: the old run is left out of the new figures (n 1, no interval), not counted as 0 or NaN.
      const keys = RUN_FIGURES.map((f) => f.key);
      const intervals = figureIntervals(
        runs.map((run) => run.figures),
        keys,
      );
      const find = (key: string) => intervals.find((i) => i.key === key);
      expect(find('proxyMemoryMiB')).toMatchObject({
        n: 1,
        mean: fresh.figures.proxyMemoryMiB,
        halfWidth: null,
      });
      expect(find('proxyCostPerMonthUsd')).toMatchObject({ n: 1, halfWidth: null });
      expect(find('proxyCpuCores')?.n).toBe(2);
      // The old run alone: the two figures are absent (shown as –), the others there.
      const oldOnly = figureIntervals([runs[0]?.figures ?? fresh.figures], keys).map((i) => i.key);
      expect(oldOnly).not.toContain('proxyMemoryMiB');
      expect(oldOnly).not.toContain('proxyCostPerMonthUsd');
      expect(oldOnly).toContain('proxyCpuCores');
      // The CSV export: empty cells for the old run, numbers for the new one.
      const csv = join(dir, 'before-proxy-use.csv');
      await store.exportCsv('runs', csv);
      const [header, ...lines] = readFileSync(csv, 'utf8').trimEnd().split('\n');
      expect(header?.split(',').slice(-2)).toEqual(NEW_COLUMNS);
      expect(
        lines.map((line) =>
          line
            .split(',')
            .slice(-2)
            .map((cell) => cell !== ''),
        ),
      ).toEqual([
        [false, false],
        [true, true],
      ]);
    } finally {
      store.close();
    }
  });
});

describe("the CSVs' names of the figures (STORE_COLUMN_ALIASES)", () => {
  const source = readScenarioSource('steady-3tier');
  const [task] = planSweep(source, [], [{ path: 'duration', value: '1s' }], 1).tasks;
  /** Each alias column with the column it repeats. */
  const ALIASES = [
    ['end_to_end_p50_ms', 'e2e_p50_ms'],
    ['end_to_end_p99_ms', 'e2e_p99_ms'],
    ['node_cpu_mean_ratio', 'node_cpu_utilisation'],
  ] as const;

  /** A store holding one run, written as a version before the aliases would have: without their columns. */
  async function storeBeforeAliases(file: string): Promise<void> {
    if (task === undefined) throw new Error('one task expected');
    const store = await ResultsStore.open(file);
    await store.write(executeRun(source, task), 'hash');
    store.close();
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const [alias] of ALIASES) await connection.run(`ALTER TABLE runs DROP COLUMN ${alias}`);
    connection.closeSync();
    instance.closeSync();
  }

  it('writes each figure under both names, the same value', async () => {
    if (task === undefined) throw new Error('one task expected');
    const store = await ResultsStore.open(join(dir, 'aliases.duckdb'));
    try {
      await store.write(executeRun(source, task), 'hash');
      const [row] = await store.dump('runs');
      for (const [alias, column] of ALIASES) {
        expect(row?.[column], column).not.toBeNull();
        expect(row?.[alias], alias).toBe(row?.[column]);
      }
    } finally {
      store.close();
    }
  });

  it('exports each figure once, under its CSV name: the CSV has no column under the older names', async () => {
    if (task === undefined) throw new Error('one task expected');
    const store = await ResultsStore.open(join(dir, 'aliases-csv.duckdb'));
    const csv = join(dir, 'aliases.csv');
    try {
      await store.write(executeRun(source, task), 'hash');
      await store.exportCsv('runs', csv);
      const [row] = await store.dump('runs');
      const [header = '', line = ''] = readFileSync(csv, 'utf8').split('\n');
      const columns = header.split(',');
      const cells = line.replace(/"[^"]*"/g, 'TEXT').split(',');
      expect(new Set(columns).size).toBe(columns.length);
      for (const [alias, column] of ALIASES) {
        expect(columns, column).not.toContain(column);
        expect(
          columns.filter((name) => name === alias),
          alias,
        ).toHaveLength(1);
        expect(Number(cells[columns.indexOf(alias)]), alias).toBeCloseTo(Number(row?.[column]), 5);
      }
      // Every other column of the store, in the store's order.
      const stored = Object.keys(row ?? {}).filter((name) => !ALIASES.some(([, column]) => column === name));
      expect(columns).toEqual(stored);
    } finally {
      store.close();
    }
  });

  it('fills them in the runs of a store written before them when it opens, and in the runs merged from one', async () => {
    const old = join(dir, 'before-aliases.duckdb');
    await storeBeforeAliases(old);
    const shard = join(dir, 'before-aliases-shard.duckdb');
    await storeBeforeAliases(shard);
    const opened = await ResultsStore.open(old);
    try {
      const [row] = await opened.dump('runs');
      for (const [alias, column] of ALIASES) expect(row?.[alias], alias).toBe(row?.[column]);
    } finally {
      opened.close();
    }
    const merged = await ResultsStore.open(join(dir, 'merged-aliases.duckdb'));
    try {
      expect(await merged.mergeFrom([shard])).toBe(1);
      const [row] = await merged.dump('runs');
      for (const [alias, column] of ALIASES) {
        expect(row?.[column], column).not.toBeNull();
        expect(row?.[alias], alias).toBe(row?.[column]);
      }
    } finally {
      merged.close();
    }
  });
});

describe('the cascade figures of a stored run', () => {
  const source = readScenarioSource('retry-storm');
  // Its storm, brought forward and shortened: a fault from 5 s to 10 s of a 20 s run.
  const fixed = [
    { path: 'duration', value: '20s' },
    { path: 'faults.0.at', value: '5s' },
    { path: 'faults.0.for', value: '5s' },
  ];
  const [task] = planSweep(source, [], fixed, 1).tasks;
  /** The columns that keep them besides `recovery_ms`, in the order they were added (at the end of `runs`). */
  const CASCADE_COLUMNS = [
    'min_goodput_ratio',
    'peak_during_attempts_per_request',
    'peak_during_amplification',
  ];

  it("are read back as the run's diagnosis gives them (cascadeFigures)", async () => {
    if (task === undefined) throw new Error('one task expected');
    const store = await ResultsStore.open(join(dir, 'cascade.duckdb'));
    try {
      const outcome = executeRun(source, task);
      await store.write(outcome, 'hash');
      const [run] = await store.runs();
      expect(run?.cascade).toEqual(cascadeFigures(outcome.diagnosis));
      expect(run?.cascade.peakAttemptsPerRequest).toBeGreaterThan(1);
    } finally {
      store.close();
    }
  });

  it('are null in a run of a store written before they were kept (its recovery, kept before, is read)', async () => {
    if (task === undefined) throw new Error('one task expected');
    const file = join(dir, 'before-cascade.duckdb');
    let store = await ResultsStore.open(file);
    const outcome = executeRun(source, task);
    await store.write(outcome, 'hash');
    store.close();
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const column of CASCADE_COLUMNS) await connection.run(`ALTER TABLE runs DROP COLUMN ${column}`);
    connection.closeSync();
    instance.closeSync();
    store = await ResultsStore.open(file);
    try {
      const [run] = await store.runs();
      expect(run?.cascade).toEqual({
        recoveryMs: cascadeFigures(outcome.diagnosis).recoveryMs,
        minGoodputRatio: null,
        peakAttemptsPerRequest: null,
        peakAmplification: null,
      });
    } finally {
      store.close();
    }
  });
});
