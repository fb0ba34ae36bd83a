// Route-level hooks of an UpstreamClient (traffic management): a router that narrows the endpoints
// to a call's version before the balancer, and an interceptor that sees each call first (faults, mirroring).

import type { Instance } from '../server/Instance.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';

/** A call's version choice, as a router keeps it (call/Call.ts implements it). */
export interface RoutedCall {
  /** Class (header) the call carries, or null. */
  readonly requestClass: string | null;
  /**
   * The version the call's attempts go to: {@link VERSION_UNCHOSEN} until its first attempt is routed,
   * {@link ALL_VERSIONS} when no split or route applies to it.
   */
  versionIndex: number;
}

/** `RoutedCall.versionIndex` of a call whose first attempt has not been routed yet. */
export const VERSION_UNCHOSEN = -1;
/** `RoutedCall.versionIndex` of a call that may go to every endpoint (no split, no matching route). */
export const ALL_VERSIONS = -2;

/** Chooses which endpoints a call's attempts may go to (weighted version split, class-based routes). */
export interface EndpointRouter {
  /**
   * The endpoints the balancer picks among for one attempt of `call`: a subset of `endpoints`, or
   * `endpoints` itself. The version is chosen at the call's first attempt and kept in `call.versionIndex`,
   * so its retries stay in that version (Envoy picks a weighted cluster once per request). `again`: the same attempt
   * picking again after it waited for a ready endpoint (call/BalancerQueue.ts): counted once only.
   */
  select(
    endpoints: readonly Instance[],
    nowMs: number,
    call: RoutedCall,
    again?: boolean,
  ): readonly Instance[];
  /** Adds the router's counters into `into`. */
  collect?(into: PolicyCounters, nowMs: number): void;
}

/** What an interceptor may do to a call (call/Call.ts implements it). */
export interface InterceptedCall {
  /** Class (header) the call carries, or null. */
  readonly requestClass: string | null;
  /** Fault-injection delay of the next attempt [ms]; its timers run during the delay. */
  faultDelayMs: number;
  /** Fails the call with the injected status, without contacting the server. */
  abortByFault(status: 'error' | 'rejected'): void;
}

/** Sees every call of its client before the first attempt (Istio fault injection, request mirroring). */
export interface CallInterceptor {
  /**
   * Called when `call` starts, before any client policy. Returns true when the interceptor has
   * taken the call over (it aborts it, now or after a delay): the call then makes no attempt.
   * It may set `call.faultDelayMs` to hold the first attempt back.
   */
  beforeCall(call: InterceptedCall, nowMs: number): boolean;
  /** Adds the interceptor's counters into `into`. */
  collect(into: PolicyCounters, nowMs: number): void;
}
