// diagnose() on healthy runs that were misjudged: a source of 0.5–3 req/s whose calls straddle the boundary of two
// seconds, a rate ramping up with calls of seconds (more calls in flight by Little's law, not a backlog); and a
// property: with no fault and load well under capacity, any rate in [0.2, 50] req/s is stable; and, as to-dos, the
// healthy sources of calls of several seconds still misjudged.

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

  // Known misjudgements of healthy sources whose calls take several seconds (no fault, nothing queues, 120 s runs).
  // The goodput series counts a success in its offered interval only when it completed by the end of the next one,
  // else where it completed: for calls of L s a window's successes are those of the calls offered L s earlier, so a
  // rising rate reads low and a steady one reads two independent Poisson counts apart (~9 % at 50 req/s over 5 s);
  // and the warm-up is capped at one 5 s window. A longer, latency-aware warm-up alone does not fix it (constant
  // 12 s calls at 50 req/s then read degraded-recovered, a 1 → 200 req/s ramp stable but lossy at 50 %): the
  // attribution needs a grace of the source's normal latency, recorded by the mesh, and a matching cool-down at the
  // end of the run.
  it.todo(
    'calls of lognormal 3 s (p99 6 s) at 50 req/s read stable, not lossy (now: stable (lossy), reference 87.5 %)',
  );
  it.todo('calls of 8 s at 50 req/s read stable (now: degraded, reference 36.1 %)');
  it.todo('calls of 12 s at 50 req/s or 0.5 req/s read stable (now: degraded, reference 0.0 %)');
  it.todo('calls of ~12 s on a 1 → 200 req/s ramp read stable (now: degraded, reference 0.0 %)');
  it.todo(
    'calls of 3 s or 8 s with rate steps 10 → 50 → 100 → 150 req/s read stable (now: degraded-recovered (lossy))',
  );
  it.todo(
    'calls of lognormal 3 s at 0.5 req/s read stable (now: degraded-recovered, a fall to 0.0 % at 7 s)',
  );
  it.todo('no faults, ample capacity, calls of 1–10 s, any seed: stable (property)');
});
