// Property tests of the verdicts on generated scenarios: a two-layer chain hit by a latency fault that cuts
// the backend's capacity at least tenfold. Built to recover (no retries, short queues, load ≤ 60 % of
// capacity) it must be stable or degraded-recovered; built not to (3 tries at both layers, queues longer
// than the per-try timeout, no cancellation, load ≥ 40 % of capacity) it must be metastable.

import { simulate } from '@meshsim/mesh';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { diagnose, isRecovered } from '../../src/index.js';
import { stormScenario } from '../__helpers__/storm.js';

/** Few runs (each simulates 40 s), a fixed seed: the same cases every time. */
const RUNS = { numRuns: 4, seed: 11 };

describe('verdicts on generated scenarios', () => {
  it('a chain built to recover recovers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.double({ min: 0.2, max: 0.6, noNaN: true }),
        fc.integer({ min: 100, max: 400 }),
        fc.integer({ min: 1, max: 1000 }),
        (workers, load, faultAddMs, seed) => {
          const rateRps = Math.round(load * 200 * workers);
          const config = stormScenario({ rateRps, workers, faultAddMs, attempts: 1, queue: 8, seed });
          const diagnosis = diagnose(config, simulate(config));
          expect(isRecovered(diagnosis.verdict), diagnosis.reason).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('a chain built for a retry storm stays down after the fault (metastable)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.double({ min: 0.4, max: 0.6, noNaN: true }),
        fc.integer({ min: 150, max: 400 }),
        fc.integer({ min: 1, max: 1000 }),
        (workers, load, faultAddMs, seed) => {
          const rateRps = Math.round(load * 200 * workers);
          const config = stormScenario({ rateRps, workers, faultAddMs, attempts: 3, queue: 256, seed });
          const diagnosis = diagnose(config, simulate(config));
          expect(diagnosis.verdict, diagnosis.reason).toBe('metastable');
          expect(diagnosis.loop?.saturated).toEqual(['backend']);
        },
      ),
      RUNS,
    );
  });
});
