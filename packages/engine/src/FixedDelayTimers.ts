// Timers that all share one delay (a timeout policy's): their deadlines arrive in scheduling order,
// so a FIFO ring replaces the heap — O(1) schedule and cancel, and one engine event per delay period
// however many timers are cancelled (timeouts are cancelled far more often than they fire).

import type { Engine, EventHandler, TimerHandle } from './Engine.js';
import { RESERVE_SEQUENCE, SCHEDULE_AT_WITH_SEQUENCE } from './internal/sequencedScheduling.js';
import type { SimTimeMs } from './time.js';

/**
 * A set of timers with the same delay. `schedule(arg)` fires `fire(arg)` `delayMs` from now unless
 * cancelled. Timers due at the same time fire in scheduling order. Only the oldest live timer is
 * known to the engine: when it fires, every due timer fires and the next live one is armed; a
 * cancelled timer is dropped when it reaches the head. Cancelled timers cost no engine event of
 * their own, so a stream of calls that mostly finish before their timeout costs about one engine
 * event per `delayMs` instead of one heap entry per call.
 */
export class FixedDelayTimers<A> {
  private deadlines: Float64Array;
  private sequences: Float64Array;
  private args: (A | undefined)[];
  private alive: Uint8Array;
  private head = 0;
  private count = 0;
  /** Handle of the first entry in the ring (handles are consecutive integers). */
  private headHandle = 0;
  private armed: TimerHandle = -1;
  /** Handle of the entry the engine event is armed for. */
  private armedHandle = -1;
  /** True while `onDue` runs: timers scheduled by a firing handler must not arm the engine. */
  private firing = false;

  constructor(
    private readonly engine: Engine,
    /** The delay of every timer [ms]; finite and ≥ 0. */
    readonly delayMs: SimTimeMs,
    private readonly fire: EventHandler<A>,
  ) {
    if (!(delayMs >= 0) || delayMs === Infinity) {
      throw new RangeError(`FixedDelayTimers: delayMs must be a finite number >= 0 (got ${String(delayMs)})`);
    }
    this.deadlines = new Float64Array(64);
    this.sequences = new Float64Array(64);
    this.args = new Array<A | undefined>(64);
    this.alive = new Uint8Array(64);
  }

  /** Timers scheduled and not yet dropped (cancelled ones waiting to reach the head included). */
  get size(): number {
    return this.count;
  }

  /** Arms a timer firing `fire(arg)` after `delayMs`; returns its handle (≥ 0). */
  schedule(arg: A): number {
    if (this.count === this.deadlines.length) this.grow();
    const index = (this.head + this.count) & (this.deadlines.length - 1);
    const deadline = this.engine.now + this.delayMs;
    this.deadlines[index] = deadline;
    this.sequences[index] = this.engine[RESERVE_SEQUENCE]();
    this.args[index] = arg;
    this.alive[index] = 1;
    const handle = this.headHandle + this.count;
    this.count++;
    if (this.armed < 0 && !this.firing) this.arm(index);
    return handle;
  }

  /** Cancels a timer in O(1). Returns false if it already fired or was cancelled. */
  cancel(handle: number): boolean {
    const offset = handle - this.headHandle;
    if (offset < 0 || offset >= this.count) return false;
    const index = (this.head + offset) & (this.deadlines.length - 1);
    if (this.alive[index] === 0) return false;
    this.alive[index] = 0;
    this.args[index] = undefined;
    return true;
  }

  /** Arms the engine for entry `index` (the head), with the sequence number it took when scheduled. */
  private arm(index: number): void {
    this.armedHandle = this.headHandle + ((index - this.head) & (this.deadlines.length - 1));
    const deadline = this.deadlines[index] as number;
    this.armed = this.engine[SCHEDULE_AT_WITH_SEQUENCE](
      deadline,
      this.sequences[index] as number,
      this.onDue,
      undefined,
    );
  }

  // PERF: one shared handler. It fires the entry it was armed for (unless that was cancelled), drops
  // cancelled entries at the head, and arms the next live entry with that entry's own sequence number,
  // so timers interleave with other events exactly as if each had been scheduled alone.
  private readonly onDue = (): void => {
    this.armed = -1;
    this.firing = true;
    this.dropCancelledHead();
    if (this.count > 0 && this.headHandle === this.armedHandle) {
      const index = this.head;
      const arg = this.args[index] as A;
      this.args[index] = undefined;
      this.alive[index] = 0;
      this.head = (index + 1) & (this.deadlines.length - 1);
      this.count--;
      this.headHandle++;
      this.fire(arg);
      this.dropCancelledHead();
    }
    this.firing = false;
    if (this.count > 0) this.arm(this.head);
  };

  private dropCancelledHead(): void {
    const mask = this.deadlines.length - 1;
    while (this.count > 0 && this.alive[this.head] === 0) {
      this.args[this.head] = undefined;
      this.head = (this.head + 1) & mask;
      this.count--;
      this.headHandle++;
    }
  }

  private grow(): void {
    const capacity = this.deadlines.length * 2;
    const deadlines = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    const args = new Array<A | undefined>(capacity);
    const alive = new Uint8Array(capacity);
    const mask = this.deadlines.length - 1;
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & mask;
      deadlines[i] = this.deadlines[from] as number;
      sequences[i] = this.sequences[from] as number;
      args[i] = this.args[from];
      alive[i] = this.alive[from] as number;
    }
    this.deadlines = deadlines;
    this.sequences = sequences;
    this.args = args;
    this.alive = alive;
    this.head = 0;
  }
}
