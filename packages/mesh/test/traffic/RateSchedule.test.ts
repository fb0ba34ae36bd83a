// Evenly spaced (constant) arrivals follow the rate schedule exactly: a step or a ramp changes the
// spacing where it happens, and no arrival overruns into a segment at rate 0.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { RateSchedule } from '../../src/internal/index.js';
import { config, service } from '../__helpers__/configs.js';
import type { RatePoint } from '../../src/index.js';

const step = (atMs: number, rps: number, rampToNext = false): RatePoint => ({ atMs, rps, rampToNext });

/** Calls a constant source sends over `durationMs`. */
function calls(rate: RatePoint[], durationMs: number): number {
  const result = simulate(
    config(
      [service('s')],
      [
        {
          kind: 'open',
          name: 'client',
          to: 's',
          arrival: 'constant',
          rate,
          policy: {
            timeoutMs: Infinity,
            perTryTimeoutMs: Infinity,
            retry: { maxAttempts: 1, retryOn: [], backoff: { baseMs: 25, maxMs: 250, jitter: 'full' } },
          },
        },
      ],
      { durationMs },
    ),
  );
  return result.edges.find((e) => e.source === 'client')?.calls ?? 0;
}

describe('constant arrivals', () => {
  it('1 req/s for 100 ms, then 0: no call (the old model sent one at 1000 ms)', () => {
    expect(calls([step(0, 1), step(100, 0)], 5000)).toBe(0);
  });

  it('10,000 req/s for 1 ms, then 0: exactly 10 calls (the old model sent 11)', () => {
    expect(calls([step(0, 10_000), step(1, 0)], 1000)).toBe(10);
  });

  it('the n-th arrival is where the expected count reaches n, across steps and ramps', () => {
    const schedule = new RateSchedule([step(0, 1000), step(10, 2000)]);
    expect(schedule.timeOfArrival(1)).toBeCloseTo(1, 12);
    expect(schedule.timeOfArrival(10)).toBeCloseTo(10, 12);
    expect(schedule.timeOfArrival(12)).toBeCloseTo(11, 12);
    // A ramp from 0 to 1000 req/s over 10 ms: ∫ = t² / 20 requests ⇒ the 5th arrival at t = 10 ms.
    const ramp = new RateSchedule([step(0, 0, true), step(10, 1000)]);
    expect(ramp.timeOfArrival(5)).toBeCloseTo(10, 9);
    expect(ramp.timeOfArrival(1.25)).toBeCloseTo(5, 9);
  });

  it('never reaches an arrival past a final rate of 0', () => {
    expect(new RateSchedule([step(0, 1000), step(5, 0)]).timeOfArrival(6)).toBe(Infinity);
  });
});
