// Queueing-theory validation of the engine, M/M/1: the simulated queue must agree with its closed form within
// 99 % confidence intervals from independent replications, for the fixed root seed of ROOT_SEEDS (one file per model so
// the runs spread over the test workers). Same experiment as examples/queueing-validation.ts.

import { beforeAll, describe, it } from 'vitest';
import { MM1_EXPERIMENT } from '../validation/queueModels.js';
import {
  SIMULATION_TIMEOUT_MS,
  expectDocShowsTable,
  expectValidated,
  perSeed,
  seedList,
} from './__helpers__/validation.js';

describe(`M/M/1 (λ=0.9, μ=1): ${MM1_EXPERIMENT.replications} replications × 10^6 customers per root seed`, () => {
  const results = perSeed(MM1_EXPERIMENT);
  beforeAll(() => void results(), SIMULATION_TIMEOUT_MS);

  it(`mean sojourn matches 1/(μ−λ) = 10 within the 99% CI (half-width ≤ 1%), for ${seedList}`, () => {
    expectValidated(results(), 'mean sojourn W [ms]');
  });

  it(`sojourn p50 matches ln 2/(μ−λ) ≈ 6.931 within the 99% CI (half-width ≤ 1%), for ${seedList}`, () => {
    expectValidated(results(), 'sojourn p50 [ms]');
  });

  it(`sojourn p99 matches ln 100/(μ−λ) ≈ 46.05 within the 99% CI (half-width ≤ 2%), for ${seedList}`, () => {
    expectValidated(results(), 'sojourn p99 [ms]');
  });

  it('docs/concepts/validation.md shows its table for root seed 1', () => {
    expectDocShowsTable(results());
  });
});
