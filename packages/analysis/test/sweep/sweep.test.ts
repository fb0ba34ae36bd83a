// Sweeps end to end: the grid and its order, identical stores for 0 (in-thread), 1, 2 and 4 workers,
// resume, shards merged equal to one run, the run limit, nothing half-written after an abort, and stores written
// by an earlier release (fewer columns, runs keyed without the model revision: recomputed, not reused).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';

import { MODEL_REVISION } from '@meshsim/mesh';

import {
  OverrideError,
  ResultsStore,
  parseSetOption,
  readScenarioSource,
  runKey,
  scenarioSource,
  sweep,
} from '../../src/index.js';
import { lateFaultSource } from '../__helpers__/lateFault.js';
import type { SweepOptions } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'meshsim-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = readScenarioSource('steady-3tier');
/** 3 rates × 2 shapes × 2 replications of 2 simulated seconds: 12 small runs. */
const GRID: SweepOptions = {
  axes: [parseSetOption('traffic.0.rate=100..300:100'), parseSetOption('mesh=none,istio-sidecar')],
  fixed: [{ path: 'duration', value: '2s' }],
  replications: 2,
};

async function dumpAll(store: ResultsStore): Promise<unknown> {
  return {
    runs: await store.dump('runs'),
    settings: await store.dump('settings'),
    edges: await store.dump('edges'),
  };
}

/** The `runs` columns added after the first release. */
const ADDED_COLUMNS = [
  'proxy_cpu_requested_cores',
  'proxy_memory_requested_mib',
  'node_cpu_utilisation',
  'pending_pods',
  'extra_nodes_needed',
  'model_revision',
  'proxy_requests_cost_usd_per_month',
  'stopped_reason',
  'stopped_at_ms',
  'stopped_guards',
  'warnings',
  'proxy_memory_mib',
  'proxy_cost_usd_per_month',
  'lossy',
];

/**
 * Turns the store at `file` into one as the first release wrote it: `runs` without the columns added since, and
 * every run under another key (the first release's keys did not hash the model revision).
 */
async function makeFirstReleaseStore(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  for (const column of ADDED_COLUMNS) await connection.run(`ALTER TABLE runs DROP COLUMN ${column}`);
  for (const table of ['runs', 'settings', 'edges'])
    await connection.run(`UPDATE ${table} SET run_key = 'first-release-' || run_key`);
  connection.closeSync();
  instance.closeSync();
}

async function sweepInto(file: string, options: SweepOptions): Promise<unknown> {
  const store = await ResultsStore.open(join(dir, file));
  try {
    await sweep(source, { ...GRID, ...options, store });
    return await dumpAll(store);
  } finally {
    store.close();
  }
}

describe('sweep workers', () => {
  it('refuses a number of workers that is not an integer, naming the option, before running anything', async () => {
    for (const workers of [Number.NaN, 1.5, Infinity]) {
      await expect(sweep(source, { ...GRID, workers })).rejects.toThrow(
        new RangeError(
          `workers must be an integer number of worker threads (0 or less: every run in this thread), got ${String(workers)}`,
        ),
      );
    }
  });
});

describe('sweep', () => {
  it('runs the grid (first axis slowest) × replications and summarises each point', async () => {
    const result = await sweep(source, { ...GRID, workers: 0 });
    expect(result.plan.points.map((p) => p.values.map((v) => v.value).join(' '))).toEqual([
      '100 none',
      '100 istio-sidecar',
      '200 none',
      '200 istio-sidecar',
      '300 none',
      '300 istio-sidecar',
    ]);
    expect(result.ran).toBe(12);
    expect(result.summary).toHaveLength(6);
    for (const point of result.summary) {
      expect(point.runs).toBe(2);
      // 2 s: shorter than one 5 s window, too short to judge.
      expect(point.verdict).toBe('unresolved');
      expect(point.figures.find((f) => f.key === 'successRatio')?.halfWidth).not.toBeNull();
    }
    // Replications of one point have distinct seeds; points share them (common random numbers).
    const seeds = result.runs.map((run) => run.seed);
    expect(seeds[0]).not.toBe(seeds[1]);
    expect(seeds[2]).toBe(seeds[0]);
  });

  it('stores whether each run was lossy and counts the lossy runs of each verdict per point', async () => {
    // 4 workers of 10 ms (400 req/s) with a short queue: 300 req/s served whole, 450 req/s losing ~12 % throughout.
    const saturating = scenarioSource(
      'saturating.yaml',
      `duration: 8s
services:
  api: { serviceTime: 10ms, replicas: 1, concurrency: 4, queue: 8 }
traffic:
  - { name: users, rate: 300, to: api }
`,
    );
    const store = await ResultsStore.open(join(dir, 'lossy.duckdb'));
    try {
      const result = await sweep(saturating, {
        axes: [parseSetOption('traffic.0.rate=300,450')],
        replications: 2,
        workers: 0,
        store,
      });
      const [served, losing] = result.summary;
      expect(served?.verdicts.stable).toBe(2);
      expect(served?.lossy.stable).toBe(0);
      expect(losing?.verdicts.stable).toBe(2);
      expect(losing?.lossy.stable).toBe(2);
      expect(result.runs.map((run) => run.lossy)).toEqual([false, false, true, true]);
      const rows = await store.dump('runs');
      expect(rows.map((row) => row['lossy'])).toEqual([false, false, true, true]);
    } finally {
      store.close();
    }
  });

  it('writes identical stores with 0, 1, 2 and 4 workers', async () => {
    const inThread = await sweepInto('w0.duckdb', { workers: 0 });
    for (const workers of [1, 2, 4]) {
      expect(await sweepInto(`w${workers}.duckdb`, { workers }), `${workers} workers`).toEqual(inThread);
    }
  });

  it('merging the shards of an Indexed Job gives the store of one run', async () => {
    const whole = await sweepInto('w0.duckdb', { workers: 0 });
    const shards = [1, 2, 3].map((index) => join(dir, `shard-${index}.duckdb`));
    for (const [i, file] of shards.entries()) {
      const store = await ResultsStore.open(file);
      const result = await sweep(source, { ...GRID, workers: 0, shard: { index: i + 1, count: 3 }, store });
      expect(result.tasks).toHaveLength(4);
      store.close();
    }
    const merged = await ResultsStore.open(join(dir, 'merged.duckdb'));
    expect(await merged.mergeFrom(shards)).toBe(12);
    expect(await merged.mergeFrom(shards)).toBe(0);
    expect(await dumpAll(merged)).toEqual(whole);
    merged.close();
  });

  it('keys a run by scenario, overrides, seed and model revision', () => {
    const overrides = [{ path: 'mesh', value: 'none' }];
    const key = runKey('abc', overrides, 1);
    expect(runKey('abc', overrides, 1, MODEL_REVISION)).toBe(key);
    expect(
      new Set([key, runKey('abd', overrides, 1), runKey('abc', [], 1), runKey('abc', overrides, 2)]).size,
    ).toBe(4);
    expect(runKey('abc', overrides, 1, MODEL_REVISION + 1)).not.toBe(key);
    // A registered shape's identity (its module's digest) is part of the key; no identity keeps the key of before.
    expect(runKey('abc', overrides, 1, MODEL_REVISION, [])).toBe(key);
    const kuma = (digest: string) => runKey('abc', overrides, 1, MODEL_REVISION, [`kuma sha256:${digest}`]);
    expect(new Set([key, kuma('aa'), kuma('ab')]).size).toBe(3);
  });

  it('resumes: a re-run skips the runs already stored', async () => {
    const store = await ResultsStore.open(join(dir, 'resume.duckdb'));
    const first = await sweep(source, { ...GRID, workers: 0, replications: 1, store });
    const second = await sweep(source, { ...GRID, workers: 0, store });
    expect([first.ran, second.ran, second.skipped]).toEqual([6, 6, 6]);
    expect(second.runs).toHaveLength(12);
    store.close();
  });

  it('resumed on another grid, counts each stored run once, at its point of this grid', async () => {
    const store = await ResultsStore.open(':memory:');
    const fixed = [{ path: 'duration', value: '500ms' }];
    await sweep(source, { axes: [parseSetOption('traffic.0.rate=100,200')], fixed, workers: 0, store });
    // The run at 200 was stored as point 1; here it is point 0, and 300 is point 1.
    const second = await sweep(source, {
      axes: [parseSetOption('traffic.0.rate=200,300')],
      fixed,
      workers: 0,
      store,
    });
    expect([second.ran, second.skipped]).toEqual([1, 1]);
    expect(second.summary.map((p) => [p.point, p.values[0]?.value, p.runs])).toEqual([
      [0, 200, 1],
      [1, 300, 1],
    ]);
    store.close();
  });

  /** The warning of a run of the late-fault scenario of 1 s. */
  const LATE_WARNING =
    'fault latency on api starts at 10 s, at or after the end of the run (1 s): it does not happen in this run (lengthen the run to include it)';

  it("gives the runs' warnings once each, with how many runs gave each and the first point that did", async () => {
    const late = lateFaultSource();
    const store = await ResultsStore.open(':memory:');
    const options: SweepOptions = {
      axes: [parseSetOption('traffic.0.rate=50,100'), parseSetOption('duration=1s,20s')],
      replications: 2,
      workers: 0,
      store,
    };
    const result = await sweep(late, options);
    // Only the 1 s runs end before the fault: 2 points × 2 replications.
    expect(result.warnings).toEqual([
      {
        message:
          'fault latency on api starts at 10 s, at or after the end of the run (1 s): it does not happen in this run (lengthen the run to include it)',
        runs: 4,
        example: [
          { path: 'traffic.0.rate', value: 50 },
          { path: 'duration', value: '1s' },
        ],
      },
    ]);
    expect(result.warningsNotRecorded).toBe(0);
    // The store keeps each run's warnings: a sweep that finds every run there gives them as the one that ran them.
    const resumed = await sweep(late, options);
    expect([resumed.ran, resumed.warnings, resumed.warningsNotRecorded]).toEqual([0, result.warnings, 0]);
    expect((await store.dump('runs')).map((row) => row['warnings'])).toEqual(
      result.runs.map((run) => (run.overrides.includes('"1s"') ? JSON.stringify([LATE_WARNING]) : '[]')),
    );
    store.close();
  });

  it('gives the same warnings when interrupted and resumed as when run in one go', async () => {
    const late = lateFaultSource();
    const options: SweepOptions = {
      axes: [parseSetOption('duration=1s,20s'), parseSetOption('traffic.0.rate=50,100')],
      replications: 2,
      workers: 0,
    };
    const whole = await sweep(late, options);
    const store = await ResultsStore.open(':memory:');
    try {
      const controller = new AbortController();
      // Interrupted after 3 of the 4 runs that warn: the first one's example and the count must survive the resume.
      await expect(
        sweep(late, {
          ...options,
          store,
          signal: controller.signal,
          onProgress: (done) => {
            if (done === 3) controller.abort(new Error('interrupted'));
          },
        }),
      ).rejects.toThrow('interrupted');
      const resumed = await sweep(late, { ...options, store });
      expect([resumed.ran, resumed.skipped]).toEqual([5, 3]);
      expect(resumed.warnings).toEqual(whole.warnings);
      expect(resumed.warnings).toEqual([
        {
          message: LATE_WARNING,
          runs: 4,
          example: [
            { path: 'duration', value: '1s' },
            { path: 'traffic.0.rate', value: 50 },
          ],
        },
      ]);
      expect(resumed.warningsNotRecorded).toBe(0);
    } finally {
      store.close();
    }
  });

  it('says how many runs of a store that did not record warnings (an earlier version) it cannot show them for', async () => {
    const late = lateFaultSource();
    const file = join(dir, 'no-warnings.duckdb');
    const options: SweepOptions = {
      axes: [parseSetOption('traffic.0.rate=50,100')],
      fixed: [{ path: 'duration', value: '1s' }],
      workers: 0,
    };
    let store = await ResultsStore.open(file);
    await sweep(late, { ...options, store });
    store.close();
    // The store as the version before the warnings column wrote it.
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run('ALTER TABLE runs DROP COLUMN warnings');
    connection.closeSync();
    instance.closeSync();
    store = await ResultsStore.open(file);
    try {
      expect((await store.runs()).map((run) => run.warnings)).toEqual([null, null]);
      // Not "no warnings": not recorded. The run simulated now has its warning, and is stored with it.
      const resumed = await sweep(late, {
        ...options,
        axes: [parseSetOption('traffic.0.rate=50,100,150')],
        store,
      });
      expect([resumed.ran, resumed.skipped, resumed.warningsNotRecorded]).toEqual([1, 2, 2]);
      expect(resumed.warnings).toEqual([
        { message: LATE_WARNING, runs: 1, example: [{ path: 'traffic.0.rate', value: 150 }] },
      ]);
      expect((await store.runs()).map((run) => run.warnings)).toEqual([null, null, [LATE_WARNING]]);
    } finally {
      store.close();
    }
  });

  it('resumes a store from before proxy memory and cost were kept: its runs reused, left out of those intervals only', async () => {
    const file = join(dir, 'before-proxy-use.duckdb');
    const options: SweepOptions = { ...GRID, replications: 1, workers: 0 };
    let store = await ResultsStore.open(file);
    await sweep(source, { ...options, store });
    store.close();
    // The store as the version before wrote it (same model revision, so its runs are reused).
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const column of ['proxy_memory_mib', 'proxy_cost_usd_per_month'])
      await connection.run(`ALTER TABLE runs DROP COLUMN ${column}`);
    connection.closeSync();
    instance.closeSync();
    store = await ResultsStore.open(file);
    try {
      const resumed = await sweep(source, { ...options, replications: 2, store });
      expect([resumed.ran, resumed.skipped, resumed.outdated]).toEqual([6, 6, 0]);
      for (const point of resumed.summary) {
        const n = (key: string): number | undefined => point.figures.find((f) => f.key === key)?.n;
        // The stored replication lacks them: n counts the one run now; the other figures have both.
        expect([n('proxyMemoryMiB'), n('proxyCostPerMonthUsd'), n('proxyCpuCores')]).toEqual([1, 1, 2]);
        for (const f of point.figures)
          expect([f.mean, f.min, f.max].every(Number.isFinite), `${f.key} at point ${point.point}`).toBe(
            true,
          );
      }
      // Only the old runs at a point: the figures are absent, not 0 or NaN.
      const old = await sweep(source, { ...options, store });
      expect(old.ran).toBe(0);
      for (const point of old.summary) {
        expect(point.figures.map((f) => f.key)).not.toContain('proxyMemoryMiB');
        expect(point.figures.map((f) => f.key)).not.toContain('proxyCostPerMonthUsd');
      }
    } finally {
      store.close();
    }
  });

  it("stores each setting's number in its quantity's base unit, with the unit; a store without the unit column opens", async () => {
    const file = join(dir, 'units.duckdb');
    const options: SweepOptions = {
      axes: [parseSetOption('services.frontend.calls.0.timeout=100ms..300ms:100ms')],
      fixed: [
        { path: 'duration', value: '2000ms' },
        { path: 'traffic.0.rate', value: '6000/m' },
        { path: 'mesh', value: 'none' },
      ],
      workers: 0,
    };
    let store = await ResultsStore.open(file);
    await sweep(source, { ...options, store });
    const settings = await store.dump('settings');
    const byPath = (path: string): unknown[] =>
      settings.filter((row) => row['path'] === path).map((row) => [row['value'], row['number'], row['unit']]);
    expect(byPath('services.frontend.calls.0.timeout').sort()).toEqual([
      ['100ms', 100, 'ms'],
      ['200ms', 200, 'ms'],
      ['300ms', 300, 'ms'],
    ]);
    expect(byPath('duration')).toEqual([...Array<unknown>(3)].map(() => ['2000ms', 2000, 'ms']));
    expect(byPath('traffic.0.rate')[0]).toEqual(['6000/m', 100, 'rps']);
    expect(byPath('mesh')[0]).toEqual(['none', null, null]);
    store.close();
    // A store written before the column: it opens with the column added, NULL in its rows.
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run('ALTER TABLE settings DROP COLUMN unit');
    connection.closeSync();
    instance.closeSync();
    store = await ResultsStore.open(file);
    expect((await store.dump('settings')).every((row) => row['unit'] === null)).toBe(true);
    store.close();
  });

  it('refuses a path set twice (two axes, or an axis and a fixed value): one would be ignored, its runs miscounted', async () => {
    const twice = sweep(source, {
      axes: [parseSetOption('traffic.0.rate=100,200'), parseSetOption('traffic.0.rate=300,400')],
      workers: 0,
    });
    await expect(twice).rejects.toThrow(OverrideError);
    await expect(twice).rejects.toThrow(
      '--set traffic.0.rate: the path is set twice (by two --set): give each path once, with all its values',
    );
    await expect(
      sweep(source, {
        axes: [parseSetOption('traffic.0.rate=100,200')],
        fixed: [{ path: 'traffic.0.rate', value: 300 }],
        workers: 0,
      }),
    ).rejects.toThrow('--set traffic.0.rate: the path is set twice (by an axis and a fixed value)');
  });

  it('leaves only whole runs in the store when aborted, and the next run completes it', async () => {
    const store = await ResultsStore.open(join(dir, 'abort.duckdb'));
    const controller = new AbortController();
    await expect(
      sweep(source, {
        ...GRID,
        workers: 0,
        store,
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 3) controller.abort(new Error('interrupted'));
        },
      }),
    ).rejects.toThrow('interrupted');
    const runs = await store.dump('runs');
    expect(runs).toHaveLength(3);
    const edges = await store.dump('edges');
    expect(new Set(edges.map((e) => e['run_key']))).toEqual(new Set(runs.map((r) => r['run_key'])));
    const resumed = await sweep(source, { ...GRID, workers: 0, store });
    expect([resumed.ran, resumed.skipped]).toEqual([9, 3]);
    store.close();
  });

  it("rejects with the signal's reason when aborted on worker threads too (the CLI's exit code 130 rides on it)", async () => {
    const controller = new AbortController();
    await expect(
      sweep(source, {
        ...GRID,
        workers: 1,
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 1) controller.abort(new Error('interrupted'));
        },
      }),
    ).rejects.toThrow('interrupted');
  });

  it('asks for confirmation over the run limit, and exports CSV', async () => {
    await expect(
      sweep(source, { axes: [parseSetOption('traffic.0.rate=1..2000:1')], workers: 0 }),
    ).rejects.toThrow(OverrideError);
    await expect(
      sweep(source, { axes: [parseSetOption('traffic.0.rate=1..2000:1')], workers: 0 }),
    ).rejects.toThrow('over the limit of 1000: confirm with --yes');
    const store = await ResultsStore.open(join(dir, 'w0.duckdb'));
    await store.exportCsv('runs', join(dir, 'runs.csv'));
    store.close();
    const lines = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n');
    expect(lines[0]?.startsWith('run_key,scenario,scenario_hash,overrides,point,replication,seed,mesh')).toBe(
      true,
    );
    expect(lines).toHaveLength(13);
  });

  it('stores NULL success and latency for a run where no call completed, and reads them back as null', async () => {
    const idle = scenarioSource(
      'idle.yaml',
      'duration: 1s\nservices:\n  api: { serviceTime: 1ms }\ntraffic:\n  - { name: users, rate: 0, to: api }\n',
    );
    const store = await ResultsStore.open(':memory:');
    try {
      const result = await sweep(idle, { workers: 0, store });
      const [row] = await store.dump('runs');
      expect([row?.['success_ratio'], row?.['e2e_p50_ms'], row?.['e2e_p99_ms']]).toEqual([null, null, null]);
      expect(result.runs[0]?.figures.successRatio).toBeNull();
      // No run gives the figure: the summary leaves it out (shown as –), not a mean of 100 %.
      expect(result.summary[0]?.figures.map((f) => f.key)).not.toContain('successRatio');
    } finally {
      store.close();
    }
  });

  it('opens a store an earlier release wrote: the columns are added (null in its runs), its runs recomputed, not reused', async () => {
    const options: SweepOptions = {
      ...GRID,
      fixed: [...(GRID.fixed ?? []), { path: 'nodeCpu', value: 2 }],
      replications: 1,
      workers: 0,
    };
    const file = join(dir, 'first-release.duckdb');
    let store = await ResultsStore.open(file);
    const fresh = await sweep(source, { ...options, store });
    store.close();
    expect(fresh.outdated).toBe(0);
    for (const run of fresh.runs) {
      expect(run.figures.nodeCpuUtilisation).toBeGreaterThan(0);
      expect(run.figures.pendingPods).toBe(0);
      expect(run.figures.extraNodesNeeded).toBe(0);
      expect(run.modelRevision).toBe(MODEL_REVISION);
    }
    expect(fresh.runs.map((r) => (r.figures.proxyCpuRequestedCores ?? 0) > 0)).toEqual(
      fresh.plan.points.map((p) => p.values[1]?.value === 'istio-sidecar'),
    );
    await makeFirstReleaseStore(file);
    store = await ResultsStore.open(file);
    const old = await store.runs();
    expect(
      old.map((run) => [
        run.modelRevision,
        run.figures.nodeCpuUtilisation,
        run.figures.proxyCpuRequestedCores,
        run.stopped,
        run.lossy,
      ]),
    ).toEqual(old.map(() => [null, null, null, null, null]));
    const resumed = await sweep(source, { ...options, replications: 2, store });
    // Nothing reused: the earlier model's runs stay in the store but the sweep simulates every run again.
    expect([resumed.ran, resumed.skipped, resumed.outdated]).toEqual([12, 0, 6]);
    expect(resumed.runs.every((run) => run.modelRevision === MODEL_REVISION)).toBe(true);
    expect(
      resumed.runs.filter((run) => run.replication === 0).map((run) => run.figures.successRatio),
    ).toEqual(fresh.runs.map((run) => run.figures.successRatio));
    const figure = resumed.summary[0]?.figures.find((f) => f.key === 'pendingPods');
    expect(figure).toMatchObject({ n: 2, mean: 0, halfWidth: 0 });
    expect(await store.runs()).toHaveLength(18);
    store.close();
    // An old shard merges into a new store by column name.
    const merged = await ResultsStore.open(join(dir, 'merged-first-release.duckdb'));
    const shard = await ResultsStore.open(join(dir, 'old-shard.duckdb'));
    await sweep(source, { ...options, store: shard });
    shard.close();
    await makeFirstReleaseStore(join(dir, 'old-shard.duckdb'));
    expect(await merged.mergeFrom([join(dir, 'old-shard.duckdb')])).toBe(6);
    const rows = await merged.dump('runs');
    expect(rows.map((row) => row['pending_pods'])).toEqual([null, null, null, null, null, null]);
    expect(rows.map((row) => row['success_ratio'])).toEqual(
      fresh.runs.map((run) => run.figures.successRatio),
    );
    merged.close();
  });
});
