// Queueing models written only against the public engine API, to validate the engine against theory:
// a FIFO queue with c identical servers, Poisson arrivals and any service-time sampler (M/M/1, M/M/c,
// M/D/1, ...), plus independent replications with Student-t confidence intervals.
// Times are in ms and rates per ms.

import {
  Engine,
  LatencyHistogram,
  RandomStreams,
  constant,
  exponential,
  meanConfidenceInterval,
} from '@meshsim/engine';
import type { MeanConfidenceInterval, Random, Sampler } from '@meshsim/engine';
import { erlangC, md1MeanWait, mm1MeanSojourn, mm1SojournQuantile, mmcMeanWait } from './theory.js';

/** Builds the service-time sampler [ms] from the model's own `service` random stream. */
export type ServiceFactory = (random: Random) => Sampler;

/** Parameters of one run of {@link simulateQueue}. */
export interface QueueConfig {
  /** Poisson arrival rate λ [customers/ms]. */
  lambda: number;
  /** Exponential service with rate μ [customers/ms per server]; give exactly one of `mu` and `service`. */
  mu?: number;
  /** Any service-time distribution, e.g. `() => constant(1)` for M/D/1. */
  service?: ServiceFactory;
  /** Number of identical servers c sharing one FIFO queue. @defaultValue 1 */
  servers?: number;
  /** Customers measured after the warm-up (counted in order of arrival). */
  customers: number;
  /** Customers discarded at the start, while the empty initial queue fills up. @defaultValue 0 */
  warmupCustomers?: number;
  /** Root seed of the experiment. */
  seed: number | string;
  /** Replication index; replication i draws from the streams of seed `${seed}/rep${i}`. @defaultValue 0 */
  replication?: number;
}

/** Per-customer statistics of one run (measured customers only). */
export interface QueueResult {
  /** Number of measured customers. */
  customers: number;
  /** Mean wait in queue before service [ms]. */
  meanWait: number;
  /** Mean sojourn time (wait + service) [ms]. */
  meanSojourn: number;
  /** Median sojourn time [ms] (from the histogram, ≤ 0.1% relative bucket error). */
  sojournP50: number;
  /** 99th percentile of the sojourn time [ms]. */
  sojournP99: number;
  /** Fraction of customers that found all servers busy and had to wait. */
  waitProbability: number;
  /** Histogram of the measured sojourn times [ms]. */
  sojourns: LatencyHistogram;
  /** Events fired by the engine. */
  events: number;
}

// All the mutable state of one run. Event handlers are shared module-level functions that receive this
// record as their argument, so no closure is allocated per event.
interface QueueState {
  readonly engine: Engine;
  readonly interArrival: Sampler;
  readonly serviceTime: Sampler;
  readonly servers: number;
  readonly warmup: number;
  busy: number;
  arrivalsLeft: number;
  /** Customers whose service has started; FIFO, so this is also the arrival index of the next one. */
  started: number;
  /** Ring buffer of the arrival times [ms] of waiting customers, oldest at `head`. */
  waiting: Float64Array;
  head: number;
  queued: number;
  waitSum: number;
  sojournSum: number;
  waited: number;
  readonly sojourns: LatencyHistogram;
}

function onArrival(q: QueueState): void {
  const now = q.engine.now;
  if (q.busy < q.servers) {
    q.busy++;
    startService(q, now, now);
  } else {
    enqueue(q, now);
  }
  // Poisson arrivals: the next inter-arrival time is drawn when this customer arrives.
  if (--q.arrivalsLeft > 0) q.engine.schedule(q.interArrival(), onArrival, q);
}

function onDeparture(q: QueueState): void {
  // The freed server takes the oldest waiting customer, if any.
  if (q.queued > 0) startService(q, dequeue(q), q.engine.now);
  else q.busy--;
}

/** Starts serving the customer that arrived at `arrivalMs`; its wait and sojourn are known from now on. */
function startService(q: QueueState, arrivalMs: number, nowMs: number): void {
  const service = q.serviceTime();
  if (q.started++ >= q.warmup) {
    const wait = nowMs - arrivalMs;
    const sojourn = wait + service;
    q.waitSum += wait;
    q.sojournSum += sojourn;
    if (wait > 0) q.waited++;
    q.sojourns.record(sojourn);
  }
  q.engine.schedule(service, onDeparture, q);
}

function enqueue(q: QueueState, arrivalMs: number): void {
  if (q.queued === q.waiting.length) {
    // Full: double the buffer, unrolling the ring so the oldest customer is at index 0.
    const bigger = new Float64Array(q.waiting.length * 2);
    bigger.set(q.waiting.subarray(q.head));
    bigger.set(q.waiting.subarray(0, q.head), q.waiting.length - q.head);
    q.waiting = bigger;
    q.head = 0;
  }
  q.waiting[(q.head + q.queued) % q.waiting.length] = arrivalMs;
  q.queued++;
}

function dequeue(q: QueueState): number {
  const arrivalMs = q.waiting[q.head] as number;
  q.head = (q.head + 1) % q.waiting.length;
  q.queued--;
  return arrivalMs;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`simulateQueue: ${name} must be a finite number > 0 (got ${value})`);
  }
  return value;
}

function count(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`simulateQueue: ${name} must be an integer >= ${min} (got ${value})`);
  }
  return value;
}

/**
 * Simulates a FIFO queue with `servers` identical servers, Poisson arrivals at rate `lambda` and the
 * given service times, starting empty at time 0. The first `warmupCustomers` arrivals are simulated but
 * not measured; the next `customers` are. Arrivals and service times come from two separate named
 * streams ('arrivals', 'service') of `new RandomStreams(`${seed}/rep${replication}`)`, so a run is
 * reproducible and replications are independent.
 */
export function simulateQueue(config: QueueConfig): QueueResult {
  const lambda = positive('lambda', config.lambda);
  const servers = count('servers', config.servers ?? 1, 1);
  const customers = count('customers', config.customers, 1);
  const warmup = count('warmupCustomers', config.warmupCustomers ?? 0, 0);
  const replication = count('replication', config.replication ?? 0, 0);
  if ((config.mu === undefined) === (config.service === undefined)) {
    throw new RangeError('simulateQueue: give exactly one of mu (exponential service) and service');
  }

  const streams = new RandomStreams(`${String(config.seed)}/rep${replication}`);
  const arrivals = streams.stream('arrivals');
  const serviceRandom = streams.stream('service');
  const serviceTime =
    config.mu !== undefined
      ? exponential(1 / positive('mu', config.mu), serviceRandom)
      : config.service!(serviceRandom);

  const engine = new Engine();
  const q: QueueState = {
    engine,
    interArrival: exponential(1 / lambda, arrivals),
    serviceTime,
    servers,
    warmup,
    busy: 0,
    arrivalsLeft: warmup + customers,
    started: 0,
    waiting: new Float64Array(1024),
    head: 0,
    queued: 0,
    waitSum: 0,
    sojournSum: 0,
    waited: 0,
    // 2^10 sub-buckets per octave: quantiles within 0.1% of the exact sample quantile.
    sojourns: new LatencyHistogram({ subBucketBits: 10 }),
  };
  engine.schedule(q.interArrival(), onArrival, q);
  const { eventsProcessed } = engine.run();

  const [p50, p99] = q.sojourns.quantiles([0.5, 0.99]) as [number, number];
  return {
    customers,
    meanWait: q.waitSum / customers,
    meanSojourn: q.sojournSum / customers,
    sojournP50: p50,
    sojournP99: p99,
    waitProbability: q.waited / customers,
    sojourns: q.sojourns,
    events: eventsProcessed,
  };
}

/** The statistics estimated across replications, with their confidence intervals. */
export type QueueMetric = 'meanWait' | 'meanSojourn' | 'sojournP50' | 'sojournP99' | 'waitProbability';

/** Result of {@link replicateQueue}. */
export interface ReplicatedResult {
  /** One result per replication, in order. */
  runs: QueueResult[];
  /** Student-t confidence interval of each metric over the replications (one observation per run). */
  ci: Record<QueueMetric, MeanConfidenceInterval>;
}

const METRICS: readonly QueueMetric[] = [
  'meanWait',
  'meanSojourn',
  'sojournP50',
  'sojournP99',
  'waitProbability',
];

/**
 * Runs `replications` independent replications (replication index 0 … n−1, each with its own warm-up)
 * and returns a `confidence` Student-t interval for each metric, treating each replication's estimate
 * as one independent observation. Within a run the customers are strongly autocorrelated, which is why
 * the interval is built from replications rather than from the individual customers.
 */
export function replicateQueue(
  config: Omit<QueueConfig, 'replication'>,
  replications: number,
  confidence = 0.99,
): ReplicatedResult {
  count('replications', replications, 2);
  const runs: QueueResult[] = [];
  for (let i = 0; i < replications; i++) runs.push(simulateQueue({ ...config, replication: i }));
  const ci = {} as Record<QueueMetric, MeanConfidenceInterval>;
  for (const metric of METRICS) {
    ci[metric] = meanConfidenceInterval(
      runs.map((run) => run[metric]),
      confidence,
    );
  }
  return { runs, ci };
}

// ---------------------------------------------------------------------------------------------------
// Validation experiments: each compares simulated statistics with theory (./theory.ts), with a 99%
// confidence interval from independent replications. Shared by examples/queueing-validation.ts and
// examples/test/queueing*.test.ts, so the test checks exactly what the example prints.

/** One statistic compared with theory. */
export interface ValidationCheckSpec {
  /** Row label, with its unit. */
  metric: string;
  /** Which replication statistic is compared. */
  key: QueueMetric;
  /** The theoretical value. */
  theory: number;
  /** The largest accepted 99% CI half-width, relative to the estimate (0.01 = 1%). */
  maxRelativeHalfWidth: number;
}

/** A queue, a replication design and the statistics to compare with theory. */
export interface ValidationExperiment {
  /** Kendall notation, e.g. "M/M/1". */
  model: string;
  /** Parameters in words, for the table title. */
  parameters: string;
  /** The queue; each replication adds the root seed and its index. */
  queue: Omit<QueueConfig, 'seed' | 'replication'>;
  /** Number of independent replications. */
  replications: number;
  checks: readonly ValidationCheckSpec[];
}

/** The outcome of one {@link ValidationCheckSpec}. */
export interface ValidationCheck extends ValidationCheckSpec {
  /** 99% Student-t interval over the replications. */
  ci: MeanConfidenceInterval;
  /** ci.halfWidth / ci.mean. */
  relativeHalfWidth: number;
  /** relativeHalfWidth ≤ maxRelativeHalfWidth: the experiment was precise enough to mean something. */
  halfWidthOk: boolean;
  /** ci.low ≤ theory ≤ ci.high. */
  insideCi: boolean;
}

/** The outcome of {@link runValidation}. */
export interface ValidationResult {
  experiment: ValidationExperiment;
  rootSeed: number | string;
  checks: ValidationCheck[];
  /** Events fired over all replications. */
  events: number;
}

/** Confidence level of every interval. */
export const VALIDATION_CONFIDENCE = 0.99;

const MILLION = 1_000_000;

// Sizing. Each replication simulates 10^6 measured customers after a 10^4-customer warm-up (≫ the
// relaxation time of a few hundred customers at ρ = 0.9). Over 10^6 customers the relative standard
// deviation of a replication's estimate, measured over 160–200 replications, is about: M/M/1 mean
// sojourn 1.9%, p50 1.6%, p99 4.2%; M/M/4 mean wait 1.4%; M/D/1 mean wait 1.4%. The 99% half-width is
// t(0.995, R−1)·s/√R, so R = 60 (M/M/1) and R = 32 (M/M/4, M/D/1) give typical half-widths of ~0.66%,
// ~0.52%, ~1.45% and ~0.7%, leaving a margin for the spread of s itself (the limits are 1% and 2%).

/** M/M/1 at ρ = 0.9: mean sojourn 1/(μ − λ) = 10 ms, and its p50 and p99 (sojourn ~ Exp(μ − λ)). */
export const MM1_EXPERIMENT: ValidationExperiment = {
  model: 'M/M/1',
  parameters: 'λ = 0.9/ms, μ = 1/ms (ρ = 0.9)',
  queue: { lambda: 0.9, mu: 1, servers: 1, customers: MILLION, warmupCustomers: 10_000 },
  replications: 60,
  checks: [
    {
      metric: 'mean sojourn W [ms]',
      key: 'meanSojourn',
      theory: mm1MeanSojourn(0.9, 1),
      maxRelativeHalfWidth: 0.01,
    },
    {
      metric: 'sojourn p50 [ms]',
      key: 'sojournP50',
      theory: mm1SojournQuantile(0.9, 1, 0.5),
      maxRelativeHalfWidth: 0.01,
    },
    {
      metric: 'sojourn p99 [ms]',
      key: 'sojournP99',
      theory: mm1SojournQuantile(0.9, 1, 0.99),
      maxRelativeHalfWidth: 0.02,
    },
  ],
};

/** M/M/4 at ρ = 0.8: Erlang C probability of waiting and mean wait C(c, a)/(cμ − λ). */
export const MMC_EXPERIMENT: ValidationExperiment = {
  model: 'M/M/4',
  parameters: 'c = 4, λ = 3.2/ms, μ = 1/ms (ρ = 0.8)',
  queue: { lambda: 3.2, mu: 1, servers: 4, customers: MILLION, warmupCustomers: 10_000 },
  replications: 32,
  checks: [
    { metric: 'P(wait > 0)', key: 'waitProbability', theory: erlangC(4, 3.2), maxRelativeHalfWidth: 0.01 },
    {
      metric: 'mean wait Wq [ms]',
      key: 'meanWait',
      theory: mmcMeanWait(3.2, 1, 4),
      maxRelativeHalfWidth: 0.01,
    },
  ],
};

/** M/D/1 at ρ = 0.9: Pollaczek–Khinchine mean wait ρ/(2μ(1 − ρ)) = 4.5 ms. */
export const MD1_EXPERIMENT: ValidationExperiment = {
  model: 'M/D/1',
  parameters: 'λ = 0.9/ms, service = 1 ms (ρ = 0.9)',
  queue: { lambda: 0.9, service: () => constant(1), servers: 1, customers: MILLION, warmupCustomers: 10_000 },
  replications: 32,
  checks: [
    { metric: 'mean wait Wq [ms]', key: 'meanWait', theory: md1MeanWait(0.9, 1), maxRelativeHalfWidth: 0.01 },
  ],
};

/** All experiments, in the order the example prints them. */
export const VALIDATION_EXPERIMENTS: readonly ValidationExperiment[] = [
  MM1_EXPERIMENT,
  MMC_EXPERIMENT,
  MD1_EXPERIMENT,
];

/** Runs an experiment's replications from `rootSeed` and compares each statistic with theory. */
export function runValidation(experiment: ValidationExperiment, rootSeed: number | string): ValidationResult {
  const { runs, ci } = replicateQueue(
    { ...experiment.queue, seed: rootSeed },
    experiment.replications,
    VALIDATION_CONFIDENCE,
  );
  const checks = experiment.checks.map((spec): ValidationCheck => {
    const interval = ci[spec.key];
    const relativeHalfWidth = interval.halfWidth / interval.mean;
    return {
      ...spec,
      ci: interval,
      relativeHalfWidth,
      halfWidthOk: relativeHalfWidth <= spec.maxRelativeHalfWidth,
      insideCi: interval.low <= spec.theory && spec.theory <= interval.high,
    };
  });
  const events = runs.reduce((sum, run) => sum + run.events, 0);
  return { experiment, rootSeed, checks, events };
}

/** A plain-text table: `metric | theory | simulated | 99% CI ± | inside CI`. */
export function formatValidationTable(result: ValidationResult): string {
  const { experiment, rootSeed } = result;
  const { customers, warmupCustomers = 0 } = experiment.queue;
  const header = ['metric', 'theory', 'simulated', '99% CI ± (limit)', 'inside CI'];
  const rows = result.checks.map((check) => [
    check.metric,
    check.theory.toFixed(4),
    check.ci.mean.toFixed(4),
    `${check.ci.halfWidth.toFixed(4)} (${percent(check.relativeHalfWidth)} ${check.halfWidthOk ? '≤' : '>'} ` +
      `${percent(check.maxRelativeHalfWidth, 0)})`,
    check.insideCi ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] as string).length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => {
        const width = widths[i] as number;
        return i === 0 || i === cells.length - 1 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join(' | ')
      .trimEnd();
  const title =
    `${experiment.model}: ${experiment.parameters}; ${experiment.replications} replications × ` +
    `${customers.toLocaleString('en-US')} customers (after ${warmupCustomers.toLocaleString('en-US')} warm-up), ` +
    `root seed ${String(rootSeed)}`;
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}
