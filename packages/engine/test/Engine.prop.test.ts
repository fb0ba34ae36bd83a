// Property tests of the Engine: a model-based test against a naive sorted-array reference, same-seed
// determinism of a random-timer workload, and independence of named random streams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Engine, RandomStreams, type Random, type TimerHandle } from '../src/index.js';
import {
  assertClockNonDecreasing,
  assertPendingMatches,
  assertSameResultGivenSameSeed,
  type TraceEntry,
} from './__helpers__/assertions.js';

// ---------------------------------------------------------------------------------------------
// Model-based test: Engine vs a naive sorted array of (time, seq) entries.
// ---------------------------------------------------------------------------------------------

type Status = 'pending' | 'fired' | 'cancelled';

interface ModelEvent {
  /** Index of the event in `issued` (and in the real side's `handles`). */
  id: number;
  timeMs: number;
  seq: number;
  /** If set, the handler schedules a child event this long after it fires [ms]. */
  childDelayMs: number | null;
}

/** The reference: a sorted array, re-sorted by linear insertion, plus the status of every event ever issued. */
interface Model {
  nowMs: number;
  nextSeq: number;
  queue: ModelEvent[];
  issued: Status[];
}

/** The system under test, plus what its handlers recorded. */
interface Real {
  engine: Engine;
  handles: TimerHandle[];
  childDelays: (number | null)[];
  fired: TraceEntry[];
  clockReadingsMs: number[];
}

function modelSchedule(m: Model, delayMs: number, childDelayMs: number | null): void {
  const event: ModelEvent = {
    id: m.issued.length,
    timeMs: m.nowMs + delayMs,
    seq: m.nextSeq++,
    childDelayMs,
  };
  m.issued.push('pending');
  let i = m.queue.length;
  while (i > 0) {
    const prev = m.queue[i - 1] as ModelEvent;
    if (prev.timeMs < event.timeMs || (prev.timeMs === event.timeMs && prev.seq < event.seq)) break;
    i--;
  }
  m.queue.splice(i, 0, event);
}

/** Pops the head of the model, fires its child if any, and returns what the engine should have logged. */
function modelFireNext(m: Model): TraceEntry {
  const head = m.queue.shift() as ModelEvent;
  m.nowMs = head.timeMs;
  m.issued[head.id] = 'fired';
  if (head.childDelayMs !== null) modelSchedule(m, head.childDelayMs, null);
  return { timeMs: head.timeMs, id: head.id };
}

function realSchedule(r: Real, delayMs: number, childDelayMs: number | null): void {
  const id = r.handles.length;
  r.childDelays.push(childDelayMs);
  r.handles.push(-1); // reserve the index before scheduling so ids match the model
  r.handles[id] = r.engine.schedule(delayMs, fireReal, { real: r, id });
}

function fireReal(ctx: { real: Real; id: number }): void {
  const r = ctx.real;
  r.fired.push({ timeMs: r.engine.now, id: ctx.id });
  r.clockReadingsMs.push(r.engine.now);
  const child = r.childDelays[ctx.id];
  if (child !== null && child !== undefined) realSchedule(r, child, null);
}

function checkAgainstModel(m: Model, r: Real, context: string): void {
  assertPendingMatches(r.engine.pending, m.queue.length, context);
  expect(r.engine.now).toBe(m.nowMs);
  assertClockNonDecreasing(r.clockReadingsMs);
}

class ScheduleCommand implements fc.Command<Model, Real> {
  constructor(
    readonly delayMs: number,
    readonly childDelayMs: number | null,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    modelSchedule(m, this.delayMs, this.childDelayMs);
    realSchedule(r, this.delayMs, this.childDelayMs);
    expect(r.engine.isPending(r.handles[r.handles.length - 1] as number)).toBe(true);
    checkAgainstModel(m, r, this.toString());
  }
  toString(): string {
    return `Schedule(${this.delayMs}${this.childDelayMs === null ? '' : `, child ${this.childDelayMs}`})`;
  }
}

/** Cancels the k-th handle ever issued (mod the count), so stale handles of fired or cancelled events are tried too. */
class CancelCommand implements fc.Command<Model, Real> {
  constructor(readonly k: number) {}
  check(m: Readonly<Model>): boolean {
    return m.issued.length > 0;
  }
  run(m: Model, r: Real): void {
    const index = this.k % m.issued.length;
    const expected = m.issued[index] === 'pending';
    const handle = r.handles[index] as number;
    expect(r.engine.isPending(handle)).toBe(expected);
    expect(r.engine.cancel(handle)).toBe(expected);
    if (expected) {
      m.issued[index] = 'cancelled';
      m.queue.splice(
        m.queue.findIndex((e) => e.id === index),
        1,
      );
    }
    expect(r.engine.isPending(handle)).toBe(false);
    checkAgainstModel(m, r, this.toString());
  }
  toString(): string {
    return `Cancel(#${this.k})`;
  }
}

class StepCommand implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const head = m.queue[0];
    expect(r.engine.peek()).toBe(head === undefined ? Infinity : head.timeMs);
    const firedBefore = r.fired.length;
    const stepped = r.engine.step();
    expect(stepped).toBe(head !== undefined);
    if (head !== undefined) {
      const expected = modelFireNext(m);
      expect(r.fired.slice(firedBefore)).toEqual([expected]);
    }
    checkAgainstModel(m, r, this.toString());
  }
  toString(): string {
    return 'Step';
  }
}

/** run({ untilMs: now + dt }): fires everything up to and including untilMs, then sets the clock to it. */
class RunUntilCommand implements fc.Command<Model, Real> {
  constructor(readonly dtMs: number) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const untilMs = m.nowMs + this.dtMs;
    const expected: TraceEntry[] = [];
    while (m.queue.length > 0 && (m.queue[0] as ModelEvent).timeMs <= untilMs)
      expected.push(modelFireNext(m));
    m.nowMs = untilMs;
    const firedBefore = r.fired.length;
    const summary = r.engine.run({ untilMs });
    expect(r.fired.slice(firedBefore)).toEqual(expected);
    expect(summary).toEqual({ eventsProcessed: expected.length, nowMs: untilMs, stoppedBy: 'until' });
    checkAgainstModel(m, r, this.toString());
  }
  toString(): string {
    return `RunUntil(+${this.dtMs})`;
  }
}

// Delays from a small set, so equal times (ties) are frequent.
const arbDelay = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0.5, 0.25, 1.5, 2.75));

// Schedules are weighted up so the queue grows deep enough for ties to meet inside the heap.
const arbSchedule = fc
  .tuple(arbDelay, fc.option(arbDelay, { freq: 4 }))
  .map(([delayMs, child]) => new ScheduleCommand(delayMs, child));
const allCommands = [
  arbSchedule,
  arbSchedule,
  arbSchedule,
  fc.nat({ max: 1000 }).map((k) => new CancelCommand(k)),
  fc.constant(new StepCommand()),
  fc.constantFrom(0, 0.5, 1, 3).map((dt) => new RunUntilCommand(dt)),
];

describe('Engine model-based', () => {
  it('should match a naive sorted-array queue: fired order and times, pending, clock', () => {
    fc.assert(
      fc.property(fc.commands(allCommands, { maxCommands: 300, size: 'max' }), (cmds) => {
        const setup = (): { model: Model; real: Real } => ({
          model: { nowMs: 0, nextSeq: 0, queue: [], issued: [] },
          real: { engine: new Engine(), handles: [], childDelays: [], fired: [], clockReadingsMs: [] },
        });
        fc.modelRun(setup, cmds);
      }),
    );
  });

  it('should drain to exactly the model order when run() to completion', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbDelay, fc.option(arbDelay)), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 50 }),
        (schedules, cancels) => {
          // Arrange
          const model: Model = { nowMs: 0, nextSeq: 0, queue: [], issued: [] };
          const real: Real = {
            engine: new Engine(),
            handles: [],
            childDelays: [],
            fired: [],
            clockReadingsMs: [],
          };
          for (const [delayMs, child] of schedules) {
            modelSchedule(model, delayMs, child);
            realSchedule(real, delayMs, child);
          }
          for (const k of cancels) {
            if (model.issued.length === 0) break;
            const index = k % model.issued.length;
            if (model.issued[index] === 'pending') {
              model.issued[index] = 'cancelled';
              model.queue.splice(
                model.queue.findIndex((e) => e.id === index),
                1,
              );
            }
            real.engine.cancel(real.handles[index] as number);
          }
          const expected: TraceEntry[] = [];
          // Act
          while (model.queue.length > 0) expected.push(modelFireNext(model));
          const summary = real.engine.run();
          // Assert
          expect(real.fired).toEqual(expected);
          expect(summary.eventsProcessed).toBe(expected.length);
          expect(real.engine.pending).toBe(0);
          assertClockNonDecreasing(real.clockReadingsMs);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Determinism: same seed => identical trace.
// ---------------------------------------------------------------------------------------------

const exp = (random: Random, meanMs: number): number => -Math.log(1 - random()) * meanMs;

/**
 * A small random-timer workload: 16 self-rescheduling timers with Exp delays, side timers that are
 * sometimes cancelled. Returns the trace of fired events as [timeMs, id] pairs.
 */
function randomTimerTrace(seed: number): [number, number][] {
  const engine = new Engine();
  const streams = new RandomStreams(seed);
  const delays = streams.stream('timers/delays');
  const coins = streams.stream('timers/coins');
  const trace: [number, number][] = [];
  const side: TimerHandle[] = [];
  const onSide = (id: number): void => {
    trace.push([engine.now, id]);
  };
  const onTimer = (id: number): void => {
    trace.push([engine.now, id]);
    engine.schedule(exp(delays, 1), onTimer, id);
    const u = coins();
    if (u < 0.3) side.push(engine.schedule(exp(delays, 2), onSide, 1000 + id));
    else if (u < 0.5 && side.length > 0) engine.cancel(side[Math.floor(coins() * side.length)] as number);
  };
  for (let id = 0; id < 16; id++) engine.schedule(exp(delays, 1), onTimer, id);
  engine.run({ maxEvents: 400 });
  return trace;
}

describe('Engine determinism', () => {
  it('should give an identical trace for the same seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const trace = assertSameResultGivenSameSeed(randomTimerTrace, seed);
        expect(trace).toHaveLength(400);
        assertClockNonDecreasing(trace.map(([t]) => t));
      }),
      { numRuns: 30 },
    );
  });

  it('should give different traces for different seeds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        fc.pre(a !== b);
        expect(randomTimerTrace(a)).not.toEqual(randomTimerTrace(b));
      }),
      { numRuns: 20 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Random streams: independence by name.
// ---------------------------------------------------------------------------------------------

const draw = (random: Random, n: number): number[] => Array.from({ length: n }, () => random());
const arbSeed = fc.oneof(fc.integer(), fc.string({ maxLength: 12 }));

describe('RandomStreams independence', () => {
  it('should not change the draws of stream "a" when stream "x" is created before, after or drawn in between', () => {
    fc.assert(
      fc.property(arbSeed, (seed) => {
        // Arrange
        const alone = new RandomStreams(seed);
        const xBefore = new RandomStreams(seed);
        const xAfter = new RandomStreams(seed);
        const interleaved = new RandomStreams(seed);
        // Act
        const expected = draw(alone.stream('a'), 16);
        xBefore.stream('x');
        const withXBefore = draw(xBefore.stream('a'), 16);
        const a = xAfter.stream('a');
        const firstHalf = draw(a, 8);
        const x = xAfter.stream('x');
        draw(x, 5);
        const withXAfter = [...firstHalf, ...draw(a, 8)];
        const ia = interleaved.stream('a');
        const ix = interleaved.stream('x');
        const withInterleaving = Array.from({ length: 16 }, () => (ix(), ia()));
        // Assert
        expect(withXBefore).toEqual(expected);
        expect(withXAfter).toEqual(expected);
        expect(withInterleaving).toEqual(expected);
        expect(RandomStreams.create(seed, 'a')()).toBe(expected[0]);
      }),
    );
  });

  it('should give different draws for streams with different names', () => {
    fc.assert(
      fc.property(
        arbSeed,
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.string({ minLength: 1, maxLength: 8 }),
        (seed, n1, n2) => {
          fc.pre(n1 !== n2);
          const streams = new RandomStreams(seed);
          expect(draw(streams.stream(n1), 8)).not.toEqual(draw(streams.stream(n2), 8));
        },
      ),
    );
  });

  it('should draw uniforms in [0, 1)', () => {
    fc.assert(
      fc.property(arbSeed, (seed) => {
        for (const u of draw(new RandomStreams(seed).stream('u'), 100)) {
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThan(1);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('stream(name) throws on a duplicate name and records names in creation order', () => {
    const streams = new RandomStreams(42);
    streams.stream('arrivals/frontend');
    streams.stream('service/backend');
    expect(() => streams.stream('arrivals/frontend')).toThrow(/"arrivals\/frontend" was already created/);
    expect(streams.names()).toEqual(['arrivals/frontend', 'service/backend']);
  });

  it('rejects a non-finite numeric seed', () => {
    expect(() => new RandomStreams(NaN)).toThrow(RangeError);
    expect(() => new RandomStreams(Infinity)).toThrow(/got Infinity/);
  });

  it('rejects a seed that is neither a number nor a string (it would become "[object Object]")', () => {
    expect(() => new RandomStreams({} as unknown as number)).toThrow(
      'RandomStreams: seed must be a finite number or a string (got a value of type object)',
    );
    expect(() => new RandomStreams(null as unknown as number)).toThrow('(got null)');
    expect(() => new RandomStreams([1] as unknown as number)).toThrow('(got an array)');
  });
});
