// A caller's view of one destination service — Envoy's "cluster" inside a client proxy, or the
// client library's per-service state: load balancer plus the client-side policies, run as hooks.

import type { AttemptResult } from '../config/AttemptResult.js';
import type { LoadBalancer } from './LoadBalancer.js';
import type { Instance } from '../server/Instance.js';
import type { ClientPolicy } from './ClientPolicy.js';
import { AttemptCounts } from './AttemptCounts.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import type { CallInterceptor, EndpointRouter, RoutedCall } from './RouteHooks.js';
import type { RetrySemantics } from './isRetryable.js';
import type { ProcessState } from './Station.js';
import type { BalancerQueue } from './BalancerQueue.js';
import { OUTLIER_DETECTION_POLICY } from './ClientPolicy.js';

type With<K extends keyof ClientPolicy> = ClientPolicy & Required<Pick<ClientPolicy, K>>;
type Admitter = With<'admit'>;
type RetryGate = With<'allowRetry'>;
type Filter = With<'isAvailable'>;
type Starter = With<'onAttemptStart'>;
type Ender = With<'onAttemptEnd'>;

/** The policies of `policies` that implement hook `key`, in order. */
function withHook<K extends keyof ClientPolicy>(policies: readonly ClientPolicy[], key: K): With<K>[] {
  return policies.filter((p): p is With<K> => p[key] !== undefined);
}

/**
 * Load balancer + client policies for one (caller, destination). Hooks run in the order the policies
 * were added; the first refusal (`admit`) or veto (`allowRetry`) stops the others.
 *
 * PERF: the per-attempt hooks are called through fixed slots (`a0`…, `s0`…, `e0`…) rather than a
 * loop over a list. A loop's call site sees every policy class (a megamorphic call: no inlining, a
 * stub-cache lookup per call, ≈ 20 ns); a slot's call site sees the class usually added at that
 * position (policies are added in a fixed order, see createClientPolicies.ts), so it stays mono- or
 * polymorphic. With every policy on, this halves the policies' cost per call
 * (bench/model-requests.ts). Policies beyond the slots run from the `…Rest` lists.
 *
 * The client counts its outstanding attempts itself (`counts`), for the policies that read them
 * (`useAttemptCounts`). PERF: two increments here instead of two hook calls per such policy.
 */
export class UpstreamClient implements ProcessState {
  /** Attempts outstanding from this caller to the destination, and the retries among them. */
  readonly counts = new AttemptCounts();
  private readonly retryGates: RetryGate[];
  private readonly filters: Filter[];
  // Slots of the filters' `mayExclude` checks, run on every pick (see the class comment).
  private readonly f0: Filter | null;
  private readonly f1: Filter | null;
  private readonly fRest: Filter[];
  private readonly available: Instance[] = [];
  // Slots (see the class comment); null when the hook has fewer policies.
  private readonly a0: Admitter | null;
  private readonly a1: Admitter | null;
  private readonly a2: Admitter | null;
  private readonly a3: Admitter | null;
  private readonly aRest: Admitter[];
  private readonly s0: Starter | null;
  private readonly s1: Starter | null;
  private readonly s2: Starter | null;
  private readonly s3: Starter | null;
  private readonly sRest: Starter[];
  private readonly e0: Ender | null;
  private readonly e1: Ender | null;
  private readonly e2: Ender | null;
  private readonly e3: Ender | null;
  private readonly e4: Ender | null;
  private readonly eRest: Ender[];
  private readonly c0: ClientPolicy | null;
  private readonly c1: ClientPolicy | null;
  private readonly cRest: ClientPolicy[];
  /** Version split / class routes, consulted before the balancer; null = every endpoint (traffic/VersionRouter.ts). */
  router: EndpointRouter | null = null;
  /** Route-level fault injection and mirroring, run when a call starts; null = none (traffic/CallRoute.ts). */
  route: CallInterceptor | null = null;
  /**
   * How many more times a retry's pick is redrawn while it lands on an instance the call already tried (Envoy's
   * `previous_hosts` retry host predicate with `host_selection_retry_max_attempts`; Istio: 5); after the last
   * redraw its pick is used whatever it is. 0 = never redrawn (the mesh shape's proxies do not avoid previous
   * hosts). Set by the assembly, before the run.
   */
  hostReselections = 0;
  /**
   * Whether a call told the proxy that keeps this client (the calls' retrying hop) that it does (`holdState`); set
   * at the client's first attempt.
   */
  holderKnown = false;
  /**
   * True once the proxy that kept it restarted: its new process has a new client (`Downstream`), this one is no
   * longer used. Its counters stay in the results, its time gauges (ejected, open) stopped at the restart.
   */
  retired = false;
  private retiredAtMs = Infinity;
  /**
   * True when it replaced a client whose proxy restarted (`retired`): the same calling proxy's, so its outlier
   * detector is not another caller's (`outlierDetectors`). Set by the assembly.
   */
  successor = false;
  /** Whose retry rules the calls through this client follow (call/isRetryable.ts); set from the caller's hop. */
  retrySemantics: RetrySemantics = 'other';
  /**
   * True when a managed hop (VPC Lattice) balances these calls: the call picks among the endpoints the hop's health
   * checks keep (`managedEndpoints`), not those Kubernetes and the mesh publish.
   */
  managedEndpoints = false;
  /**
   * The balancer's queue when it holds requests while no endpoint is ready (linkerd2-proxy: call/BalancerQueue.ts);
   * null: a pick with no ready endpoint takes any (Envoy's panic rule) or finds none. Set by the assembly.
   */
  queue: BalancerQueue | null = null;

  constructor(
    readonly balancer: LoadBalancer<Instance>,
    readonly policies: readonly ClientPolicy[],
  ) {
    for (const policy of policies) policy.useAttemptCounts?.(this.counts);
    // PERF: hooks are sorted into lists once, so a call with no policies pays nothing per attempt.
    this.retryGates = withHook(policies, 'allowRetry');
    this.filters = withHook(policies, 'isAvailable');
    const [f0 = null, f1 = null, ...fRest] = this.filters;
    [this.f0, this.f1, this.fRest] = [f0, f1, fRest];
    const callHooks = policies.filter((p) => p.onCallStart !== undefined || p.onCallEnd !== undefined);
    const [a0 = null, a1 = null, a2 = null, a3 = null, ...aRest] = withHook(policies, 'admit');
    [this.a0, this.a1, this.a2, this.a3, this.aRest] = [a0, a1, a2, a3, aRest];
    const [s0 = null, s1 = null, s2 = null, s3 = null, ...sRest] = withHook(policies, 'onAttemptStart');
    [this.s0, this.s1, this.s2, this.s3, this.sRest] = [s0, s1, s2, s3, sRest];
    const [e0 = null, e1 = null, e2 = null, e3 = null, e4 = null, ...eRest] = withHook(
      policies,
      'onAttemptEnd',
    );
    [this.e0, this.e1, this.e2, this.e3, this.e4, this.eRest] = [e0, e1, e2, e3, e4, eRest];
    const [c0 = null, c1 = null, ...cRest] = callHooks;
    [this.c0, this.c1, this.cRest] = [c0, c1, cRest];
  }

  /** A local failure if some policy refuses the attempt, else null. */
  admit(isRetry: boolean, nowMs: number): AttemptResult | null {
    let refusal: AttemptResult | null = null;
    if (this.a0 === null || (refusal = this.a0.admit(isRetry, nowMs)) !== null) return refusal;
    if (this.a1 === null || (refusal = this.a1.admit(isRetry, nowMs)) !== null) return refusal;
    if (this.a2 === null || (refusal = this.a2.admit(isRetry, nowMs)) !== null) return refusal;
    if (this.a3 === null || (refusal = this.a3.admit(isRetry, nowMs)) !== null) return refusal;
    for (const policy of this.aRest) {
      refusal = policy.admit(isRetry, nowMs);
      if (refusal !== null) return refusal;
    }
    return null;
  }

  /**
   * Whether every retry gate lets a retry through now (runs only when a retry is due: no slots). A retry let
   * through holds a retry slot (`counts.retries`) from now, its backoff included, until its attempt ends
   * (`attemptEnded` with a `retryOf`) or it is given up before one ends (`retryDropped`): Envoy takes its
   * `retries` resource in `shouldRetry`, before the backoff timer, and gives it back at the next `shouldRetry`
   * (the retried attempt's response or reset) or when the request ends (docs/sources.md#envoy-retry-state).
   */
  allowRetry(nowMs: number): boolean {
    for (const policy of this.retryGates) if (!policy.allowRetry(nowMs)) return false;
    this.counts.retries++;
    return true;
  }

  /**
   * A retry `allowRetry` let through ends without an attempt that `attemptEnded` reports: refused before it
   * started (a policy's `admit`, no endpoint) or given up during its backoff (the call timed out or was
   * cancelled). Gives its retry slot back.
   */
  retryDropped(): void {
    this.counts.retries--;
  }

  /**
   * Picks an endpoint among `endpoints` that every policy considers available. If policies
   * exclude every endpoint, Envoy's panic behaviour applies: pick among all of them — unless the client has a
   * `queue`: then null (no endpoint ready: the call waits), as for an empty list. Undefined: no endpoint, no queue.
   * A `router` first narrows `endpoints` to the version chosen for `call` (at its first attempt; `again`: a held
   * call picking again, not counted by it once more).
   * A retry passes the instances its call `tried` before: with `hostReselections` > 0 they are avoided
   * (`pickAvoiding`).
   */
  pick(
    endpoints: readonly Instance[],
    nowMs: number,
    call: RoutedCall,
    tried: readonly Instance[] | null = null,
    again = false,
  ): Instance | undefined | null {
    if (this.router !== null) endpoints = this.router.select(endpoints, nowMs, call, again);
    // PERF: a first try (no `tried`) or a shape that does not avoid previous hosts skips the redraw loop.
    const avoid = tried !== null && tried.length > 0 && this.hostReselections > 0 ? tried : null;
    if (endpoints.length === 0 && this.queue !== null) return null;
    if (this.filters.length === 0 || endpoints.length === 0 || !this.anyMayExclude(nowMs)) {
      return avoid === null ? this.balancer.pick(endpoints) : this.pickAvoiding(endpoints, avoid);
    }
    const available = this.available;
    available.length = 0;
    for (const instance of endpoints) {
      let ok = true;
      for (const policy of this.filters) {
        if (!policy.isAvailable(instance, nowMs)) {
          ok = false;
          break;
        }
      }
      if (ok) available.push(instance);
    }
    if (available.length === 0 && this.queue !== null) return null;
    const candidates = available.length > 0 ? available : endpoints;
    return avoid === null ? this.balancer.pick(candidates) : this.pickAvoiding(candidates, avoid);
  }

  /**
   * Envoy's `chooseHost` with a retry host predicate: a pick that lands on an instance in `tried` is discarded
   * and drawn again, up to `hostReselections` more times, each draw a whole pick of the balancer (its own random
   * stream, its cursor); the last draw is used even if tried (docs/sources.md#envoy-retry-host-selection).
   * Allocation-free: `tried` holds a call's few earlier instances.
   */
  private pickAvoiding(endpoints: readonly Instance[], tried: readonly Instance[]): Instance | undefined {
    const balancer = this.balancer;
    let instance = balancer.pick(endpoints);
    for (let redraws = this.hostReselections; redraws > 0; redraws--) {
      if (instance === undefined || !tried.includes(instance)) return instance;
      balancer.discard?.(instance);
      instance = balancer.pick(endpoints);
    }
    return instance;
  }

  /**
   * When an endpoint of `endpoints` may be available again, by the policies that can tell (`readyAgainAtMs`) [ms]:
   * the earliest such time after `nowMs`, or Infinity. For a queue's rechecks (call/BalancerQueue.ts).
   */
  readyAgainAtMs(endpoints: readonly Instance[], nowMs: number): number {
    let earliest = Infinity;
    for (const instance of endpoints) {
      let atMs = -Infinity;
      for (const policy of this.filters) {
        const t = policy.readyAgainAtMs?.(instance, nowMs) ?? -Infinity;
        if (t > atMs) atMs = t;
      }
      if (atMs > nowMs && atMs < earliest) earliest = atMs;
    }
    return earliest;
  }

  // PERF: when no filter can exclude anything (the common case), picks skip building the available list.
  private anyMayExclude(nowMs: number): boolean {
    if (this.f0 === null) return false;
    if (this.f0.mayExclude?.(nowMs) ?? true) return true;
    if (this.f1 === null) return false;
    if (this.f1.mayExclude?.(nowMs) ?? true) return true;
    for (const policy of this.fRest) if (policy.mayExclude?.(nowMs) ?? true) return true;
    return false;
  }

  attemptStarted(instance: Instance, isRetry: boolean, nowMs: number): void {
    this.counts.outstanding++;
    if (this.s0 === null) return;
    this.s0.onAttemptStart(instance, isRetry, nowMs);
    if (this.s1 === null) return;
    this.s1.onAttemptStart(instance, isRetry, nowMs);
    if (this.s2 === null) return;
    this.s2.onAttemptStart(instance, isRetry, nowMs);
    if (this.s3 === null) return;
    this.s3.onAttemptStart(instance, isRetry, nowMs);
    for (const policy of this.sRest) policy.onAttemptStart(instance, isRetry, nowMs);
  }

  /**
   * The caller stopped waiting for an attempt; `retryOf` is the retried attempt's result (null: first try). A
   * retry's end gives back the retry slot `allowRetry` took for it.
   */
  attemptEnded(
    instance: Instance,
    result: AttemptResult | 'timeout',
    latencyMs: number,
    nowMs: number,
    retryOf: AttemptResult | null = null,
  ): void {
    const counts = this.counts;
    counts.outstanding--;
    if (retryOf !== null) counts.retries--;
    this.balancer.release(instance, result, latencyMs, nowMs);
    if (this.e0 === null) return;
    this.e0.onAttemptEnd(instance, result, latencyMs, nowMs, retryOf);
    if (this.e1 === null) return;
    this.e1.onAttemptEnd(instance, result, latencyMs, nowMs, retryOf);
    if (this.e2 === null) return;
    this.e2.onAttemptEnd(instance, result, latencyMs, nowMs, retryOf);
    if (this.e3 === null) return;
    this.e3.onAttemptEnd(instance, result, latencyMs, nowMs, retryOf);
    if (this.e4 === null) return;
    this.e4.onAttemptEnd(instance, result, latencyMs, nowMs, retryOf);
    for (const policy of this.eRest) policy.onAttemptEnd(instance, result, latencyMs, nowMs, retryOf);
  }

  callStarted(nowMs: number): void {
    if (this.c0 === null) return;
    this.c0.onCallStart?.(nowMs);
    if (this.c1 === null) return;
    this.c1.onCallStart?.(nowMs);
    for (const policy of this.cRest) policy.onCallStart?.(nowMs);
  }

  callEnded(succeeded: boolean, nowMs: number): void {
    if (this.c0 === null) return;
    this.c0.onCallEnd?.(succeeded, nowMs);
    if (this.c1 === null) return;
    this.c1.onCallEnd?.(succeeded, nowMs);
    for (const policy of this.cRest) policy.onCallEnd?.(succeeded, nowMs);
  }

  retire(nowMs: number): void {
    this.retired = true;
    this.retiredAtMs = nowMs;
    this.queue?.dispose();
  }

  /**
   * 1 when one of its policies is an outlier detector ({@link OUTLIER_DETECTION_POLICY}) and it is the first client of its calling
   * proxy for the destination (not a restarted proxy's `successor`), else 0.
   */
  outlierDetectors(): number {
    return !this.successor && this.policies.some((p) => p.name === OUTLIER_DETECTION_POLICY) ? 1 : 0;
  }

  /** Every policy's counters, merged (a retired client's router and route features are its successor's to count). */
  collect(into: PolicyCounters, nowMs: number): void {
    if (this.retired) {
      const atMs = Math.min(nowMs, this.retiredAtMs);
      for (const policy of this.policies) policy.collect?.(into, atMs);
      this.queue?.collect(into);
      return;
    }
    for (const policy of this.policies) policy.collect?.(into, nowMs);
    this.queue?.collect(into);
    this.router?.collect?.(into, nowMs);
    this.route?.collect(into, nowMs);
  }
}
