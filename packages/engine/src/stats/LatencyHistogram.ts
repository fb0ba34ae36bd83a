// A fixed-memory, log-linear (HdrHistogram-like) latency histogram: O(1) allocation-free `record`, exact
// count/sum/min/max, quantiles within 1/2^subBucketBits relative error, mergeable and JSON-serialisable.

/** Options of {@link LatencyHistogram}. All histograms that are merged must use the same options. */
export interface LatencyHistogramOptions {
  /**
   * Each power-of-two range of values ("octave") is split into 2^subBucketBits linear sub-buckets.
   * An integer in [0, 16]. @defaultValue 7 (bucket half-width ≤ 0.4% of its lower bound)
   */
  subBucketBits?: number;
  /** Values below this [ms] go to a single underflow bucket [0, lowestMs). Finite, > 0. @defaultValue 0.001 (1 µs) */
  lowestMs?: number;
  /**
   * Largest value [ms] resolved into a regular bucket; larger values are clamped into the top bucket
   * (the one holding `highestMs`) but still counted exactly in count/sum/max. Finite, > lowestMs.
   * @defaultValue 2^24 ms ≈ 4.66 h
   */
  highestMs?: number;
}

/** One bucket of a {@link LatencyHistogram}: `count` values in [lower, upper) [ms]. */
export interface HistogramBucket {
  /** Inclusive lower bound [ms]; 0 for the underflow bucket. */
  lower: number;
  /**
   * Exclusive upper bound [ms]. For the top bucket, raised to `max` when values above `highestMs`
   * were clamped into it (the bound is then inclusive).
   */
  upper: number;
  /** Number of recorded values in the bucket. */
  count: number;
}

/** Serialised form of a {@link LatencyHistogram} (see {@link LatencyHistogram.toJSON}). */
export interface LatencyHistogramJSON {
  subBucketBits: number;
  lowestMs: number;
  highestMs: number;
  count: number;
  sum: number;
  /** 0 when empty. */
  min: number;
  /** 0 when empty. */
  max: number;
  /** Non-empty buckets as `[bucket index, count]`, in increasing index order. */
  buckets: [number, number][];
}

const DEFAULT_SUB_BUCKET_BITS = 7;
const DEFAULT_LOWEST_MS = 0.001;
const DEFAULT_HIGHEST_MS = 2 ** 24;
const MAX_SUB_BUCKET_BITS = 16;
/** Keeps 2^octaves finite and `value / lowestMs` far from overflow in the index computation. */
const MAX_OCTAVES = 1000;
const MAX_BUCKETS = 2 ** 24;
/** Rough size of the object, its fields and the typed-array header, for {@link LatencyHistogram.memoryBytes}. */
const OBJECT_OVERHEAD_BYTES = 160;

// PERF: a scratch float64 whose high 32 bits hold the sign, the 11-bit exponent and the top 20 mantissa
// bits; the bucket index of a value is read from them instead of calling Math.log2/Math.pow.
const scratchF64 = new Float64Array(1);
const scratchU32 = new Uint32Array(scratchF64.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian → word 1

/** Bucket geometry shared by all histograms with the same options (immutable). */
interface Layout {
  readonly subBucketBits: number;
  readonly lowestMs: number;
  readonly highestMs: number;
  /** `bounds[i]` is the lower bound of bucket i; `bounds[bucketCount]` the nominal upper bound of the top one. */
  readonly bounds: Float64Array;
  readonly bucketCount: number;
}

const layouts = new Map<string, Layout>();

function invalidValue(valueMs: number): RangeError {
  return new RangeError(`LatencyHistogram: value must be a finite number >= 0 ms (got ${valueMs})`);
}

function validateOptions(options: LatencyHistogramOptions): Required<LatencyHistogramOptions> {
  const subBucketBits = options.subBucketBits ?? DEFAULT_SUB_BUCKET_BITS;
  const lowestMs = options.lowestMs ?? DEFAULT_LOWEST_MS;
  const highestMs = options.highestMs ?? DEFAULT_HIGHEST_MS;
  if (!Number.isInteger(subBucketBits) || subBucketBits < 0 || subBucketBits > MAX_SUB_BUCKET_BITS) {
    throw new RangeError(
      `LatencyHistogram: subBucketBits must be an integer in [0, ${MAX_SUB_BUCKET_BITS}] (got ${subBucketBits})`,
    );
  }
  if (!Number.isFinite(lowestMs) || !(lowestMs > 0)) {
    throw new RangeError(`LatencyHistogram: lowestMs must be a finite number > 0 (got ${lowestMs})`);
  }
  if (!Number.isFinite(highestMs) || !(highestMs > lowestMs)) {
    throw new RangeError(
      `LatencyHistogram: highestMs must be a finite number > lowestMs = ${lowestMs} (got ${highestMs})`,
    );
  }
  return { subBucketBits, lowestMs, highestMs };
}

/**
 * Bucket i ≥ 1 covers octave k = ⌊(i-1)/S⌋, sub-bucket j = (i-1) mod S, i.e.
 * [L·2^k·(1 + j/S), L·2^k·(1 + (j+1)/S)); bucket 0 is the underflow [0, L). The last bucket is
 * the one holding `highestMs`.
 */
function getLayout(subBucketBits: number, lowestMs: number, highestMs: number): Layout {
  const key = `${subBucketBits}|${lowestMs}|${highestMs}`;
  const cached = layouts.get(key);
  if (cached !== undefined) return cached;
  const subBuckets = 2 ** subBucketBits;
  // Octaves needed so that the last one ends above highestMs.
  let octaves = 1;
  while (lowestMs * 2 ** octaves <= highestMs) {
    octaves++;
    if (octaves > MAX_OCTAVES) {
      throw new RangeError(
        `LatencyHistogram: highestMs / lowestMs must be below 2^${MAX_OCTAVES} (got ${highestMs} / ${lowestMs})`,
      );
    }
  }
  const fullCount = 1 + octaves * subBuckets;
  if (fullCount > MAX_BUCKETS) {
    throw new RangeError(
      `LatencyHistogram: subBucketBits = ${subBucketBits} with range [${lowestMs}, ${highestMs}] ms needs ` +
        `${fullCount} buckets (max ${MAX_BUCKETS}); lower subBucketBits or narrow the range`,
    );
  }
  const all = new Float64Array(fullCount + 1);
  for (let k = 0; k < octaves; k++) {
    const octaveStart = 2 ** k;
    for (let j = 0; j < subBuckets; j++) {
      // (1 + j/S)·2^k is exact; one rounding when scaling by lowestMs, identical for the shared edge
      // of adjacent buckets, so the bounds are strictly increasing and contiguous.
      all[1 + k * subBuckets + j] = lowestMs * ((1 + j / subBuckets) * octaveStart);
    }
  }
  all[fullCount] = lowestMs * 2 ** octaves;
  let top = fullCount - 1;
  while ((all[top] as number) > highestMs) top--;
  const bounds = all.slice(0, top + 2);
  const layout: Layout = { subBucketBits, lowestMs, highestMs, bounds, bucketCount: top + 1 };
  layouts.set(key, layout);
  return layout;
}

/**
 * A fixed-memory latency histogram with log-linear buckets (HdrHistogram-like), for millions of
 * values per instance and many instances.
 *
 * - **Buckets**: values in [lowestMs, highestMs] are split by power-of-two range ("octave", relative
 *   to lowestMs), each octave into 2^subBucketBits equal sub-buckets; values below lowestMs share one
 *   underflow bucket [0, lowestMs); values above highestMs are clamped into the top bucket.
 * - **Exact** `count`, `min`, `max`; `sum` (hence `mean`) uses compensated summation, so it is exact to
 *   about one rounding whatever the number of values.
 * - **Accuracy**: every bucket's width is at most 2^-subBucketBits of its lower bound. For values in
 *   [lowestMs, highestMs], {@link quantile} is within a relative error of 2^-subBucketBits of the exact
 *   sample quantile (the linear-interpolation definition, as d3-array's `quantile` and R's type 7) for
 *   any data, continuous or not: ≤ 0.78% with the defaults (bucket half-width ≤ 0.39%). Below lowestMs
 *   the absolute error is < lowestMs; above highestMs quantiles are only bounded by `max`.
 * - **Memory**: one Float64Array of counts (counts may exceed 2^32) plus a few fields; with the defaults
 *   (7 bits, 1 µs … 2^24 ms) 4348 buckets ≈ 34.9 kB per instance, fixed whatever is recorded. The bucket
 *   bounds table is shared by all instances with the same options.
 * - `record` and `recordN` allocate nothing; NaN, negative and infinite values throw a RangeError.
 */
export class LatencyHistogram {
  /** Sub-buckets per octave, as a power of two. */
  readonly subBucketBits: number;
  /** Upper bound of the underflow bucket [ms]. */
  readonly lowestMs: number;
  /** Largest value resolved into a regular bucket [ms]. */
  readonly highestMs: number;
  private readonly bounds: Float64Array;
  private readonly counts: Float64Array;
  private readonly top: number;
  private readonly topLower: number;
  private readonly subBuckets: number;
  private readonly mantissaShift: number;
  private total = 0;
  // Neumaier compensated sum: the value is sumHigh + sumLow.
  private sumHigh = 0;
  private sumLow = 0;
  private minValue = Infinity;
  private maxValue = -Infinity;

  constructor(options: LatencyHistogramOptions = {}) {
    const { subBucketBits, lowestMs, highestMs } = validateOptions(options);
    this.subBucketBits = subBucketBits;
    this.lowestMs = lowestMs;
    this.highestMs = highestMs;
    const layout = getLayout(subBucketBits, lowestMs, highestMs);
    this.bounds = layout.bounds;
    this.counts = new Float64Array(layout.bucketCount);
    this.top = layout.bucketCount - 1;
    this.topLower = this.bounds[this.top] as number;
    this.subBuckets = 2 ** subBucketBits;
    this.mantissaShift = 20 - subBucketBits;
  }

  /** Number of recorded values (exact). 0 when empty. */
  get count(): number {
    return this.total;
  }

  /** Sum of the recorded values [ms] (compensated summation). 0 when empty. */
  get sum(): number {
    return this.sumHigh + this.sumLow;
  }

  /** Smallest recorded value [ms] (exact); **0 when empty** (check {@link isEmpty}). */
  get min(): number {
    return this.total > 0 ? this.minValue : 0;
  }

  /** Largest recorded value [ms] (exact, even above highestMs); **0 when empty** (check {@link isEmpty}). */
  get max(): number {
    return this.total > 0 ? this.maxValue : 0;
  }

  /** Mean of the recorded values [ms]; **0 when empty** (never NaN). */
  get mean(): number {
    return this.total > 0 ? (this.sumHigh + this.sumLow) / this.total : 0;
  }

  /** Whether no value was recorded since creation or the last {@link reset}. */
  get isEmpty(): boolean {
    return this.total === 0;
  }

  /** Number of buckets, including the underflow bucket (fixed by the options). */
  get bucketCount(): number {
    return this.counts.length;
  }

  /**
   * Approximate memory of this instance [bytes]: the counts array plus object overhead. Fixed by the
   * options, whatever is recorded. Excludes the bounds table shared by all instances with these options.
   */
  get memoryBytes(): number {
    return this.counts.byteLength + OBJECT_OVERHEAD_BYTES;
  }

  /** Records one value [ms]. Throws a RangeError naming the value if it is NaN, negative or infinite. */
  record(valueMs: number): void {
    // PERF: one comparison rejects NaN and negatives.
    if (!(valueMs >= 0) || valueMs === Infinity) throw invalidValue(valueMs);
    this.add(valueMs, 1);
  }

  /**
   * Records `count` occurrences of a value [ms]; `count` must be a non-negative safe integer (0 records
   * nothing). Throws a RangeError naming the value if it is NaN, negative or infinite.
   */
  recordN(valueMs: number, count: number): void {
    if (!(valueMs >= 0) || valueMs === Infinity) throw invalidValue(valueMs);
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`LatencyHistogram: count must be a non-negative safe integer (got ${count})`);
    }
    if (count > 0) this.add(valueMs, count);
  }

  /**
   * The q-quantile [ms] of the recorded values, q in [0, 1] (RangeError otherwise): the value at rank
   * q·(count−1) interpolated linearly between the neighbouring ranks, each estimated by spreading its
   * bucket's values evenly over the bucket, and clamped to [min, max]. `quantile(0)` is `min` and
   * `quantile(1)` is `max` exactly. Returns 0 when empty.
   */
  quantile(q: number): number {
    return this.quantiles([q])[0] as number;
  }

  /** {@link quantile} of each of `qs` (any order, same order out), in a single pass over the buckets. */
  quantiles(qs: readonly number[]): number[] {
    for (const q of qs) {
      if (!(q >= 0 && q <= 1)) {
        throw new RangeError(`LatencyHistogram: quantile must be in [0, 1] (got ${q})`);
      }
    }
    const out = new Array<number>(qs.length).fill(0);
    if (this.total === 0) return out;
    const order = qs.map((_, i) => i).sort((a, b) => (qs[a] as number) - (qs[b] as number));
    const lastRank = this.total - 1;
    // Ranks ⌊r⌋ and ⌊r⌋ + 1 each grow with q, so one forward-only cursor per neighbour suffices.
    const atLowRank = this.rankCursor();
    const atHighRank = this.rankCursor();
    for (const i of order) {
      const q = qs[i] as number;
      let value: number;
      if (q === 0) value = this.minValue;
      else if (q === 1) value = this.maxValue;
      else {
        const rank = q * lastRank;
        const low = Math.floor(rank);
        const fraction = rank - low;
        const lowValue = atLowRank(low);
        value =
          fraction > 0 && low < lastRank ? lowValue + fraction * (atHighRank(low + 1) - lowValue) : lowValue;
      }
      out[i] = Math.min(this.maxValue, Math.max(this.minValue, value));
    }
    return out;
  }

  /**
   * Adds the values of `other` (which is unchanged) to this histogram. Throws a RangeError naming the
   * differing option if the two were not created with the same options.
   */
  merge(other: LatencyHistogram): void {
    this.assertSameOptions(other, 'merge');
    if (other.total === 0) return;
    const counts = this.counts;
    const otherCounts = other.counts;
    const end = other.indexOf(other.maxValue);
    for (let i = other.indexOf(other.minValue); i <= end; i++) {
      counts[i] = (counts[i] as number) + (otherCounts[i] as number);
    }
    this.total += other.total;
    const otherHigh = other.sumHigh;
    const otherLow = other.sumLow;
    this.addToSum(otherHigh);
    this.addToSum(otherLow);
    if (other.minValue < this.minValue) this.minValue = other.minValue;
    if (other.maxValue > this.maxValue) this.maxValue = other.maxValue;
  }

  /** Empties the histogram (keeps its memory and options). */
  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sumHigh = 0;
    this.sumLow = 0;
    this.minValue = Infinity;
    this.maxValue = -Infinity;
  }

  /** An independent copy with the same options and contents. */
  clone(): LatencyHistogram {
    const copy = new LatencyHistogram(this.options());
    copy.counts.set(this.counts);
    copy.total = this.total;
    copy.sumHigh = this.sumHigh;
    copy.sumLow = this.sumLow;
    copy.minValue = this.minValue;
    copy.maxValue = this.maxValue;
    return copy;
  }

  /** The options this histogram was created with (defaults filled in). */
  options(): Required<LatencyHistogramOptions> {
    return { subBucketBits: this.subBucketBits, lowestMs: this.lowestMs, highestMs: this.highestMs };
  }

  /** The non-empty buckets in increasing order (see {@link HistogramBucket} for the top bucket's bound). */
  buckets(): HistogramBucket[] {
    const result: HistogramBucket[] = [];
    if (this.total === 0) return result;
    const end = this.indexOf(this.maxValue);
    for (let i = this.indexOf(this.minValue); i <= end; i++) {
      const count = this.counts[i] as number;
      if (count > 0) result.push({ lower: this.bounds[i] as number, upper: this.upperOf(i), count });
    }
    return result;
  }

  /** A sparse, JSON-safe snapshot; {@link LatencyHistogram.fromJSON} rebuilds an identical histogram. */
  toJSON(): LatencyHistogramJSON {
    const buckets: [number, number][] = [];
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] as number;
      if (count > 0) buckets.push([i, count]);
    }
    return {
      subBucketBits: this.subBucketBits,
      lowestMs: this.lowestMs,
      highestMs: this.highestMs,
      count: this.total,
      sum: this.sum,
      min: this.min,
      max: this.max,
      buckets,
    };
  }

  /**
   * Rebuilds a histogram from {@link LatencyHistogram.toJSON} output. Throws a RangeError if the
   * options are invalid or the snapshot is inconsistent (bad index or count, counts not summing to
   * `count`, min/max outside the first/last non-empty bucket, negative or non-finite sum).
   */
  static fromJSON(json: LatencyHistogramJSON): LatencyHistogram {
    const histogram = new LatencyHistogram({
      subBucketBits: json.subBucketBits,
      lowestMs: json.lowestMs,
      highestMs: json.highestMs,
    });
    const counts = histogram.counts;
    let total = 0;
    for (const entry of json.buckets) {
      const [index, count] = entry;
      if (!Number.isInteger(index) || index < 0 || index >= counts.length || counts[index] !== 0) {
        throw new RangeError(
          `LatencyHistogram.fromJSON: bucket index ${index} is not a distinct integer in [0, ${counts.length})`,
        );
      }
      if (!Number.isSafeInteger(count) || count <= 0) {
        throw new RangeError(
          `LatencyHistogram.fromJSON: bucket ${index} has count ${count}, not a positive integer`,
        );
      }
      counts[index] = count;
      total += count;
    }
    if (total !== json.count) {
      throw new RangeError(
        `LatencyHistogram.fromJSON: bucket counts sum to ${total}, but count is ${json.count}`,
      );
    }
    if (total > 0) {
      const { min, max, sum } = json;
      const first = json.buckets.reduce((lowest, [index]) => Math.min(lowest, index), Infinity);
      const last = json.buckets.reduce((highest, [index]) => Math.max(highest, index), -Infinity);
      if (
        !(min >= 0 && min <= max && Number.isFinite(max) && sum >= 0 && Number.isFinite(sum)) ||
        histogram.indexOf(min) !== first ||
        histogram.indexOf(max) !== last
      ) {
        throw new RangeError(
          `LatencyHistogram.fromJSON: inconsistent min/max/sum (min ${min}, max ${max}, sum ${sum}) ` +
            `for non-empty buckets ${first} … ${last}`,
        );
      }
      histogram.total = total;
      histogram.sumHigh = sum;
      histogram.minValue = min;
      histogram.maxValue = max;
    }
    return histogram;
  }

  /** Adds `count` > 0 occurrences of a validated value. */
  private add(valueMs: number, count: number): void {
    let value = valueMs;
    let index: number;
    if (value < this.lowestMs) {
      index = 0;
      value += 0; // -0 → 0
    } else if (value >= this.topLower) {
      index = this.top;
    } else {
      index = this.indexInRange(value);
    }
    this.counts[index] = (this.counts[index] as number) + count;
    this.total += count;
    this.addToSum(count === 1 ? value : value * count);
    if (value < this.minValue) this.minValue = value;
    if (value > this.maxValue) this.maxValue = value;
  }

  /** Bucket index of a value in [lowestMs, topLower). */
  private indexInRange(value: number): number {
    // PERF: the exponent and top mantissa bits of value/lowestMs give octave and sub-bucket directly;
    // that quotient may be off by one rounding, so one comparison with the exact bounds fixes a value
    // that lands next to a bucket edge. The result satisfies bounds[i] <= value < bounds[i + 1].
    scratchF64[0] = value / this.lowestMs;
    const high = scratchU32[HIGH_WORD] as number;
    const octave = (high >>> 20) - 1023;
    const sub = (high >>> this.mantissaShift) & (this.subBuckets - 1);
    let index = 1 + octave * this.subBuckets + sub;
    if (value < (this.bounds[index] as number)) index--;
    else if (value >= (this.bounds[index + 1] as number)) index++;
    return index;
  }

  /** Bucket index of any finite value >= 0 (with clamping into the underflow and top buckets). */
  private indexOf(value: number): number {
    if (value < this.lowestMs) return 0;
    if (value >= this.topLower) return this.top;
    return this.indexInRange(value);
  }

  /** Upper bound of bucket i; the top bucket stretches to `max` when values were clamped into it. */
  private upperOf(i: number): number {
    const upper = this.bounds[i + 1] as number;
    return i === this.top && this.maxValue >= upper ? this.maxValue : upper;
  }

  /** A function estimating the value at a 0-based rank, for ranks given in non-decreasing order. */
  private rankCursor(): (rank: number) => number {
    const counts = this.counts;
    // Bucket `b` holds ranks [before, before + counts[b]).
    let b = this.indexOf(this.minValue);
    let before = 0;
    return (rank) => {
      while (before + (counts[b] as number) <= rank) {
        before += counts[b] as number;
        b++;
      }
      return this.estimateInBucket(b, rank - before);
    };
  }

  /** Estimate of the value at 0-based rank `offset` among the counts[b] values of bucket b. */
  private estimateInBucket(b: number, offset: number): number {
    // The bucket's values lie in [max(lower, min), min(upper, max)]; assume them evenly spread.
    const lower = Math.max(this.bounds[b] as number, this.minValue);
    const upper = Math.min(this.upperOf(b), this.maxValue);
    return lower + ((offset + 0.5) / (this.counts[b] as number)) * (upper - lower);
  }

  private addToSum(value: number): void {
    // Neumaier's variant of Kahan summation; all terms are >= 0 except compensation terms.
    const high = this.sumHigh;
    const t = high + value;
    if (Math.abs(high) >= Math.abs(value)) this.sumLow += high - t + value;
    else this.sumLow += value - t + high;
    this.sumHigh = t;
  }

  private assertSameOptions(other: LatencyHistogram, operation: string): void {
    for (const key of ['subBucketBits', 'lowestMs', 'highestMs'] as const) {
      if (this[key] !== other[key]) {
        throw new RangeError(
          `LatencyHistogram.${operation}: ${key} differs (${this[key]} here, ${other[key]} in the other histogram)`,
        );
      }
    }
  }
}
