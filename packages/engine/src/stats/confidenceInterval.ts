// Confidence intervals for simulation output: Student's t quantile, the t interval of a mean, and batch
// means (to turn one long autocorrelated run into nearly independent observations).

import { lnGamma, normalQuantile } from '../distributions/special.js';

/** A two-sided confidence interval of a mean (see {@link meanConfidenceInterval}). */
export interface MeanConfidenceInterval {
  /** Sample mean. */
  mean: number;
  /** Half-width of the interval: t · s / √n. */
  halfWidth: number;
  /** mean − halfWidth. */
  low: number;
  /** mean + halfWidth. */
  high: number;
  /** Number of observations. */
  n: number;
}

/**
 * Relative spread under which values count as one value: 1e-12, thousands of times a double's rounding (2.2e-16 per
 * operation) over the sums a figure is made of, and far below any spread a simulation's randomness gives.
 */
const SAME_VALUE_RELATIVE = 1e-12;

/**
 * Two-sided Student-t confidence interval of the mean of `values`, assumed independent and roughly
 * normal (for simulation output, feed replication means or {@link batchMeans}, not raw samples).
 * The half-width is t(1 − (1 − confidence)/2, n − 1) · s / √n with s the sample standard deviation; values that
 * differ by at most 1e-12 of their size (floating-point rounding, as a figure pinned at a CPU limit in every seed) have
 * a half-width of exactly 0.
 * Throws a RangeError if there are fewer than 2 values, a value is not finite, or `confidence` is
 * not in (0, 1).
 */
export function meanConfidenceInterval(
  values: readonly number[],
  confidence: number = 0.99,
): MeanConfidenceInterval {
  const n = values.length;
  if (n < 2) {
    throw new RangeError(`meanConfidenceInterval: needs at least 2 values to estimate a variance (got ${n})`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`meanConfidenceInterval: confidence must be in (0, 1) (got ${confidence})`);
  }
  // Welford's online mean and variance: stable when the mean is large relative to the spread.
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) {
      throw new RangeError(`meanConfidenceInterval: values must be finite (got ${x} at index ${i})`);
    }
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  // Values equal up to floating-point rounding (sums of the same figure taken in another order) have no spread.
  if (max - min <= SAME_VALUE_RELATIVE * Math.max(Math.abs(min), Math.abs(max))) m2 = 0;
  const standardError = Math.sqrt(m2 / (n - 1) / n);
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * standardError;
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n };
}

/**
 * Splits `values` into `batches` contiguous batches of ⌊n / batches⌋ values each (dropping the
 * remainder at the end) and returns the mean of each batch, in order. Throws a RangeError if
 * `batches` is not an integer ≥ 2 or exceeds the number of values.
 */
export function batchMeans(values: readonly number[], batches: number): number[] {
  if (!Number.isInteger(batches) || batches < 2) {
    throw new RangeError(`batchMeans: batches must be an integer >= 2 (got ${batches})`);
  }
  if (values.length < batches) {
    throw new RangeError(
      `batchMeans: ${values.length} values cannot fill ${batches} batches (need at least one value per batch)`,
    );
  }
  const size = Math.floor(values.length / batches);
  const means = new Array<number>(batches);
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    const start = b * size;
    for (let i = start; i < start + size; i++) sum += values[i] as number;
    means[b] = sum / size;
  }
  return means;
}

/**
 * The p-quantile of Student's t distribution with `df` degrees of freedom (df > 0, real; Infinity
 * gives the normal quantile), p in (0, 1). Accurate to about 1e-12 relative: closed forms for df = 1
 * and 2, safeguarded Newton iteration on the exact tail probability (regularized incomplete beta) up
 * to df = 2000, and the 4-term Cornish–Fisher expansion around the normal quantile above that.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1) (got ${p})`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df must be > 0 (got ${df})`);
  if (p === 0.5) return 0;
  // Solve for the upper tail q = P(T > t), t > 0, and restore the sign: small tails stay accurate.
  const q = p < 0.5 ? p : 1 - p;
  const sign = p < 0.5 ? -1 : 1;
  return sign * upperTailT(q, df);
}

// --- internals ---------------------------------------------------------------------------------

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;
const CORNISH_FISHER_MIN_DF = 2000;

/** t > 0 with P(T_df > t) = q, for q in (0, 0.5). */
function upperTailT(q: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const z = -normalQuantile(q);
  const cornishFisher = cornishFisherT(z, df);
  if (df >= CORNISH_FISHER_MIN_DF) return cornishFisher;
  // Safeguarded Newton on g(t) = P(T > t) − q, which decreases and is convex for t > 0; the bracket
  // [low, high] always holds the root and a bisection replaces any step that leaves it.
  const logDensityConstant = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  let low = 0;
  let high = Infinity;
  let t = cornishFisher > 0 ? cornishFisher : 1;
  for (let i = 0; i < 500; i++) {
    const g = tUpperTail(t, df) - q;
    if (g === 0) return t;
    if (g > 0) low = t;
    else high = t;
    const density = Math.exp(logDensityConstant - ((df + 1) / 2) * Math.log1p((t * t) / df));
    let next = t + g / density;
    if (!(next > low && next < high)) next = high === Infinity ? Math.max(2 * t, t + 1) : (low + high) / 2;
    if (Math.abs(next - t) <= 1e-14 * t) return next;
    t = next;
  }
  return t;
}

/** P(T_df > t) for t ≥ 0: ½ · I_{df/(df+t²)}(df/2, 1/2). */
function tUpperTail(t: number, df: number): number {
  const t2 = t * t;
  return 0.5 * regularizedBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

/** Cornish–Fisher expansion of the t quantile in powers of 1/df (Abramowitz & Stegun 26.7.5). */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** I_x(a, b), the regularized incomplete beta function; `y` = 1 − x given separately for accuracy. */
function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logPrefactor = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(y);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logPrefactor) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logPrefactor) * betaContinuedFraction(y, b, a)) / b;
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}
