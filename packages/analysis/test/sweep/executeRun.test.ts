// A run executed for the pool records telemetry only when its result is kept: a kept result carries the traces
// asked for, a result not kept is simulated without them (and returned without a result); an edge with no completed
// call has no success ratio, in its row and in the store.

import { describe, expect, it } from 'vitest';

import { ResultsStore } from '../../src/store/ResultsStore.js';
import { executeRun } from '../../src/sweep/executeRun.js';
import { planSweep } from '../../src/sweep/planSweep.js';
import { scenarioSource } from '../../src/overrides/ScenarioSource.js';

const source = scenarioSource(
  'tiny.yaml',
  `name: tiny
seed: 2
duration: 2s
services:
  api: { replicas: 1, concurrency: 4, serviceTime: { exponential: { mean: 2ms } } }
traffic:
  - { name: users, to: api, rate: 100/s }
`,
);

describe('executeRun', () => {
  const [task] = planSweep(source, [], [], 1).tasks;
  if (task === undefined) throw new Error('no task planned');

  it('gives a kept result the telemetry asked for', () => {
    const outcome = executeRun(source, task, true, {}, { traceSampleRate: 0.5 });
    const spans = outcome.result?.telemetry?.traces?.spans ?? [];
    expect(spans.length).toBeGreaterThan(0);
    expect(outcome.result?.telemetry?.traces?.sampleRate).toBe(0.5);
  });

  it('records nothing for a result it does not keep, and the figures are the same', () => {
    const kept = executeRun(source, task, true, {}, { traceSampleRate: 0.5 });
    const notKept = executeRun(source, task, false, {}, { traceSampleRate: 0.5 });
    expect(notKept.result).toBeUndefined();
    expect(notKept.figures).toEqual(kept.figures);
    expect(executeRun(source, task, true).result?.telemetry).toBeUndefined();
  });
});

describe('executeRun edge rows', () => {
  // db takes 10 s a request and the run 2 s: no call api → db completes.
  const slow = scenarioSource(
    'slow.yaml',
    `name: slow
seed: 2
duration: 2s
services:
  api: { replicas: 1, concurrency: 64, serviceTime: 1ms, calls: [{ to: db }] }
  db: { replicas: 1, concurrency: 64, serviceTime: 10s }
traffic:
  - { name: users, to: api, rate: 10/s }
`,
  );
  const [task] = planSweep(slow, [], [], 1).tasks;
  if (task === undefined) throw new Error('no task planned');

  it('gives an edge with no completed call a null success ratio (not 1) and null percentiles (not 0), and the store NULL', async () => {
    const outcome = executeRun(slow, task, false);
    const db = outcome.edges.find((e) => e.destination === 'db');
    expect(db?.calls).toBeGreaterThan(0);
    expect(db?.succeeded).toBe(0);
    expect(db?.failed).toBe(0);
    expect(db?.successRatio).toBeNull();
    expect([db?.p50Ms, db?.p99Ms]).toEqual([null, null]);
    const store = await ResultsStore.open(':memory:');
    try {
      await store.write(outcome, 'hash');
      const rows = await store.dump('edges');
      const row = rows.find((r) => r['destination'] === 'db');
      expect([row?.['success_ratio'], row?.['p50_ms'], row?.['p99_ms']]).toEqual([null, null, null]);
    } finally {
      store.close();
    }
  });
});
