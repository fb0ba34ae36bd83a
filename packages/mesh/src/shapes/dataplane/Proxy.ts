// A proxy instance (sidecar, per-node proxy, ...): worker threads serving traversals in FIFO order,
// and CPU/memory accounting. A traversal holds a worker for its CPU share and is forwarded after its latency.

import { proxyRequestedCpuCores } from '../../config/requestedCpuCores.js';
import { proxyRequestedMemoryMiB } from '../../config/requestedMemoryMiB.js';
import type { Engine, Sampler } from '@meshsim/engine';
import type { ProxyRole } from '../../config/SimulationConfig.js';
import type { ProxyProfile } from '../../config/MeshConfig.js';
import type { ProcessState, ProxyHeld, StationProxy } from '../../call/Station.js';
import type { CpuContainer } from '../../cpu/NodeCpu.js';
import type { ConnectionEnd } from '../../server/ConnectionEnd.js';
import { ProxyCpuPath } from './ProxyCpuPath.js';
import type { Node } from '../../topology/Topology.js';
import { clampNonNegative } from '../../topology/Network.js';

/** Something that passes through a proxy and continues when the proxy is done with it. */
export type ProxyTraveller = object;

/**
 * A proxy with `workers` threads serving traversals first come, first served. A traversal takes a
 * worker for its CPU share (`cpuMsPerRequest / 2` plus `cpuMsPerKiB` × its payload) and is forwarded
 * its sampled latency after it started. Latency beyond the CPU share is waiting that does not hold the
 * worker (an event-loop proxy); CPU beyond the latency keeps the worker busy after forwarding (Istio:
 * telemetry is collected after the response is sent and shows up as queueing for the next request).
 * `workers: Infinity` means no worker limit (a managed hop, a kernel datapath): no queueing.
 *
 * Each worker's next free time is kept in an array: a traversal entering at time t takes the worker
 * free earliest, starts at max(t, free) and is forwarded at start + latency. Assigning arrivals in
 * order to the earliest-free worker is exactly a FIFO multi-server queue (Kiefer–Wolfowitz), so a
 * traversal costs one engine event however long it waits (scheduled by the transport, with the network
 * hop after it).
 */
export class Proxy implements StationProxy, ConnectionEnd {
  /** CPU consumed so far [ms of one core]. */
  cpuMs = 0;
  /** Traversals that waited for a worker. */
  queued = 0;
  /** Traversals started. */
  traversals = 0;
  /** True while the proxy is crashed (a fault). */
  crashed = false;
  /**
   * Whether Kubernetes counts its pod Ready (a waypoint's: callers choose among the Ready replicas, `proxyEndpoints`).
   * A proxy on a powered-off node stays Ready, though down, until the node controller marks it NotReady.
   */
  ready = true;
  /** Times its process crashed on a node that stayed up (`crash`): each closed its connections (`ConnectionEnd`). */
  crashes = 0;
  /**
   * What its process holds (`StationProxy.held`), when the run can crash it on a live node (`trackHeld`); else null.
   */
  held: Set<ProxyHeld> | null = null;
  /** The in-memory state of its process (`holdState`), when the run restarts processes (`trackRestarts`); else null. */
  private states: ProcessState[] | null = null;
  /** True while its workload certificate has expired (a long control-plane outage): mTLS handshakes fail. */
  certificateExpired = false;
  /** The service this proxy belongs to (sidecar's pod, waypoint's service), or null for per-node proxies. */
  service: string | null = null;
  /** The services bound to this proxy as their waypoint (several when shared); empty for other proxies. */
  boundServices: readonly string[] = [];
  /** The instance whose pod holds this proxy (sidecars), or -1. */
  instanceId = -1;
  /** What the proxy does in its mesh (faults target proxies by role). */
  role: ProxyRole = 'sidecar';
  /** Payload processed so far [KiB] (only counted when the route's stations carry payload sizes). */
  kib = 0;
  /** Pooled upstream connections through this proxy: one per (caller, target instance) route built. */
  connections = 0;
  /** Connections this proxy opened or accepted with a TLS handshake. */
  handshakes = 0;
  private readonly freeAtMs: Float64Array;
  /** The path of traversals on the node's CPU, or null when CPU is not modelled. */
  private readonly cpuPath: ProxyCpuPath | null;
  private readonly cpuPerTraversalMs: number;
  private readonly cpuPerKiBMs: number;
  private readonly unbounded: boolean;

  constructor(
    readonly kind: string,
    readonly name: string,
    readonly node: Node | null,
    private readonly profile: ProxyProfile,
    private readonly latency: Sampler,
    private readonly engine: Engine,
    onForward: (traveller: ProxyTraveller) => void,
    /** The proxy's container on its node's CPU, or null when CPU is not modelled. */
    readonly cpu: CpuContainer | null = null,
  ) {
    if (!(profile.workers >= 1))
      throw new RangeError(`proxy ${name}: workers must be >= 1 (got ${profile.workers})`);
    this.cpuPerTraversalMs = profile.cpuMsPerRequest / 2;
    this.cpuPerKiBMs = profile.cpuMsPerKiB ?? 0;
    this.unbounded = profile.workers === Infinity;
    this.freeAtMs = new Float64Array(this.unbounded ? 0 : Math.floor(profile.workers));
    this.cpuPath = cpu === null ? null : new ProxyCpuPath(engine, cpu, profile.workers, onForward);
  }

  /** Worker threads (`ProxyProfile.workers`, or its CPU limit rounded up where the mesh sizes them so). */
  get workers(): number {
    return this.profile.workers;
  }

  /** CPU request of its container [cores]: capacity it reserves on its node (its limit when it sets no request). */
  get cpuRequestCores(): number {
    return proxyRequestedCpuCores(this.profile);
  }

  /** Memory request of its container [MiB]: memory it reserves on its node (its limit when it sets no request). */
  get memoryRequestMiB(): number {
    return proxyRequestedMemoryMiB(this.profile);
  }

  /** CPU limit of its container [cores]; Infinity when it has none. */
  get cpuLimitCores(): number {
    return this.profile.cpuLimitCores ?? Infinity;
  }

  /** CPU of one TLS handshake at this proxy [ms of one core]. */
  get tlsHandshakeCpuMs(): number {
    return this.profile.tlsHandshakeCpuMs ?? 0;
  }

  /** A TLS handshake this proxy took part in: counted, and its CPU added to the proxy's. */
  chargeHandshake(cpuMs: number): void {
    this.handshakes++;
    this.cpuMs += cpuMs;
  }

  /**
   * CPU this proxy used up to `nowMs` [ms of one core]. {@link cpuMs} counts a traversal's work when it enters;
   * work its workers still have after `nowMs` (traversals queued behind an overloaded proxy at the run's end)
   * was not done within the run, so it is left out: a proxy never uses more than its workers (or, on a node's
   * CPU, than its container ran). A proxy without a worker limit counts each traversal's work as it starts.
   */
  cpuMsAt(nowMs: number): number {
    if (this.cpu !== null) return this.cpu.cpuMsAt(nowMs);
    let ahead = 0;
    const freeAtMs = this.freeAtMs;
    // Each worker is busy without a gap from the last arrival (at or before `nowMs`) to its next free time.
    for (let w = 0; w < freeAtMs.length; w++) {
      const free = freeAtMs[w] as number;
      if (free > nowMs) ahead += free - nowMs;
    }
    return ahead > 0 ? this.cpuMs - ahead : this.cpuMs;
  }

  /**
   * Its process crashes on a node that stays up (`crash-proxy`, or its pod's crash): it is down until `crashed` is
   * cleared, and its kernel closed its connections (a powered-off node's proxies are only marked `crashed`: their
   * node's reboot ends their connections).
   */
  crash(): void {
    if (!this.crashed) this.crashes++;
    this.crashed = true;
    // Its kernel resets the connections of what it held: each fails back to its caller (`ProxyHeld`), in an event of
    // its own just after the crash's (the reset's trip back is left out).
    const held = this.held;
    if (held === null || held.size === 0) return;
    const lost: HeldAtCrash = { proxy: this, items: [...held] };
    held.clear();
    this.engine.schedule(0, failHeld, lost);
  }

  /** Keeps what its process holds from now on (`held`), so that a crash fails it: for runs that can crash it. */
  trackHeld(): void {
    this.held ??= new Set();
  }

  /** Keeps its process's in-memory state from now on (`holdState`), so that a restart discards it. */
  trackRestarts(): void {
    this.states ??= [];
  }

  holdState(state: ProcessState): void {
    this.states?.push(state);
  }

  /**
   * Its process runs again (its crash, or its node's power-off, ended): a new process, which holds nothing of the old
   * one's — no request, and none of its in-memory state (outlier ejections, breakers, budgets, balancer).
   */
  restart(): void {
    this.crashed = false;
    this.held?.clear();
    const states = this.states;
    if (states === null || states.length === 0) return;
    const now = this.engine.now;
    for (const state of states) state.retire(now);
    states.length = 0;
  }

  /** False while crashed or without a valid certificate: requests through it fail to connect, responses are reset. */
  get up(): boolean {
    return !this.crashed && !this.certificateExpired;
  }

  /** True while its process is down on a node that is up: its node's kernel refuses connections to it (RST). */
  get refusesConnections(): boolean {
    return this.crashed && !this.unreachable;
  }

  /** True while its node is unreachable (a `crashNode` fault that powers it off): travellers reaching it are lost. */
  get unreachable(): boolean {
    return this.node !== null && this.node.unreachable;
  }

  /** Memory of this proxy [MiB]: base, plus its configuration (`endpoints`), plus its pooled connections. */
  memoryMiB(endpoints: number): number {
    const profile = this.profile;
    return (
      profile.memoryBaseMiB +
      (profile.memoryPerEndpointKiB * endpoints + (profile.memoryPerConnectionKiB ?? 0) * this.connections) /
        1024
    );
  }

  /**
   * Takes a traveller (`kib`: its payload [KiB]) and returns in how long it is forwarded [ms], for the
   * transport to schedule (merged with the network hop that follows). NaN when the proxy forwards it itself
   * through `onForward`: on a node's CPU the forwarding time is not known at entry.
   */
  admit(traveller: ProxyTraveller, kib: number): number {
    const now = this.engine.now;
    let cpuMs = this.cpuPerTraversalMs;
    if (kib > 0) {
      this.kib += kib;
      cpuMs += this.cpuPerKiBMs * kib;
    }
    this.cpuMs += cpuMs;
    this.traversals++;
    if (this.cpuPath !== null) {
      if (this.cpuPath.enter(traveller, clampNonNegative(this.latency()), cpuMs)) this.queued++;
      return NaN;
    }
    if (this.unbounded) return clampNonNegative(this.latency());
    const freeAtMs = this.freeAtMs;
    // PERF: a linear scan for the earliest-free worker; proxies have a handful of workers.
    let worker = 0;
    let earliest = freeAtMs[0] as number;
    for (let w = 1; w < freeAtMs.length; w++) {
      const t = freeAtMs[w] as number;
      if (t < earliest) {
        earliest = t;
        worker = w;
      }
    }
    const startMs = earliest > now ? earliest : now;
    if (earliest > now) this.queued++;
    const latencyMs = clampNonNegative(this.latency());
    // The worker is busy for the CPU share only; latency beyond it is waiting, not work.
    freeAtMs[worker] = startMs + cpuMs;
    return startMs - now + latencyMs;
  }
}

/** What a proxy's process held when it crashed. */
interface HeldAtCrash {
  readonly proxy: Proxy;
  readonly items: readonly ProxyHeld[];
}

function failHeld({ proxy, items }: HeldAtCrash): void {
  for (const item of items) item.proxyCrashed(proxy);
}
