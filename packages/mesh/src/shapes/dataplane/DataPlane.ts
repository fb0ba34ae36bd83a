// The data-plane abstraction: a mesh shape turns each attempt into a route of stations, decides which
// policy applies to a call, and accounts for the proxies it runs. New shapes implement this interface.

import type { CallPolicy } from '../../config/CallPolicy.js';
import type { ProxyTotals } from '../../config/SimulationResult.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { Instance } from '../../server/Instance.js';
import type { CallRoutes } from '../../call/CallRoutes.js';
import type { Station } from '../../call/Station.js';
import type { Proxy } from './Proxy.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { BalancerQueueSpec } from '../../call/BalancerQueue.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { MeshConfig } from '../../config/MeshConfig.js';
import type { ServiceConfig } from '../../config/SimulationConfig.js';
import type { EndpointList } from '../../server/EndpointList.js';

/** A mesh shape at run time. */
export interface DataPlane extends CallRoutes {
  /** The mesh shape's name. */
  readonly shape: string;
  /** The stations an attempt from `caller` to `target` passes, in request order. Cached; do not mutate. */
  route(caller: CallerRef, target: Instance, slot?: number): readonly Station<Proxy>[];
  /**
   * The policy a call actually runs with: the scenario's own when it set one (`policySet`),
   * otherwise the mesh's default for that caller (and `target` service, where the shape's L7 hop
   * depends on the destination: ambient waypoints, Cilium's node Envoy, Lattice between clusters).
   */
  effectivePolicy(caller: CallerRef, policy: CallPolicy, policySet: boolean, target?: string): CallPolicy;
  /**
   * The kind of hop that enforces caller-side policies (timeouts, retries, breakers...) for `caller`'s
   * calls to `target`. Without `target`, the shape's best answer for `caller` in general (exact for
   * shapes whose hop does not depend on the destination).
   */
  clientEnforcer(caller: CallerRef, target?: string): EnforcerKind;
  /** The kind of hop that enforces inbound policies (rate limits, authorization...) of `service`. */
  serverEnforcer(service: string): EnforcerKind;
  /**
   * How many shared proxies enforce `service`'s local rate limit, one token bucket each, chosen by a request's
   * `enforcerSlot` (0..n-1): an ambient waypoint's replicas, Cilium's node Envoys. Absent or 0: the service's
   * own hop does (a bucket per instance).
   */
  inboundEnforcerSlots?(service: string): number;
  /** Whether calls from `caller` to `targetService` are encrypted and mutually authenticated (mTLS) by the data plane. */
  mtls(caller: CallerRef, targetService: string): boolean;
  /** Records one call made by `caller` (for in-process costs such as a client library). */
  countCall(caller: CallerRef): void;
  /**
   * How many more times the hop enforcing `caller`'s policies towards `target` redraws a retry's endpoint while it
   * is one the call already tried (Envoy's `previous_hosts` retry host predicate with
   * `host_selection_retry_max_attempts`, as Istio configures its proxies' retries). Absent or 0: retries pick as
   * first tries do.
   */
  retryHostReselections?(caller: CallerRef, target: string): number;
  /**
   * How the hop balancing `caller`'s calls to `target` holds them while no endpoint is ready (linkerd2-proxy's queue
   * and failfast: call/BalancerQueue.ts), or null: it does not (a pick then takes any endpoint, or finds none).
   */
  balancerQueue?(caller: CallerRef, target: string): BalancerQueueSpec | null;
  /**
   * Client-side policies the shape's proxy always runs for `caller` → `target`, whatever the scenario
   * says (App Mesh legacy accounts: Envoy's default circuit breakers). Absent or empty for most shapes.
   */
  shapeClientPolicies?(caller: CallerRef, target: string): ClientPolicy[];
  /** Every proxy this shape runs (for faults and accounting); empty for proxy-less shapes. */
  proxies(): readonly Proxy[];
  /**
   * The endpoint list callers choose this shape's proxy pods from (ambient waypoint replicas), rebuilt from the
   * proxies' `ready` when a fault changes it, with the same delay as a service's endpoints. Absent: callers do not
   * choose among proxy pods.
   */
  readonly proxyEndpoints?: EndpointList;
  /**
   * Whether a managed hop (VPC Lattice) balances `caller`'s calls to `target` over the endpoints its own health
   * checks keep (`ServiceRuntime.managedEndpoints`) rather than those Kubernetes and the mesh publish (after
   * `endpointUpdateDelayMs`). Absent or false: the mesh's endpoints.
   */
  managedEndpoints?(caller: CallerRef, target: string): boolean;
  /**
   * The balancer kind the managed hop (or a shared node proxy: Cilium's node Envoy) uses for `caller`'s calls to
   * `target` where the destination sets none, or null where none balances them (the mesh's `loadBalancer` applies).
   */
  managedLoadBalancer?(caller: CallerRef, target: string): MeshConfig['loadBalancer'] | null;
  /**
   * Delay before the managed hop's health checks see an instance of `service` go down or come back at `nowMs` [ms];
   * Infinity when they never do (no health checks: Lattice's HTTP/2 and gRPC target groups by default). Absent: the
   * shape has no managed hop.
   */
  managedEndpointChangeDelayMs?(up: boolean, nowMs: number, service: ServiceConfig): number;
  /** Proxy resources over a run of `durationMs`. */
  totals(durationMs: number): ProxyTotals;
}
