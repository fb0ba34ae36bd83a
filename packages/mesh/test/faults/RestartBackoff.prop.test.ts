// Contract of the kubelet's restart backoff (RestartBackoff, the CrashLoopBackOff schedule of Kubernetes' "Pod
// Lifecycle" page): at once after an initial crash, then 10 s doubling to a 300 s cap, reset by 10 minutes of running;
// checked on examples and against a reference model that replays the page's words over any sequence of runs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RESTART_BACKOFF_INITIAL_MS,
  RESTART_BACKOFF_MAX_MS,
  RESTART_BACKOFF_RESET_MS,
  RestartBackoff,
  crashLoopRestartMs,
  restartDelayMs,
} from '../../src/index.js';

/** The delays [ms] a container gets when each of `runsMs` ends in a crash, starting running since before the run. */
function delays(runsMs: readonly number[]): number[] {
  const backoff = new RestartBackoff();
  let startedMs = -Infinity;
  let nowMs = 0;
  const out: number[] = [];
  for (const runMs of runsMs) {
    const exitMs = startedMs === -Infinity ? nowMs : startedMs + runMs;
    const delayMs = backoff.delayAfterExit(startedMs, exitMs);
    out.push(delayMs);
    startedMs = exitMs + delayMs;
    nowMs = startedMs;
  }
  return out;
}

describe('RestartBackoff', () => {
  it('restarts at once after the initial crash, then waits 10 s, 20 s, 40 s, 80 s, 160 s and 300 s from then on', () => {
    expect(delays([0, 0, 0, 0, 0, 0, 0, 0, 0]).map((ms) => ms / 1000)).toEqual([
      0, 10, 20, 40, 80, 160, 300, 300, 300,
    ]);
    expect([1, 2, 3, 7, 8, 1000].map(restartDelayMs)).toEqual([0, 10_000, 20_000, 300_000, 300_000, 300_000]);
  });

  it('resets after a container ran 10 minutes: its next crash is an initial one again, one that ran less keeps counting', () => {
    // Crash at once, restart, run 2 s (10 s wait), run 10 min exactly (reset: at once), run 2 s (10 s again).
    expect(delays([0, 2000, RESTART_BACKOFF_RESET_MS, 2000])).toEqual([0, 10_000, 0, 10_000]);
    expect(delays([0, 2000, RESTART_BACKOFF_RESET_MS - 1, 2000])).toEqual([0, 10_000, 20_000, 40_000]);
  });

  it('follows the reference schedule for any sequence of runs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 60_000 }),
            fc.integer({ min: 60_000, max: 2 * RESTART_BACKOFF_RESET_MS }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (runsMs) => {
          const got = delays(runsMs);
          // Reference: count crashes since the last run of 10 minutes or more; the n-th waits 0, then 10 s × 2^(n−2),
          // never more than 300 s.
          let crashes = 0;
          runsMs.forEach((runMs, i) => {
            if (i === 0 || runMs >= RESTART_BACKOFF_RESET_MS) crashes = 0;
            crashes++;
            let expected = 0;
            if (crashes >= 2) {
              expected = RESTART_BACKOFF_INITIAL_MS;
              for (let k = 2; k < crashes; k++) expected = Math.min(expected * 2, RESTART_BACKOFF_MAX_MS);
            }
            expect(got[i]).toBe(expected);
            expect(got[i]).toBeLessThanOrEqual(RESTART_BACKOFF_MAX_MS);
          });
        },
      ),
    );
  });
});

describe('crashLoopRestartMs', () => {
  it("is the loop's first start at or after the fault's end: the kubelet's backoff, each container running runsFor", () => {
    // Crashes as it starts from 20 s: restarts at 20, 30, 50 and 90 s; the next, 80 s after the crash at 90 s, is past 120 s.
    expect(crashLoopRestartMs(20_000, 100_000, 0)).toBe(170_000);
    // docs/model.md's example: starts at 20, 32, 54 s (each running 2 s), then 96 s, 40 s after the crash at 56 s.
    expect(crashLoopRestartMs(20_000, 60_000, 2000)).toBe(96_000);
    // A restart exactly at the end stays up; the immediate restart after the initial crash is at the start.
    expect(crashLoopRestartMs(20_000, 10_000, 0)).toBe(30_000);
    expect(crashLoopRestartMs(20_000, 1, 0)).toBe(30_000);
  });

  it('waits at most the 300 s cap past the last crash, and never ends for a fault that never does', () => {
    expect(crashLoopRestartMs(0, 3_600_000, 0)).toBeLessThanOrEqual(3_600_000 + RESTART_BACKOFF_MAX_MS);
    expect(crashLoopRestartMs(0, Infinity, 0)).toBe(Infinity);
  });
});
