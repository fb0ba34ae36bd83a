// The discrete-event kernel: a simulated clock plus a stable event queue with O(1) lazy cancellation.
// Knows nothing about meshes; models schedule handlers and read `now`.

import { EventQueue } from './EventQueue.js';
import { RESERVE_SEQUENCE, SCHEDULE_AT_WITH_SEQUENCE } from './internal/sequencedScheduling.js';
import type { SimTimeMs } from './time.js';

/** A function run when its event fires; `arg` is the value given to `schedule`. */
export type EventHandler<A> = (arg: A) => void;

/** Opaque handle of a scheduled event, used to cancel it. Never reused while the event is pending. */
export type TimerHandle = number;

/** Options of {@link Engine.run}. */
export interface RunOptions {
  /** Stop before the first event later than this time [ms]; the clock then advances to it. @defaultValue Infinity */
  untilMs?: SimTimeMs;
  /** Stop after this many events have fired. @defaultValue Infinity */
  maxEvents?: number;
  /**
   * Stop before firing an event that would be the `(n + 1)`th to fire at the same simulated instant
   * during this call: simulated time has stopped advancing (a Zeno loop). @defaultValue Infinity
   */
  maxEventsAtOneInstant?: number;
  /**
   * Called after every `checkEvery` events fired during this call, with the events fired so far and
   * the clock; returning `true` stops the run there (`stoppedBy: 'check'`). The caller's hook for
   * budgets the kernel cannot know (wall time, heap) and for progress. @defaultValue none
   */
  onCheck?: (eventsProcessed: number, nowMs: SimTimeMs) => boolean;
  /** Events between two calls of `onCheck`, a positive integer. @defaultValue {@link DEFAULT_CHECK_EVERY} */
  checkEvery?: number;
}

/** Events between two calls of {@link RunOptions.onCheck} unless told otherwise: 2^16. */
export const DEFAULT_CHECK_EVERY = 65_536;

/**
 * Why {@link Engine.run} returned: the queue ran dry (`empty`), the next event is after `untilMs`
 * (`until`), `maxEvents` fired (`maxEvents`), a handler called `stop()` (`stopped`), more than
 * `maxEventsAtOneInstant` events fell on one instant (`zeno`), or `onCheck` asked to stop (`check`).
 */
export type StopReason = 'empty' | 'until' | 'maxEvents' | 'stopped' | 'zeno' | 'check';

/** What {@link Engine.run} did. */
export interface RunSummary {
  /** Events fired during this call (cancelled events are not counted). */
  eventsProcessed: number;
  /** The clock when the run returned [ms]. */
  nowMs: SimTimeMs;
  /** Why the run returned. */
  stoppedBy: StopReason;
}

// Handles pack (generation, slot) into one float64-safe integer: handle = generation * SLOT_LIMIT + slot.
const SLOT_LIMIT = 1 << 24;
const GENERATION_LIMIT = 1 << 28;
// Compaction is not worth it for small queues.
const COMPACT_MIN_DEAD = 1024;

/**
 * The discrete-event kernel.
 *
 * - Time is a float64 number of milliseconds that never decreases.
 * - Ordering contract: events fire in order of time; **events scheduled for the same time fire in
 *   the order they were scheduled** (a sequence number breaks ties), whatever their delays were.
 * - `cancel` is O(1): the event is marked dead and skipped when it reaches the head of the queue.
 * - Handlers are plain functions with one argument, so a model passes a shared handler and a
 *   record instead of allocating a closure per event.
 */
export class Engine {
  private nowMs: SimTimeMs = 0;
  private readonly queue = new EventQueue();
  // Slot table: handler and argument of each pending event, indexed by the queue's ids.
  private handlers: (EventHandler<unknown> | null)[] = [];
  private args: unknown[] = [];
  private generations = new Int32Array(1024);
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private slotCount = 0;
  private livePending = 0;
  private fired = 0;
  private stopRequested = false;

  /** @internal FixedDelayTimers (same package): see internal/sequencedScheduling.ts. */
  [RESERVE_SEQUENCE](): number {
    return this.queue.reserveSeq();
  }

  /** @internal FixedDelayTimers (same package): see internal/sequencedScheduling.ts. */
  [SCHEDULE_AT_WITH_SEQUENCE]<A>(
    timeMs: SimTimeMs,
    sequence: number,
    fire: EventHandler<A>,
    arg: A,
  ): TimerHandle {
    if (!(timeMs >= this.nowMs) || timeMs === Infinity) {
      throw new RangeError(
        `scheduleAtWithSequence: timeMs must be a finite number >= now (${this.nowMs}) (got ${String(timeMs)})`,
      );
    }
    return this.insert(timeMs, fire as EventHandler<unknown>, arg, sequence);
  }

  /** The simulated clock [ms]. */
  get now(): SimTimeMs {
    return this.nowMs;
  }

  /** Number of scheduled events that have neither fired nor been cancelled. */
  get pending(): number {
    return this.livePending;
  }

  /** Entries in the queue, cancelled ones not yet dropped included (≤ about 2 × pending once it is large). */
  get queuedEntries(): number {
    return this.queue.size;
  }

  /** Total events fired since the engine was created. */
  get eventsFired(): number {
    return this.fired;
  }

  /**
   * Schedules `fire(arg)` to run `delayMs` after now. Throws a RangeError naming the value if
   * `delayMs` is negative, NaN or infinite.
   */
  schedule(delayMs: SimTimeMs, fire: EventHandler<void>): TimerHandle;
  schedule<A>(delayMs: SimTimeMs, fire: EventHandler<A>, arg: A): TimerHandle;
  schedule<A>(delayMs: SimTimeMs, fire: EventHandler<A>, arg?: A): TimerHandle {
    // PERF: `delayMs >= 0` is false for NaN, so one comparison covers negative and NaN.
    if (!(delayMs >= 0) || delayMs === Infinity) {
      throw new RangeError(`schedule: delayMs must be a finite number >= 0 (got ${String(delayMs)})`);
    }
    return this.insert(this.nowMs + delayMs, fire as EventHandler<unknown>, arg);
  }

  /** Schedules `fire(arg)` at absolute time `timeMs`, which must be finite and not before now. */
  scheduleAt(timeMs: SimTimeMs, fire: EventHandler<void>): TimerHandle;
  scheduleAt<A>(timeMs: SimTimeMs, fire: EventHandler<A>, arg: A): TimerHandle;
  scheduleAt<A>(timeMs: SimTimeMs, fire: EventHandler<A>, arg?: A): TimerHandle {
    if (!(timeMs >= this.nowMs) || timeMs === Infinity) {
      throw new RangeError(
        `scheduleAt: timeMs must be a finite number >= now (${this.nowMs}) (got ${String(timeMs)})`,
      );
    }
    return this.insert(timeMs, fire as EventHandler<unknown>, arg);
  }

  /**
   * Cancels a pending event in O(1). Returns true if it was pending, false if it had already
   * fired or been cancelled (cancelling twice is harmless).
   */
  cancel(handle: TimerHandle): boolean {
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    if (slot >= this.slotCount || this.generations[slot] !== generation || this.handlers[slot] === null) {
      return false;
    }
    this.handlers[slot] = null;
    this.args[slot] = undefined;
    this.livePending--;
    // PERF: lazy deletion leaves dead entries in the heap; timeouts are mostly cancelled, so they can
    // outnumber live ones many times and slow every push/pop. Compact once the dead are the majority:
    // O(n) every ≥ n/2 cancels, amortised O(1) per cancel.
    const dead = this.queue.size - this.livePending;
    if (dead > COMPACT_MIN_DEAD && dead > this.livePending) this.compact();
    return true;
  }

  /** Drops cancelled entries from the queue and frees their slots. Order of live events is unchanged. */
  private compact(): void {
    const handlers = this.handlers;
    this.queue.retain((slot) => {
      if (handlers[slot] !== null) return true;
      this.releaseSlot(slot);
      return false;
    });
  }

  /** True while the event behind `handle` has neither fired nor been cancelled. */
  isPending(handle: TimerHandle): boolean {
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    return slot < this.slotCount && this.generations[slot] === generation && this.handlers[slot] !== null;
  }

  /** Time of the next live event [ms], or `Infinity` if none is pending. */
  peek(): SimTimeMs {
    this.dropCancelledHead();
    return this.queue.peekTime();
  }

  /** Fires the next live event. Returns false if there was none. */
  step(): boolean {
    this.dropCancelledHead();
    const queue = this.queue;
    if (queue.size === 0) return false;
    const t = queue.peekTime();
    const slot = queue.pop();
    this.fireSlot(slot, t);
    return true;
  }

  /** Asks a running {@link Engine.run} to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Fires events in order until the queue is empty, the next event is later than `untilMs`
   * (the clock then advances to `untilMs`), `maxEvents` have fired, more than `maxEventsAtOneInstant`
   * would fire at one instant, `onCheck` returns true, or a handler calls `stop()`. The guards only
   * stop the run: events that fire are the same as without them.
   */
  run(options: RunOptions = {}): RunSummary {
    const untilMs = options.untilMs ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    const maxAtInstant = options.maxEventsAtOneInstant ?? Infinity;
    const onCheck = options.onCheck;
    const checkEvery = options.checkEvery ?? DEFAULT_CHECK_EVERY;
    if (Number.isNaN(untilMs) || untilMs < this.nowMs) {
      throw new RangeError(`run: untilMs must be >= now (${this.nowMs}) (got ${String(untilMs)})`);
    }
    if (!(maxEvents >= 0)) throw new RangeError(`run: maxEvents must be >= 0 (got ${String(maxEvents)})`);
    if (!(maxAtInstant >= 1)) {
      throw new RangeError(`run: maxEventsAtOneInstant must be >= 1 (got ${String(maxAtInstant)})`);
    }
    if (!Number.isInteger(checkEvery) || checkEvery < 1) {
      throw new RangeError(`run: checkEvery must be an integer >= 1 (got ${String(checkEvery)})`);
    }
    this.stopRequested = false;
    const queue = this.queue;
    const handlers = this.handlers;
    let processed = 0;
    let stoppedBy: StopReason;
    // The instant the last event fired at, and how many fired at it (the Zeno guard).
    let instantMs = Number.NaN;
    let atInstant = 0;
    let untilCheck = checkEvery;
    // PERF: the hot loop. Cancelled entries are skipped inline; no allocation per event. The guards
    // cost one comparison and two counters per event; onCheck runs once every `checkEvery` events.
    for (;;) {
      if (queue.size === 0) {
        stoppedBy = 'empty';
        break;
      }
      const t = queue.peekTime();
      if (t > untilMs) {
        stoppedBy = 'until';
        break;
      }
      if (handlers[queue.peekId()] === null) {
        this.releaseSlot(queue.pop());
        continue;
      }
      // Checked only when an event is due: a run whose last event is its `maxEvents`-th ends as it would without
      // the guard, not stopped by it.
      if (processed >= maxEvents) {
        stoppedBy = 'maxEvents';
        break;
      }
      if (t === instantMs) {
        if (atInstant >= maxAtInstant) {
          stoppedBy = 'zeno';
          break;
        }
        atInstant++;
      } else {
        instantMs = t;
        atInstant = 1;
      }
      this.fireSlot(queue.pop(), t);
      processed++;
      if (this.stopRequested) {
        stoppedBy = 'stopped';
        break;
      }
      if (--untilCheck === 0) {
        untilCheck = checkEvery;
        if (onCheck !== undefined && onCheck(processed, this.nowMs)) {
          stoppedBy = 'check';
          break;
        }
      }
    }
    if (stoppedBy === 'until' || (stoppedBy === 'empty' && untilMs !== Infinity)) {
      this.nowMs = untilMs;
      if (stoppedBy === 'empty') stoppedBy = 'until';
    }
    this.stopRequested = false;
    return { eventsProcessed: processed, nowMs: this.nowMs, stoppedBy };
  }

  private insert(timeMs: SimTimeMs, fire: EventHandler<unknown>, arg: unknown, sequence = -1): TimerHandle {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount] as number;
    } else {
      slot = this.slotCount++;
      if (slot >= SLOT_LIMIT) throw new RangeError(`Engine: more than ${SLOT_LIMIT} pending events`);
      if (slot >= this.generations.length) this.growSlots();
    }
    this.handlers[slot] = fire;
    this.args[slot] = arg;
    this.livePending++;
    if (sequence < 0) this.queue.push(timeMs, slot);
    else this.queue.pushWithSeq(timeMs, sequence, slot);
    return (this.generations[slot] as number) * SLOT_LIMIT + slot;
  }

  private fireSlot(slot: number, timeMs: SimTimeMs): void {
    const fire = this.handlers[slot] as EventHandler<unknown>;
    const arg = this.args[slot];
    this.handlers[slot] = null;
    this.args[slot] = undefined;
    this.livePending--;
    this.releaseSlot(slot);
    this.nowMs = timeMs;
    this.fired++;
    fire(arg);
  }

  private releaseSlot(slot: number): void {
    const generations = this.generations;
    generations[slot] = ((generations[slot] as number) + 1) % GENERATION_LIMIT;
    this.freeSlots[this.freeCount++] = slot;
  }

  private dropCancelledHead(): void {
    const queue = this.queue;
    while (queue.size > 0 && this.handlers[queue.peekId()] === null) {
      this.releaseSlot(queue.pop());
    }
  }

  private growSlots(): void {
    const capacity = this.generations.length * 2;
    const generations = new Int32Array(capacity);
    generations.set(this.generations);
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots);
    this.generations = generations;
    this.freeSlots = freeSlots;
  }
}
