// Engine invariants written once as reusable assertions, shared by the unit, model-based and property tests.
// Each assertion throws (through vitest's expect) with a message that names the first offending entry.

import { expect } from 'vitest';

/** One fired event of a trace: when it fired [ms] and which event it was. */
export interface TraceEntry {
  /** Simulated time at which the handler ran [ms]. */
  timeMs: number;
  /** Caller-chosen identity of the event (e.g. its insertion index). */
  id: number;
}

/** Asserts that a sequence of clock readings [ms] never decreases. */
export function assertClockNonDecreasing(timesMs: readonly number[]): void {
  for (let i = 1; i < timesMs.length; i++) {
    const previous = timesMs[i - 1] as number;
    const current = timesMs[i] as number;
    if (current < previous) {
      expect.fail(`clock went backwards at index ${i}: ${previous} ms -> ${current} ms`);
    }
  }
}

/**
 * Asserts that entries came out in (time, insertion) order, where `id` is the insertion index:
 * times never decrease and, among equal times, ids strictly increase (FIFO tie-break).
 */
export function assertFifoOrder(entries: readonly TraceEntry[]): void {
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1] as TraceEntry;
    const b = entries[i] as TraceEntry;
    if (b.timeMs < a.timeMs || (b.timeMs === a.timeMs && b.id <= a.id)) {
      expect.fail(
        `order violated at index ${i}: (${a.timeMs} ms, #${a.id}) came before (${b.timeMs} ms, #${b.id})`,
      );
    }
  }
}

/**
 * Asserts that building and running a workload twice from the same seed gives identical traces,
 * and returns the trace for further checks.
 */
export function assertSameResultGivenSameSeed<T>(run: (seed: number) => T, seed: number): T {
  const first = run(seed);
  const second = run(seed);
  expect(second).toEqual(first);
  return first;
}

/** Asserts that `engine.pending` equals the number of events the reference model still holds. */
export function assertPendingMatches(actual: number, expected: number, context: string): void {
  if (actual !== expected) expect.fail(`pending mismatch ${context}: engine ${actual}, model ${expected}`);
}
