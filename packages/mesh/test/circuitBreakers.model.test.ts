// Model-based tests (fast-check commands): both breakers — the per-destination error-rate breaker and
// per-endpoint failure accrual — against small reference models, every transition checked legal.

import { RandomStreams } from '@meshsim/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorRateBreaker, FailureAccrual, isLegalBreakerTransition } from '../src/internal/index.js';
import type { ErrorRateBreakerConfig, FailureAccrualConfig } from '../src/index.js';
import type { BreakerState } from '../src/internal/index.js';
import type { AttemptResult } from '../src/config/AttemptResult.js';
import type { Instance } from '../src/server/Instance.js';
import { fakeInstances } from './__helpers__/policyHarness.js';

const SUCCESSES: readonly AttemptResult[] = ['ok', 'rate-limited', 'denied'];
const FAILURES: readonly (AttemptResult | 'timeout')[] = [
  'error',
  'rejected',
  'reset',
  'per-try-timeout',
  'timeout',
];

/** Records transitions and checks each is legal and starts where the previous one ended. */
class TransitionLog {
  private readonly last = new Map<number, BreakerState>();
  constructor(readonly seen: Map<string, number>) {}
  record(key: number, from: BreakerState, to: BreakerState): void {
    expect(isLegalBreakerTransition(from, to), `${from} → ${to}`).toBe(true);
    expect(from).toBe(this.last.get(key) ?? 'closed');
    this.last.set(key, to);
    this.seen.set(`${from} → ${to}`, (this.seen.get(`${from} → ${to}`) ?? 0) + 1);
  }
}

/** Every legal transition happened at least `times` times over the runs. */
function expectAllTransitionsExercised(seen: Map<string, number>, times: number): void {
  for (const t of ['closed → open', 'open → half-open', 'half-open → closed', 'half-open → open']) {
    expect(seen.get(t) ?? 0, t).toBeGreaterThanOrEqual(times);
  }
}

// ---------------------------------------------------------------------------------------------
// Error-rate breaker

/** Reference: keeps every recorded request with its bucket and filters, instead of a ring of counts. */
class ErrorRateModel {
  now = 0;
  inFlight = 0;
  private state: BreakerState = 'closed';
  private openUntil = 0;
  private events: { bucket: number; failed: boolean }[] = [];
  private probesStarted = 0;
  private probesOut = 0;
  private probeSuccesses = 0;

  constructor(private readonly c: ErrorRateBreakerConfig) {}

  stateNow(): BreakerState {
    if (this.state === 'open' && this.now >= this.openUntil) this.state = 'half-open';
    return this.state;
  }
  admits(): boolean {
    const s = this.stateNow();
    return s === 'closed' || (s === 'half-open' && this.probesStarted < this.c.halfOpenProbes);
  }
  start(): void {
    if (this.stateNow() === 'half-open') {
      this.probesStarted++;
      this.probesOut++;
    }
    this.inFlight++;
  }
  end(failed: boolean): void {
    this.inFlight--;
    const s = this.stateNow();
    if (s === 'closed') {
      const bucket = (t: number): number => Math.floor(t / (this.c.windowMs / 10));
      this.events.push({ bucket: bucket(this.now), failed });
      const current = bucket(this.now);
      const window = this.events.filter((e) => e.bucket > current - 10);
      const failures = window.filter((e) => e.failed).length;
      if (
        window.length >= this.c.minimumRequests &&
        failures / window.length >= this.c.failureRateThreshold
      ) {
        this.trip();
      }
    } else if (s === 'half-open' && this.probesOut > 0) {
      this.probesOut--;
      if (failed) this.trip();
      else if (++this.probeSuccesses >= this.c.halfOpenProbes) {
        this.state = 'closed';
        this.events = [];
      }
    }
  }
  private trip(): void {
    this.state = 'open';
    this.openUntil = this.now + this.c.openMs;
    this.probesStarted = 0;
    this.probesOut = 0;
    this.probeSuccesses = 0;
  }
}

interface ErrorRateReal {
  breaker: ErrorRateBreaker;
  host: Instance;
  now: number;
}

type ErrorRateCommand = fc.Command<ErrorRateModel, ErrorRateReal>;

function compareErrorRate(m: ErrorRateModel, r: ErrorRateReal): void {
  expect(r.breaker.stateAt(r.now)).toBe(m.stateNow());
}

function tryAdmitErrorRate(m: ErrorRateModel, r: ErrorRateReal): boolean {
  const admitted = r.breaker.admit(false, r.now) === null;
  expect(admitted).toBe(m.admits());
  if (admitted) {
    r.breaker.onAttemptStart(r.host, false, r.now);
    m.start();
  }
  return admitted;
}

class AdvanceErrorRate implements ErrorRateCommand {
  constructor(readonly ms: number) {}
  check(): boolean {
    return true;
  }
  run(m: ErrorRateModel, r: ErrorRateReal): void {
    m.now += this.ms;
    r.now += this.ms;
    compareErrorRate(m, r);
  }
  toString(): string {
    return `advance(${this.ms})`;
  }
}

class TryAdmitErrorRate implements ErrorRateCommand {
  check(): boolean {
    return true;
  }
  run(m: ErrorRateModel, r: ErrorRateReal): void {
    tryAdmitErrorRate(m, r);
    compareErrorRate(m, r);
  }
  toString(): string {
    return 'tryAdmit';
  }
}

/** Ends the oldest attempt in flight with `result` (admitting one first when none is out). */
class EndErrorRate implements ErrorRateCommand {
  constructor(readonly result: AttemptResult | 'timeout') {}
  check(): boolean {
    return true;
  }
  run(m: ErrorRateModel, r: ErrorRateReal): void {
    if (m.inFlight === 0 && !tryAdmitErrorRate(m, r)) return;
    r.breaker.onAttemptEnd(r.host, this.result, 1, r.now);
    m.end(this.result !== 'ok' && this.result !== 'rate-limited' && this.result !== 'denied');
    compareErrorRate(m, r);
  }
  toString(): string {
    return `end(${this.result})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Failure accrual

interface EndpointModel {
  state: BreakerState;
  failures: number;
  iteration: number;
  until: number;
  probeOut: boolean;
}

/** Reference: per-endpoint records and the penalty formula written out again. */
class AccrualModel {
  now = 0;
  readonly inFlight: number[] = [];
  readonly endpoints: EndpointModel[];

  constructor(
    private readonly c: FailureAccrualConfig,
    n: number,
    private readonly random: () => number,
  ) {
    this.endpoints = Array.from({ length: n }, () => ({
      state: 'closed' as BreakerState,
      failures: 0,
      iteration: 0,
      until: 0,
      probeOut: false,
    }));
  }
  stateOf(i: number): BreakerState {
    const e = this.endpoints[i] as EndpointModel;
    if (e.state === 'open' && this.now >= e.until) e.state = 'half-open';
    return e.state;
  }
  available(i: number): boolean {
    const s = this.stateOf(i);
    return s === 'closed' || (s === 'half-open' && !(this.endpoints[i] as EndpointModel).probeOut);
  }
  admits(): boolean {
    return this.endpoints.some((_, i) => this.available(i));
  }
  start(i: number): void {
    const e = this.endpoints[i] as EndpointModel;
    if (this.stateOf(i) === 'half-open' && !e.probeOut) e.probeOut = true;
    this.inFlight.push(i);
  }
  end(failed: boolean): number {
    const i = this.inFlight.shift() as number;
    const e = this.endpoints[i] as EndpointModel;
    const s = this.stateOf(i);
    if (s === 'closed') {
      if (!failed) e.failures = 0;
      else if (++e.failures >= this.c.maxFailures) this.open(e, 0);
    } else if (s === 'half-open' && e.probeOut) {
      e.probeOut = false;
      if (failed) this.open(e, e.iteration + 1);
      else {
        e.state = 'closed';
        e.iteration = 0;
      }
    }
    return i;
  }
  private open(e: EndpointModel, iteration: number): void {
    const base = Math.min(this.c.maxPenaltyMs, this.c.minPenaltyMs * 2 ** iteration);
    const jitter =
      this.c.jitterRatio > 0
        ? Math.min(this.c.maxPenaltyMs - base, base * this.c.jitterRatio * this.random())
        : 0;
    e.state = 'open';
    e.failures = 0;
    e.iteration = iteration;
    e.until = this.now + base + jitter;
  }
}

interface AccrualReal {
  accrual: FailureAccrual;
  instances: Instance[];
  inFlight: Instance[];
  now: number;
}

type AccrualCommand = fc.Command<AccrualModel, AccrualReal>;

function compareAccrual(m: AccrualModel, r: AccrualReal): void {
  r.instances.forEach((instance, i) => {
    expect(r.accrual.stateOf(instance, r.now), `endpoint ${i}`).toBe(m.stateOf(i));
    expect(r.accrual.isAvailable(instance, r.now), `endpoint ${i} available`).toBe(m.available(i));
  });
  expect(r.accrual.admit(false, r.now) === null).toBe(m.admits());
}

/** Admits and starts an attempt on the first available endpoint from `preferred` (a stand-in balancer). */
function tryAdmitAccrual(m: AccrualModel, r: AccrualReal, preferred: number): boolean {
  const admitted = r.accrual.admit(false, r.now) === null;
  expect(admitted).toBe(m.admits());
  if (!admitted) return false;
  const n = r.instances.length;
  for (let k = 0; k < n; k++) {
    const i = (preferred + k) % n;
    const instance = r.instances[i] as Instance;
    if (r.accrual.isAvailable(instance, r.now)) {
      r.accrual.onAttemptStart(instance, false, r.now);
      r.inFlight.push(instance);
      m.start(i);
      return true;
    }
  }
  throw new Error('admitted but no endpoint available');
}

class AdvanceAccrual implements AccrualCommand {
  constructor(readonly ms: number) {}
  check(): boolean {
    return true;
  }
  run(m: AccrualModel, r: AccrualReal): void {
    m.now += this.ms;
    r.now += this.ms;
    compareAccrual(m, r);
  }
  toString(): string {
    return `advance(${this.ms})`;
  }
}

class TryAdmitAccrual implements AccrualCommand {
  constructor(readonly preferred: number) {}
  check(): boolean {
    return true;
  }
  run(m: AccrualModel, r: AccrualReal): void {
    tryAdmitAccrual(m, r, this.preferred);
    compareAccrual(m, r);
  }
  toString(): string {
    return `tryAdmit(${this.preferred})`;
  }
}

class EndAccrual implements AccrualCommand {
  constructor(
    readonly result: AttemptResult | 'timeout',
    readonly preferred: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: AccrualModel, r: AccrualReal): void {
    if (r.inFlight.length === 0 && !tryAdmitAccrual(m, r, this.preferred)) return;
    const instance = r.inFlight.shift() as Instance;
    r.accrual.onAttemptEnd(instance, this.result, 1, r.now);
    const i = m.end(this.result !== 'ok' && this.result !== 'rate-limited' && this.result !== 'denied');
    expect(i).toBe(instance.index);
    compareAccrual(m, r);
  }
  toString(): string {
    return `end(${this.result}, ${this.preferred})`;
  }
}

describe('breaker state machines against reference models (fc.commands)', () => {
  it('ErrorRateBreaker: same state and admission as the reference after every success, failure, time step and admit', () => {
    const config = fc.record({
      failureRateThreshold: fc.constantFrom(0.2, 0.5, 0.75, 1),
      minimumRequests: fc.integer({ min: 1, max: 6 }),
      windowMs: fc.constantFrom(500, 1000),
      openMs: fc.integer({ min: 0, max: 400 }),
      halfOpenProbes: fc.integer({ min: 1, max: 3 }),
    });
    const commands = fc.commands(
      [
        fc.integer({ min: 0, max: 300 }).map((ms) => new AdvanceErrorRate(ms)),
        fc.constant(new TryAdmitErrorRate()),
        fc.constantFrom(...SUCCESSES).map((result) => new EndErrorRate(result)),
        fc.constantFrom(...FAILURES).map((result) => new EndErrorRate(result)),
      ],
      { maxCommands: 120, size: 'max' },
    );
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(config, commands, (c, cmds) => {
        const log = new TransitionLog(seen);
        const [host] = fakeInstances(1) as [Instance];
        const setup = () => ({
          model: new ErrorRateModel(c),
          real: {
            breaker: new ErrorRateBreaker(c, 'errorRateBreaker', (from, to) => log.record(0, from, to)),
            host,
            now: 0,
          },
        });
        fc.modelRun(setup, cmds);
      }),
    );
    expectAllTransitionsExercised(seen, 20); // the runs did exercise the whole state machine
  });

  it('FailureAccrual: same per-endpoint state, availability and admission as the reference at every step', () => {
    const config = fc.record({
      maxFailures: fc.integer({ min: 1, max: 4 }),
      minPenaltyMs: fc.integer({ min: 0, max: 100 }),
      maxPenaltyMs: fc.integer({ min: 100, max: 800 }),
      jitterRatio: fc.constantFrom(0, 0.5, 1),
    });
    const commands = fc.commands(
      [
        fc.integer({ min: 0, max: 300 }).map((ms) => new AdvanceAccrual(ms)),
        fc.nat({ max: 2 }).map((p) => new TryAdmitAccrual(p)),
        fc.tuple(fc.constantFrom(...SUCCESSES), fc.nat({ max: 2 })).map(([res, p]) => new EndAccrual(res, p)),
        fc.tuple(fc.constantFrom(...FAILURES), fc.nat({ max: 2 })).map(([res, p]) => new EndAccrual(res, p)),
      ],
      { maxCommands: 120, size: 'max' },
    );
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(config, fc.integer({ min: 1, max: 3 }), commands, (c, n, cmds) => {
        const log = new TransitionLog(seen);
        const setup = () => {
          const instances = fakeInstances(n);
          const accrual = new FailureAccrual(
            c,
            { instances, endpoints: instances },
            RandomStreams.create(7, 'accrual'),
            'failureAccrual',
            (i, from, to) => log.record(i, from, to),
          );
          return {
            model: new AccrualModel(c, n, RandomStreams.create(7, 'accrual')),
            real: { accrual, instances, inFlight: [], now: 0 },
          };
        };
        fc.modelRun(setup, cmds);
      }),
    );
    expectAllTransitionsExercised(seen, 20);
  });
});
