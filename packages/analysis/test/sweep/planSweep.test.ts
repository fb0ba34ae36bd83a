// planSweep: a point's root seed is the seed its config runs with, also when an axis removes the file's seed
// (`seed=null`: the format's default seed).

import { describe, expect, it } from 'vitest';

import { SCENARIO_DEFAULTS } from '@meshsim/scenario';

import { readScenarioSource, resolveWithOverrides } from '../../src/index.js';
import { planSweep } from '../../src/sweep/planSweep.js';

const storm = readScenarioSource('retry-storm');

describe('planSweep', () => {
  it("seed=null as an axis value: the point's root seed is the default seed its config has, not the file's", () => {
    const plan = planSweep(storm, [{ path: 'seed', values: [null, 7] }], [], 1);
    const fileSeed = resolveWithOverrides(storm, []).seed;
    expect(fileSeed).not.toBe(SCENARIO_DEFAULTS.seed);
    expect(plan.points.map((point) => point.rootSeed)).toEqual([SCENARIO_DEFAULTS.seed, 7]);
    expect(resolveWithOverrides(storm, plan.points[0]?.overrides ?? []).seed).toBe(SCENARIO_DEFAULTS.seed);
    // Without a seed override, the file's.
    expect(planSweep(storm, [], [], 1).points[0]?.rootSeed).toBe(fileSeed);
  });

  it('a removed field and the same field set are two points with two keys', () => {
    const plan = planSweep(storm, [{ path: 'services.frontend.calls.0.retry', values: [null] }], [], 1);
    const kept = planSweep(storm, [], [], 1);
    expect(plan.tasks[0]?.key).not.toBe(kept.tasks[0]?.key);
    expect(plan.points[0]?.values).toEqual([{ path: 'services.frontend.calls.0.retry', value: null }]);
  });
});
