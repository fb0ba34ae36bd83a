// Queueing-theory validation of the engine, M/D/1: the simulated queue must agree with its closed form within
// 99 % confidence intervals from independent replications, for the fixed root seed of ROOT_SEEDS (one file per model so
// the runs spread over the test workers). Same experiment as examples/queueing-validation.ts.

import { beforeAll, describe, it } from 'vitest';
import { MD1_EXPERIMENT } from '../validation/queueModels.js';
import {
  SIMULATION_TIMEOUT_MS,
  expectDocShowsTable,
  expectValidated,
  perSeed,
  seedList,
} from './__helpers__/validation.js';

describe(`M/D/1 (λ=0.9, service 1 ms): ${MD1_EXPERIMENT.replications} replications × 10^6 customers per root seed`, () => {
  const results = perSeed(MD1_EXPERIMENT);
  beforeAll(() => void results(), SIMULATION_TIMEOUT_MS);

  it(`mean wait matches Pollaczek–Khinchine ρ/(2μ(1−ρ)) = 4.5 within the 99% CI (half-width ≤ 1%), for ${seedList}`, () => {
    expectValidated(results(), 'mean wait Wq [ms]');
  });

  it('docs/concepts/validation.md shows its table for root seed 1', () => {
    expectDocShowsTable(results());
  });
});
