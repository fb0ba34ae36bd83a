// A simulation of one resolved config: assembles the model, records its time series, runs it on the
// engine to the configured duration, and collects the result.

import { Engine } from '@meshsim/engine';
import { buildModel } from './assembly/buildModel.js';
import type { Model } from './assembly/Model.js';
import type { SimulationConfig } from './config/SimulationConfig.js';
import type { SimulationResult } from './config/SimulationResult.js';
import type { TelemetryOptions } from './config/Telemetry.js';
import type { DataPlane } from './shapes/dataplane/DataPlane.js';
import { collectResult } from './results/collectResult.js';
import { edgeUsesMtls } from './results/mtlsCoverage.js';
import { RequestSeriesRecorder } from './results/RequestSeriesRecorder.js';
import { SpanRecorder } from './results/SpanRecorder.js';
import { TelemetryRecorder } from './results/TelemetryRecorder.js';
import { TimeSeriesRecorder } from './results/TimeSeriesRecorder.js';
import type { Instance } from './server/Instance.js';

/** Interval of the time series [ms]. */
const SERIES_INTERVAL_MS = 1000;

/** A model built from a config, ready to run once. */
export class Simulation {
  readonly engine = new Engine();
  private readonly model: Model;
  private readonly recorder: TimeSeriesRecorder;
  private telemetry: TelemetryRecorder | null = null;
  private ran = false;

  /**
   * @param config - The resolved config to run.
   * @param onProgress - Called every simulated second with progress [ms].
   * @param telemetry - What to record besides the result (request series, sampled traces); nothing by default.
   * @throws {RangeError} if `telemetry.traceSampleRate` is not in [0, 1].
   */
  constructor(
    readonly config: SimulationConfig,
    onProgress?: (simulatedMs: number, totalMs: number) => void,
    telemetry: TelemetryOptions = {},
  ) {
    const sampleRate = telemetry.traceSampleRate ?? 0;
    if (!(sampleRate >= 0 && sampleRate <= 1)) {
      throw new RangeError(`telemetry.traceSampleRate: expected a share in [0, 1], got ${sampleRate}`);
    }
    const wanted = telemetry.requests === true || sampleRate > 0;
    this.model = buildModel(
      config,
      this.engine,
      wanted
        ? ({ streams, services, instances }) => {
            this.telemetry = new TelemetryRecorder(
              telemetry.requests === true
                ? new RequestSeriesRecorder(config.durationMs, services, instances)
                : null,
              sampleRate > 0
                ? new SpanRecorder(
                    sampleRate,
                    streams.stream('trace-sampling'),
                    `${config.name}|${String(config.seed)}|${config.mesh.shape}`,
                  )
                : null,
            );
            return this.telemetry;
          }
        : undefined,
    );
    this.recorder = new TimeSeriesRecorder(
      this.engine,
      config.durationMs,
      this.model.edges,
      this.model.services,
      SERIES_INTERVAL_MS,
      onProgress,
    );
    this.recorder.start();
    for (const source of this.model.sources) source.start();
  }

  /** The mesh shape's data plane (for inspecting routes and proxies, e.g. in tests and docs). */
  get dataPlane(): DataPlane {
    return this.model.dataPlane;
  }

  /** The instances of `service` in placement order (throws naming an unknown service). */
  instancesOf(service: string): readonly Instance[] {
    return this.model.services.get(service).instances;
  }

  /** Runs to the configured duration and returns the metrics. A simulation runs once. */
  run(): SimulationResult {
    if (this.ran) throw new Error('Simulation.run: a simulation can only run once; build a new one');
    this.ran = true;
    this.engine.run({ untilMs: this.config.durationMs });
    const result = collectResult(this.model, this.recorder);
    if (this.telemetry !== null) {
      const { services, dataPlane } = this.model;
      result.telemetry = this.telemetry.result(this.config.durationMs, (source, destination) =>
        edgeUsesMtls(services, dataPlane, source, destination),
      );
    }
    return result;
  }
}
