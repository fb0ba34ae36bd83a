// The summary of a run's replications counts its verdicts and, of those, the lossy ones (a recovered verdict losing
// calls throughout), as `meshsim run --replications` prints them.

import { describe, expect, it } from 'vitest';

import { executeRun, planSweep, scenarioSource, summarizeReplications } from '../../src/index.js';

/** 4 workers of 10 ms (400 req/s) with a short queue at 450 req/s: a constant ~12 % rejected. */
const SATURATING = scenarioSource(
  'saturating.yaml',
  `duration: 8s
services:
  api: { serviceTime: 10ms, replicas: 1, concurrency: 4, queue: 8 }
traffic:
  - { name: users, rate: 450, to: api }
`,
);

describe('summarizeReplications', () => {
  it('counts the lossy replications of each verdict beside the verdicts', () => {
    const { tasks } = planSweep(SATURATING, [], [], 3);
    const summary = summarizeReplications(tasks.map((task) => executeRun(SATURATING, task)));
    expect(summary.verdicts.stable).toBe(3);
    expect(summary.lossy).toEqual({
      stable: 3,
      'degraded-recovered': 0,
      unresolved: 0,
      degraded: 0,
      metastable: 0,
      stopped: 0,
    });
  });
});
