// diagnose() on healthy runs that were misjudged: a source of 0.5–3 req/s whose calls straddle the boundary of two
// seconds, a rate ramping up with calls of seconds (more calls in flight by Little's law, not a backlog); and a
// property: with no fault and load well under capacity, any rate in [0.2, 50] req/s is stable.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { diagnose } from '../../src/index.js';

/** One source at `rate` req/s to a 20 ms service with capacity to spare, no fault. */
function lowRate(rate: number, seed: number, duration = '120s') {
  return resolveScenario({
    name: 'low-rate',
    seed,
    duration,
    services: { api: { replicas: 2, serviceTime: { exponential: { mean: '20ms' } } } },
    traffic: [{ to: 'api', rate }],
  });
}

describe('diagnose: healthy sources are stable', () => {
  it('a source of 0.5 req/s whose one call completes in the next second is stable, not degraded', () => {
    // Seed 1: the first window's only call, offered at 4.99 s, completed at 5.0 s: the reference read 0 %.
    const config = lowRate(0.5, 1);
    const [source] = diagnose(config, simulate(config)).sources;
    expect(source?.verdict, source?.reason).toBe('stable');
    expect(source?.referenceRatio).toBe(1);
  });

  it('a source of 1 req/s is not lossy: a call straddling two seconds is not a lost call', () => {
    // Seed 8: the reference read 87.5 % (one of 8 calls completed after its window), so stable (lossy).
    const config = lowRate(1, 8);
    const [source] = diagnose(config, simulate(config)).sources;
    expect(source?.verdict, source?.reason).toBe('stable');
    expect(source?.lossy).toBe(false);
  });

  it('a rate ramping up with 12 s calls and capacity to spare is not a pile-up', () => {
    // In flight = rate × time in flight (Little's law): 1 → 200 req/s at ~12 s a call grows them by ~1,100 over
    // the run's second half, more than 10 % of the calls offered, at steady latency.
    const config = resolveScenario({
      name: 'ramp',
      seed: 2,
      duration: '120s',
      services: {
        api: {
          replicas: 4,
          concurrency: 5000,
          serviceTime: { exponential: { mean: '20ms' } },
          calls: [{ to: 'slow' }],
        },
        slow: {
          replicas: 4,
          concurrency: 5000,
          serviceTime: { lognormal: { median: '12s', p99: '16s' } },
          serviceTimeCpu: 0,
        },
      },
      traffic: [
        {
          to: 'api',
          rate: [
            { at: 0, rps: 1 },
            { at: '120s', rps: 200, ramp: true },
          ],
        },
      ],
    });
    const [source] = diagnose(config, simulate(config)).sources;
    expect(source?.backlog, source?.reason).toBeNull();
    expect(source?.reason).not.toContain('pile up');
  });

  it('with no fault and load well under capacity, any rate in [0.2, 50] req/s over 60–120 s is stable', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 50, noNaN: true }),
        fc.integer({ min: 60, max: 120 }),
        fc.integer({ min: 0, max: 100_000 }),
        (rate, seconds, seed) => {
          const config = lowRate(rate, seed, `${seconds}s`);
          const diagnosis = diagnose(config, simulate(config));
          expect(diagnosis.verdict, diagnosis.reason).toBe('stable');
          expect(diagnosis.sources[0]?.lossy, diagnosis.reason).toBe(false);
        },
      ),
      { numRuns: 20, seed: 26 },
    );
  });
});
