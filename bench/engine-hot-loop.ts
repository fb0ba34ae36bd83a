// Engine hot-loop benchmark: the meshsim Engine against the naive closure/object-heap baseline, in the same Bench.
// Scenarios: timer churn at 10^3/10^5/10^6 pending, M/M/1 (event scheduling), and cancel-heavy request timeouts.
//
// Run alone with `npx tsx --tsconfig tsconfig.json bench/engine-hot-loop.ts`, or through `pnpm bench` (run-all.ts).

import { pathToFileURL } from 'node:url';

import { Engine, RandomStreams, type Random, type TimerHandle } from '@meshsim/engine';
import { Bench, type Task } from 'tinybench';

import { NaiveEngine, type NaiveEvent } from './baseline/NaiveEngine.js';

/** Root seed of every random stream in this benchmark. */
const SEED = 42;
/** Events fired per churn iteration. */
const CHURN_EVENTS_PER_ITERATION = 200_000;
/** Customers served per M/M/1 iteration. */
const MM1_CUSTOMERS_PER_ITERATION = 100_000;
/** M/M/1 arrival rate [1/ms] and service rate [1/ms]. */
const MM1_LAMBDA_PER_MS = 0.9;
const MM1_MU_PER_MS = 1.0;
/** Requests completed or timed out per cancel-heavy iteration (each ends with exactly one fired event). */
const CANCEL_REQUESTS_PER_ITERATION = 100_000;
/** Concurrent request loops in the cancel-heavy scenario. */
const CANCEL_CONCURRENCY = 1_000;
/** Mean service time [ms] and per-request timeout [ms]: P(service < timeout) = 1 - e^(-ln 10) = 0.9. */
const CANCEL_SERVICE_MEAN_MS = 1;
const CANCEL_TIMEOUT_MS = Math.LN10 * CANCEL_SERVICE_MEAN_MS;

/**
 * tinybench budget per task: at least `iterations` timed iterations and `time` ms, after a warmup of at
 * least `warmupIterations` and `warmupTime` ms. The whole script takes about 45 s on 2 cores.
 */
const BENCH_OPTIONS = { time: 2500, iterations: 12, warmupTime: 400, warmupIterations: 3 };

/** The throughput targets (2-core machine, Node 20). */
const TARGETS = {
  churn1e3EventsPerSec: 5e6,
  churn1e6EventsPerSec: 1.2e6,
  mm1CustomersPerSec: 3e6,
} as const;

/** Measured throughput of one scenario, engine and naive baseline. */
export interface ScenarioResult {
  /** Scenario name, e.g. `churn`. */
  scenario: string;
  /** Pending events while the scenario runs, as printed (e.g. `10^3`). */
  pending: string;
  /** What one unit of work is: fired events. */
  unit: 'events';
  /** Engine throughput [events/s]. */
  engineEventsPerSec: number;
  /** Naive baseline throughput [events/s]. */
  naiveEventsPerSec: number;
  /** engine / naive (×). */
  ratio: number;
  /** Relative margin of error of the mean iteration time [%], engine and naive. */
  engineRmePct: number;
  naiveRmePct: number;
  /** Timed iterations, engine and naive. */
  engineSamples: number;
  naiveSamples: number;
  /** Secondary figures of the scenario (customers/s, mean waits, cancel ratio...). */
  extra: Record<string, number>;
}

/** One throughput target of the issue and whether the engine met it. */
export interface TargetResult {
  /** What is measured, e.g. `churn, 10^3 pending`. */
  name: string;
  /** Unit of `threshold` and `measured`, e.g. `events/s`. */
  unit: string;
  threshold: number;
  measured: number;
  met: boolean;
}

/** A correctness check of the benchmark itself (engine and baseline must do identical work). */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** Everything one bench script reports. */
export interface BenchReport {
  /** Script name. */
  name: string;
  scenarios: ScenarioResult[];
  targets: TargetResult[];
  checks: CheckResult[];
}

/** Options of {@link run}. */
export interface RunOptions {
  /** Where progress lines go. @defaultValue console.log */
  log?: (line: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Workloads. Each has an engine and a naive variant that draw the same numbers in the same order,
// so both process the identical event sequence (checked by selfCheck below).
// ---------------------------------------------------------------------------------------------

/** Exp variate with the given mean, by inversion. */
const exp = (random: Random, meanMs: number): number => -Math.log(1 - random()) * meanMs;

/** A workload under test: `step()` does one iteration of work and returns the units done. */
interface Workload {
  step(): number;
  /** Simulated clock [ms], to compare engine and baseline. */
  now(): number;
  /** Events fired since the workload was built. */
  eventsFired(): number;
  extra(): Record<string, number>;
}

// --- Timer churn: `pending` timers, each rescheduling itself with an Exp(1) delay when it fires.

function engineChurn(pending: number, eventsPerStep: number): Workload {
  const engine = new Engine();
  const random = RandomStreams.create(SEED, 'churn');
  // PERF: one shared handler with an int argument; no closure per event.
  const onTimer = (i: number): void => {
    engine.schedule(-Math.log(1 - random()), onTimer, i);
  };
  for (let i = 0; i < pending; i++) engine.schedule(-Math.log(1 - random()), onTimer, i);
  return {
    step: () => engine.run({ maxEvents: eventsPerStep }).eventsProcessed,
    now: () => engine.now,
    eventsFired: () => engine.eventsFired,
    extra: () => ({}),
  };
}

function naiveChurn(pending: number, eventsPerStep: number): Workload {
  const sim = new NaiveEngine();
  const random = RandomStreams.create(SEED, 'churn');
  const tick = (i: number): void => {
    sim.schedule(-Math.log(1 - random()), () => tick(i));
  };
  for (let i = 0; i < pending; i++) sim.schedule(-Math.log(1 - random()), () => tick(i));
  return {
    step: () => sim.run(eventsPerStep),
    now: () => sim.now,
    eventsFired: () => sim.fired,
    extra: () => ({}),
  };
}

// --- M/M/1, event scheduling: arrival and departure events, FIFO ring buffer of arrival times.

/** FIFO of arrival times [ms] in a growable ring buffer. */
class ArrivalRing {
  private buffer = new Float64Array(1 << 12);
  private head = 0;
  /** Customers in the system (waiting or in service). */
  length = 0;

  push(timeMs: number): void {
    if (this.length === this.buffer.length) this.grow();
    this.buffer[(this.head + this.length) & (this.buffer.length - 1)] = timeMs;
    this.length++;
  }

  shift(): number {
    const timeMs = this.buffer[this.head] as number;
    this.head = (this.head + 1) & (this.buffer.length - 1);
    this.length--;
    return timeMs;
  }

  front(): number {
    return this.buffer[this.head] as number;
  }

  private grow(): void {
    const next = new Float64Array(this.buffer.length * 2);
    for (let i = 0; i < this.length; i++)
      next[i] = this.buffer[(this.head + i) & (this.buffer.length - 1)] as number;
    this.buffer = next;
    this.head = 0;
  }
}

/** M/M/1 counters shared by both variants. */
class Mm1Stats {
  served = 0;
  sumWaitMs = 0;
  sumSojournMs = 0;
  extra(): Record<string, number> {
    return {
      customers: this.served,
      meanWqMs: this.sumWaitMs / this.served,
      meanWMs: this.sumSojournMs / this.served,
    };
  }
}

/** M/M/1 workload; `step()` returns customers served. */
function engineMm1(customersPerStep: number): Workload {
  const engine = new Engine();
  const arrivals = RandomStreams.create(SEED, 'mm1/arrivals');
  const service = RandomStreams.create(SEED, 'mm1/service');
  const ring = new ArrivalRing();
  const stats = new Mm1Stats();
  let stopAt = 0;
  const onDeparture = (): void => {
    const now = engine.now;
    stats.sumSojournMs += now - ring.shift();
    if (ring.length > 0) {
      stats.sumWaitMs += now - ring.front();
      engine.schedule(exp(service, 1 / MM1_MU_PER_MS), onDeparture);
    }
    if (++stats.served === stopAt) engine.stop();
  };
  const onArrival = (): void => {
    ring.push(engine.now);
    if (ring.length === 1) engine.schedule(exp(service, 1 / MM1_MU_PER_MS), onDeparture);
    engine.schedule(exp(arrivals, 1 / MM1_LAMBDA_PER_MS), onArrival);
  };
  engine.schedule(exp(arrivals, 1 / MM1_LAMBDA_PER_MS), onArrival);
  return {
    step: () => {
      const before = stats.served;
      stopAt = before + customersPerStep;
      engine.run();
      return stats.served - before;
    },
    now: () => engine.now,
    eventsFired: () => engine.eventsFired,
    extra: () => stats.extra(),
  };
}

function naiveMm1(customersPerStep: number): Workload {
  const sim = new NaiveEngine();
  const arrivals = RandomStreams.create(SEED, 'mm1/arrivals');
  const service = RandomStreams.create(SEED, 'mm1/service');
  const ring = new ArrivalRing();
  const stats = new Mm1Stats();
  let stopAt = 0;
  const onDeparture = (): void => {
    const now = sim.now;
    stats.sumSojournMs += now - ring.shift();
    if (ring.length > 0) {
      stats.sumWaitMs += now - ring.front();
      sim.schedule(exp(service, 1 / MM1_MU_PER_MS), () => onDeparture());
    }
    if (++stats.served === stopAt) sim.stop();
  };
  const onArrival = (): void => {
    ring.push(sim.now);
    if (ring.length === 1) sim.schedule(exp(service, 1 / MM1_MU_PER_MS), () => onDeparture());
    sim.schedule(exp(arrivals, 1 / MM1_LAMBDA_PER_MS), () => onArrival());
  };
  sim.schedule(exp(arrivals, 1 / MM1_LAMBDA_PER_MS), () => onArrival());
  return {
    step: () => {
      const before = stats.served;
      stopAt = before + customersPerStep;
      sim.run();
      return stats.served - before;
    },
    now: () => sim.now,
    eventsFired: () => sim.fired,
    extra: () => stats.extra(),
  };
}

// --- Cancel-heavy: each request schedules a completion and a timeout; whichever fires first cancels the other.

function engineCancelHeavy(concurrency: number, requestsPerStep: number): Workload {
  const engine = new Engine();
  const random = RandomStreams.create(SEED, 'cancel/service');
  const completionHandles = new Float64Array(concurrency);
  const timeoutHandles = new Float64Array(concurrency);
  let completed = 0;
  let timedOut = 0;
  const start = (i: number): void => {
    completionHandles[i] = engine.schedule(exp(random, CANCEL_SERVICE_MEAN_MS), onComplete, i);
    timeoutHandles[i] = engine.schedule(CANCEL_TIMEOUT_MS, onTimeout, i);
  };
  const onComplete = (i: number): void => {
    engine.cancel(timeoutHandles[i] as TimerHandle);
    completed++;
    start(i);
  };
  const onTimeout = (i: number): void => {
    engine.cancel(completionHandles[i] as TimerHandle);
    timedOut++;
    start(i);
  };
  for (let i = 0; i < concurrency; i++) start(i);
  return {
    step: () => engine.run({ maxEvents: requestsPerStep }).eventsProcessed,
    now: () => engine.now,
    eventsFired: () => engine.eventsFired,
    extra: () => ({
      requests: completed + timedOut,
      cancelledTimeoutShare: completed / (completed + timedOut),
    }),
  };
}

function naiveCancelHeavy(concurrency: number, requestsPerStep: number): Workload {
  const sim = new NaiveEngine();
  const random = RandomStreams.create(SEED, 'cancel/service');
  const completions: NaiveEvent[] = new Array<NaiveEvent>(concurrency);
  const timeouts: NaiveEvent[] = new Array<NaiveEvent>(concurrency);
  let completed = 0;
  let timedOut = 0;
  const start = (i: number): void => {
    completions[i] = sim.schedule(exp(random, CANCEL_SERVICE_MEAN_MS), () => {
      sim.cancel(timeouts[i] as NaiveEvent);
      completed++;
      start(i);
    });
    timeouts[i] = sim.schedule(CANCEL_TIMEOUT_MS, () => {
      sim.cancel(completions[i] as NaiveEvent);
      timedOut++;
      start(i);
    });
  };
  for (let i = 0; i < concurrency; i++) start(i);
  return {
    step: () => sim.run(requestsPerStep),
    now: () => sim.now,
    eventsFired: () => sim.fired,
    extra: () => ({
      requests: completed + timedOut,
      cancelledTimeoutShare: completed / (completed + timedOut),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Harness.
// ---------------------------------------------------------------------------------------------

/** A task's workload and counters; rebuilt in beforeAll of each phase (warmup, run), dropped in afterAll. */
class TaskState {
  workload: Workload | null = null;
  units = 0;
  events = 0;
  lastExtra: Record<string, number> = {};
  constructor(private readonly build: () => Workload) {}

  hooks(): { beforeAll: (this: Task) => void; afterAll: (this: Task) => void } {
    return {
      beforeAll: () => {
        this.workload = this.build();
        this.units = 0;
        this.events = 0;
      },
      afterAll: () => {
        if (this.workload !== null) this.lastExtra = this.workload.extra();
        this.workload = null; // let the GC reclaim 10^6-event queues between phases
      },
    };
  }

  /** The timed function: one iteration of the workload. */
  readonly fn = (): void => {
    const w = this.workload as Workload;
    const firedBefore = w.eventsFired();
    this.units += w.step();
    this.events += w.eventsFired() - firedBefore;
  };
}

/** Per-iteration throughput of a finished task: units per iteration / mean iteration time. */
function throughput(
  task: Task | undefined,
  unitsTotal: number,
): { perSec: number; perSecP50: number; rmePct: number; samples: number } {
  if (task === undefined) throw new Error('task missing');
  const result = task.result;
  if (result.state !== 'completed') {
    const error = result.state === 'errored' ? result.error : new Error(`task ${task.name}: ${result.state}`);
    throw error;
  }
  const runs = result.latency.samplesCount;
  const perIteration = unitsTotal / runs;
  return {
    perSec: perIteration / (result.latency.mean / 1000),
    // Same units per iteration over the median iteration time: less sensitive to a few slow iterations.
    perSecP50: perIteration / (result.latency.p50 / 1000),
    rmePct: result.latency.rme,
    samples: runs,
  };
}

interface ScenarioSpec {
  scenario: string;
  pending: string;
  engine: () => Workload;
  naive: () => Workload;
  bench: typeof BENCH_OPTIONS;
}

async function runScenario(spec: ScenarioSpec): Promise<{
  result: ScenarioResult;
  engineUnitsPerSec: number;
  naiveUnitsPerSec: number;
}> {
  const engineState = new TaskState(spec.engine);
  const naiveState = new TaskState(spec.naive);
  const bench = new Bench({ name: `${spec.scenario}, ${spec.pending} pending`, ...spec.bench, throws: true });
  bench.add('engine', engineState.fn, engineState.hooks()).add('naive', naiveState.fn, naiveState.hooks());
  await bench.run();

  const engineUnits = throughput(bench.getTask('engine'), engineState.units);
  const naiveUnits = throughput(bench.getTask('naive'), naiveState.units);
  const engineEvents = throughput(bench.getTask('engine'), engineState.events);
  const naiveEvents = throughput(bench.getTask('naive'), naiveState.events);
  return {
    result: {
      scenario: spec.scenario,
      pending: spec.pending,
      unit: 'events',
      engineEventsPerSec: engineEvents.perSec,
      naiveEventsPerSec: naiveEvents.perSec,
      ratio: engineEvents.perSec / naiveEvents.perSec,
      engineRmePct: engineEvents.rmePct,
      naiveRmePct: naiveEvents.rmePct,
      engineSamples: engineEvents.samples,
      naiveSamples: naiveEvents.samples,
      extra: {
        engineEventsPerIteration: engineState.events / engineEvents.samples,
        engineEventsPerSecP50: engineEvents.perSecP50,
        naiveEventsPerSecP50: naiveEvents.perSecP50,
        ...prefixKeys('engine', engineState.lastExtra),
        ...prefixKeys('naive', naiveState.lastExtra),
      },
    },
    engineUnitsPerSec: engineUnits.perSec,
    naiveUnitsPerSec: naiveUnits.perSec,
  };
}

function prefixKeys(prefix: string, record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(record))
    out[`${prefix}${key[0]?.toUpperCase()}${key.slice(1)}`] = value;
  return out;
}

/** Runs engine and baseline side by side on a small size and checks they end at the same simulated time. */
function selfCheck(name: string, engine: Workload, naive: Workload, steps: number): CheckResult {
  let engineUnits = 0;
  let naiveUnits = 0;
  for (let i = 0; i < steps; i++) {
    engineUnits += engine.step();
    naiveUnits += naive.step();
  }
  const ok = engineUnits === naiveUnits && engine.now() === naive.now();
  return {
    name: `${name}: engine and naive process the same event sequence`,
    ok,
    detail: `units ${engineUnits} vs ${naiveUnits}, clock ${engine.now()} ms vs ${naive.now()} ms`,
  };
}

const fmtM = (perSec: number): string => (perSec / 1e6).toFixed(2);

/**
 * Runs every scenario and returns the figures. Prints one line per scenario (events/s or
 * customers/s for engine and baseline, and the ratio) through `options.log`.
 */
export async function run(options: RunOptions = {}): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const scenarios: ScenarioResult[] = [];
  const checks: CheckResult[] = [
    selfCheck('churn', engineChurn(1000, 10_000), naiveChurn(1000, 10_000), 5),
    selfCheck('M/M/1', engineMm1(10_000), naiveMm1(10_000), 5),
    selfCheck('cancel-heavy', engineCancelHeavy(100, 10_000), naiveCancelHeavy(100, 10_000), 5),
  ];
  for (const check of checks) if (!check.ok) log(`CHECK FAILED: ${check.name} (${check.detail})`);

  for (const [pending, label] of [
    [1_000, '10^3'],
    [100_000, '10^5'],
    [1_000_000, '10^6'],
  ] as const) {
    const { result } = await runScenario({
      scenario: 'churn',
      pending: label,
      engine: () => engineChurn(pending, CHURN_EVENTS_PER_ITERATION),
      naive: () => naiveChurn(pending, CHURN_EVENTS_PER_ITERATION),
      bench: BENCH_OPTIONS,
    });
    scenarios.push(result);
    log(
      `churn, ${label} pending: engine ${fmtM(result.engineEventsPerSec)} M events/s (±${result.engineRmePct.toFixed(1)}%), ` +
        `naive ${fmtM(result.naiveEventsPerSec)} M events/s (±${result.naiveRmePct.toFixed(1)}%), ratio ${result.ratio.toFixed(2)}×`,
    );
  }

  // M/M/1: units are customers; events are counted from the kernel's own fired counter.
  const mm1 = await runScenario({
    scenario: 'M/M/1 (λ=0.9, μ=1)',
    pending: '1–2',
    engine: () => engineMm1(MM1_CUSTOMERS_PER_ITERATION),
    naive: () => naiveMm1(MM1_CUSTOMERS_PER_ITERATION),
    bench: BENCH_OPTIONS,
  });
  mm1.result.extra['engineCustomersPerSec'] = mm1.engineUnitsPerSec;
  mm1.result.extra['naiveCustomersPerSec'] = mm1.naiveUnitsPerSec;
  scenarios.push(mm1.result);
  log(
    `M/M/1 (λ=0.9, μ=1): engine ${fmtM(mm1.engineUnitsPerSec)} M customers/s ` +
      `(${fmtM(mm1.result.engineEventsPerSec)} M events/s), naive ${fmtM(mm1.naiveUnitsPerSec)} M customers/s ` +
      `(${fmtM(mm1.result.naiveEventsPerSec)} M events/s), ratio ${(mm1.engineUnitsPerSec / mm1.naiveUnitsPerSec).toFixed(2)}×; ` +
      `engine Wq ${mm1.result.extra['engineMeanWqMs']?.toFixed(3)} ms (theory 9), W ${mm1.result.extra['engineMeanWMs']?.toFixed(3)} ms (theory 10)`,
  );

  const cancel = await runScenario({
    scenario: 'cancel-heavy (90% timeouts cancelled)',
    pending: '2×10^3 live',
    engine: () => engineCancelHeavy(CANCEL_CONCURRENCY, CANCEL_REQUESTS_PER_ITERATION),
    naive: () => naiveCancelHeavy(CANCEL_CONCURRENCY, CANCEL_REQUESTS_PER_ITERATION),
    bench: BENCH_OPTIONS,
  });
  scenarios.push(cancel.result);
  log(
    `cancel-heavy, ${CANCEL_CONCURRENCY} concurrent requests: engine ${fmtM(cancel.result.engineEventsPerSec)} M events/s, ` +
      `naive ${fmtM(cancel.result.naiveEventsPerSec)} M events/s, ratio ${cancel.result.ratio.toFixed(2)}× ` +
      `(1 fired + 1 cancelled event per request; cancelled share ${cancel.result.extra['engineCancelledTimeoutShare']?.toFixed(3)})`,
  );

  const churn1e3 = scenarios[0] as ScenarioResult;
  const churn1e6 = scenarios[2] as ScenarioResult;
  const targets: TargetResult[] = [
    target('churn, 10^3 pending', 'events/s', TARGETS.churn1e3EventsPerSec, churn1e3.engineEventsPerSec),
    target('churn, 10^6 pending', 'events/s', TARGETS.churn1e6EventsPerSec, churn1e6.engineEventsPerSec),
    target('M/M/1', 'customers/s', TARGETS.mm1CustomersPerSec, mm1.engineUnitsPerSec),
  ];
  for (const t of targets) {
    log(
      `target ${t.name} ≥ ${fmtM(t.threshold)} M ${t.unit}: ${fmtM(t.measured)} M → ${t.met ? 'MET' : 'MISSED'}`,
    );
  }
  return { name: 'engine-hot-loop', scenarios, targets, checks };
}

function target(name: string, unit: string, threshold: number, measured: number): TargetResult {
  return { name, unit, threshold, measured, met: measured >= threshold };
}

// Run directly: `tsx bench/engine-hot-loop.ts`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
