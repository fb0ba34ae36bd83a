// The embedded results store: a DuckDB file with one row per run, per run and override, and per run and
// edge. Each run's rows are written in one transaction, so an error or Ctrl-C never leaves half a run.

import { closeSync, openSync, writeSync } from 'node:fs';

import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { MODEL_REVISION } from '@meshsim/mesh';

import { cascadeFigures } from '../diagnosis/cascadeFigures.js';
import type { DiagnosisStop } from '../diagnosis/Diagnosis.js';
import { csvNumber, csvText } from './csvCells.js';
import { MergeConflictError } from './MergeConflictError.js';
import type { MergeConflict } from './MergeConflictError.js';
import type { StoredRun } from './StoredRun.js';
import { STORE_COLUMN_ALIASES, STORE_ORDER, STORE_TABLES } from './storeSchema.js';
import type { RunGuardLimits } from '../sweep/executeRun.js';
import type { RunOutcome } from '../sweep/RunTask.js';
import { MACHINE_DEPENDENT_STOPS, keepableStop, storedGuards } from '../sweep/resumeStopped.js';
import type { StoredStop } from '../sweep/resumeStopped.js';
import { canonicalOverrides } from '../sweep/runKey.js';
import { settingNumber } from '../internal/settingQuantity.js';

/** Table names of the store. */
export type StoreTable = 'runs' | 'settings' | 'edges';

function placeholders(count: number): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ');
}

/**
 * `INSERT INTO table (its columns) VALUES ($1, …)`, the columns named in {@link STORE_TABLES}' order: a store an earlier
 * version wrote had the columns added since appended in the order it opened with, which names keep right.
 */
function insertStatement(table: StoreTable): string {
  const columns = STORE_TABLES.find((t) => t.name === table)?.columns.map(([name]) => name) ?? [];
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;
}

/** A value read from the store as a CSV cell: NULL empty, numbers and text by the CSV rule. */
function storeCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return csvText(String(value));
}

/** A number for DOUBLE columns: non-finite values are stored as NULL. */
function dbl(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

/** A nullable column's value as a number or null. */
function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A nullable text column's value as a string or null. */
function stringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A run's `warnings` column as a list; null when the store did not record them (NULL). */
function storedWarnings(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  const parsed: unknown = JSON.parse(String(value));
  return Array.isArray(parsed) ? parsed.map(String) : null;
}

/**
 * SQL that a `runs` row (`table`: its alias) is a stopped copy a resumed sweep could keep ({@link keepableStop}): not
 * stopped on wall time or heap, with its guards recorded; FALSE for a table without `stopped_guards` (`guards`).
 */
function keepableSql(table: string, guards: boolean): string {
  if (!guards) return 'FALSE';
  const machine = MACHINE_DEPENDENT_STOPS.map((reason) => `'${reason}'`).join(', ');
  return `(${table}.stopped_reason NOT IN (${machine}) AND ${table}.stopped_guards IS NOT NULL)`;
}

/**
 * A results store (a DuckDB file; `:memory:` for one in memory).
 *
 * @example
 * ```ts
 * const store = await ResultsStore.open('sweep.duckdb');
 * const done = await store.keys();
 * await store.write(outcome, scenarioHash);
 * store.close();
 * ```
 */
export class ResultsStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** The file it was opened from. */
    readonly path: string,
  ) {}

  /** Opens (creating if needed) the store at `path`, with its tables. */
  static async open(path: string): Promise<ResultsStore> {
    // Loaded on first use: DuckDB's native module takes ~0.5 s to load, which every other use of the
    // package (and every CLI command but sweep) would pay.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    for (const table of STORE_TABLES) {
      const columns = table.columns.map(([name, type]) => `${name} ${type}`).join(', ');
      await connection.run(`CREATE TABLE IF NOT EXISTS ${table.name} (${columns})`);
      // A store written by an earlier version lacks the columns added since (always at the end): add them.
      const reader = await connection.runAndReadAll(`SELECT * FROM ${table.name} LIMIT 0`);
      const present = new Set(reader.columnNames());
      for (const [name, type] of table.columns)
        if (!present.has(name)) await connection.run(`ALTER TABLE ${table.name} ADD COLUMN ${name} ${type}`);
    }
    const store = new ResultsStore(instance, connection, path);
    await store.fillAliases();
    return store;
  }

  /**
   * Fills each column of STORE_COLUMN_ALIASES that is NULL where the column it repeats is not: the runs of a store
   * written before the aliases were, or merged from one.
   */
  private async fillAliases(): Promise<void> {
    for (const { column, copyOf } of STORE_COLUMN_ALIASES) {
      await this.connection.run(
        `UPDATE runs SET ${column} = ${copyOf} WHERE ${column} IS NULL AND ${copyOf} IS NOT NULL`,
      );
    }
  }

  /**
   * Checks, without writing or creating anything, that the file at `path` is a results store another store can merge
   * ({@link ResultsStore.mergeFrom}): a DuckDB database (opened read-only) with the store's tables.
   * @throws DuckDB's error for a file that is not a DuckDB database (its message says `not a valid DuckDB database`),
   *   or an Error naming the tables a DuckDB database without them lacks.
   */
  static async checkMergeable(path: string): Promise<void> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    try {
      const connection = await instance.connect();
      try {
        const reader = await connection.runAndReadAll(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'",
        );
        const present = new Set(reader.getRowObjectsJS().map((row) => String(row['table_name'])));
        const missing = STORE_TABLES.map((table) => table.name).filter((name) => !present.has(name));
        if (missing.length > 0) {
          throw new Error(
            `it is a DuckDB database but not a results store: it has no table ${missing.join(', ')}`,
          );
        }
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  }

  /** Keys of the runs already stored. */
  async keys(): Promise<Set<string>> {
    const reader = await this.connection.runAndReadAll('SELECT run_key FROM runs');
    return new Set(reader.getRowObjectsJS().map((row) => String(row['run_key'])));
  }

  /**
   * Keys of the runs stored with verdict `stopped` (a guard stopped them early): not results; a resumed sweep runs
   * them again unless the same guards would stop them again ({@link ResultsStore.stoppedRuns} says why and under
   * which guards each stopped), and {@link ResultsStore.write} replaces them.
   */
  async stoppedKeys(): Promise<Set<string>> {
    const reader = await this.connection.runAndReadAll("SELECT run_key FROM runs WHERE verdict = 'stopped'");
    return new Set(reader.getRowObjectsJS().map((row) => String(row['run_key'])));
  }

  /**
   * The runs stored with verdict `stopped`, by key: why each stopped and the event guards it ran with (null in a store
   * written before they were kept), for a resumed sweep to tell which would stop again (`rerunReason`).
   */
  async stoppedRuns(): Promise<Map<string, StoredStop>> {
    const reader = await this.connection.runAndReadAll(
      "SELECT run_key, stopped_reason, stopped_guards FROM runs WHERE verdict = 'stopped'",
    );
    return new Map(
      reader.getRowObjectsJS().map((row): [string, StoredStop] => [
        String(row['run_key']),
        {
          reason: stringOrNull(row['stopped_reason']) as StoredStop['reason'],
          guards: stringOrNull(row['stopped_guards']),
        },
      ]),
    );
  }

  /**
   * How many runs of the scenario with hash `scenarioHash` another model revision stored (or one from before
   * revisions were kept): a sweep recomputes them rather than reuse them.
   */
  async outdatedRuns(scenarioHash: string): Promise<number> {
    const reader = await this.connection.runAndReadAll(
      'SELECT count(*) AS n FROM runs WHERE scenario_hash = $1 AND (model_revision IS NULL OR model_revision <> $2)',
      [scenarioHash, MODEL_REVISION],
    );
    return Number(reader.getRowObjectsJS()[0]?.['n'] ?? 0);
  }

  /**
   * Writes one run's rows in one transaction (nothing of it is stored if any insert fails), replacing the
   * rows of a run stored before under the same key (one a guard stopped, run again). Its warnings go with it
   * (`warnings`), so a resumed sweep shows them as a fresh one would.
   * @param guards - The event guards the run ran with (`simulate`'s defaults filled in for those not given),
   *   recorded with a run one stopped (`stopped_guards`); without them that column is NULL, and a resumed sweep
   *   runs such a run again.
   */
  async write(outcome: RunOutcome, scenarioHash: string, guards?: RunGuardLimits): Promise<void> {
    const c = this.connection;
    const { figures, diagnosis } = outcome;
    const cascade = cascadeFigures(diagnosis);
    await c.run('BEGIN TRANSACTION');
    try {
      for (const table of ['settings', 'edges', 'runs'] as const)
        await c.run(`DELETE FROM ${table} WHERE run_key = $1`, [outcome.key]);
      const run: DuckDBValue[] = [
        outcome.key,
        outcome.scenario,
        scenarioHash,
        canonicalOverrides(outcome.overrides),
        outcome.point,
        outcome.replication,
        JSON.stringify(outcome.seed),
        outcome.mesh,
        outcome.durationMs,
        outcome.events,
        diagnosis.verdict,
        dbl(diagnosis.recoveryMs),
        dbl(diagnosis.stillDownMs),
        figures.successRatio,
        figures.goodputRps,
        dbl(figures.endToEndP50Ms),
        dbl(figures.endToEndP99Ms),
        figures.attemptsPerCall,
        figures.workPerRequest,
        figures.proxyCpuCores,
        diagnosis.reason,
        dbl(figures.proxyCpuRequestedCores),
        dbl(figures.proxyMemoryRequestedMiB),
        dbl(figures.nodeCpuUtilisation),
        dbl(figures.pendingPods),
        dbl(figures.extraNodesNeeded),
        MODEL_REVISION,
        dbl(figures.proxyRequestsCostPerMonthUsd),
        diagnosis.stopped?.reason ?? null,
        diagnosis.stopped === undefined ? null : dbl(diagnosis.stopped.atMs),
        diagnosis.stopped === undefined || guards === undefined ? null : storedGuards(guards),
        JSON.stringify(outcome.warnings),
        dbl(figures.proxyMemoryMiB),
        dbl(figures.proxyCostPerMonthUsd),
        diagnosis.lossy,
        // STORE_COLUMN_ALIASES: the CSVs' names of e2e_p50_ms, e2e_p99_ms and node_cpu_utilisation.
        dbl(figures.endToEndP50Ms),
        dbl(figures.endToEndP99Ms),
        dbl(figures.nodeCpuUtilisation),
        dbl(cascade.minGoodputRatio),
        dbl(cascade.peakAttemptsPerRequest),
        dbl(cascade.peakAmplification),
      ];
      await c.run(insertStatement('runs'), run);
      for (const override of outcome.overrides) {
        // A quantity's number in its kind's base unit (`100ms` → 100, ms), so SQL can compare and average it.
        const { number, unit } = settingNumber(override.path, override.value);
        await c.run(insertStatement('settings'), [
          outcome.key,
          override.path,
          String(override.value),
          number,
          unit,
        ]);
      }
      for (const e of outcome.edges) {
        const row: DuckDBValue[] = [
          outcome.key,
          e.source,
          e.destination,
          e.depth,
          e.calls,
          e.attempts,
          e.retries,
          e.succeeded,
          e.failed,
          e.timeouts,
          e.successRatio,
          e.p50Ms,
          e.p99Ms,
        ];
        await c.run(insertStatement('edges'), row);
      }
      await c.run('COMMIT');
    } catch (error) {
      await c.run('ROLLBACK');
      throw error;
    }
  }

  /** The stored runs, in point and replication order (optionally only those with the given keys). */
  async runs(keys?: ReadonlySet<string>): Promise<StoredRun[]> {
    const reader = await this.connection.runAndReadAll(
      `SELECT * FROM runs ORDER BY ${STORE_ORDER['runs'] ?? ''}`,
    );
    const rows = reader.getRowObjectsJS().map((row): StoredRun => ({
      key: String(row['run_key']),
      point: Number(row['point']),
      replication: Number(row['replication']),
      overrides: String(row['overrides']),
      seed: JSON.parse(String(row['seed'])) as number | string,
      verdict: String(row['verdict']) as StoredRun['verdict'],
      recoveryMs: row['recovery_ms'] === null ? null : Number(row['recovery_ms']),
      cascade: {
        recoveryMs: numberOrNull(row['recovery_ms']),
        minGoodputRatio: numberOrNull(row['min_goodput_ratio']),
        peakAttemptsPerRequest: numberOrNull(row['peak_during_attempts_per_request']),
        peakAmplification: numberOrNull(row['peak_during_amplification']),
      },
      figures: {
        successRatio: numberOrNull(row['success_ratio']),
        goodputRps: Number(row['goodput_rps']),
        endToEndP50Ms: numberOrNull(row['e2e_p50_ms']),
        endToEndP99Ms: numberOrNull(row['e2e_p99_ms']),
        attemptsPerCall: Number(row['attempts_per_call']),
        workPerRequest: Number(row['work_per_request']),
        proxyCpuCores: Number(row['proxy_cpu_cores']),
        proxyCpuRequestedCores: numberOrNull(row['proxy_cpu_requested_cores']),
        proxyMemoryMiB: numberOrNull(row['proxy_memory_mib']),
        proxyMemoryRequestedMiB: numberOrNull(row['proxy_memory_requested_mib']),
        nodeCpuUtilisation: numberOrNull(row['node_cpu_utilisation']),
        pendingPods: numberOrNull(row['pending_pods']),
        extraNodesNeeded: numberOrNull(row['extra_nodes_needed']),
        proxyCostPerMonthUsd: numberOrNull(row['proxy_cost_usd_per_month']),
        proxyRequestsCostPerMonthUsd: numberOrNull(row['proxy_requests_cost_usd_per_month']),
      },
      modelRevision: numberOrNull(row['model_revision']),
      stopped:
        row['stopped_reason'] === null || row['stopped_reason'] === undefined
          ? null
          : {
              reason: String(row['stopped_reason']) as DiagnosisStop['reason'],
              atMs: Number(row['stopped_at_ms']),
            },
      warnings: storedWarnings(row['warnings']),
      lossy: row['lossy'] === null || row['lossy'] === undefined ? null : row['lossy'] === true,
    }));
    return keys === undefined ? rows : rows.filter((row) => keys.has(row.key));
  }

  /** Every row of `table` as plain values, in the store's fixed order (for comparing stores). */
  async dump(table: StoreTable): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(
      `SELECT * FROM ${table} ORDER BY ${STORE_ORDER[table] ?? ''}`,
    );
    return reader.getRowObjectsJS();
  }

  /**
   * Writes `table` to a CSV file with a header row, in the store's fixed order, its cells by the rule of every CSV
   * meshsim writes ({@link csvNumber}: no floating-point noise, at least 6 significant digits; {@link csvText}); NULL
   * is an empty cell. The rows are read in chunks, so a large store is not held in memory. The `runs` table gives each
   * figure once, under the CSVs' name: the columns {@link STORE_COLUMN_ALIASES} repeat under another name
   * (`e2e_p50_ms`, `e2e_p99_ms`, `node_cpu_utilisation`) are left out, their copies kept.
   */
  async exportCsv(table: StoreTable, file: string): Promise<void> {
    const older = table === 'runs' ? STORE_COLUMN_ALIASES.map((alias) => alias.copyOf) : [];
    const columns = older.length === 0 ? '*' : `* EXCLUDE (${older.join(', ')})`;
    const result = await this.connection.stream(
      `SELECT ${columns} FROM ${table} ORDER BY ${STORE_ORDER[table] ?? ''}`,
    );
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, result.columnNames().map(csvText).join(',') + '\n');
      for await (const rows of result.yieldRowsJs()) {
        writeSync(fd, rows.map((row) => row.map(storeCsvCell).join(',') + '\n').join(''));
      }
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Copies into this store the runs of other stores (shards) that it does not have yet, each run with its settings
   * and edges, in one transaction per source store. Which copy of a run it keeps follows the rule of a resumed sweep
   * ({@link rerunReason}): a finished copy over a stopped one (a stopped run is not a result), and a stopped copy a
   * resume could keep — stopped on an event guard, its guards recorded — over one no resume would keep (its guards not
   * recorded, or stopped on wall time or heap); else the copy it has, or the first shard's. Two copies stopped under
   * different event guards are not the same run, and neither is the run under any one set of guards: unless some store
   * holds the run finished, the merge is refused before anything is copied ({@link MergeConflictError}). Columns match
   * by name, so a shard written by an earlier version (without the columns added since) merges with NULL in them.
   * @returns The number of runs added (replacements included).
   * @throws MergeConflictError naming the stores and the runs whose stopped copies' guards differ (nothing merged).
   */
  async mergeFrom(paths: readonly string[]): Promise<number> {
    const conflicts = await this.mergeConflicts(paths);
    if (conflicts.length > 0) throw new MergeConflictError(conflicts);
    let added = 0;
    for (const [i, path] of paths.entries()) {
      const alias = `shard${i}`;
      await this.attach(path, alias);
      try {
        await this.connection.run('BEGIN TRANSACTION');
        try {
          // A shard from before stops were recorded has no stopped_reason: none of its runs replaces a stored one.
          if (await this.hasColumn(alias, 'stopped_reason')) {
            const shardGuards = await this.hasColumn(alias, 'stopped_guards');
            const replaced =
              `SELECT t.run_key FROM runs t JOIN ${alias}.runs s ON s.run_key = t.run_key ` +
              `WHERE t.stopped_reason IS NOT NULL AND (s.stopped_reason IS NULL OR ` +
              `(NOT ${keepableSql('t', true)} AND ${keepableSql('s', shardGuards)}))`;
            for (const table of ['settings', 'edges', 'runs']) {
              await this.connection.run(`DELETE FROM ${table} WHERE run_key IN (${replaced})`);
            }
          }
          const fresh = `SELECT run_key FROM ${alias}.runs WHERE run_key NOT IN (SELECT run_key FROM runs)`;
          const count = await this.connection.runAndReadAll(`SELECT count(*) AS n FROM (${fresh})`);
          added += Number(count.getRowObjectsJS()[0]?.['n'] ?? 0);
          await this.connection.run(
            `INSERT INTO settings BY NAME SELECT * FROM ${alias}.settings WHERE run_key IN (${fresh})`,
          );
          await this.connection.run(
            `INSERT INTO edges BY NAME SELECT * FROM ${alias}.edges WHERE run_key IN (${fresh})`,
          );
          await this.connection.run(
            `INSERT INTO runs BY NAME SELECT * FROM ${alias}.runs WHERE run_key IN (${fresh})`,
          );
          await this.connection.run('COMMIT');
        } catch (error) {
          await this.connection.run('ROLLBACK');
          throw error;
        }
      } finally {
        await this.connection.run(`DETACH ${alias}`);
      }
    }
    // A shard from before the aliases leaves them NULL in the runs it brought.
    await this.fillAliases();
    return added;
  }

  /**
   * The runs that merging `paths` into this store would have to choose between copies stopped under different event
   * guards (each a copy a resume could keep), with no store holding the run finished; in the order the stores are
   * read (this store first), each with the first two such copies.
   */
  private async mergeConflicts(paths: readonly string[]): Promise<MergeConflict[]> {
    interface Copy extends StoredStop {
      store: string;
      replication: number;
      overrides: string;
    }
    const copies = new Map<string, Copy[]>();
    const stopped = async (store: string, table: string, guards: boolean): Promise<void> => {
      const reader = await this.connection.runAndReadAll(
        `SELECT run_key, replication, overrides, stopped_reason, ${guards ? 'stopped_guards' : 'NULL AS stopped_guards'} ` +
          `FROM ${table} WHERE stopped_reason IS NOT NULL ORDER BY ${STORE_ORDER['runs'] ?? 'run_key'}`,
      );
      for (const row of reader.getRowObjectsJS()) {
        const key = String(row['run_key']);
        const list = copies.get(key) ?? [];
        list.push({
          store,
          replication: Number(row['replication']),
          overrides: String(row['overrides']),
          reason: stringOrNull(row['stopped_reason']) as StoredStop['reason'],
          guards: stringOrNull(row['stopped_guards']),
        });
        copies.set(key, list);
      }
    };
    /** The shards that record stops (a shard from before does not: its runs replace no stopped one). */
    const recording: { path: string; alias: string }[] = [];
    await stopped(this.path, 'runs', true);
    for (const [i, path] of paths.entries()) {
      const alias = `shard${i}`;
      await this.attach(path, alias);
      try {
        if (!(await this.hasColumn(alias, 'stopped_reason'))) continue;
        recording.push({ path, alias });
        await stopped(path, `${alias}.runs`, await this.hasColumn(alias, 'stopped_guards'));
      } finally {
        await this.connection.run(`DETACH ${alias}`);
      }
    }
    const conflicts = new Map<string, MergeConflict>();
    for (const [key, list] of copies) {
      const keepable = list.filter((copy) => keepableStop(copy));
      const [first] = keepable;
      const other = keepable.find((copy) => copy.guards !== first?.guards);
      if (first === undefined || other === undefined) continue;
      conflicts.set(key, {
        key,
        replication: first.replication,
        overrides: first.overrides,
        copies: [
          { store: first.store, guards: first.guards ?? '' },
          { store: other.store, guards: other.guards ?? '' },
        ],
      });
    }
    if (conflicts.size === 0) return [];
    // A store that holds the run finished settles it: the merge keeps that copy.
    const settle = async (table: string): Promise<void> => {
      const reader = await this.connection.runAndReadAll(
        `SELECT run_key FROM ${table} WHERE stopped_reason IS NULL`,
      );
      for (const row of reader.getRowObjectsJS()) conflicts.delete(String(row['run_key']));
    };
    await settle('runs');
    for (const { path, alias } of recording) {
      await this.attach(path, alias);
      try {
        await settle(`${alias}.runs`);
      } finally {
        await this.connection.run(`DETACH ${alias}`);
      }
    }
    return [...conflicts.values()];
  }

  /** Attaches the store at `path`, read-only, as `alias`. */
  private async attach(path: string, alias: string): Promise<void> {
    await this.connection.run(`ATTACH '${path.replace(/'/g, "''")}' AS ${alias} (READ_ONLY)`);
  }

  /** Whether the `runs` table of the attached store `alias` has `column` (a store from before it was added has not). */
  private async hasColumn(alias: string, column: string): Promise<boolean> {
    const reader = await this.connection.runAndReadAll(
      `SELECT count(*) AS n FROM information_schema.columns WHERE table_catalog = '${alias}' ` +
        `AND table_name = 'runs' AND column_name = '${column}'`,
    );
    return Number(reader.getRowObjectsJS()[0]?.['n'] ?? 0) > 0;
  }

  /** Closes the file (pending transactions are already committed or rolled back). */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
