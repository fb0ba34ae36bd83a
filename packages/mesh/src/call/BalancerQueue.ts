// linkerd2-proxy's balancer queue with failfast: requests wait while no endpoint is ready, fail (504) when none is
// within the failfast timeout, and are refused (503) while in failfast (docs/sources.md#linkerd-failfast-source).

import type { Engine, TimerHandle } from '@meshsim/engine';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import { addCount } from '../ports/PolicyCounters.js';

/** How a balancer holds requests while no endpoint is ready (linkerd2-proxy's HTTP request queue). */
export interface BalancerQueueSpec {
  /** How long requests wait for a ready endpoint before the balancer enters failfast [ms]. */
  readonly failfastMs: number;
  /** Requests the queue holds at most; one more is refused at once (load shed). */
  readonly capacity: number;
}

/** linkerd2-proxy's outbound HTTP queue: `DEFAULT_OUTBOUND_HTTP_FAILFAST_TIMEOUT` 3 s, `…_QUEUE_CAPACITY` 10,000. */
export const LINKERD_OUTBOUND_HTTP_QUEUE: BalancerQueueSpec = { failfastMs: 3000, capacity: 10_000 };

/** Policy counters: attempts held, failed by failfast (504), refused while in failfast or full (503). */
export const LINKERD_QUEUED = 'linkerd-queued';
export const LINKERD_FAILFAST = 'linkerd-failfast';
export const LINKERD_LOAD_SHED = 'linkerd-load-shed';

/** A call whose attempt waits in the queue (call/Call.ts implements it). */
export interface QueuedCall {
  /** Picks an endpoint again and sends the attempt; false when none is ready yet (the call stays held). */
  releaseHeld(): boolean;
  /**
   * Its attempt fails now, held: `gateway-timeout` when the balancer entered failfast (the proxy's 504), `reset` when
   * the proxy holding it is gone.
   */
  failHeld(result: 'gateway-timeout' | 'reset'): void;
  /** When an endpoint of its pick might be ready again (a reconnect is due) [ms]; Infinity: not known. */
  readyAgainAtMs(nowMs: number): number;
}

/**
 * One balancer's queue (one per caller proxy × destination, like its `UpstreamClient`). A call whose pick finds no
 * ready endpoint waits here (`hold`); the first wait starts the failfast timer. The held calls are picked again, in
 * arrival order, whenever an endpoint may have become ready (a reconnect due, the endpoint list changed): those that
 * find one go, and the timer starts over for the rest (linkerd restarts it per head-of-line request). When it fires,
 * every held call fails and the balancer is in failfast: a call that finds no ready endpoint is then refused at once
 * (`refuses`), until one finds an endpoint (`ready`). A full queue refuses too. The proxy retries a failfast 504
 * whenever the route retries at all and never retries a refusal (call/Call.ts `decide`, its `ownRule`).
 */
export class BalancerQueue {
  private held: QueuedCall[] = [];
  private failfast = false;
  private failfastTimer: TimerHandle = -1;
  private recheckTimer: TimerHandle = -1;
  private recheckAtMs = Infinity;
  private failfastAt = Infinity;
  private queued = 0;
  private failedFast = 0;
  private shed = 0;

  constructor(
    private readonly engine: Engine,
    private readonly spec: BalancerQueueSpec,
  ) {}

  /** Calls held now. */
  get length(): number {
    return this.held.length;
  }

  /** When the held calls fail unless an endpoint is ready first [ms] (Infinity when none is held). */
  get failfastAtMs(): number {
    return this.held.length === 0 ? Infinity : this.failfastAt;
  }

  /**
   * Whether a call that found no ready endpoint is refused now rather than held (in failfast, or the queue full);
   * counts the refusal.
   */
  refuses(): boolean {
    if (!this.failfast && this.held.length < this.spec.capacity) return false;
    this.shed++;
    return true;
  }

  /** A call found a ready endpoint: the balancer leaves failfast. */
  ready(): void {
    this.failfast = false;
  }

  /** Holds `call` (its pick found no ready endpoint and `refuses` said no). */
  hold(call: QueuedCall, nowMs: number): void {
    this.held.push(call);
    this.queued++;
    if (this.failfastTimer < 0) this.startFailfastTimer(nowMs);
    this.scheduleRecheck(call.readyAgainAtMs(nowMs));
  }

  /** Takes `call` out (its caller gave up, its proxy crashed); true if it was held. */
  remove(call: QueuedCall): boolean {
    const i = this.held.indexOf(call);
    if (i < 0) return false;
    this.held.splice(i, 1);
    if (this.held.length === 0) this.idle();
    return true;
  }

  /** An endpoint may be ready now (the endpoint list changed, a reconnect is due): the held calls pick again. */
  recheck(): void {
    const held = this.held;
    if (held.length === 0) return;
    const now = this.engine.now;
    // A call released here may end and start another at once: work on the list as it was.
    this.held = [];
    const still: QueuedCall[] = [];
    let released = false;
    for (const call of held) {
      if (call.releaseHeld()) released = true;
      else still.push(call);
    }
    for (const call of this.held) still.push(call);
    this.held = still;
    if (still.length === 0) {
      this.idle();
      return;
    }
    if (released) {
      this.failfast = false;
      this.cancelFailfastTimer();
      this.startFailfastTimer(now);
    }
    let nextMs = Infinity;
    for (const call of still) nextMs = Math.min(nextMs, call.readyAgainAtMs(now));
    this.recheckAtMs = Infinity;
    if (this.recheckTimer >= 0) this.engine.cancel(this.recheckTimer);
    this.recheckTimer = -1;
    this.scheduleRecheck(nextMs);
  }

  /** The proxy holding the queue is gone (restarted): what it still held fails as reset, and nothing more fires. */
  dispose(): void {
    const held = this.held;
    this.held = [];
    this.idle();
    for (const call of held) call.failHeld('reset');
  }

  /** Adds the queue's counters into `into` (only those that counted something). */
  collect(into: PolicyCounters): void {
    if (this.queued > 0) addCount(into, LINKERD_QUEUED, this.queued);
    if (this.failedFast > 0) addCount(into, LINKERD_FAILFAST, this.failedFast);
    if (this.shed > 0) addCount(into, LINKERD_LOAD_SHED, this.shed);
  }

  private startFailfastTimer(nowMs: number): void {
    this.failfastAt = nowMs + this.spec.failfastMs;
    this.failfastTimer = this.engine.scheduleAt(this.failfastAt, onFailfast, this);
  }

  private cancelFailfastTimer(): void {
    if (this.failfastTimer >= 0) this.engine.cancel(this.failfastTimer);
    this.failfastTimer = -1;
  }

  private scheduleRecheck(atMs: number): void {
    const now = this.engine.now;
    if (!(atMs > now) || atMs >= this.failfastAt || atMs >= this.recheckAtMs) return;
    if (this.recheckTimer >= 0) this.engine.cancel(this.recheckTimer);
    this.recheckAtMs = atMs;
    this.recheckTimer = this.engine.scheduleAt(atMs, onRecheck, this);
  }

  /** Nothing held: no timer pending. */
  private idle(): void {
    this.cancelFailfastTimer();
    this.failfastAt = Infinity;
    if (this.recheckTimer >= 0) this.engine.cancel(this.recheckTimer);
    this.recheckTimer = -1;
    this.recheckAtMs = Infinity;
  }

  /** @internal The failfast timer fired: every held call fails, and the balancer refuses calls until one is ready. */
  enterFailfast(): void {
    this.failfastTimer = -1;
    const held = this.held;
    this.held = [];
    this.idle();
    this.failfast = true;
    this.failedFast += held.length;
    for (const call of held) call.failHeld('gateway-timeout');
  }

  /** @internal The recheck timer fired. */
  recheckDue(): void {
    this.recheckTimer = -1;
    this.recheckAtMs = Infinity;
    this.recheck();
  }
}

// PERF: module-level handlers with the queue as argument: no closure per timer.
function onFailfast(queue: BalancerQueue): void {
  queue.enterFailfast();
}
function onRecheck(queue: BalancerQueue): void {
  queue.recheckDue();
}
