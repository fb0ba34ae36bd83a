// A caller's view of one destination service — Envoy's "cluster" inside a client proxy, or the
// client library's per-service state: load balancer plus the client-side policies, run as hooks.

import type { AttemptResult } from '../call/AttemptResult.js';
import type { LoadBalancer } from '../call/LoadBalancer.js';
import type { Instance } from '../server/Instance.js';
import type { ClientPolicy, PolicyCounters } from './ClientPolicy.js';
import type { CallInterceptor, EndpointRouter } from './RouteHooks.js';

/** Load balancer + client policies for one (caller, destination). */
export class UpstreamClient {
  private readonly admitters: ClientPolicy[];
  private readonly retryGates: ClientPolicy[];
  private readonly filters: ClientPolicy[];
  private readonly starters: ClientPolicy[];
  private readonly enders: ClientPolicy[];
  private readonly callHooks: ClientPolicy[];
  private readonly available: Instance[] = [];
  /** Version split / class routes, consulted before the balancer; null = every endpoint (traffic/VersionRouter.ts). */
  router: EndpointRouter | null = null;
  /** Route-level fault injection and mirroring, run when a call starts; null = none (traffic/CallRoute.ts). */
  route: CallInterceptor | null = null;

  constructor(
    readonly balancer: LoadBalancer<Instance>,
    readonly policies: readonly ClientPolicy[],
  ) {
    // PERF: hooks are sorted into lists once, so a call with no policies pays nothing per attempt.
    this.admitters = policies.filter((p) => p.admit !== undefined);
    this.retryGates = policies.filter((p) => p.allowRetry !== undefined);
    this.filters = policies.filter((p) => p.isAvailable !== undefined);
    this.starters = policies.filter((p) => p.onAttemptStart !== undefined);
    this.enders = policies.filter((p) => p.onAttemptEnd !== undefined);
    this.callHooks = policies.filter((p) => p.onCallStart !== undefined || p.onCallEnd !== undefined);
  }

  /** A local failure if some policy refuses the attempt, else null. */
  admit(isRetry: boolean, nowMs: number): AttemptResult | null {
    for (const policy of this.admitters) {
      const refusal = (policy.admit as NonNullable<ClientPolicy['admit']>)(isRetry, nowMs);
      if (refusal !== null) return refusal;
    }
    return null;
  }

  /** Whether every retry gate lets a retry through now. */
  allowRetry(nowMs: number): boolean {
    for (const policy of this.retryGates) {
      if (!(policy.allowRetry as NonNullable<ClientPolicy['allowRetry']>)(nowMs)) return false;
    }
    return true;
  }

  /**
   * Picks an endpoint among `endpoints` that every policy considers available. If policies
   * exclude every endpoint, Envoy's panic behaviour applies: pick among all of them.
   * A `router` first narrows `endpoints` to the version chosen for this attempt (`requestClass`: the call's class).
   */
  pick(
    endpoints: readonly Instance[],
    nowMs: number,
    requestClass: string | null = null,
  ): Instance | undefined {
    if (this.router !== null) endpoints = this.router.select(endpoints, nowMs, requestClass);
    if (this.filters.length === 0 || endpoints.length === 0 || !this.anyMayExclude(nowMs)) {
      return this.balancer.pick(endpoints);
    }
    const available = this.available;
    available.length = 0;
    for (const instance of endpoints) {
      let ok = true;
      for (const policy of this.filters) {
        if (!(policy.isAvailable as NonNullable<ClientPolicy['isAvailable']>)(instance, nowMs)) {
          ok = false;
          break;
        }
      }
      if (ok) available.push(instance);
    }
    return this.balancer.pick(available.length > 0 ? available : endpoints);
  }

  // PERF: when no filter can exclude anything (the common case), picks skip building the available list.
  private anyMayExclude(nowMs: number): boolean {
    for (const policy of this.filters) if (policy.mayExclude?.(nowMs) ?? true) return true;
    return false;
  }

  attemptStarted(instance: Instance, isRetry: boolean, nowMs: number): void {
    for (const policy of this.starters) policy.onAttemptStart?.(instance, isRetry, nowMs);
  }

  /** The caller stopped waiting for an attempt; `retryOf` is the retried attempt's result (null: first try). */
  attemptEnded(
    instance: Instance,
    result: AttemptResult | 'timeout',
    latencyMs: number,
    nowMs: number,
    retryOf: AttemptResult | null = null,
  ): void {
    this.balancer.release(instance, result, latencyMs, nowMs);
    for (const policy of this.enders) policy.onAttemptEnd?.(instance, result, latencyMs, nowMs, retryOf);
  }

  callStarted(nowMs: number): void {
    for (const policy of this.callHooks) policy.onCallStart?.(nowMs);
  }

  callEnded(succeeded: boolean, nowMs: number): void {
    for (const policy of this.callHooks) policy.onCallEnd?.(succeeded, nowMs);
  }

  /** Every policy's counters, merged. */
  collect(into: PolicyCounters, nowMs: number): void {
    for (const policy of this.policies) policy.collect?.(into, nowMs);
    this.router?.collect?.(into, nowMs);
    this.route?.collect(into, nowMs);
  }
}
