// A growable ring buffer used as a FIFO or LIFO waiting queue: O(1) push/shift/pop, no per-item allocation.

/** Double-ended queue over a power-of-two ring buffer. */
export class Deque<T> {
  private items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.items = new Array<T | undefined>(size);
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = item;
    this.count++;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return item;
  }

  /** Removes and returns the newest item. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const index = (this.head + this.count - 1) & (this.items.length - 1);
    const item = this.items[index];
    this.items[index] = undefined;
    this.count--;
    return item;
  }

  /** Removes `item` (first occurrence) keeping the others' order; O(n). False if it was not there. */
  remove(item: T): boolean {
    const mask = this.items.length - 1;
    let i = 0;
    while (i < this.count && this.items[(this.head + i) & mask] !== item) i++;
    if (i === this.count) return false;
    for (; i < this.count - 1; i++) {
      this.items[(this.head + i) & mask] = this.items[(this.head + i + 1) & mask];
    }
    this.items[(this.head + this.count - 1) & mask] = undefined;
    this.count--;
    return true;
  }

  /** Removes every item and returns them oldest first. */
  drain(): T[] {
    const out: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) out.push(item);
    return out;
  }

  private grow(): void {
    const old = this.items;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.items = next;
    this.head = 0;
  }
}
