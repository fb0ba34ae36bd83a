// Objects of one kind the run is done with, kept for the next one of that kind (calls, attempts, server
// requests): a steady stream of requests then allocates nothing per request. Checked mode never reuses.

/**
 * The global switch of checked mode, for tests: while `globalThis[CHECK_RECYCLING]` is true when a run
 * is built, its free lists never hand an object out again and freeze what they are given, so any later
 * write to an object the model had declared finished throws (a `TypeError` in strict mode) instead of
 * silently corrupting whichever request reused it.
 */
export const CHECK_RECYCLING: unique symbol = Symbol.for('meshsim.checkRecycling');

/** A stack of objects ready for reuse. `take()` returns one or `undefined`; `put(x)` gives one back. */
export class FreeList<T extends object> {
  private readonly items: T[] = [];
  /** Checked mode (see {@link CHECK_RECYCLING}): freeze instead of keeping. */
  private readonly checked: boolean;

  constructor() {
    this.checked = (globalThis as { [CHECK_RECYCLING]?: boolean })[CHECK_RECYCLING] === true;
  }

  /** An object given back earlier, or `undefined` (allocate one). */
  take(): T | undefined {
    return this.items.pop();
  }

  /** Gives back `item`, which nothing of the model may use any more. */
  put(item: T): void {
    if (this.checked) Object.freeze(item);
    else this.items.push(item);
  }

  /** Objects ready for reuse now. */
  get size(): number {
    return this.items.length;
  }
}
