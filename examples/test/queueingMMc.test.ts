// Queueing-theory validation of the engine, M/M/4: the simulated queue must agree with its closed form within
// 99 % confidence intervals from independent replications, for the fixed root seed of ROOT_SEEDS (one file per model so
// the runs spread over the test workers). Same experiment as examples/queueing-validation.ts.

import { beforeAll, describe, it } from 'vitest';
import { MMC_EXPERIMENT } from '../validation/queueModels.js';
import {
  SIMULATION_TIMEOUT_MS,
  expectDocShowsTable,
  expectValidated,
  perSeed,
  seedList,
} from './__helpers__/validation.js';

describe(`M/M/4 (λ=3.2, μ=1, ρ=0.8): ${MMC_EXPERIMENT.replications} replications × 10^6 customers per root seed`, () => {
  const results = perSeed(MMC_EXPERIMENT);
  beforeAll(() => void results(), SIMULATION_TIMEOUT_MS);

  it(`probability of waiting matches Erlang C(4, 3.2) ≈ 0.5964 within the 99% CI (half-width ≤ 1%), for ${seedList}`, () => {
    expectValidated(results(), 'P(wait > 0)');
  });

  it(`mean wait matches C(4, 3.2)/(cμ−λ) ≈ 0.7455 within the 99% CI (half-width ≤ 1%), for ${seedList}`, () => {
    expectValidated(results(), 'mean wait Wq [ms]');
  });

  it('docs/concepts/validation.md shows its table for root seed 1', () => {
    expectDocShowsTable(results());
  });
});
