// The shared context of one simulation run: engine, random streams, transport, data plane, services, edges.

import { FixedDelayTimers } from '@meshsim/engine';
import type { Engine, Random, RandomStreams } from '@meshsim/engine';
import { onOverallTimeout, onPerTryTimeout } from '../call/Call.js';
import type { Attempt } from '../call/Attempt.js';
import type { Call } from '../call/Call.js';
import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { Transport } from '../call/Transport.js';
import { EdgeStats } from '../ports/EdgeStats.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';

/** Everything the model's parts share during one run. */
export class World {
  /** Edges in creation order (reported sorted). */
  readonly edges = new Map<string, EdgeStats>();
  readonly services = new Map<string, ServiceRuntime>();
  dataPlane!: DataPlane;
  /** False during a control-plane outage: endpoint changes wait in `staleServices`. */
  controlPlaneUp = true;
  readonly staleServices = new Set<ServiceRuntime>();
  private certificates: Random | null = null;
  private readonly overall = new Map<number, FixedDelayTimers<Call>>();
  private readonly perTry = new Map<number, FixedDelayTimers<Attempt>>();
  private lastOverall: FixedDelayTimers<Call> | null = null;
  private lastPerTry: FixedDelayTimers<Attempt> | null = null;

  constructor(
    readonly config: SimulationConfig,
    readonly engine: Engine,
    readonly streams: RandomStreams,
    readonly transport: Transport,
  ) {}

  /**
   * The overall-timeout timers of every call with timeout `delayMs`. Calls with one timeout share a
   * FIFO: their deadlines arrive in order, so scheduling and cancelling are O(1) and cost the heap
   * nothing (see FixedDelayTimers).
   */
  overallTimers(delayMs: number): FixedDelayTimers<Call> {
    // PERF: most lookups repeat the previous delay; a one-entry memo skips the Map.
    if (this.lastOverall !== null && this.lastOverall.delayMs === delayMs) return this.lastOverall;
    let timers = this.overall.get(delayMs);
    if (timers === undefined) {
      timers = new FixedDelayTimers(this.engine, delayMs, onOverallTimeout);
      this.overall.set(delayMs, timers);
    }
    this.lastOverall = timers;
    return timers;
  }

  /** The per-try-timeout timers of every attempt with per-try timeout `delayMs`. */
  perTryTimers(delayMs: number): FixedDelayTimers<Attempt> {
    if (this.lastPerTry !== null && this.lastPerTry.delayMs === delayMs) return this.lastPerTry;
    let timers = this.perTry.get(delayMs);
    if (timers === undefined) {
      timers = new FixedDelayTimers(this.engine, delayMs, onPerTryTimeout);
      this.perTry.set(delayMs, timers);
    }
    this.lastPerTry = timers;
    return timers;
  }

  /** The stream that draws certificate expiry times (created on first use, so runs without outages never create it). */
  certificateRandom(): Random {
    this.certificates ??= this.streams.stream('certificates');
    return this.certificates;
  }

  /** The stats of the edge `source → destination`, created on first use. */
  edge(source: string, destination: string): EdgeStats {
    const key = `${source}\u0000${destination}`;
    let edge = this.edges.get(key);
    if (edge === undefined) {
      edge = new EdgeStats(source, destination);
      this.edges.set(key, edge);
    }
    return edge;
  }

  /** The runtime of a service; throws naming the service if it does not exist. */
  service(name: string): ServiceRuntime {
    const service = this.services.get(name);
    if (service === undefined) throw new Error(`unknown service "${name}"`);
    return service;
  }
}
