// Runs a guard stopped early, in sweeps and boundary searches: stored with verdict `stopped`, their stop (reason,
// simulated time reached) and the guards they ran with, listed per grid point, never taken for a recovered (or
// failed) probe; a resumed sweep keeps them under the same guards and runs them again (replaced) under others, and
// sweep merge follows the same rule: a finished copy wins, then one a resume could keep, and two copies stopped under
// different guards, with no finished one, are refused.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_MAX_EVENTS_AT_ONE_INSTANT } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  MergeConflictError,
  ResultsStore,
  findBoundaries,
  parseSetOption,
  scenarioSource,
  sweep,
} from '../../src/index.js';

/**
 * A zero-latency network and service: at an offered rate, a run takes about 3 events per call. 5 s: one whole window,
 * so a run that ends is judged (a shorter one is too short for a verdict).
 */
const source = scenarioSource(
  'fast.yaml',
  `duration: 5s
network: { sameNode: 0ms, sameZone: 0ms, crossZone: 0ms, crossCluster: 0ms }
services:
  api: { serviceTime: 1ms, concurrency: 4 }
traffic:
  - { name: users, rate: 100, to: api }
`,
);

describe('runs stopped early', () => {
  it('a sweep stores them with verdict stopped and their stop, and lists them per point', async () => {
    const store = await ResultsStore.open(':memory:');
    try {
      const result = await sweep(source, {
        axes: [parseSetOption('traffic.0.rate=100,20000')],
        workers: 0,
        store,
        guards: { maxEvents: 20_000 },
      });
      expect(result.runs.map((run) => [run.verdict, run.stopped?.reason ?? null])).toEqual([
        ['stable', null],
        ['stopped', 'max-events'],
      ]);
      const rows = await store.dump('runs');
      expect(
        rows.map((row) => [row['verdict'], row['stopped_reason'], row['stopped_at_ms'] === null]),
      ).toEqual([
        ['stable', null, true],
        ['stopped', 'max-events', false],
      ]);
      expect(String(rows[1]?.['reason'])).toMatch(
        /^stopped early \(max-events\) at .* of 5 s simulated: not diagnosed/,
      );
      const [slow, fast] = result.summary;
      expect(slow?.stopped).toEqual([]);
      expect(fast?.verdict).toBe('stopped');
      expect(fast?.verdicts.stopped).toBe(1);
      expect(fast?.stopped).toEqual([
        { replication: 0, reason: 'max-events', atMs: result.runs[1]?.stopped?.atMs },
      ]);
      expect(fast?.stopped[0]?.atMs).toBeLessThan(5000);
    } finally {
      store.close();
    }
  });

  it('a boundary search takes a probe with a stopped run as unknown, and bisects that point no further', async () => {
    const map = await findBoundaries(source, {
      axes: [parseSetOption('traffic.0.rate=100..20000')],
      workers: 0,
      guards: { maxEvents: 20_000 },
    });
    expect(map.boundaries).toHaveLength(1);
    expect(map.boundaries[0]).toMatchObject({ status: 'stopped', stoppedAt: 20_000, low: null, high: null });
    expect(map.boundaries[0]?.probes).toEqual([
      { value: 100, verdict: 'stable', recovered: true },
      { value: 20_000, verdict: 'stopped', recovered: null },
    ]);
  });

  it('records the event guards a stopped run ran with (defaults filled in), and none for a finished run', async () => {
    const store = await ResultsStore.open(':memory:');
    try {
      await sweep(source, {
        axes: [parseSetOption('traffic.0.rate=100,20000')],
        workers: 0,
        store,
        guards: { maxEvents: 20_000 },
      });
      const rows = await store.dump('runs');
      expect(rows.map((row) => row['stopped_guards'])).toEqual([
        null,
        '{"maxEvents":20000,"maxEventsAtOneInstant":1000000}',
      ]);
    } finally {
      store.close();
    }
  });

  it('a resumed sweep keeps a stopped run under the same guards, and runs it again (replacing it) under others, as a fresh sweep stores it', async () => {
    const axes = [parseSetOption('traffic.0.rate=100,20000')];
    const store = await ResultsStore.open(':memory:');
    const fresh = await ResultsStore.open(':memory:');
    try {
      const first = await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      expect(first).toMatchObject({ ran: 2, skipped: 0, rerun: 0, stoppedRuns: { kept: 0 } });
      const stoppedRow = (await store.dump('runs'))[1];
      // The same guards: the run would stop again at the same event, so it is kept as stored.
      const same = await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      expect(same).toMatchObject({ ran: 0, skipped: 2, rerun: 0 });
      expect(same.stoppedRuns).toEqual({
        kept: 1,
        rerun: { 'guards-changed': 0, 'guards-not-recorded': 0, 'machine-dependent': 0 },
      });
      expect(same.runs.map((run) => run.verdict)).toEqual(['stable', 'stopped']);
      expect((await store.dump('runs'))[1]).toEqual(stoppedRow);
      // The limit raised: it runs to its end and replaces the stopped row, under the same key.
      const raised = await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 10_000_000 } });
      expect(raised).toMatchObject({ ran: 1, skipped: 1, rerun: 1 });
      expect(raised.stoppedRuns).toEqual({
        kept: 0,
        rerun: { 'guards-changed': 1, 'guards-not-recorded': 0, 'machine-dependent': 0 },
      });
      expect(raised.runs.map((run) => [run.key, run.verdict])).toEqual(
        first.runs.map((run, i) => [run.key, i === 0 ? 'stable' : expect.not.stringMatching(/^stopped$/)]),
      );
      await sweep(source, { axes, workers: 0, store: fresh, guards: { maxEvents: 10_000_000 } });
      for (const table of ['runs', 'settings', 'edges'] as const)
        expect(await store.dump(table)).toEqual(await fresh.dump(table));
      expect(await sweep(source, { axes, workers: 0, store })).toMatchObject({
        ran: 0,
        skipped: 2,
        rerun: 0,
        stoppedRuns: { kept: 0 },
      });
    } finally {
      store.close();
      fresh.close();
    }
  });

  it('a guard given at its default value is the same guard: the stopped run is kept', async () => {
    const axes = [parseSetOption('traffic.0.rate=100,20000')];
    const store = await ResultsStore.open(':memory:');
    try {
      await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      const explicit = await sweep(source, {
        axes,
        workers: 0,
        store,
        guards: { maxEvents: 20_000, maxEventsAtOneInstant: DEFAULT_MAX_EVENTS_AT_ONE_INSTANT },
      });
      expect(explicit).toMatchObject({ ran: 0, stoppedRuns: { kept: 1 } });
      // Another per-instant limit is another guard: it could stop the run elsewhere, so the run is run again.
      const other = await sweep(source, {
        axes,
        workers: 0,
        store,
        guards: { maxEvents: 20_000, maxEventsAtOneInstant: 5_000 },
      });
      expect(other).toMatchObject({ ran: 1, rerun: 1, stoppedRuns: { kept: 0 } });
      expect(other.stoppedRuns.rerun['guards-changed']).toBe(1);
    } finally {
      store.close();
    }
  });

  it('a stopped run of a store that did not record its guards (an earlier version) is run again, as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-stopped-guards-'));
    try {
      const file = join(dir, 'older.duckdb');
      const axes = [parseSetOption('traffic.0.rate=100,20000')];
      let store = await ResultsStore.open(file);
      await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      store.close();
      // The store as the version before stopped_guards wrote it (nor the warnings column, which came later).
      const instance = await DuckDBInstance.create(file);
      const connection = await instance.connect();
      await connection.run('ALTER TABLE runs DROP COLUMN stopped_guards');
      await connection.run('ALTER TABLE runs DROP COLUMN warnings');
      connection.closeSync();
      instance.closeSync();
      store = await ResultsStore.open(file);
      try {
        expect((await store.dump('runs')).map((row) => row['stopped_guards'])).toEqual([null, null]);
        const resumed = await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
        expect(resumed).toMatchObject({ ran: 1, skipped: 1, rerun: 1 });
        expect(resumed.stoppedRuns.rerun['guards-not-recorded']).toBe(1);
        // Stored again, now with its guards: the next resume keeps it.
        expect(await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } })).toMatchObject(
          {
            ran: 0,
            stoppedRuns: { kept: 1 },
          },
        );
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a resumed boundary search keeps its stopped probes under the same guards and runs them again under others', async () => {
    const axes = [parseSetOption('traffic.0.rate=100..20000')];
    const store = await ResultsStore.open(':memory:');
    try {
      await findBoundaries(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      const same = await findBoundaries(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      expect(same).toMatchObject({ ran: 0, skipped: 2, rerun: 0, stoppedRuns: { kept: 1 } });
      expect(same.boundaries[0]?.status).toBe('stopped');
      const map = await findBoundaries(source, {
        axes,
        workers: 0,
        store,
        guards: { maxEvents: 10_000_000 },
      });
      expect(map).toMatchObject({ skipped: 1, rerun: 1, stoppedRuns: { kept: 0 } });
      expect(map.stoppedRuns.rerun['guards-changed']).toBe(1);
      expect(map.boundaries[0]?.status).not.toBe('stopped');
      expect(map.boundaries[0]?.probes.some((p) => p.verdict === 'stopped')).toBe(false);
    } finally {
      store.close();
    }
  });

  it('sweep merge replaces a run the target holds as stopped by a shard that finished it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-merge-stopped-'));
    try {
      const axes = [parseSetOption('traffic.0.rate=100,20000')];
      const target = await ResultsStore.open(join(dir, 'target.duckdb'));
      const shardFile = join(dir, 'shard.duckdb');
      const shard = await ResultsStore.open(shardFile);
      try {
        await sweep(source, { axes, workers: 0, store: target, guards: { maxEvents: 20_000 } });
        await sweep(source, { axes, workers: 0, store: shard });
        const finished = await shard.dump('runs');
        shard.close();
        expect(await target.mergeFrom([shardFile])).toBe(1);
        const runs = await target.dump('runs');
        expect(runs.map((row) => [row['verdict'], row['stopped_reason']])).toEqual(
          finished.map((row) => [row['verdict'], row['stopped_reason']]),
        );
        expect(runs.every((row) => row['stopped_reason'] === null)).toBe(true);
        // Merged again: nothing left to replace or add.
        expect(await target.mergeFrom([shardFile])).toBe(0);
      } finally {
        target.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  describe('sweep merge of two stores that both hold a stopped copy of a run', () => {
    const axes = [parseSetOption('traffic.0.rate=100,20000')];

    /** A store at `dir/name` swept with `guards` (none: `simulate`'s defaults, under which every run finishes). */
    async function storeSwept(dir: string, name: string, guards?: { maxEvents: number }): Promise<string> {
      const file = join(dir, name);
      const store = await ResultsStore.open(file);
      try {
        await sweep(source, { axes, workers: 0, store, ...(guards !== undefined && { guards }) });
      } finally {
        store.close();
      }
      return file;
    }

    it('keeps one when both stopped under the same guards (they are the same run)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meshsim-merge-same-'));
      try {
        const a = await storeSwept(dir, 'a.duckdb', { maxEvents: 20_000 });
        const b = await storeSwept(dir, 'b.duckdb', { maxEvents: 20_000 });
        const target = await ResultsStore.open(join(dir, 'merged.duckdb'));
        try {
          expect(await target.mergeFrom([a, b])).toBe(2);
          const runs = await target.dump('runs');
          expect(runs.map((row) => row['stopped_guards'])).toEqual([
            null,
            '{"maxEvents":20000,"maxEventsAtOneInstant":1000000}',
          ]);
        } finally {
          target.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses copies stopped under different guards, naming both stores and the run, and merges nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meshsim-merge-conflict-'));
      try {
        const a = await storeSwept(dir, 'a.duckdb', { maxEvents: 20_000 });
        const b = await storeSwept(dir, 'b.duckdb', { maxEvents: 30_000 });
        const target = await ResultsStore.open(join(dir, 'merged.duckdb'));
        try {
          const merging = target.mergeFrom([a, b]);
          await expect(merging).rejects.toThrow(MergeConflictError);
          const error = await merging.catch((e: unknown) => e);
          expect(error).toBeInstanceOf(MergeConflictError);
          const key = (error as MergeConflictError).conflicts[0]?.key ?? '';
          expect((error as Error).message).toBe(
            `cannot merge: the run traffic.0.rate=20000, replication 0 (key ${key.slice(0, 12)}…) is stopped by a guard ` +
              `in ${a} (under {"maxEvents":20000,"maxEventsAtOneInstant":1000000}) and in ${b} ` +
              '(under {"maxEvents":30000,"maxEventsAtOneInstant":1000000}), and no store holds it finished: a stopped ' +
              'run is kept only under the guards it stopped with, and these differ. Nothing was merged: run the sweep ' +
              "again into one of the stores with the other's --max-events and --max-events-per-instant (or with limits " +
              'under which the run finishes), then merge again',
          );
          expect((error as MergeConflictError).conflicts).toEqual([
            {
              key: expect.stringMatching(/^[0-9a-f]{64}$/),
              replication: 0,
              overrides: '[["traffic.0.rate",20000]]',
              copies: [
                { store: a, guards: '{"maxEvents":20000,"maxEventsAtOneInstant":1000000}' },
                { store: b, guards: '{"maxEvents":30000,"maxEventsAtOneInstant":1000000}' },
              ],
            },
          ]);
          // Nothing merged, not even the runs without a conflict: the merge is refused as a whole.
          expect(await target.dump('runs')).toEqual([]);
          // The target's own stopped copy conflicts the same way.
          expect(await target.mergeFrom([a])).toBe(2);
          await expect(target.mergeFrom([b])).rejects.toThrow(
            `is stopped by a guard in ${join(dir, 'merged.duckdb')} (under {"maxEvents":20000,`,
          );
        } finally {
          target.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('takes a finished copy from any store over both stopped ones', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meshsim-merge-finished-'));
      try {
        const a = await storeSwept(dir, 'a.duckdb', { maxEvents: 20_000 });
        const b = await storeSwept(dir, 'b.duckdb', { maxEvents: 30_000 });
        const c = await storeSwept(dir, 'c.duckdb');
        const target = await ResultsStore.open(join(dir, 'merged.duckdb'));
        try {
          expect(await target.mergeFrom([a, b, c])).toBe(3);
          expect((await target.dump('runs')).map((row) => row['verdict'])).not.toContain('stopped');
        } finally {
          target.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('takes a copy whose guards are recorded over one whose guards are not (which a resume would run again)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meshsim-merge-recorded-'));
      try {
        const older = await storeSwept(dir, 'older.duckdb', { maxEvents: 30_000 });
        // The store as a meshsim from before stopped_guards wrote it.
        const instance = await DuckDBInstance.create(older);
        const connection = await instance.connect();
        await connection.run('ALTER TABLE runs DROP COLUMN stopped_guards');
        await connection.run('ALTER TABLE runs DROP COLUMN warnings');
        connection.closeSync();
        instance.closeSync();
        const recorded = await storeSwept(dir, 'recorded.duckdb', { maxEvents: 20_000 });
        for (const order of [
          [older, recorded],
          [recorded, older],
        ]) {
          const file = join(dir, `merged-${order.map((p) => p.slice(dir.length + 1, -7)).join('-')}.duckdb`);
          const target = await ResultsStore.open(file);
          try {
            expect(await target.mergeFrom(order)).toBe(order[0] === older ? 3 : 2);
            expect((await target.dump('runs'))[1]?.['stopped_guards']).toBe(
              '{"maxEvents":20000,"maxEventsAtOneInstant":1000000}',
            );
            // A resume with those guards keeps it, as it would have in the store it came from.
            const resumed = await sweep(source, {
              axes,
              workers: 0,
              store: target,
              guards: { maxEvents: 20_000 },
            });
            expect(resumed).toMatchObject({ ran: 0, stoppedRuns: { kept: 1 } });
          } finally {
            target.close();
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
