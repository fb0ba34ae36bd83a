import { describe, expect, it } from 'vitest';
import { SCENARIOS_PER_SHARD, runInvariantShard } from './invariantsHarness.js';
describe('extra seeds', () => {
  for (const seed of [1201, 1202, 1203, 1204, 1205, 1206, 1207, 1208]) {
    it(`seed ${seed}`, () => {
      expect(runInvariantShard(seed)).toBeGreaterThanOrEqual(SCENARIOS_PER_SHARD);
    }, 600_000);
  }
});
