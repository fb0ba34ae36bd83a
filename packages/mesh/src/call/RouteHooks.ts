// Route-level hooks of an UpstreamClient (traffic management): a router that narrows the endpoints
// to a version before the balancer, and an interceptor that sees each call first (faults, mirroring).

import type { Instance } from '../server/Instance.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';

/** Chooses which endpoints an attempt may go to (weighted version split, class-based routes). */
export interface EndpointRouter {
  /**
   * The endpoints the balancer picks among for one attempt: a subset of `endpoints`, or
   * `endpoints` itself. `requestClass` is the call's class (header), or null.
   */
  select(endpoints: readonly Instance[], nowMs: number, requestClass: string | null): readonly Instance[];
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
