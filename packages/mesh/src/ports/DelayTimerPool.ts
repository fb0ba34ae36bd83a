// Timers of one purpose grouped by delay: every delay gets one FixedDelayTimers FIFO, so scheduling and
// cancelling a timeout is O(1) and costs the event heap nothing (see the engine's FixedDelayTimers).

import { FixedDelayTimers } from '@meshsim/engine';
import type { Engine, EventHandler } from '@meshsim/engine';

/** One FixedDelayTimers per delay, all firing `onFire`. */
export class DelayTimerPool<T> {
  private readonly byDelay = new Map<number, FixedDelayTimers<T>>();
  private last: FixedDelayTimers<T> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly onFire: EventHandler<T>,
  ) {}

  /** The timers of delay `delayMs` [ms], created on first use. */
  of(delayMs: number): FixedDelayTimers<T> {
    // PERF: most lookups repeat the previous delay; a one-entry memo skips the Map.
    if (this.last !== null && this.last.delayMs === delayMs) return this.last;
    let timers = this.byDelay.get(delayMs);
    if (timers === undefined) {
      timers = new FixedDelayTimers(this.engine, delayMs, this.onFire);
      this.byDelay.set(delayMs, timers);
    }
    this.last = timers;
    return timers;
  }
}
