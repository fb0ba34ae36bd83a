// One caller→callee call: overall and per-try timeouts, retries with backoff, endpoint choice per
// attempt through the caller's UpstreamClient (balancer + client-side policies). Abandoned attempts
// keep running on the server (that waste is what sustains overload) unless the target service
// propagates deadlines: then it is told to cancel them (docs/policies/deadlines.md).

import type { Random, TimerHandle } from '@meshsim/engine';
import type { CallPolicy } from '../config/CallPolicy.js';
import type { FailureCause } from '../config/SimulationResult.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { AppRetrier, CallParent } from '../server/CallParent.js';
import type { UpstreamClient } from './UpstreamClient.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import { Attempt } from './Attempt.js';
import type { AttemptOwner } from './Attempt.js';
import type { CallContext, TimedCall } from './CallContext.js';
import { isRetryable } from './isRetryable.js';
import type { AttemptResult } from '../config/AttemptResult.js';
import { backoffDelayMs } from './backoff.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { Instance } from '../server/Instance.js';
import { CALL_FLAG } from './CallTap.js';
import type { FreeList } from '../ports/FreeList.js';
import type { TappedCall } from './CallTap.js';
import type { SpanRef } from './SpanRef.js';
import type { ProxyHeld, Station } from './Station.js';
import { VERSION_UNCHOSEN } from './RouteHooks.js';
import type { RoutedCall } from './RouteHooks.js';
import type { BalancerQueue, QueuedCall } from './BalancerQueue.js';

/** A call in progress. Create, then `start()`; the parent hears the outcome once. */
export class Call implements AttemptOwner, TimedCall, TappedCall, RoutedCall, ProxyHeld, QueuedCall {
  private attempts = 0;
  private current: Attempt | null = null;
  private startMs = 0;
  private deadlineMs = Infinity;
  private overallTimer: TimerHandle = -1;
  /** The own deadline is set but its timer not armed yet: an attempt's per-try timer is due first. */
  private overallDeferred = false;
  /** The armed overall timer is an engine event (armed late, at the deadline), not a ring entry. */
  private overallOnEngine = false;
  private backoffTimer: TimerHandle = -1;
  /** The held set (`ProxyHeld`) of the retrying proxy this call waits in during a backoff, or null. */
  private heldAt: Set<ProxyHeld> | null = null;
  private lastBackoffMs = 0;
  /** The balancer queue its attempt waits in for a ready endpoint (call/BalancerQueue.ts), or null. */
  private heldIn: BalancerQueue | null = null;
  /** Result of the attempt the current retry retries (null during the first attempt). */
  private retryOf: AttemptResult | null = null;
  /**
   * The instances of the attempts this call retried, for a client that avoids them on retries
   * (`UpstreamClient.hostReselections`); null until the call's first such retry (the only allocation it costs, on
   * the retry path; first tries and picks allocate nothing).
   */
  private tried: Instance[] | null = null;
  private done = false;
  /** True once fault injection took the call over: it never reached the client's policies. */
  private bypassedClient = false;
  /** Request class (header) the call carries; set by its parent before `start()`. Null = none. */
  requestClass: string | null = null;
  /** The version its attempts go to, chosen by the client's router at the first attempt (call/RouteHooks.ts). */
  versionIndex = VERSION_UNCHOSEN;
  /** @internal Fault-injection delay of the next attempt [ms]; its timers run during the delay. */
  faultDelayMs = 0;
  /** Whether the caller keeps its connections open (HTTP keep-alive); set by its parent before `start()`. */
  keepAlive = true;
  /**
   * The shared proxy enforcing this call's policies (`CallRoutes.enforcerSlot`), or -1: the caller's own hop;
   * set by its parent before `start()`. Every attempt of the call goes through it.
   */
  via = -1;
  /**
   * How long the request waited at its source before it was sent (a load generator's connections all busy)
   * [ms]; set before `start()`. Counted in the edge's latency, as wrk2 reports it (coordinated omission).
   */
  waitedMs = 0;
  /** True when the source already counted the call on its edge when it was due (it then waited); set before `start()`. */
  countedWhenDue = false;
  /**
   * The time series' interval the call was offered in (`EdgeStats.recordStart`): set by `start()`, or before it by
   * a source that counted the call when it was due.
   */
  offeredInterval = 0;
  /** Why the call failed, once it has; null while running or after a success. */
  failure: FailureCause | null = null;
  /**
   * The failure as the calling application received it: `failure`, except that a refused or reset connection, or no
   * endpoint, an Envoy hop of the mesh saw (its retrying hop, not a failure before it) reached the application as that
   * Envoy's 503 (`UF`/`UC`/`UH`, docs/sources.md#envoy-upstream-reset-503): `service-unavailable`. What `passthrough`
   * passes on and what `appRetry.retryOn` judges.
   */
  appFailure: FailureCause | null = null;
  /** Whether the last attempt's failure happened before the hop that makes the retries (`decide`'s `unseen`). */
  private failedBeforeRetrier = false;
  /** The entry whose calling application retries this call itself (`appRetry`), or null; set before `start()`. */
  appRetrier: AppRetrier | null = null;
  // Telemetry (call/CallTap.ts): read by the recorder; untouched unless the run records telemetry.
  /** @internal The span of the server request this call is made for, when traced; set before `start()`. */
  parentSpan: SpanRef | null = null;
  /** @internal This call's span when traced, else null. */
  span: SpanRef | null = null;
  /** @internal Envoy response flags earned, as `CALL_FLAG` bits. */
  responseFlags = 0;
  /** @internal The latest attempt's instance (kept only while a tap is attached). */
  lastInstance: Instance | null = null;

  /**
   * True while a server request that propagates deadlines keeps this call to cancel it: it is then not
   * reused (set and cleared by that request: `ServerRequest.trackCall`, and when it hears the outcome).
   */
  tracked = false;
  /** An attempt was given up while in flight: it may still call back, so this call is never reused. */
  private leftAttempt = false;

  constructor(
    private context: CallContext,
    public caller: CallerRef,
    private target: ServiceRuntime,
    private policy: CallPolicy,
    private edge: EdgeStats,
    private client: UpstreamClient,
    private backoffRandom: Random,
    private parent: CallParent,
    /** If true, the parent ignores this call's failure. */
    public optional: boolean,
    /** Where the call goes once it is over and nothing refers to it, for its starter's next call; null: nowhere. */
    private home: FreeList<Call> | null = null,
  ) {}

  /**
   * A call for `parent`: one given back to `home` earlier, made new, or a new one. The same arguments
   * as the constructor; the call returns to `home` when it ends, unless something may still refer to
   * it (see `finish`).
   */
  static obtain(
    home: FreeList<Call>,
    context: CallContext,
    caller: CallerRef,
    target: ServiceRuntime,
    policy: CallPolicy,
    edge: EdgeStats,
    client: UpstreamClient,
    backoffRandom: Random,
    parent: CallParent,
    optional: boolean,
  ): Call {
    const call = home.take();
    if (call === undefined) {
      return new Call(context, caller, target, policy, edge, client, backoffRandom, parent, optional, home);
    }
    call.home = home;
    call.context = context;
    call.caller = caller;
    call.target = target;
    call.policy = policy;
    call.edge = edge;
    call.client = client;
    call.backoffRandom = backoffRandom;
    call.parent = parent;
    call.optional = optional;
    call.attempts = 0;
    call.current = null;
    call.startMs = 0;
    call.deadlineMs = Infinity;
    call.overallTimer = -1;
    call.overallDeferred = false;
    call.overallOnEngine = false;
    call.backoffTimer = -1;
    call.heldAt = null;
    call.heldIn = null;
    call.lastBackoffMs = 0;
    call.retryOf = null;
    call.tried = null;
    call.done = false;
    call.bypassedClient = false;
    call.requestClass = null;
    call.versionIndex = VERSION_UNCHOSEN;
    call.faultDelayMs = 0;
    call.keepAlive = true;
    call.via = -1;
    call.waitedMs = 0;
    call.countedWhenDue = false;
    call.offeredInterval = 0;
    call.failure = null;
    call.appFailure = null;
    call.failedBeforeRetrier = false;
    call.appRetrier = null;
    call.parentSpan = null;
    call.span = null;
    call.responseFlags = 0;
    call.lastInstance = null;
    call.tracked = false;
    call.leftAttempt = false;
    return call;
  }

  /** The called service's name. */
  get destination(): string {
    return this.target.name;
  }

  /** When the call started [ms]. */
  get startedMs(): number {
    return this.startMs;
  }

  /** Attempts made so far (the first try included). */
  get attemptCount(): number {
    return this.attempts;
  }

  /**
   * Starts the call: first attempt now, overall timer armed.
   *
   * `parentDeadlineMs`: absolute deadline of the request this call is made for, when the serving
   * service propagates deadlines (`Infinity` otherwise). If it comes before the call's own timeout,
   * it becomes the call's deadline and no timer is armed for it: at that deadline the request's own
   * caller gives up and, since the serving service propagates deadlines, cancels the request and with
   * it this call (`cancel()`), with the same outcome ('timeout') at the same time. Same semantics as
   * `propagateDeadline`, without allocating a policy.
   */
  start(parentDeadlineMs = Infinity): void {
    const engine = this.context.engine;
    this.startMs = engine.now;
    // PERF: telemetry costs one null check when off.
    const tap = this.context.tap;
    if (tap !== null) this.span = tap.callStarted(this, this.startMs);
    if (!this.countedWhenDue) this.offeredInterval = this.edge.recordStart();
    this.context.routes.countCall(this.caller);
    // Route-level features (fault injection, mirroring) see the call before any client policy.
    const route = this.client.route;
    if (route !== null && route.beforeCall(this, this.startMs)) {
      // Aborted by fault injection (now or after its delay): one local attempt, no retries.
      this.bypassedClient = true;
      this.attempts++;
      this.edge.attempts++;
      return;
    }
    this.client.callStarted(this.startMs);
    const ownDeadlineMs = this.startMs + this.policy.timeoutMs;
    if (parentDeadlineMs < ownDeadlineMs) {
      // PERF: a propagated deadline needs no timer of its own (see `start`).
      this.deadlineMs = parentDeadlineMs > this.startMs ? parentDeadlineMs : this.startMs;
    } else if (ownDeadlineMs !== Infinity) {
      this.deadlineMs = ownDeadlineMs;
      // PERF: while a per-try timer is due strictly before the deadline, the overall timer cannot fire
      // first; it is armed only once the call waits on something that could outlast the deadline (see
      // `armOverallIfNeeded`). Most calls end within their first try: one timer per call, not two.
      if (this.policy.perTryTimeoutMs < this.policy.timeoutMs) this.overallDeferred = true;
      else this.overallTimer = this.context.overallTimers.of(this.policy.timeoutMs).schedule(this);
    }
    this.startAttempt();
  }

  /** Called by the transport when an attempt's response reaches the caller. */
  onAttemptResult(attempt: Attempt): void {
    if (attempt !== this.current) return; // abandoned earlier: the caller no longer listens
    this.current = null;
    const engine = this.context.engine;
    if (attempt.perTryTimer >= 0)
      this.context.perTryTimers.of(this.policy.perTryTimeoutMs).cancel(attempt.perTryTimer);
    if (attempt.span !== null) this.context.tap?.attemptEnded(attempt, attempt.result, engine.now);
    const result = attempt.result;
    this.client.attemptEnded(
      attempt.instance,
      result,
      engine.now - attempt.startMs,
      engine.now,
      this.retryOf,
    );
    const instance = attempt.instance;
    const unseen = this.unseenByRetrier(attempt);
    const route = attempt.route;
    // The attempt is over everywhere: the transport delivered its response, its server request is done
    // with it, its timer and connection are released. Without telemetry, nothing else refers to it.
    if (this.context.tap === null) this.context.freeAttempts.put(attempt);
    this.decide(result, instance, unseen, route);
  }

  /** @internal */
  perTryTimedOut(attempt: Attempt): void {
    if (attempt !== this.current) return;
    if (this.retrierDown(attempt)) {
      // The timer ran in the proxy that holds the attempt, whose process is dead: it never fires.
      attempt.perTryTimer = -1;
      return;
    }
    attempt.abandoned = true;
    this.leftAttempt = true;
    this.context.transport.abandon(attempt);
    this.current = null;
    const now = this.context.engine.now;
    if (attempt.span !== null) this.context.tap?.attemptEnded(attempt, 'per-try-timeout', now);
    this.client.attemptEnded(attempt.instance, 'per-try-timeout', now - attempt.startMs, now, this.retryOf);
    if (this.target.propagatesDeadlines) attempt.serverRequest?.cancel();
    this.decide('per-try-timeout', attempt.instance, false, attempt.route);
  }

  /**
   * @internal The connection carrying `attempt` was torn down under it (its stream is released): the attempt fails
   * as `reset` at the caller's end, like a response reset; the request is left where it is, as a timed-out one is.
   */
  connectionLost(attempt: Attempt): void {
    if (attempt !== this.current) return;
    attempt.abandoned = true;
    this.leftAttempt = true;
    this.current = null;
    const now = this.context.engine.now;
    if (attempt.perTryTimer >= 0)
      this.context.perTryTimers.of(this.policy.perTryTimeoutMs).cancel(attempt.perTryTimer);
    if (attempt.span !== null) this.context.tap?.attemptEnded(attempt, 'reset', now);
    this.client.attemptEnded(attempt.instance, 'reset', now - attempt.startMs, now, this.retryOf);
    this.decide('reset', attempt.instance, this.unseenByRetrier(attempt), attempt.route);
  }

  /**
   * Whether the mesh failed `attempt` at or before the hop that makes the call's retries (a dead waypoint or
   * ztunnel, the caller's own crashed sidecar or node Envoy, a connection to that hop refused or torn down): the
   * failure never reached that hop, which therefore retries nothing (`CallRoutes.retryHopPosition`).
   */
  private unseenByRetrier(attempt: Attempt): boolean {
    return (
      attempt.failedAt >= 0 &&
      attempt.failedAt <= (this.context.routes.retryHopPosition?.(attempt.route) ?? -1)
    );
  }

  /**
   * The proxy station that enforces the call's timeouts and makes its retries along `route`
   * (`CallRoutes.retryHopPosition`: an ambient waypoint, the caller's sidecar or node Envoy), or undefined: the
   * calling application does (a traffic source outside the mesh does, in its own client, whatever its route passes).
   */
  private retrier(route: readonly Station[]): Station | undefined {
    if (this.caller.service === null) return undefined;
    const position = this.context.routes.retryHopPosition?.(route) ?? -1;
    return position < 0 ? undefined : route[position];
  }

  /**
   * Whether the hop that enforces the call's timeouts and makes its retries is down, its process dead (crashed, or on
   * a powered-off node): its timers do not fire. What it held when it crashed on a live node failed then
   * (`ProxyHeld`); on a powered-off node, the attempt it holds ends when the connection carrying it is torn down (as
   * the rest of that node's connections). An attempt still on its way to it fails there (refused).
   */
  private retrierDown(attempt: Attempt): boolean {
    const station = this.retrier(attempt.route);
    return station?.kind === 'proxy' && !station.proxy.up && station.proxy.crashed !== false;
  }

  /** Waits out a backoff in the retrying proxy of `route`, so that its crash fails the call (`proxyCrashed`). */
  private holdAtRetrier(route: readonly Station[]): void {
    const station = this.retrier(route);
    if (station?.kind !== 'proxy') return;
    const held = station.proxy.held ?? null;
    if (held === null) return;
    held.add(this);
    this.heldAt = held;
  }

  /** Tells the retrying proxy of `route` that it keeps this call's client (its in-memory state: `holdState`). */
  private tellHolder(route: readonly Station[]): void {
    const client = this.client;
    client.holderKnown = true;
    const station = this.retrier(route);
    if (station?.kind === 'proxy') station.proxy.holdState?.(client);
  }

  /** No longer waits in a retrying proxy (its backoff is over, or the call is). */
  private leaveRetrier(): void {
    this.heldAt?.delete(this);
    this.heldAt = null;
  }

  /**
   * The retrying proxy this call waits in for its next try crashed: the caller's connection to it is reset, so the
   * call fails as `reset` now, its retry never sent.
   */
  proxyCrashed(): void {
    this.heldAt = null;
    if (this.done) return;
    if (this.heldIn !== null) {
      // Its attempt waited in that proxy's balancer queue.
      this.heldIn.remove(this);
      this.failHeld('reset');
      return;
    }
    if (this.backoffTimer < 0) return;
    this.context.engine.cancel(this.backoffTimer);
    this.backoffTimer = -1;
    this.client.retryDropped();
    this.finish('reset');
  }

  /** @internal */
  overallTimedOut(): void {
    if (this.done) return;
    this.overallTimer = -1;
    // The overall timeout is the retrying hop's too: a powered-off one never answers the caller (see above).
    const current = this.current;
    if (current !== null && this.retrierDown(current)) return;
    this.cancel();
  }

  /**
   * Gives up on the call now: no further attempts or retries, timers cancelled, the current attempt
   * abandoned (and cancelled on the server if the target propagates deadlines), and the call ends
   * as failed with cause `'timeout'` (the parent hears it; a cancelled parent request ignores it).
   * Used by the overall timeout and by a server request cancelled while waiting on this call.
   * No-op once the call has ended.
   */
  cancel(): void {
    if (this.done) return;
    const engine = this.context.engine;
    const current = this.current;
    if (current !== null) {
      current.abandoned = true;
      this.leftAttempt = true;
      this.context.transport.abandon(current);
      if (current.perTryTimer >= 0) {
        this.context.perTryTimers.of(this.policy.perTryTimeoutMs).cancel(current.perTryTimer);
      }
      if (current.span !== null) this.context.tap?.attemptEnded(current, 'timeout', engine.now);
      this.client.attemptEnded(
        current.instance,
        'timeout',
        engine.now - current.startMs,
        engine.now,
        this.retryOf,
      );
      this.current = null;
      if (this.target.propagatesDeadlines) current.serverRequest?.cancel();
    }
    if (this.backoffTimer >= 0) {
      // Given up during a retry's backoff: the retry never starts and gives its slot back.
      engine.cancel(this.backoffTimer);
      this.client.retryDropped();
    }
    if (this.heldIn !== null) {
      // Given up while its attempt waited for a ready endpoint: it leaves the queue, never sent.
      this.heldIn.remove(this);
      this.heldIn = null;
      if (this.attempts > 1) this.client.retryDropped();
    }
    this.finish('timeout');
  }

  /**
   * Arms the deferred overall timer if the call is about to wait until `untilMs` or later (a per-try
   * timer or a backoff due then): from there on, the deadline could come first. Armed before the wait's
   * own timer, so that at a tie the overall timeout fires first, as when it is armed at the start.
   */
  private armOverallIfNeeded(untilMs: number): void {
    if (!this.overallDeferred || untilMs < this.deadlineMs) return;
    this.overallDeferred = false;
    this.overallOnEngine = true;
    this.overallTimer = this.context.engine.scheduleAt(this.deadlineMs, onOverallDeadline, this);
  }

  /** @internal */
  startAttempt(): void {
    this.backoffTimer = -1;
    if (this.heldAt !== null) this.leaveRetrier();
    this.armOverallIfNeeded(this.context.engine.now + this.policy.perTryTimeoutMs);
    this.attempts++;
    this.edge.attempts++;
    const isRetry = this.attempts > 1;
    if (isRetry) this.edge.recordRetry();
    const engine = this.context.engine;
    const refusal = this.client.admit(isRetry, engine.now);
    if (refusal !== null) {
      if (isRetry) this.client.retryDropped();
      this.decide(refusal, null);
      return;
    }
    this.pickAndSend(false);
  }

  /**
   * Picks an endpoint for the attempt `startAttempt` counted and sends it; false when no endpoint is ready and the
   * attempt waits in the client's balancer queue (call/BalancerQueue.ts). `again`: a held attempt picking again,
   * which keeps waiting rather than failing when there is still none.
   */
  private pickAndSend(again: boolean): boolean {
    const engine = this.context.engine;
    const isRetry = this.attempts > 1;
    const target = this.target;
    const client = this.client;
    const endpoints = client.managedEndpoints ? target.managedEndpoints : target.endpoints;
    let instance = client.pick(endpoints, engine.now, this, isRetry ? this.tried : null, again);
    let shed = false;
    if (instance === null) {
      // No endpoint ready, and the balancer queues (Linkerd): wait for one, unless it refuses (failfast, full).
      if (again) return false;
      if (!this.callerProxyUp()) {
        // A dead proxy queues nothing: the attempt goes to fail there, as before (its endpoint hardly matters).
        instance = client.balancer.pick(endpoints);
      } else if (!(client.queue as BalancerQueue).refuses()) {
        const queue = client.queue as BalancerQueue;
        this.heldIn = queue;
        queue.hold(this, engine.now);
        // The wait may outlast the call's deadline (a recheck restarts the failfast timer): its timer is armed now.
        this.armOverallIfNeeded(Infinity);
        const first = target.instances[0];
        if (first !== undefined) this.holdAtRetrier(this.context.routes.route(this.caller, first, this.via));
        return false;
      } else {
        shed = true;
      }
    }
    if (instance === undefined || instance === null) {
      if (isRetry) client.retryDropped();
      // A load-shed refusal (linkerd2-proxy's `LoadShedError`) is never retried by the proxy, whatever the route's
      // retry conditions (docs/sources.md#linkerd-failfast-source).
      this.decide('no-endpoints', null, false, null, shed ? false : null);
      return true;
    }
    client.queue?.ready();
    client.attemptStarted(instance, isRetry, engine.now);
    const routes = this.context.routes;
    const route = routes.route(this.caller, instance, this.via);
    // PERF: one check per attempt; the retrying hop is looked up once per client.
    if (!this.client.holderKnown) this.tellHolder(route);
    // PERF: an attempt of an earlier call, made new, when one is free: no allocation per attempt.
    let attempt = this.context.freeAttempts.take();
    if (attempt === undefined) attempt = new Attempt(this, instance, route, engine.now);
    else attempt.reuse(this, instance, route, engine.now);
    attempt.pool = routes.connectionPool(this.caller, instance, route, this.keepAlive);
    this.current = attempt;
    // PERF: telemetry costs one null check when off.
    const tap = this.context.tap;
    if (tap !== null) {
      this.lastInstance = instance;
      if (this.span !== null) attempt.span = tap.attemptStarted(this, this.span, attempt, engine.now);
    }
    attempt.deadlineMs = this.deadlineMs;
    if (this.policy.perTryTimeoutMs !== Infinity) {
      attempt.perTryTimer = this.context.perTryTimers.of(this.policy.perTryTimeoutMs).schedule(attempt);
    }
    if (this.faultDelayMs > 0) {
      engine.schedule(this.faultDelayMs, onFaultDelayDone, attempt);
      this.faultDelayMs = 0;
      this.responseFlags |= CALL_FLAG.delayInjected;
    } else {
      this.context.transport.sendRequest(attempt);
    }
    return true;
  }

  /** Whether the proxy that would hold this call's attempt in its balancer queue (its retrying hop) is running. */
  private callerProxyUp(): boolean {
    const first = this.target.instances[0];
    if (first === undefined) return true;
    const station = this.retrier(this.context.routes.route(this.caller, first, this.via));
    return station?.kind !== 'proxy' || station.proxy.up || station.proxy.crashed === false;
  }

  /** @internal The balancer queue rechecks: picks again; false while still no endpoint is ready. */
  releaseHeld(): boolean {
    this.heldIn = null;
    if (this.heldAt !== null) this.leaveRetrier();
    if (this.pickAndSend(true)) return true;
    this.heldIn = this.client.queue;
    const first = this.target.instances[0];
    if (first !== undefined) this.holdAtRetrier(this.context.routes.route(this.caller, first, this.via));
    return false;
  }

  /** @internal The held attempt fails where it waits: the balancer's failfast (504), or its proxy gone (reset). */
  failHeld(result: 'gateway-timeout' | 'reset'): void {
    this.heldIn = null;
    if (this.heldAt !== null) this.leaveRetrier();
    if (this.attempts > 1) this.client.retryDropped();
    // A proxy gone with the call retries nothing (`unseen`). Failfast's 504 (linkerd2-proxy's `FailFastError`) is
    // retried whenever the route retries, whatever its conditions (docs/sources.md#linkerd-failfast-source).
    if (result === 'reset') this.decide(result, null, true);
    else this.decide(result, null, false, null, true);
  }

  /** @internal When an endpoint of this call's pick may be ready again [ms] (`UpstreamClient.readyAgainAtMs`). */
  readyAgainAtMs(nowMs: number): number {
    const client = this.client;
    const endpoints = client.managedEndpoints ? this.target.managedEndpoints : this.target.endpoints;
    return client.readyAgainAtMs(endpoints, nowMs);
  }

  /** @internal */
  connectionOpened(): void {
    this.edge.connectionsOpened++;
  }

  /** @internal A fault-injection delay ended: send the attempt unless its caller gave up meanwhile. */
  sendDelayed(attempt: Attempt): void {
    if (!attempt.abandoned) this.context.transport.sendRequest(attempt);
  }

  /**
   * @internal Fault injection aborts the call (HTTP 500 `'error'` or 503 `'rejected'`): its one
   * attempt (counted by `start()`) never contacts the server; no client policy sees it; no retry.
   */
  abortByFault(status: 'error' | 'rejected'): void {
    if (this.done) return;
    this.bypassedClient = true;
    this.responseFlags |= CALL_FLAG.faultInjected;
    this.finish(status);
  }

  /**
   * What follows an attempt's `result`: a retry, or the call's end. `instance`: the attempt's, or null (none
   * picked). `unseen`: the failure happened before the hop that makes the retries, which therefore makes none.
   * `route`: the attempt's, or null (none sent): a retry waits in its retrying proxy. `ownRule`: whether the retrying
   * hop retries this failure of its own whatever the retry conditions (true, false), or null: as they say.
   */
  private decide(
    result: AttemptResult,
    instance: Instance | null,
    unseen = false,
    route: readonly Station[] | null = null,
    ownRule: boolean | null = null,
  ): void {
    if (result === 'ok') {
      this.finish(null);
      return;
    }
    this.failedBeforeRetrier = unseen;
    const retry = this.policy.retry;
    const engine = this.context.engine;
    // Same checks in the same order as one condition: allowRetry (which may count) runs only if the rest hold.
    const semantics = this.client.retrySemantics;
    const wanted =
      !unseen &&
      this.attempts < retry.maxAttempts &&
      engine.now < this.deadlineMs &&
      (ownRule ?? isRetryable(result, retry.retryOn, semantics));
    if (wanted && this.client.allowRetry(engine.now)) {
      const waitMs = backoffDelayMs(retry.backoff, this.attempts, this.lastBackoffMs, this.backoffRandom);
      this.lastBackoffMs = waitMs;
      this.retryOf = result;
      // Envoy's previous_hosts predicate remembers every host the request was sent to (onHostAttempted).
      if (instance !== null && this.client.hostReselections > 0) (this.tried ??= []).push(instance);
      this.armOverallIfNeeded(engine.now + waitMs);
      this.backoffTimer = engine.schedule(waitMs, onBackoffDone, this);
      if (route !== null) this.holdAtRetrier(route);
      if (this.span !== null) this.context.tap?.retryScheduled(this.span, result, waitMs, engine.now);
      return;
    }
    if (this.context.tap !== null) {
      if (wanted) this.responseFlags |= CALL_FLAG.retryOverflow;
      else if (
        retry.maxAttempts > 1 &&
        this.attempts >= retry.maxAttempts &&
        (ownRule ?? isRetryable(result, retry.retryOn, semantics))
      )
        this.responseFlags |= CALL_FLAG.retryLimitExceeded;
    }
    this.finish(result);
  }

  private finish(cause: FailureCause | null): void {
    this.done = true;
    if (this.heldAt !== null) this.leaveRetrier();
    this.failure = cause;
    // What the application receives: behind an Envoy retrying hop, a refused or reset connection is its 503 (UF/UC),
    // and so is no endpoint ("no healthy upstream", UH).
    this.appFailure =
      (cause === 'connect-failure' || cause === 'reset' || cause === 'no-endpoints') &&
      !this.failedBeforeRetrier &&
      this.client.retrySemantics === 'envoy'
        ? 'service-unavailable'
        : cause;
    const now = this.context.engine.now;
    if (this.overallTimer >= 0) {
      if (this.overallOnEngine) this.context.engine.cancel(this.overallTimer);
      else this.context.overallTimers.of(this.policy.timeoutMs).cancel(this.overallTimer);
    }
    if (cause === null) this.edge.recordSuccess(now - this.startMs + this.waitedMs, this.offeredInterval);
    else this.edge.recordFailure(cause);
    this.context.tap?.callEnded(this, cause, now);
    if (!this.bypassedClient) this.client.callEnded(cause === null, now);
    this.parent.onCallDone(this, cause === null);
    // Last: from here nothing reads this call, whose parent has heard it. It is reused unless something
    // may still refer to it: a fault injection's timer, an attempt given up in flight, a request that
    // keeps its calls to cancel them, or telemetry.
    const home = this.home;
    if (
      home !== null &&
      !this.bypassedClient &&
      !this.leftAttempt &&
      !this.tracked &&
      this.context.tap === null
    )
      home.put(this);
  }
}

// PERF: module-level handlers with the call/attempt as argument: no closure per timer.
function onBackoffDone(call: Call): void {
  call.startAttempt();
}
function onOverallDeadline(call: Call): void {
  call.overallTimedOut();
}
function onFaultDelayDone(attempt: Attempt): void {
  attempt.call.sendDelayed(attempt);
}
