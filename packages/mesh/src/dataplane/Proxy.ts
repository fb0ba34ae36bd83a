// A proxy instance (sidecar, per-node proxy, ...): worker threads, a FIFO of waiting traversals,
// and CPU/memory accounting. Each traversal holds a worker; telemetry work keeps it busy a little longer.

import type { Engine, Sampler } from '@meshsim/engine';
import type { ProxyProfile, ProxyRole } from '../config/SimulationConfig.js';
import { Deque } from '../internal/Deque.js';
import type { Node } from '../topology/Topology.js';
import { clampNonNegative } from '../topology/Network.js';

/** Something that passes through a proxy and continues when the proxy is done with it. */
export interface ProxyTraveller {
  /** Extra time the worker stays busy after forwarding this traveller [ms]. */
  holdMs: number;
}

/**
 * A proxy with `workers` threads. A traversal takes a worker for its sampled latency, then the
 * worker stays busy until the per-traversal CPU share is spent (Istio: telemetry is collected after
 * the response is sent and shows up as queueing for the next request). Waiting traversals are FIFO.
 */
export class Proxy {
  /** CPU consumed so far [ms of one core]. */
  cpuMs = 0;
  /** Traversals that waited for a worker. */
  queued = 0;
  /** Traversals completed. */
  traversals = 0;
  /** False while the proxy is crashed: requests through it fail to connect, responses are reset. */
  up = true;
  /** The service this proxy belongs to (sidecar's pod, waypoint's service), or null for per-node proxies. */
  service: string | null = null;
  /** The instance whose pod holds this proxy (sidecars), or -1. */
  instanceId = -1;
  /** What the proxy does in its mesh (faults target proxies by role). */
  role: ProxyRole = 'sidecar';
  private busy = 0;
  private readonly waiting = new Deque<ProxyTraveller>();
  private readonly cpuPerTraversalMs: number;
  private readonly forward: (traveller: ProxyTraveller) => void;

  constructor(
    readonly kind: string,
    readonly name: string,
    readonly node: Node | null,
    private readonly profile: ProxyProfile,
    private readonly latency: Sampler,
    private readonly engine: Engine,
    onForward: (traveller: ProxyTraveller) => void,
  ) {
    this.cpuPerTraversalMs = profile.cpuMsPerRequest / 2;
    this.forward = (traveller) => this.onProcessed(traveller, onForward);
  }

  /** Memory of this proxy [MiB] given the number of endpoints in its configuration. */
  memoryMiB(endpoints: number): number {
    return this.profile.memoryBaseMiB + (this.profile.memoryPerEndpointKiB * endpoints) / 1024;
  }

  /** Hands a traveller to the proxy; it is forwarded when a worker has processed it. */
  enter(traveller: ProxyTraveller): void {
    if (this.busy < this.profile.workers) {
      this.busy++;
      this.start(traveller);
    } else {
      this.queued++;
      this.waiting.push(traveller);
    }
  }

  private start(traveller: ProxyTraveller): void {
    const latencyMs = clampNonNegative(this.latency());
    traveller.holdMs = this.cpuPerTraversalMs > latencyMs ? this.cpuPerTraversalMs - latencyMs : 0;
    this.cpuMs += this.cpuPerTraversalMs;
    this.engine.schedule(latencyMs, this.forward, traveller);
  }

  private onProcessed(traveller: ProxyTraveller, onForward: (traveller: ProxyTraveller) => void): void {
    this.traversals++;
    const holdMs = traveller.holdMs;
    if (holdMs > 0) this.engine.schedule(holdMs, this.releaseWorker);
    else this.releaseWorker();
    onForward(traveller);
  }

  private readonly releaseWorker = (): void => {
    const next = this.waiting.shift();
    if (next !== undefined) this.start(next);
    else this.busy--;
  };
}
