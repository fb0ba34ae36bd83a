// One entry of a service's call plan, wired to its target: starts a Call per request with the entry's
// policy, edge stats, backoff stream and the calling instance's client (created on first use), and re-issues a
// failed call when the calling application retries it itself (`appRetry`).

import type { Random } from '@meshsim/engine';
import type { CallConfig } from '../config/SimulationConfig.js';
import type { CallPolicy, RetryPolicy } from '../config/CallPolicy.js';
import type { AppRetrier, FinishedCall } from '../server/CallParent.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { DownstreamCall } from '../server/DownstreamCall.js';
import type { ServerRequest } from '../server/ServerRequest.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { Attempt } from './Attempt.js';
import { Call } from './Call.js';
import { FreeList } from '../ports/FreeList.js';
import type { CallContext } from './CallContext.js';
import type { UpstreamClient } from './UpstreamClient.js';
import { AppRetrySlot } from './AppRetrySlot.js';
import { backoffDelayMs } from './backoff.js';
import { isAppRetryable } from './isRetryable.js';

/** How the assembly builds what an entry's calls need, per calling instance. */
export interface DownstreamWiring {
  /** The policy calls from `caller` run with (the mesh may fill in its default). */
  policyFor(caller: CallerRef): CallPolicy;
  /**
   * A new client (balancer + policies + route features) of the target for `caller`, running `policy`; `previous`:
   * the client it replaces (its proxy restarted), whose version router and route features it takes over.
   */
  createClient(caller: CallerRef, policy: CallPolicy, previous?: UpstreamClient): UpstreamClient;
}

/** A call-plan entry of `source`, calling `target`. */
export class Downstream implements DownstreamCall, AppRetrier {
  /** The clients by caller key (small dense integers: an array, no hashing per call). */
  private readonly clients: (UpstreamClient | undefined)[] = [];
  /**
   * The clients held by shared proxies (`CallRoutes.enforcerSlot`: waypoint replicas, node Envoys), by slot:
   * every calling instance whose calls that proxy enforces uses its one client, as they share its Envoy cluster.
   */
  private readonly sharedClients: (UpstreamClient | undefined)[] = [];
  private resolvedPolicy: CallPolicy | null = null;
  /** This entry's calls that are over, for its next ones. */
  private readonly freeCalls = new FreeList<Call>();
  /** The calling application's own retries (`appRetry`), or null. */
  private readonly appRetry: RetryPolicy | null;
  /** This entry as its calls' application retrier when it has `appRetry`, else null. */
  private readonly appRetrier: AppRetrier | null;

  constructor(
    private readonly context: CallContext,
    /** The calling service (its deadline propagation decides whether calls carry the request's deadline). */
    private readonly source: ServiceRuntime,
    readonly config: CallConfig,
    readonly target: ServiceRuntime,
    readonly edge: EdgeStats,
    readonly backoffRandom: Random,
    private readonly wiring: DownstreamWiring,
    /** Jitter of the application's own backoff (`appRetry`); null when the entry has none. */
    private readonly appBackoffRandom: Random | null = null,
  ) {
    this.appRetry = config.appRetry ?? null;
    if (this.appRetry !== null && appBackoffRandom === null)
      throw new Error(`Downstream: ${source.name} → ${target.name} has appRetry but no backoff stream`);
    this.appRetrier = this.appRetry === null ? null : this;
  }

  /** The policy this entry's calls run with (the same for every instance of the calling service). */
  policy(caller: CallerRef): CallPolicy {
    if (this.resolvedPolicy === null) this.resolvedPolicy = this.wiring.policyFor(caller);
    return this.resolvedPolicy;
  }

  /**
   * The caller's own client (balancer + policies) for this target, created on first use, and again after the proxy
   * that kept it restarted (`UpstreamClient.retired`).
   */
  clientFor(caller: CallerRef): UpstreamClient {
    let client = this.clients[caller.key];
    if (client === undefined || client.retired) {
      client = this.wiring.createClient(caller, this.policy(caller), client);
      this.clients[caller.key] = client;
    }
    return client;
  }

  /**
   * The client held by the shared proxy `slot` for this target, created for the first caller whose call it
   * enforces (that caller's round-robin offset, locality and stream names build it), and again after that proxy
   * restarted.
   */
  private sharedClientFor(caller: CallerRef, slot: number): UpstreamClient {
    let client = this.sharedClients[slot];
    if (client === undefined || client.retired) {
      client = this.wiring.createClient(caller, this.policy(caller), client);
      this.sharedClients[slot] = client;
    }
    return client;
  }

  start(request: ServerRequest, caller: CallerRef): void {
    const slot = this.context.routes.enforcerSlot?.(caller, this.target.name) ?? -1;
    // PERF: a call of this entry that is over, made new, when one is free: no allocation per call.
    const call = Call.obtain(
      this.freeCalls,
      this.context,
      caller,
      this.target,
      this.policy(caller),
      this.edge,
      slot < 0 ? this.clientFor(caller) : this.sharedClientFor(caller, slot),
      this.backoffRandom,
      request,
      this.config.optional,
    );
    const propagates = this.source.propagatesDeadlines;
    if (propagates) request.trackCall(call);
    call.requestClass = request.attempt.requestClass;
    call.keepAlive = this.config.keepAlive ?? true;
    call.via = slot;
    call.appRetrier = this.appRetrier;
    // Every inbound request is an Attempt (the transport delivered it); its server span parents the call's.
    if (this.context.tap !== null) call.parentSpan = (request.attempt as Attempt).serverSpan;
    // With propagation the request's deadline travels with the call (docs/policies/deadlines.md).
    call.start(propagates ? request.attempt.deadlineMs : Infinity);
  }

  /**
   * The calling application retries `call` itself (`appRetry`): when its failure, as the application received it
   * (`appFailure`: behind an Envoy hop a refused or reset connection is its 503), is one the application retries and it
   * has tries left, a new call of this entry starts after the application's backoff (drawn from its own stream), which
   * the edge counts as an `app-retries` event when it starts. The re-issue is a new call through the mesh, whose
   * policy retries it again.
   */
  retryCall(request: ServerRequest, call: FinishedCall): boolean {
    const policy = this.appRetry;
    // What the application received (an Envoy hop's 503 for a refused or reset connection), as passthrough uses.
    const cause = call.appFailure;
    if (policy === null || cause === null) return false;
    let slot: AppRetrySlot | null = null;
    const retries = request.appRetries;
    // A request makes each entry's call once: the entry's slot, if it re-issued before, is its own (few, a short scan);
    // a state whose entry is this one was made here, as an AppRetrySlot.
    if (retries !== null) for (const state of retries) if (state.entry === this) slot = state as AppRetrySlot;
    const tries = slot === null ? 1 : slot.tries;
    if (tries >= policy.maxAttempts || !isAppRetryable(cause, policy.retryOn)) return false;
    if (slot === null) {
      slot = new AppRetrySlot(request, this, this.edge, this.context.engine);
      (request.appRetries ??= []).push(slot);
    }
    slot.tries = tries + 1;
    const waitMs = backoffDelayMs(policy.backoff, tries, slot.lastBackoffMs, this.appBackoffRandom as Random);
    slot.lastBackoffMs = waitMs;
    slot.schedule(waitMs);
    return true;
  }
}
