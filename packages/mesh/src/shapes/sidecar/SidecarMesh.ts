// What distinguishes one sidecar-shaped mesh from another (Istio, Linkerd, App Mesh, Consul): the
// proxy kind and profile, where it enforces, which endpoints each proxy holds, and its policy gaps.

import type { BalancerQueueSpec } from '../../call/BalancerQueue.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import type { MeshConfigBase, ProxyProfile } from '../../config/MeshConfig.js';
import type { SimulationConfig } from '../../config/SimulationConfig.js';
import type { CallPolicy } from '../../config/CallPolicy.js';
import type { ScenarioFieldPath } from '../../config/ConfigWarning.js';
import type { CallerRef } from '../../topology/CallerRef.js';
import type { WireProtocol } from '../../config/SimulationConfig.js';
import type { RunStreams } from '../../ports/RunStreams.js';

/** A sidecar mesh of config type `C`: what `SidecarDataPlane` needs to know of one sidecar-shaped mesh. */
export interface SidecarMesh<C extends MeshConfigBase> {
  /** Proxy kind in `ProxyTotals.byKind`. */
  readonly kind: string;
  /** Container name, used in proxy names (`<instance>/<container>`). */
  readonly container: string;
  /** Name of the random stream of the proxies' latency. */
  readonly stream: string;
  /** Capability kind of the sidecar (config/capabilities.ts). */
  readonly enforcer: EnforcerKind;
  /** Endpoints a proxy holds: every endpoint of the mesh, or only those of the services its pod calls. */
  readonly endpointScope: 'all' | 'called';
  /**
   * The protocol between two of its proxies, when the mesh picks it (Linkerd upgrades HTTP/1.1 to
   * HTTP/2 between proxies); absent: the service's own protocol (Envoy keeps the downstream protocol).
   */
  readonly interProxyProtocol?: WireProtocol;
  /**
   * How long its proxy waits for a new upstream connection to be accepted [ms] (Istio's `connectTimeout`,
   * Linkerd's outbound connect timeout, …): what connecting to a pod on an unreachable node costs. Absent: Envoy's
   * default, 5 s.
   */
  readonly connectTimeoutMs?: number;
  /** The proxy profile in `mesh`. */
  profile(mesh: C): ProxyProfile;
  /**
   * Whether a proxy's workers follow its container's CPU limit (shapes/dataplane/proxyConcurrency.ts) rather
   * than the profile's `workers`: true where the mesh sizes its proxies so and the user set no `workers`.
   * Absent: never.
   */
  workersFromCpuLimit?(mesh: C): boolean;
  /**
   * Whether a sidecar without a CPU limit runs a worker per core of its node (Istio 1.18+: Envoy gets no
   * concurrency) rather than its profile's workers. Only asked when `workersFromCpuLimit` is true.
   */
  unlimitedWorkersFromNode?(mesh: C): boolean;
  /**
   * A scenario-set call policy with the fields it left unwritten as the mesh's control plane fills them (Istio: a
   * route with a timeout but no retries keeps the default retry). Absent: as written.
   */
  routePolicy?(policy: CallPolicy, mesh: C): CallPolicy;
  /**
   * The mesh's default policy as the proxy runs it (Linkerd: its own retry backoff), warned of in `configWarnings`.
   * Absent: as resolved.
   */
  runDefaultPolicy?(policy: CallPolicy): CallPolicy;
  /** A scenario-set call policy as the proxy can run it (may warn). `call` names the call in warnings. */
  adjustPolicy(policy: CallPolicy, call: string, warn: (message: string) => void): CallPolicy;
  /**
   * Warnings about the scenario as a whole, issued once when the data plane is built; `warn`'s `path` names the
   * scenario field a warning is about, when it is about one.
   */
  configWarnings(
    config: SimulationConfig,
    mesh: C,
    warn: (message: string, path?: ScenarioFieldPath) => void,
  ): void;
  /**
   * How many more times the sidecar redraws a retry's endpoint while it is one the call already tried (Envoy's
   * `previous_hosts` predicate with `host_selection_retry_max_attempts`). Absent: never (the proxy does not avoid
   * previous endpoints).
   */
  readonly retryHostReselections?: number;
  /**
   * How a mesh caller's sidecar holds its requests while no endpoint of the destination is ready (linkerd2-proxy's
   * balancer queue and failfast: call/BalancerQueue.ts). Absent: it does not (a pick takes any endpoint).
   */
  readonly balancerQueue?: BalancerQueueSpec;
  /**
   * Client-side policies the proxy always runs for a mesh caller → `target`, whatever the scenario says; `streams`
   * gives a policy that draws its own random stream.
   */
  clientPolicies?(mesh: C, caller: CallerRef, target: string, streams: RunStreams): ClientPolicy[];
}
