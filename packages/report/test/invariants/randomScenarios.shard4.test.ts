// Random-scenario invariants, shard 4 of 4 (see invariantsHarness.ts): 250 random valid scenarios.

import { describe, expect, it } from 'vitest';

import { SCENARIOS_PER_SHARD, runInvariantShard } from './invariantsHarness.js';

describe('random scenarios, shard 4 of 4', () => {
  it('hold every result and output-format invariant', () => {
    const ran = runInvariantShard(4);
    expect(ran).toBeGreaterThanOrEqual(SCENARIOS_PER_SHARD);
    console.log(`random-scenario invariants: ${ran} scenarios (shard 4 of 4)`);
  });
});
