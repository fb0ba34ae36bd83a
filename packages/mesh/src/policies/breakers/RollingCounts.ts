// Bucketed rolling window of request and failure counts (Hystrix-style): the window is split into
// buckets and whole buckets expire, so it covers between (buckets − 1)/buckets and all of windowMs.

/** Request/failure counts over the last `bucketCount` buckets of `windowMs / bucketCount` each. */
export class RollingCounts {
  private readonly bucketMs: number;
  private readonly totals: Int32Array;
  private readonly failures: Int32Array;
  /** Index (time / bucketMs, floored) of the newest bucket recorded into; -Infinity when empty. */
  private newestId = -Infinity;
  /** Requests in the window as of the last `record`/`reset`. */
  total = 0;
  /** Failures in the window as of the last `record`/`reset`. */
  failed = 0;

  constructor(
    windowMs: number,
    private readonly bucketCount = 10,
  ) {
    this.bucketMs = windowMs / bucketCount;
    this.totals = new Int32Array(bucketCount);
    this.failures = new Int32Array(bucketCount);
  }

  /**
   * Records one request at `nowMs` and refreshes `total` / `failed` for the window ending now: the
   * buckets with indices in (id − bucketCount, id], id = floor(nowMs / bucketMs). Times must not
   * decrease (the engine's clock).
   */
  record(nowMs: number, failed: boolean): void {
    const id = Math.floor(nowMs / this.bucketMs);
    // PERF: running totals; only buckets that expire since the last record are visited (O(1) amortized).
    if (id !== this.newestId) this.expireUpTo(id);
    const slot = this.slotOf(id);
    this.totals[slot] = (this.totals[slot] as number) + 1;
    this.total++;
    if (failed) {
      this.failures[slot] = (this.failures[slot] as number) + 1;
      this.failed++;
    }
  }

  /** Forgets everything. */
  reset(): void {
    this.totals.fill(0);
    this.failures.fill(0);
    this.newestId = -Infinity;
    this.total = 0;
    this.failed = 0;
  }

  /** Empties the slots of buckets newestId+1 … id (they held buckets that have now left the window). */
  private expireUpTo(id: number): void {
    const first = Math.max(this.newestId + 1, id - this.bucketCount + 1);
    for (let bucket = first; bucket <= id; bucket++) {
      const slot = this.slotOf(bucket);
      this.total -= this.totals[slot] as number;
      this.failed -= this.failures[slot] as number;
      this.totals[slot] = 0;
      this.failures[slot] = 0;
    }
    this.newestId = id;
  }

  /** The slot of bucket `id` (ids of the empty window's first record may be negative). */
  private slotOf(id: number): number {
    const slot = id % this.bucketCount;
    return slot < 0 ? slot + this.bucketCount : slot;
  }
}
