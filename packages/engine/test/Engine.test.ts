// Contract tests of the Engine: ordering, clock, run limits, stop, cancellation, handles and argument checks.
import { describe, expect, it } from 'vitest';

import { Engine, RandomStreams } from '../src/index.js';
import { assertClockNonDecreasing } from './__helpers__/assertions.js';

/** A log of fired events as `name@timeMs` strings, and a factory of handlers that append to it. */
function collectLog(engine: Engine): { log: string[]; fire: (name: string) => () => void } {
  const log: string[] = [];
  return { log, fire: (name) => () => log.push(`${name}@${engine.now}`) };
}

describe('Engine ordering', () => {
  it('schedule(delayMs) runs equal-time events in scheduling order', () => {
    // Arrange
    const engine = new Engine();
    const order: string[] = [];
    engine.schedule(1, () => order.push('y'));
    engine.schedule(1, () => order.push('z'));
    engine.scheduleAt(1, () => order.push('x'));
    // Act
    engine.run();
    // Assert
    expect(order).toEqual(['y', 'z', 'x']);
  });

  it('runs events in order of time whatever the order they were scheduled in', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(3, fire('c'));
    engine.schedule(1, fire('a'));
    engine.schedule(2, fire('b'));
    engine.schedule(0.5, fire('first'));

    engine.run();

    expect(log).toEqual(['first@0.5', 'a@1', 'b@2', 'c@3']);
  });

  it('advances the clock to the time of each event as it fires', () => {
    const engine = new Engine();
    const times: number[] = [];
    const record = (): void => {
      times.push(engine.now);
    };
    engine.schedule(2.5, record);
    engine.schedule(0, record);
    engine.schedule(10, record);

    const summary = engine.run();

    expect(times).toEqual([0, 2.5, 10]);
    assertClockNonDecreasing(times);
    expect(engine.now).toBe(10);
    expect(summary).toEqual({ eventsProcessed: 3, nowMs: 10, stoppedBy: 'empty' });
  });

  it('passes the scheduled argument to the handler', () => {
    const engine = new Engine();
    const seen: number[] = [];
    const handler = (id: number): void => {
      seen.push(id);
    };
    engine.schedule(1, handler, 7);
    engine.schedule(1, handler, 3);

    engine.run();

    expect(seen).toEqual([7, 3]);
  });

  it('schedule(0) from inside a handler runs after already-queued events of the same time', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(1, () => {
      log.push(`a@${engine.now}`);
      engine.schedule(0, fire('a-child'));
    });
    engine.schedule(1, fire('b'));
    engine.schedule(1, fire('c'));

    engine.run();

    expect(log).toEqual(['a@1', 'b@1', 'c@1', 'a-child@1']);
  });

  it('scheduleAt(now) from inside a handler also queues behind same-time events', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(2, () => {
      log.push(`a@${engine.now}`);
      engine.scheduleAt(engine.now, fire('a-child'));
    });
    engine.schedule(2, fire('b'));

    engine.run();

    expect(log).toEqual(['a@2', 'b@2', 'a-child@2']);
  });

  it('counts fired events in eventsFired, not cancelled ones', () => {
    const engine = new Engine();
    engine.schedule(1, () => undefined);
    const h = engine.schedule(2, () => undefined);
    engine.schedule(3, () => undefined);
    engine.cancel(h);

    const summary = engine.run();

    expect(summary.eventsProcessed).toBe(2);
    expect(engine.eventsFired).toBe(2);
  });
});

describe('Engine.run limits', () => {
  it('run({untilMs}) fires events at untilMs, stops before later ones and advances the clock to untilMs', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(1, fire('a'));
    engine.schedule(5, fire('b'));
    engine.schedule(6, fire('c'));

    const summary = engine.run({ untilMs: 5.5 });

    expect(log).toEqual(['a@1', 'b@5']);
    expect(summary).toEqual({ eventsProcessed: 2, nowMs: 5.5, stoppedBy: 'until' });
    expect(engine.now).toBe(5.5);
    expect(engine.pending).toBe(1);
  });

  it('run({untilMs}) fires events scheduled exactly at untilMs', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(5, fire('at'));
    engine.schedule(5.000001, fire('after'));

    const summary = engine.run({ untilMs: 5 });

    expect(log).toEqual(['at@5']);
    expect(summary).toEqual({ eventsProcessed: 1, nowMs: 5, stoppedBy: 'until' });
  });

  it('run({untilMs}) advances the clock to untilMs when the queue runs dry first', () => {
    const engine = new Engine();
    engine.schedule(1, () => undefined);

    const summary = engine.run({ untilMs: 100 });

    expect(summary).toEqual({ eventsProcessed: 1, nowMs: 100, stoppedBy: 'until' });
    expect(engine.now).toBe(100);
  });

  it('run({untilMs}) can be resumed and later events keep their absolute times', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(3, fire('a'));
    engine.schedule(8, fire('b'));

    engine.run({ untilMs: 4 });
    engine.schedule(1, fire('c'));
    engine.run();

    expect(log).toEqual(['a@3', 'c@5', 'b@8']);
  });

  it('run({maxEvents}) fires exactly that many events and leaves the clock at the last one', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    for (let i = 1; i <= 5; i++) engine.schedule(i, fire(`e${i}`));

    const summary = engine.run({ maxEvents: 3 });

    expect(log).toEqual(['e1@1', 'e2@2', 'e3@3']);
    expect(summary).toEqual({ eventsProcessed: 3, nowMs: 3, stoppedBy: 'maxEvents' });
    expect(engine.pending).toBe(2);
  });

  it('run({maxEvents}) is not what stops a run whose last event is exactly its maxEvents-th', () => {
    const engine = new Engine();
    for (let i = 1; i <= 3; i++) engine.schedule(i, () => undefined);
    expect(engine.run({ maxEvents: 3 })).toEqual({ eventsProcessed: 3, nowMs: 3, stoppedBy: 'empty' });
    // Nor one whose next event lies beyond `untilMs`.
    const bounded = new Engine();
    for (let i = 1; i <= 4; i++) bounded.schedule(i, () => undefined);
    expect(bounded.run({ maxEvents: 3, untilMs: 3 })).toEqual({
      eventsProcessed: 3,
      nowMs: 3,
      stoppedBy: 'until',
    });
  });

  it('run({maxEvents}) does not count cancelled events', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    const dead = engine.schedule(1, fire('dead'));
    engine.schedule(2, fire('a'));
    engine.schedule(3, fire('b'));
    engine.cancel(dead);

    const summary = engine.run({ maxEvents: 1 });

    expect(log).toEqual(['a@2']);
    expect(summary.eventsProcessed).toBe(1);
  });

  it('run({maxEvents: 0}) fires nothing', () => {
    const engine = new Engine();
    engine.schedule(1, () => undefined);

    const summary = engine.run({ maxEvents: 0 });

    expect(summary).toEqual({ eventsProcessed: 0, nowMs: 0, stoppedBy: 'maxEvents' });
    expect(engine.pending).toBe(1);
  });

  it('run({maxEventsAtOneInstant}) stops a Zeno loop before the event over the limit, clock at that instant', () => {
    const engine = new Engine();
    let fired = 0;
    const loop = (): void => {
      fired++;
      engine.schedule(0, loop);
    };
    engine.schedule(2, loop);

    const summary = engine.run({ untilMs: 100, maxEventsAtOneInstant: 50 });

    expect(summary).toEqual({ eventsProcessed: 50, nowMs: 2, stoppedBy: 'zeno' });
    expect(fired).toBe(50);
    expect(engine.pending).toBe(1);
  });

  it('run({maxEventsAtOneInstant}) counts per instant: many instants of up to the limit each run to the end', () => {
    const engine = new Engine();
    for (let t = 0; t < 10; t++) for (let i = 0; i < 3; i++) engine.schedule(t, () => undefined);
    const dead = engine.schedule(5, () => undefined);
    engine.cancel(dead);

    expect(engine.run({ maxEventsAtOneInstant: 3 })).toEqual({
      eventsProcessed: 30,
      nowMs: 9,
      stoppedBy: 'empty',
    });
  });

  it('run({onCheck}) is called every checkEvery events with the count and clock, and stops the run on true', () => {
    const engine = new Engine();
    for (let i = 1; i <= 100; i++) engine.schedule(i, () => undefined);
    const calls: [number, number][] = [];

    const summary = engine.run({
      checkEvery: 16,
      onCheck: (events, nowMs) => {
        calls.push([events, nowMs]);
        return events >= 48;
      },
    });

    expect(calls).toEqual([
      [16, 16],
      [32, 32],
      [48, 48],
    ]);
    expect(summary).toEqual({ eventsProcessed: 48, nowMs: 48, stoppedBy: 'check' });
    expect(engine.run({ checkEvery: 1024, onCheck: () => true }).stoppedBy).toBe('empty');
  });

  it('run refuses guard options that make no sense, naming them', () => {
    const engine = new Engine();
    expect(() => engine.run({ maxEventsAtOneInstant: 0 })).toThrow(/maxEventsAtOneInstant must be >= 1/);
    expect(() => engine.run({ checkEvery: 0.5 })).toThrow(/checkEvery must be an integer >= 1/);
  });

  it('stop() from a handler makes run return after that event', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(1, fire('a'));
    engine.schedule(2, () => {
      log.push(`stopper@${engine.now}`);
      engine.stop();
    });
    engine.schedule(3, fire('c'));

    const summary = engine.run();

    expect(log).toEqual(['a@1', 'stopper@2']);
    expect(summary).toEqual({ eventsProcessed: 2, nowMs: 2, stoppedBy: 'stopped' });
    expect(engine.run()).toEqual({ eventsProcessed: 1, nowMs: 3, stoppedBy: 'empty' });
  });

  it('stop() outside run does not stop the next run', () => {
    const engine = new Engine();
    engine.schedule(1, () => undefined);
    engine.schedule(2, () => undefined);
    engine.stop();

    expect(engine.run().stoppedBy).toBe('empty');
  });

  it('run on an empty engine returns immediately with stoppedBy "empty"', () => {
    expect(new Engine().run()).toEqual({ eventsProcessed: 0, nowMs: 0, stoppedBy: 'empty' });
  });

  it('run rejects untilMs in the past or NaN and a negative maxEvents, naming the value', () => {
    const engine = new Engine();
    engine.schedule(5, () => undefined);
    engine.run();

    expect(() => engine.run({ untilMs: 4 })).toThrow(RangeError);
    expect(() => engine.run({ untilMs: 4 })).toThrow(/got 4\b/);
    expect(() => engine.run({ untilMs: NaN })).toThrow(/got NaN/);
    expect(() => engine.run({ maxEvents: -1 })).toThrow(/got -1/);
  });
});

describe('Engine.step and peek', () => {
  it('step() fires one event and returns false once the queue is empty', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    engine.schedule(1, fire('a'));
    engine.schedule(2, fire('b'));

    expect(engine.step()).toBe(true);
    expect(log).toEqual(['a@1']);
    expect(engine.step()).toBe(true);
    expect(engine.step()).toBe(false);
    expect(log).toEqual(['a@1', 'b@2']);
  });

  it('step() skips cancelled events', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    const h = engine.schedule(1, fire('a'));
    engine.schedule(2, fire('b'));
    engine.cancel(h);

    expect(engine.step()).toBe(true);
    expect(log).toEqual(['b@2']);
    expect(engine.step()).toBe(false);
  });

  it('peek() is Infinity when empty and the time of the next event otherwise', () => {
    const engine = new Engine();
    expect(engine.peek()).toBe(Infinity);
    engine.schedule(4, () => undefined);
    engine.schedule(2, () => undefined);
    expect(engine.peek()).toBe(2);
  });

  it('peek() skips cancelled heads', () => {
    const engine = new Engine();
    const a = engine.schedule(1, () => undefined);
    const b = engine.schedule(2, () => undefined);
    engine.schedule(3, () => undefined);

    engine.cancel(a);
    engine.cancel(b);

    expect(engine.peek()).toBe(3);
    expect(engine.now).toBe(0);
  });

  it('peek() is Infinity when every pending event was cancelled', () => {
    const engine = new Engine();
    engine.cancel(engine.schedule(1, () => undefined));
    expect(engine.peek()).toBe(Infinity);
    expect(engine.step()).toBe(false);
  });
});

describe('Engine cancellation and handles', () => {
  it('cancel returns true once and false after', () => {
    const engine = new Engine();
    const h = engine.schedule(1, () => undefined);

    expect(engine.cancel(h)).toBe(true);
    expect(engine.cancel(h)).toBe(false);
    expect(engine.pending).toBe(0);
  });

  it('cancel of a fired event returns false', () => {
    const engine = new Engine();
    const h = engine.schedule(1, () => undefined);
    engine.run();

    expect(engine.cancel(h)).toBe(false);
  });

  it('cancel of an event from inside an earlier handler prevents it from firing', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    const later = engine.schedule(2, fire('later'));
    engine.schedule(1, () => {
      log.push(`canceller@${engine.now}`);
      expect(engine.cancel(later)).toBe(true);
    });

    engine.run();

    expect(log).toEqual(['canceller@1']);
  });

  it('cancel of an unknown handle returns false', () => {
    const engine = new Engine();
    engine.schedule(1, () => undefined);
    expect(engine.cancel(12345)).toBe(false);
    expect(engine.cancel(-1)).toBe(false);
    expect(engine.cancel(NaN)).toBe(false);
    expect(engine.pending).toBe(1);
  });

  it('isPending is true until the event fires or is cancelled', () => {
    const engine = new Engine();
    const fired = engine.schedule(1, () => undefined);
    const cancelled = engine.schedule(2, () => undefined);
    expect(engine.isPending(fired)).toBe(true);
    expect(engine.isPending(cancelled)).toBe(true);

    engine.cancel(cancelled);
    expect(engine.isPending(cancelled)).toBe(false);
    engine.step();
    expect(engine.isPending(fired)).toBe(false);
  });

  it('handles are not confused after slot reuse: an old handle cannot cancel the new event', () => {
    // Arrange: fire one event so its slot is freed, then schedule a new one that reuses the slot.
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    const old = engine.schedule(1, fire('old'));
    engine.run();
    const fresh = engine.schedule(1, fire('fresh'));
    // Act
    const cancelledOld = engine.cancel(old);
    // Assert
    expect(fresh).not.toBe(old);
    expect(cancelledOld).toBe(false);
    expect(engine.isPending(old)).toBe(false);
    expect(engine.isPending(fresh)).toBe(true);
    engine.run();
    expect(log).toEqual(['old@1', 'fresh@2']);
  });

  it('handles are not confused after a cancelled slot is reused', () => {
    const engine = new Engine();
    const { log, fire } = collectLog(engine);
    const old = engine.schedule(1, fire('old'));
    engine.cancel(old);
    engine.run(); // pops the dead entry, freeing its slot
    const fresh = engine.schedule(1, fire('fresh'));

    expect(engine.cancel(old)).toBe(false);
    expect(engine.isPending(fresh)).toBe(true);
    engine.run();
    expect(log).toEqual(['fresh@1']);
  });

  it('handles stay distinct across many reuse cycles of the same slot', () => {
    const engine = new Engine();
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const h = engine.schedule(0, () => undefined);
      expect(seen.has(h)).toBe(false);
      seen.add(h);
      engine.step();
    }
  });

  it('pending counts scheduled events that have neither fired nor been cancelled', () => {
    const engine = new Engine();
    expect(engine.pending).toBe(0);
    const a = engine.schedule(1, () => undefined);
    engine.schedule(2, () => undefined);
    engine.schedule(3, () => undefined);
    expect(engine.pending).toBe(3);

    engine.cancel(a);
    expect(engine.pending).toBe(2);
    engine.step();
    expect(engine.pending).toBe(1);
    engine.run();
    expect(engine.pending).toBe(0);
  });

  it('keeps working when the slot table grows past its initial capacity', () => {
    const engine = new Engine();
    const fired: number[] = [];
    const handles: number[] = [];
    const record = (i: number): void => {
      fired.push(i);
    };
    for (let i = 0; i < 5000; i++) handles.push(engine.schedule(5000 - i, record, i));
    for (let i = 0; i < 5000; i += 2) expect(engine.cancel(handles[i] as number)).toBe(true);

    engine.run();

    expect(fired).toHaveLength(2500);
    expect(fired[0]).toBe(4999);
    expect(fired[2499]).toBe(1);
  });
});

describe('Engine argument checks', () => {
  it.each([
    [-1, /got -1\b/],
    [-0.001, /got -0\.001/],
    [NaN, /got NaN/],
    [Infinity, /got Infinity/],
    [-Infinity, /got -Infinity/],
  ])('schedule(%s) throws a RangeError naming the value', (delayMs, message) => {
    const engine = new Engine();
    expect(() => engine.schedule(delayMs, () => undefined)).toThrow(RangeError);
    expect(() => engine.schedule(delayMs, () => undefined)).toThrow(message);
    expect(engine.pending).toBe(0);
  });

  it('scheduleAt in the past throws a RangeError naming the value and now', () => {
    const engine = new Engine();
    engine.schedule(10, () => undefined);
    engine.run();

    expect(() => engine.scheduleAt(9.5, () => undefined)).toThrow(RangeError);
    expect(() => engine.scheduleAt(9.5, () => undefined)).toThrow(/got 9\.5/);
    expect(() => engine.scheduleAt(9.5, () => undefined)).toThrow(/\(10\)/);
  });

  it.each([NaN, Infinity])('scheduleAt(%s) throws a RangeError', (timeMs) => {
    const engine = new Engine();
    expect(() => engine.scheduleAt(timeMs, () => undefined)).toThrow(RangeError);
    expect(() => engine.scheduleAt(timeMs, () => undefined)).toThrow(String(timeMs));
  });

  it('schedule(0) and scheduleAt(now) are accepted', () => {
    const engine = new Engine();
    engine.schedule(3, () => undefined);
    engine.run();
    engine.schedule(0, () => undefined);
    engine.scheduleAt(3, () => undefined);
    expect(engine.pending).toBe(2);
    expect(engine.run().nowMs).toBe(3);
  });
});

describe('Engine compaction of cancelled events', () => {
  it('cancel() keeps the queue at most about twice the live events, and compaction never changes the firing order', () => {
    // Arrange: 20k timers at integer times 0–99 (heavy ties), 90 % cancelled.
    const engine = new Engine();
    const reference = new Engine();
    const fired: number[] = [];
    const expected: number[] = [];
    const handles: number[] = [];
    const random = RandomStreams.create(7, 'compaction');
    for (let i = 0; i < 20_000; i++) {
      const at = Math.floor(random() * 100);
      handles.push(engine.schedule(at, (n: number) => fired.push(n), i));
      if (i % 10 === 0) reference.schedule(at, (n: number) => expected.push(n), i);
    }
    // Act
    for (let i = 0; i < 20_000; i++) if (i % 10 !== 0) engine.cancel(handles[i] as number);
    // Assert: dead entries were dropped, and the survivors fire exactly as if never mixed with them.
    expect(engine.pending).toBe(2000);
    expect(engine.queuedEntries).toBeLessThanOrEqual(2 * 2000 + 1024 + 1);
    engine.run();
    reference.run();
    expect(fired).toEqual(expected);
  });
});
