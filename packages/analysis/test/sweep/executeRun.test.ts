// A run executed for the pool records telemetry only when its result is kept: a kept result carries the traces
// asked for, a result not kept is simulated without them (and returned without a result).

import { describe, expect, it } from 'vitest';

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
