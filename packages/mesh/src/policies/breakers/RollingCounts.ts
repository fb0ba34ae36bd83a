// Bucketed rolling window of request and failure counts (Hystrix-style): the window is split into
// buckets and whole buckets expire, so it covers between (buckets − 1)/buckets and all of windowMs.

/** Request/failure counts over the last `bucketCount` buckets of `windowMs / bucketCount` each. */
export class RollingCounts {
  private readonly bucketMs: number;
  private readonly ids: Float64Array;
  private readonly totals: Int32Array;
  private readonly failures: Int32Array;
  /** Requests in the window as of the last `record`/`reset`. */
  total = 0;
  /** Failures in the window as of the last `record`/`reset`. */
  failed = 0;

  constructor(
    windowMs: number,
    private readonly bucketCount = 10,
  ) {
    this.bucketMs = windowMs / bucketCount;
    this.ids = new Float64Array(bucketCount).fill(-Infinity);
    this.totals = new Int32Array(bucketCount);
    this.failures = new Int32Array(bucketCount);
  }

  /** Records one request at `nowMs` and refreshes `total` / `failed` for the window ending now. */
  record(nowMs: number, failed: boolean): void {
    const id = Math.floor(nowMs / this.bucketMs);
    const slot = id % this.bucketCount;
    if (this.ids[slot] !== id) {
      this.ids[slot] = id;
      this.totals[slot] = 0;
      this.failures[slot] = 0;
    }
    this.totals[slot] = (this.totals[slot] as number) + 1;
    if (failed) this.failures[slot] = (this.failures[slot] as number) + 1;
    let total = 0;
    let failures = 0;
    const oldest = id - this.bucketCount;
    for (let i = 0; i < this.bucketCount; i++) {
      if ((this.ids[i] as number) > oldest) {
        total += this.totals[i] as number;
        failures += this.failures[i] as number;
      }
    }
    this.total = total;
    this.failed = failures;
  }

  /** Forgets everything. */
  reset(): void {
    this.ids.fill(-Infinity);
    this.totals.fill(0);
    this.failures.fill(0);
    this.total = 0;
    this.failed = 0;
  }
}
