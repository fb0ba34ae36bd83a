// Scheduling with a reserved sequence number: an event scheduled later fires among same-time events as
// if it had been scheduled when its number was reserved.

import { describe, expect, it } from 'vitest';

import { Engine } from '../../src/Engine.js';
import { RESERVE_SEQUENCE, SCHEDULE_AT_WITH_SEQUENCE } from '../../src/internal/sequencedScheduling.js';

describe('sequenced scheduling (symbol-keyed Engine methods)', () => {
  it('an event takes its place among same-time events by its reserved sequence number', () => {
    const engine = new Engine();
    const log: string[] = [];
    const fire = (label: string): void => {
      log.push(label);
    };
    engine.schedule(5, fire, 'a');
    const reserved = engine[RESERVE_SEQUENCE]();
    engine.schedule(5, fire, 'c');
    engine[SCHEDULE_AT_WITH_SEQUENCE](5, reserved, fire, 'b');
    engine.run();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('returns a handle the engine can cancel', () => {
    const engine = new Engine();
    const log: string[] = [];
    const handle = engine[SCHEDULE_AT_WITH_SEQUENCE](
      1,
      engine[RESERVE_SEQUENCE](),
      (label: string) => log.push(label),
      'x',
    );
    expect(engine.cancel(handle)).toBe(true);
    engine.run();
    expect(log).toEqual([]);
  });

  it.each([Number.NaN, Infinity, -1])('rejects time %s, naming the value', (timeMs) => {
    const engine = new Engine();
    const sequence = engine[RESERVE_SEQUENCE]();
    expect(() => engine[SCHEDULE_AT_WITH_SEQUENCE](timeMs, sequence, () => {}, undefined)).toThrow(
      new RegExp(`timeMs must be a finite number >= now \\(0\\) \\(got ${String(timeMs)}\\)`),
    );
  });
});
