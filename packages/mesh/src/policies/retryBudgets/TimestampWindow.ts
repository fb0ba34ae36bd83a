// Exact sliding-window event counter: remembers event times in a growable ring buffer and counts
// those in (now − window, now]. Times must be non-decreasing (the engine's clock).

/** Counts events over a trailing window of `windowMs`. */
export class TimestampWindow {
  private times = new Float64Array(64);
  private head = 0;
  private count = 0;

  constructor(readonly windowMs: number) {}

  /** Records one event at `nowMs`. */
  add(nowMs: number): void {
    // Forget expired events first, so a window that is only ever added to stays bounded.
    this.countAt(nowMs);
    if (this.count === this.times.length) this.grow();
    this.times[(this.head + this.count) & (this.times.length - 1)] = nowMs;
    this.count++;
  }

  /** Events in (nowMs − windowMs, nowMs]; forgets older ones. */
  countAt(nowMs: number): number {
    const horizon = nowMs - this.windowMs;
    const mask = this.times.length - 1;
    while (this.count > 0 && (this.times[this.head] as number) <= horizon) {
      this.head = (this.head + 1) & mask;
      this.count--;
    }
    return this.count;
  }

  private grow(): void {
    const next = new Float64Array(this.times.length * 2);
    const mask = this.times.length - 1;
    for (let i = 0; i < this.count; i++) next[i] = this.times[(this.head + i) & mask] as number;
    this.times = next;
    this.head = 0;
  }
}
