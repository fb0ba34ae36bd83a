// Samples per-interval series (default every simulated second): edge counters and latency
// percentiles, service utilisation and queue length. One engine event per interval.

import type { EdgeSeries, ServiceSeries, TimeSeries } from '../config/SimulationResult.js';
import type { Engine } from '@meshsim/engine';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { EdgeStatsTable } from '../ports/EdgeStatsTable.js';
import type { ServiceDirectory } from '../server/ServiceDirectory.js';

/** Records a {@link TimeSeries} by ticking every `intervalMs`. */
export class TimeSeriesRecorder {
  private readonly startMs: number[] = [];
  private readonly edgeSeries = new Map<EdgeStats, EdgeSeries>();
  private readonly serviceSeries = new Map<string, ServiceSeries>();
  private readonly lastBusyArea = new Map<string, number>();
  private intervalStartMs = 0;

  constructor(
    private readonly engine: Engine,
    /** Simulated duration of the run [ms]: the last interval ends there. */
    private readonly durationMs: number,
    private readonly edges: EdgeStatsTable,
    private readonly services: ServiceDirectory,
    readonly intervalMs: number,
    private readonly onProgress: ((simulatedMs: number, totalMs: number, events: number) => void) | undefined,
  ) {}

  /** Arms the first tick. */
  start(): void {
    const first = Math.min(this.intervalMs, this.durationMs);
    this.engine.schedule(first, this.tick);
  }

  private readonly tick = (): void => {
    const engine = this.engine;
    const durationMs = this.durationMs;
    // The last interval is closed by `finish`, after the run: events at the very end (scheduled after this
    // tick for the same instant) still count in it, as they count in the run's totals.
    if (engine.now < durationMs) this.flush();
    this.onProgress?.(engine.now, durationMs, engine.eventsFired);
    if (engine.now < durationMs)
      engine.schedule(Math.min(this.intervalMs, durationMs - engine.now), this.tick);
  };

  /** Closes the last interval at the engine's time: the run's end, or where a guard stopped it. */
  finish(): void {
    this.flush();
  }

  /** Closes the current interval at the engine's time. */
  private flush(): void {
    const now = this.engine.now;
    if (now <= this.intervalStartMs) return;
    const index = this.startMs.length;
    this.startMs.push(this.intervalStartMs);
    for (const edge of this.edges.values()) {
      let series = this.edgeSeries.get(edge);
      if (series === undefined) {
        series = {
          source: edge.source,
          destination: edge.destination,
          calls: new Array<number>(index).fill(0),
          succeeded: new Array<number>(index).fill(0),
          failed: new Array<number>(index).fill(0),
          retries: new Array<number>(index).fill(0),
          p50Ms: new Array<number>(index).fill(0),
          p99Ms: new Array<number>(index).fill(0),
          goodput: [],
        };
        this.edgeSeries.set(edge, series);
      }
      series.calls.push(edge.intervalCalls);
      series.succeeded.push(edge.intervalSucceeded);
      series.failed.push(edge.intervalFailed);
      series.retries.push(edge.intervalRetries);
      if (edge.waiting > 0 && series.waitingAtSource === undefined)
        series.waitingAtSource = new Array<number>(index).fill(0);
      series.waitingAtSource?.push(edge.waiting);
      const empty = edge.intervalLatency.count === 0;
      const [p50, p99] = empty ? [0, 0] : edge.intervalLatency.quantiles([0.5, 0.99]);
      series.p50Ms.push(p50 ?? 0);
      series.p99Ms.push(p99 ?? 0);
      edge.intervalCalls = 0;
      edge.intervalSucceeded = 0;
      edge.intervalFailed = 0;
      edge.intervalRetries = 0;
      edge.intervalLatency.reset();
    }
    // Calls offered from now on count in the next interval.
    this.edges.clock.interval = index + 1;
    const spanMs = now - this.intervalStartMs;
    for (const service of this.services.values()) {
      let series = this.serviceSeries.get(service.name);
      if (series === undefined) {
        series = { name: service.name, utilisation: [], queueLength: [], completed: [], rejected: [] };
        this.serviceSeries.set(service.name, series);
      }
      const stats = service.stats;
      const area = stats.busyAreaAt(now);
      const workers = service.config.concurrency * service.instances.length;
      const previous = this.lastBusyArea.get(service.name) ?? 0;
      series.utilisation.push(workers > 0 ? (area - previous) / (workers * spanMs) : 0);
      this.lastBusyArea.set(service.name, area);
      series.queueLength.push(stats.queueLength);
      series.completed.push(stats.intervalCompleted);
      series.rejected.push(stats.intervalRejected);
      stats.intervalCompleted = 0;
      stats.intervalRejected = 0;
    }
    this.intervalStartMs = now;
  }

  /** The recorded series. */
  result(): TimeSeries {
    const intervals = this.startMs.length;
    // Goodput is known once the run is over: a success may count in the interval before the one it completed in.
    for (const [edge, series] of this.edgeSeries) {
      series.goodput = edge.goodput.slice(0, intervals);
      while (series.goodput.length < intervals) series.goodput.push(0);
      if (edge.byLateness !== null) {
        const byLateness = edge.byLateness.slice(0, intervals).map((counts) => counts.slice());
        while (byLateness.length < intervals) byLateness.push([]);
        series.successesByLateness = byLateness;
      }
    }
    return {
      intervalMs: this.intervalMs,
      startMs: this.startMs,
      edges: [...this.edgeSeries.values()],
      services: [...this.serviceSeries.values()],
    };
  }
}
