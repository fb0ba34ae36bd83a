// FixedDelayTimers must behave exactly like engine timers of the same delay: same firing order,
// including ties with other events, and O(1) cancellation that never fires a cancelled timer.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine, FixedDelayTimers } from '../src/index.js';

type Op =
  | { kind: 'timer' }
  | { kind: 'other'; delayMs: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'advance'; ms: number };

/** Runs `ops` with either the shared timers or plain engine timers; returns the firing trace. */
function trace(ops: readonly Op[], delayMs: number, shared: boolean): string[] {
  const engine = new Engine();
  const log: string[] = [];
  const fire = (label: string): void => {
    log.push(`${engine.now}:${label}`);
  };
  const timers = new FixedDelayTimers(engine, delayMs, fire);
  const handles: number[] = [];
  let n = 0;
  for (const op of ops) {
    switch (op.kind) {
      case 'timer': {
        const label = `t${n++}`;
        handles.push(shared ? timers.schedule(label) : engine.schedule(delayMs, fire, label));
        break;
      }
      case 'other':
        engine.schedule(op.delayMs, fire, `o${n++}`);
        break;
      case 'cancel':
        if (handles.length > 0) {
          const handle = handles[op.pick % handles.length] as number;
          log.push(`cancel:${String(shared ? timers.cancel(handle) : engine.cancel(handle))}`);
        }
        break;
      case 'advance':
        engine.run({ untilMs: engine.now + op.ms });
        break;
    }
  }
  engine.run();
  return log;
}

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'timer' as const }),
  fc.record({ kind: fc.constant('other' as const), delayMs: fc.constantFrom(0, 1, 2, 5, 10, 10, 0.5) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(0, 1, 3, 10, 0.25) }),
);

describe('FixedDelayTimers', () => {
  it('fires in exactly the order engine timers of the same delay would, ties with other events included', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 80 }), fc.constantFrom(0, 1, 5, 10), (ops, delayMs) => {
        expect(trace(ops, delayMs, true)).toEqual(trace(ops, delayMs, false));
      }),
      { numRuns: 300 },
    );
  });

  it('cancel() returns true once, false after, and a cancelled timer never fires', () => {
    const engine = new Engine();
    const fired: string[] = [];
    const timers = new FixedDelayTimers(engine, 10, (label: string) => fired.push(label));
    const a = timers.schedule('a');
    timers.schedule('b');
    expect(timers.cancel(a)).toBe(true);
    expect(timers.cancel(a)).toBe(false);
    engine.run();
    expect(fired).toEqual(['b']);
    expect(timers.cancel(a)).toBe(false);
  });

  it('costs about one engine event per delay period when every timer is cancelled', () => {
    // 10,000 timers of 1 s scheduled 1 ms apart, each cancelled 5 ms later: 10 s of simulated time.
    const engine = new Engine();
    const timers = new FixedDelayTimers(engine, 1000, () => undefined);
    const start = (i: number): void => {
      const handle = timers.schedule(i);
      engine.schedule(5, () => timers.cancel(handle));
      if (i < 10_000) engine.schedule(1, start, i + 1);
    };
    engine.schedule(0, start, 0);
    engine.run();
    // 2 events per timer (start + cancel) plus the timers' own: about one per second of simulated time.
    expect(engine.eventsFired - 2 * 10_001).toBeLessThan(30);
    expect(timers.size).toBe(0);
  });

  it('rejects a negative, NaN or infinite delay, naming it', () => {
    const engine = new Engine();
    expect(() => new FixedDelayTimers(engine, -1, () => undefined)).toThrow(/delayMs .* \(got -1\)/);
    expect(() => new FixedDelayTimers(engine, Number.NaN, () => undefined)).toThrow(/got NaN/);
    expect(() => new FixedDelayTimers(engine, Infinity, () => undefined)).toThrow(/got Infinity/);
  });
});
