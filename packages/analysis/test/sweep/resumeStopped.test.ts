// Which stopped runs a resumed sweep keeps and which it runs again: a stop on an event guard repeats exactly under
// the same event guards; other guards, guards not recorded, or a stop on wall time or heap run it again.

import { DEFAULT_MAX_EVENTS, DEFAULT_MAX_EVENTS_AT_ONE_INSTANT } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import {
  planResume,
  rerunCount,
  rerunReason,
  resolveRunGuards,
  storedGuards,
} from '../../src/sweep/resumeStopped.js';
import type { StoredStop } from '../../src/sweep/resumeStopped.js';
import type { RunTask } from '../../src/sweep/RunTask.js';

const task = (key: string): RunTask => ({ key, point: 0, replication: 0, overrides: [], seed: 1 });

describe('storedGuards / resolveRunGuards', () => {
  it("fills in simulate's defaults, so no guard and a guard at its default are the same", () => {
    expect(resolveRunGuards()).toEqual({
      maxEvents: DEFAULT_MAX_EVENTS,
      maxEventsAtOneInstant: DEFAULT_MAX_EVENTS_AT_ONE_INSTANT,
    });
    expect(storedGuards({})).toBe(storedGuards({ maxEvents: DEFAULT_MAX_EVENTS }));
    expect(storedGuards({ maxEvents: 20_000 })).toBe('{"maxEvents":20000,"maxEventsAtOneInstant":1000000}');
  });

  it("writes a guard that is off as 'unlimited' (JSON has no Infinity)", () => {
    expect(JSON.parse(storedGuards({ maxEvents: Infinity, maxEventsAtOneInstant: 10 }))).toEqual({
      maxEvents: 'unlimited',
      maxEventsAtOneInstant: 10,
    });
  });
});

describe('rerunReason', () => {
  const guards = { maxEvents: 20_000 };
  const stop = (
    reason: StoredStop['reason'],
    recorded: string | null = storedGuards(guards),
  ): StoredStop => ({
    reason,
    guards: recorded,
  });

  it('keeps a run an event guard stopped when the event guards are the same (it would stop again at the same event)', () => {
    expect(rerunReason(stop('max-events'), guards)).toBeNull();
    expect(rerunReason(stop('zeno'), guards)).toBeNull();
  });

  it('runs it again when any event guard differs, looser or tighter (the stop could come elsewhere)', () => {
    expect(rerunReason(stop('max-events'), { maxEvents: 40_000 })).toBe('guards-changed');
    expect(rerunReason(stop('max-events'), { maxEvents: 10_000 })).toBe('guards-changed');
    expect(rerunReason(stop('max-events'), { maxEvents: Infinity })).toBe('guards-changed');
    expect(rerunReason(stop('zeno'), { ...guards, maxEventsAtOneInstant: 5 })).toBe('guards-changed');
  });

  it('runs it again when its guards were not recorded (a store from an earlier version), as before', () => {
    expect(rerunReason(stop('max-events', null), guards)).toBe('guards-not-recorded');
    expect(rerunReason(stop(null), guards)).toBe('guards-not-recorded');
  });

  it('always runs again a run stopped on wall time or heap: those depend on the machine, not on the run', () => {
    expect(rerunReason(stop('wall-time'), guards)).toBe('machine-dependent');
    expect(rerunReason(stop('heap', null), guards)).toBe('machine-dependent');
  });
});

describe('planResume', () => {
  it('runs the tasks not stored and the stopped ones that could go further; keeps the others, counting why', () => {
    const guards = { maxEvents: 20_000 };
    const stopped = new Map<string, StoredStop>([
      ['same', { reason: 'max-events', guards: storedGuards(guards) }],
      ['other', { reason: 'max-events', guards: storedGuards({ maxEvents: 5 }) }],
      ['old', { reason: 'zeno', guards: null }],
      ['slow', { reason: 'wall-time', guards: storedGuards(guards) }],
      ['elsewhere', { reason: 'zeno', guards: null }],
    ]);
    const stored = new Set(['done', 'same', 'other', 'old', 'slow', 'elsewhere']);
    const plan = planResume(
      ['new', 'done', 'same', 'other', 'old', 'slow'].map(task),
      stored,
      stopped,
      guards,
    );
    expect(plan.todo.map((t) => t.key)).toEqual(['new', 'other', 'old', 'slow']);
    expect(plan.skipped).toBe(2);
    // Only this sweep's tasks count ('elsewhere' is another sweep's run).
    expect(plan.stopped).toEqual({
      kept: 1,
      rerun: { 'guards-changed': 1, 'guards-not-recorded': 1, 'machine-dependent': 1 },
    });
    expect(rerunCount(plan.stopped)).toBe(3);
  });
});
