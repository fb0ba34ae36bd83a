import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';

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
    const names = ['scenario', 'point', 'duration_ms', 'success_ratio', 'e2e_p99_ms', 'proxy_cpu_cores'];
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
