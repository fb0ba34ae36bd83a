// A step on the path of an attempt: a proxy traversal or a network transfer between two nodes.

import type { Sampler } from '@meshsim/engine';
import type { Node } from '../topology/Topology.js';

/** What the transport needs of a proxy on a route (the mesh shapes' Proxy implements it). */
export interface StationProxy {
  /** False while crashed or without a valid certificate. */
  readonly up: boolean;
  /**
   * True while its process is down (a crash), as opposed to running without a valid certificate; read only when it
   * is not `up`. Absent: a proxy that is not `up` is crashed.
   */
  readonly crashed?: boolean;
  /**
   * True while its node is unreachable (powered off, partitioned): what reaches it is lost rather than refused or
   * reset, and the caller waits for its timeouts. Only read when it is not `up`; absent: false.
   */
  readonly unreachable?: boolean;
  /**
   * Takes a traveller and returns in how long to forward it [ms] (the transport schedules that, merged
   * with the network hop after it), or NaN when the proxy hands it back to the transport itself.
   * `kib`: its payload [KiB].
   */
  admit(traveller: object, kib: number): number;
  /** Its name (e.g. `frontend-1/istio-proxy`), for traces. */
  readonly name?: string;
  /** Its kind (e.g. `envoy-sidecar`), for traces. */
  readonly kind?: string;
  /** The service it belongs to (a sidecar's pod, a waypoint's service), or null for shared proxies; for traces. */
  readonly service?: string | null;
  /**
   * What its process holds (`ProxyHeld`), when the run can crash it on a live node; else null or absent. The
   * transport adds an attempt as the proxy forwards its request and removes it as the proxy forwards its response.
   */
  readonly held?: Set<ProxyHeld> | null;
  /**
   * Keeps `state` as in-memory state of its process (an Envoy cluster's balancer and policies), for its restart to
   * discard; absent, or a no-op in runs that restart no process: nothing to discard.
   */
  holdState?(state: ProcessState): void;
}

/** In-memory state of a proxy's process: a restarted process starts without it. */
export interface ProcessState {
  /** The process that kept it restarted at `nowMs`: it is no longer used. */
  retire(nowMs: number): void;
}

/**
 * Something a proxy's process holds: an attempt whose request it forwarded and whose response it has not sent back,
 * or a call it waits to retry. When the process crashes on a live node, its kernel resets their connections.
 */
export interface ProxyHeld {
  /** The proxy holding it crashed (its held set is already emptied). */
  proxyCrashed(proxy: StationProxy): void;
}

/**
 * One step of a route; a route is walked forward for the request and backward for the response.
 * A proxy station may carry the payload of its route's target service [KiB] per direction, for
 * proxies that charge CPU per KiB (`ProxyProfile.cpuMsPerKiB`); absent = 0. `P` is the proxy type
 * of the shape that built the route.
 */
export type Station<P extends StationProxy = StationProxy> =
  { kind: 'proxy'; proxy: P; requestKiB?: number; responseKiB?: number } | NetworkStation;

/**
 * A network transfer from node `from` to node `to` (null: outside the clusters). Shapes set `kind`,
 * `from` and `to` only; the transport keeps the hop's latency samplers on it (`forwardMs`,
 * `backwardMs`, valid for the network `samplersOf`), since a hop's locality never changes.
 */
export interface NetworkStation {
  kind: 'network';
  from: Node | null;
  to: Node | null;
  /** @internal Whose samplers `forwardMs` and `backwardMs` are (the transport's network), if set. */
  samplersOf?: object;
  /** @internal Latency of the request's transfer (from → to); raw draws, clamp them. */
  forwardMs?: Sampler;
  /** @internal Latency of the response's transfer (to → from); raw draws, clamp them. */
  backwardMs?: Sampler;
}
