// The shared context of one simulation run: engine, random streams, transport, data plane, services, edges.

import type { Engine, Random, RandomStreams } from '@meshsim/engine';
import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { DataPlane } from '../dataplane/DataPlane.js';
import type { Transport } from '../dataplane/Transport.js';
import { EdgeStats } from '../metrics/EdgeStats.js';
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

  constructor(
    readonly config: SimulationConfig,
    readonly engine: Engine,
    readonly streams: RandomStreams,
    readonly transport: Transport,
  ) {}

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
