// Assembles a runnable model from a resolved config (topology, services, data plane, traffic, faults,
// recorder), runs it on the engine, and collects the result.

import { Engine, RandomStreams } from '@meshsim/engine';
import type { SimulationConfig } from './config/SimulationConfig.js';
import type { EdgeMetrics, ServiceMetrics, SimulationResult } from './config/SimulationResult.js';
import { MODEL_ASSUMPTIONS } from './config/defaults.js';
import { shapeAssumptions } from './config/profiles/shapeAssumptions.js';
import { createDataPlane } from './dataplane/createDataPlane.js';
import type { DataPlane } from './dataplane/DataPlane.js';
import { Transport } from './call/Transport.js';
import { scheduleFaults } from './faults/FaultScheduler.js';
import { World } from './internal/World.js';
import type { EdgeStats } from './ports/EdgeStats.js';
import { summarizeLatency } from './results/summarizeLatency.js';
import { edgeUsesMtls, mtlsCoverage } from './results/mtlsCoverage.js';
import { TimeSeriesRecorder } from './results/TimeSeriesRecorder.js';
import { Instance } from './server/Instance.js';
import { ServiceRuntime } from './server/ServiceRuntime.js';
import { Network } from './topology/Network.js';
import { Topology } from './topology/Topology.js';
import { createSource } from './traffic/TrafficSource.js';

/** Every client's policy counters on an edge, merged, with keys sorted (stable output). */
function collectPolicyEvents(edge: EdgeStats, nowMs: number): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const client of edge.clients) client.collect(counters, nowMs);
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(counters).sort()) sorted[key] = counters[key] as number;
  return sorted;
}

/** Interval of the time series [ms]. */
const SERIES_INTERVAL_MS = 1000;

/** A model built from a config, ready to run once. */
export class Simulation {
  readonly engine = new Engine();
  private readonly world: World;
  private readonly recorder: TimeSeriesRecorder;
  private readonly instances: Instance[] = [];
  private ran = false;

  constructor(
    readonly config: SimulationConfig,
    onProgress?: (simulatedMs: number, totalMs: number) => void,
  ) {
    const streams = new RandomStreams(config.seed);
    const network = new Network(config.network, streams.stream('network'));
    const transport = new Transport(this.engine, network);
    const world = new World(config, this.engine, streams, transport);
    this.world = world;

    // Services and their instances, placed deterministically.
    const topology = new Topology(config.clusters);
    let callerKey = 0;
    for (const serviceConfig of config.services) {
      const service = new ServiceRuntime(world, serviceConfig);
      world.services.set(service.name, service);
      const nodes = topology.place(serviceConfig.cluster, serviceConfig.replicas);
      nodes.forEach((node, index) => {
        const instance = new Instance(world, service, index, this.instances.length, node, callerKey++);
        service.instances.push(instance);
        this.instances.push(instance);
      });
      service.refreshEndpoints();
    }
    world.dataPlane = createDataPlane({
      config,
      instances: this.instances,
      topology,
      engine: this.engine,
      streams,
      onForward: transport.step,
    });

    // Sources first, so their edges are listed first.
    const sources = config.traffic.map((traffic, index) => createSource(world, traffic, callerKey++, index));
    for (const service of world.services.values()) service.wire();
    scheduleFaults(world, config.faults);
    this.recorder = new TimeSeriesRecorder(world, SERIES_INTERVAL_MS, onProgress);
    this.recorder.start();
    for (const source of sources) source.start();
  }

  /** The mesh shape's data plane (for inspecting routes and proxies, e.g. in tests and docs). */
  get dataPlane(): DataPlane {
    return this.world.dataPlane;
  }

  /** The instances of `service` in placement order (throws naming an unknown service). */
  instancesOf(service: string): readonly Instance[] {
    return this.world.service(service).instances;
  }

  /** Runs to the configured duration and returns the metrics. A simulation runs once. */
  run(): SimulationResult {
    if (this.ran) throw new Error('Simulation.run: a simulation can only run once; build a new one');
    this.ran = true;
    this.engine.run({ untilMs: this.config.durationMs });
    return this.result();
  }

  private result(): SimulationResult {
    const config = this.config;
    const world = this.world;
    const durationMs = config.durationMs;
    const edges: EdgeMetrics[] = [...world.edges.values()].map((edge) => {
      const completed = edge.succeeded + edge.failed;
      return {
        source: edge.source,
        destination: edge.destination,
        calls: edge.calls,
        attempts: edge.attempts,
        retries: edge.retries,
        succeeded: edge.succeeded,
        failed: edge.failed,
        failures: { ...edge.failures },
        inFlight: edge.inFlight,
        successRate: completed > 0 ? edge.succeeded / completed : 1,
        latency: summarizeLatency(edge.latency),
        policyEvents: collectPolicyEvents(edge, durationMs),
        mtls: edgeUsesMtls(world, edge.source, edge.destination),
      };
    });
    const services: ServiceMetrics[] = [...world.services.values()].map((service) => {
      const workers = service.config.concurrency * service.instances.length;
      const stats = service.stats;
      return {
        name: service.name,
        namespace: service.config.namespace,
        cluster: service.config.cluster,
        instances: service.instances.length,
        concurrency: service.config.concurrency,
        arrived: stats.arrived,
        completed: stats.completed,
        rejected: stats.rejected,
        errors: stats.errors,
        wasted: stats.wasted,
        rateLimited: stats.rateLimited,
        denied: stats.denied,
        shed: stats.shed,
        deadlineDropped: stats.deadlineDropped,
        cancelled: stats.cancelled,
        utilisation:
          workers > 0 && durationMs > 0 ? stats.busyAreaAt(durationMs) / (workers * durationMs) : 0,
        maxQueueLength: stats.maxQueueLength,
        latency: summarizeLatency(stats.latency),
        versions: service.versions.metrics(),
      };
    });
    const sourceNames = new Set(config.traffic.map((t) => t.name));
    let offered = 0;
    let succeeded = 0;
    let failed = 0;
    let inFlight = 0;
    let holds = true;
    for (const edge of edges) {
      if (edge.calls !== edge.succeeded + edge.failed + edge.inFlight) holds = false;
      if (!sourceNames.has(edge.source)) continue;
      offered += edge.calls;
      succeeded += edge.succeeded;
      failed += edge.failed;
      inFlight += edge.inFlight;
    }
    return {
      scenario: {
        name: config.name,
        description: config.description,
        seed: config.seed,
        durationMs,
        mesh: config.mesh.shape,
      },
      events: this.engine.eventsFired,
      edges,
      services,
      proxies: world.dataPlane.totals(durationMs),
      timeSeries: this.recorder.result(),
      conservation: { offered, succeeded, failed, inFlight, holds },
      mtlsCoverage: mtlsCoverage(edges),
      warnings: [...world.dataPlane.warnings],
      assumptions: [...MODEL_ASSUMPTIONS, ...shapeAssumptions(config.mesh), ...config.assumptions],
    };
  }
}
