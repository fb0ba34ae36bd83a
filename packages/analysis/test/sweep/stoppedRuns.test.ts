// Runs a guard stopped early, in sweeps and boundary searches: stored with verdict `stopped` and their stop (reason,
// simulated time reached), listed per grid point, never taken for a recovered (or failed) probe, and run again
// (replaced in the store) when a sweep resumes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ResultsStore, findBoundaries, parseSetOption, scenarioSource, sweep } from '../../src/index.js';

/** A zero-latency network and service: at an offered rate, a run of 2 s takes about 3 events per call. */
const source = scenarioSource(
  'fast.yaml',
  `duration: 2s
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
        /^stopped early \(max-events\) at .* of 2 s simulated: not diagnosed/,
      );
      const [slow, fast] = result.summary;
      expect(slow?.stopped).toEqual([]);
      expect(fast?.verdict).toBe('stopped');
      expect(fast?.verdicts.stopped).toBe(1);
      expect(fast?.stopped).toEqual([
        { replication: 0, reason: 'max-events', atMs: result.runs[1]?.stopped?.atMs },
      ]);
      expect(fast?.stopped[0]?.atMs).toBeLessThan(2000);
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

  it('a resumed sweep runs the stopped runs again with its own guards and replaces them, as a fresh sweep stores them', async () => {
    const axes = [parseSetOption('traffic.0.rate=100,20000')];
    const store = await ResultsStore.open(':memory:');
    const fresh = await ResultsStore.open(':memory:');
    try {
      const first = await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      expect(first).toMatchObject({ ran: 2, skipped: 0, rerun: 0 });
      // The same guards: the stopped run is run again (and stops again).
      const same = await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      expect(same).toMatchObject({ ran: 1, skipped: 1, rerun: 1 });
      expect(same.runs.map((run) => run.verdict)).toEqual(['stable', 'stopped']);
      // The limit raised: it runs to its end and replaces the stopped row, under the same key.
      const raised = await sweep(source, { axes, workers: 0, store, guards: { maxEvents: 10_000_000 } });
      expect(raised).toMatchObject({ ran: 1, skipped: 1, rerun: 1 });
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
      });
    } finally {
      store.close();
      fresh.close();
    }
  });

  it('a resumed boundary search runs its stopped probes again with its own guards', async () => {
    const axes = [parseSetOption('traffic.0.rate=100..20000')];
    const store = await ResultsStore.open(':memory:');
    try {
      await findBoundaries(source, { axes, workers: 0, store, guards: { maxEvents: 20_000 } });
      const map = await findBoundaries(source, {
        axes,
        workers: 0,
        store,
        guards: { maxEvents: 10_000_000 },
      });
      expect(map).toMatchObject({ skipped: 1, rerun: 1 });
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
});
