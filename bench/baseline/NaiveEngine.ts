// The naive baseline kernel the benchmarks compare against: a plain binary heap of event objects with closures.
// One fresh `{ timeMs, seq, fire, cancelled }` object per event, (time, seq) order, lazy cancellation by flag.

/** One scheduled event; also the handle given back to the caller. */
export interface NaiveEvent {
  /** Absolute firing time [ms]. */
  readonly timeMs: number;
  /** Insertion counter: breaks ties between equal times (FIFO). */
  readonly seq: number;
  /** The closure run when the event fires. */
  readonly fire: () => void;
  /** Set by {@link NaiveEngine.cancel}; the event is skipped when it reaches the head. */
  cancelled: boolean;
}

/**
 * The textbook event loop: a binary min-heap of event objects ordered by (timeMs, seq), one closure
 * per event, no argument checks and no slot table. Same ordering contract as the meshsim Engine.
 */
export class NaiveEngine {
  /** The simulated clock [ms]. */
  now = 0;
  /** Handlers run since creation (cancelled events are not counted). */
  fired = 0;
  private readonly heap: NaiveEvent[] = [];
  private nextSeq = 0;
  private stopRequested = false;

  /** Entries in the heap, cancelled ones included. */
  get size(): number {
    return this.heap.length;
  }

  /** Schedules `fire` to run `delayMs` after now; returns the event as its handle. */
  schedule(delayMs: number, fire: () => void): NaiveEvent {
    const event: NaiveEvent = { timeMs: this.now + delayMs, seq: this.nextSeq++, fire, cancelled: false };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as NaiveEvent;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
    return event;
  }

  /** Marks the event dead; returns false if it was already cancelled. (Fired events are not tracked.) */
  cancel(event: NaiveEvent): boolean {
    if (event.cancelled) return false;
    event.cancelled = true;
    return true;
  }

  /** Asks {@link NaiveEngine.run} to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Fires events in order until empty, `maxEvents` have fired or a handler calls `stop()`; returns the count. */
  run(maxEvents = Infinity): number {
    this.stopRequested = false;
    let processed = 0;
    while (processed < maxEvents && this.heap.length > 0) {
      const event = this.pop();
      if (event.cancelled) continue;
      this.now = event.timeMs;
      this.fired++;
      processed++;
      event.fire();
      if (this.stopRequested) break;
    }
    this.stopRequested = false;
    return processed;
  }

  private pop(): NaiveEvent {
    const heap = this.heap;
    const top = heap[0] as NaiveEvent;
    const last = heap.pop() as NaiveEvent;
    const n = heap.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && before(heap[right] as NaiveEvent, heap[left] as NaiveEvent)) child = right;
      const c = heap[child] as NaiveEvent;
      if (!before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(a: NaiveEvent, b: NaiveEvent): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}
