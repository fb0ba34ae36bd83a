// The sweep's text and JSON: the head line counts the runs made now and those found in the store, and names the
// runs of another model revision the store held and the sweep did not reuse.

import { readScenarioSource, sweep } from '@meshsim/analysis';
import type { SweepResult } from '@meshsim/analysis';
import { beforeAll, describe, expect, it } from 'vitest';

import { renderSweepJson, renderSweepText } from '../src/index.js';

let result: SweepResult;

beforeAll(async () => {
  result = await sweep(readScenarioSource('steady-3tier'), {
    fixed: [{ path: 'duration', value: '500ms' }],
    workers: 0,
  });
});

describe('renderSweepText', () => {
  it('says what ran, and nothing of other model revisions when the store held none', () => {
    expect(result.outdated).toBe(0);
    const head = renderSweepText(result).split('\n')[0];
    expect(head).toBe(
      'Sweep: 1 point × 1 replication = 1 run; this shard 1: 1 run now, 0 already in the store',
    );
  });

  it('names the runs of another model revision that were not reused', () => {
    expect(renderSweepText({ ...result, outdated: 1 }).split('\n')[0]).toMatch(
      /0 already in the store \(1 run of this scenario stored by another meshsim model not reused\)$/,
    );
    expect(renderSweepText({ ...result, outdated: 12 })).toContain(
      '(12 runs of this scenario stored by another meshsim model not reused)',
    );
    expect(JSON.parse(renderSweepJson({ ...result, outdated: 12 }))).toMatchObject({
      ran: 1,
      skipped: 0,
      outdated: 12,
    });
  });
});
