// A simulation of one resolved config: assembles the model, records its time series, runs it on the
// engine to the configured duration under the run's guards, and collects the result.

import { Engine } from '@meshsim/engine';
import { buildModel } from './assembly/buildModel.js';
import { checkConfig } from './checkConfig.js';
import type { Model } from './assembly/Model.js';
import type { SimulationConfig } from './config/SimulationConfig.js';
import type { RunStopped, SimulationResult } from './config/SimulationResult.js';
import type { DataPlane } from './shapes/dataplane/DataPlane.js';
import { collectResult } from './results/collectResult.js';
import { edgeUsesMtls } from './results/mtlsCoverage.js';
import { groupThousands } from './config/groupThousands.js';
import { observeZenoLoop, zenoMessage } from './results/observeZenoLoop.js';
import { RequestSeriesRecorder } from './results/RequestSeriesRecorder.js';
import { SpanRecorder } from './results/SpanRecorder.js';
import { checkTraceKeep } from './results/checkTraceKeep.js';
import { TelemetryRecorder } from './results/TelemetryRecorder.js';
import { TimeSeriesRecorder } from './results/TimeSeriesRecorder.js';
import { seriesIntervalMs } from './results/seriesInterval.js';
import type { Instance } from './server/Instance.js';
import {
  CHECK_EVERY_EVENTS,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_EVENTS_AT_ONE_INSTANT,
} from './SimulateOptions.js';
import type { ExternalStop, SimulateOptions } from './SimulateOptions.js';

/** Most events fired, after a Zeno stop, to see which sources and edges loop. */
const ZENO_SAMPLE_EVENTS = 10_000;

/** Checks a guard option: a number >= 1 (Infinity allowed), naming it otherwise. */
function limitOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value >= 1)) throw new RangeError(`simulate: ${name} must be a number >= 1 (got ${String(value)})`);
  return value;
}

/** The series interval of a run [ms]: the option, checked (a number >= 1), or the rule's for its duration. */
function seriesInterval(value: number | undefined, durationMs: number): number {
  if (value === undefined) return seriesIntervalMs(durationMs);
  if (!(value >= 1 && Number.isFinite(value)))
    throw new RangeError(
      `simulate: seriesIntervalMs must be a finite number >= 1 [ms] (got ${String(value)})`,
    );
  return value;
}

/** A model built from a config, ready to run once. */
export class Simulation {
  readonly engine = new Engine();
  private readonly model: Model;
  private readonly recorder: TimeSeriesRecorder;
  private readonly options: SimulateOptions;
  private telemetry: TelemetryRecorder | null = null;
  private ran = false;

  /**
   * @param config - The resolved config; a RangeError names any field outside the scenario format's bounds.
   * @param options - Progress, guards, the caller's budget hook and what to record besides the result
   *   (request series, sampled traces; nothing by default); a function is taken as `onProgress`.
   * @throws {TypeError} if an object the run needs is missing (`mesh`, `network`, a policy; checkConfigValues).
   * @throws {RangeError} if a field is out of bounds or not one of its values (checkConfigValues, checkConfigBounds),
   *   `telemetry.traceSampleRate` is not in [0, 1] or
   *   `telemetry.traceKeep` is not `{ errors?: boolean, slowerThanMs?: number > 0, share?: (0, 1] }`;
   *   an Error naming the field if it refers to a service the config does not define.
   */
  constructor(
    readonly config: SimulationConfig,
    options: SimulateOptions | NonNullable<SimulateOptions['onProgress']> = {},
  ) {
    this.options = typeof options === 'function' ? { onProgress: options } : options;
    checkConfig(config, 'simulate');
    const telemetry = this.options.telemetry ?? {};
    const sampleRate = telemetry.traceSampleRate ?? 0;
    if (!(sampleRate >= 0 && sampleRate <= 1)) {
      throw new RangeError(`telemetry.traceSampleRate: expected a share in [0, 1], got ${sampleRate}`);
    }
    const keep = checkTraceKeep(telemetry.traceKeep);
    const intervalMs = seriesInterval(this.options.seriesIntervalMs, config.durationMs);
    const tracing = sampleRate > 0 || keep !== null;
    const wanted = telemetry.requests === true || tracing;
    this.model = buildModel(
      config,
      this.engine,
      wanted
        ? ({ streams, services, instances }) => {
            this.telemetry = new TelemetryRecorder(
              telemetry.requests === true
                ? new RequestSeriesRecorder(config.durationMs, intervalMs, services, instances)
                : null,
              tracing
                ? new SpanRecorder(
                    sampleRate,
                    streams.stream('trace-sampling'),
                    `${config.name}|${String(config.seed)}|${config.mesh.shape}`,
                    keep,
                    keep !== null && (keep.share ?? 1) < 1 ? streams.stream('trace-tail-sampling') : null,
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
      intervalMs,
      this.options.onProgress,
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

  /**
   * Runs to the configured duration and returns the metrics. A simulation runs once. When a guard
   * stops the run early, the result holds what was measured until then and `stopped` says why.
   */
  run(): SimulationResult {
    if (this.ran) throw new Error('Simulation.run: a simulation can only run once; build a new one');
    this.ran = true;
    const { onProgress, onCheck } = this.options;
    const maxAtInstant = limitOption(
      'maxEventsAtOneInstant',
      this.options.maxEventsAtOneInstant,
      DEFAULT_MAX_EVENTS_AT_ONE_INSTANT,
    );
    const maxEvents = limitOption('maxEvents', this.options.maxEvents, DEFAULT_MAX_EVENTS);
    const totalMs = this.config.durationMs;
    let external: ExternalStop | undefined;
    const summary = this.engine.run({
      untilMs: totalMs,
      maxEvents,
      maxEventsAtOneInstant: maxAtInstant,
      checkEvery: CHECK_EVERY_EVENTS,
      ...((onProgress !== undefined || onCheck !== undefined) && {
        onCheck: (events: number, nowMs: number): boolean => {
          onProgress?.(nowMs, totalMs, events);
          external = onCheck?.(events, nowMs);
          return external !== undefined;
        },
      }),
    });
    const stopped = this.stopped(summary.stoppedBy, maxAtInstant, maxEvents, external);
    this.recorder.finish();
    for (const source of this.model.sources) source.finish();
    const result = collectResult(this.model, this.recorder, stopped);
    if (this.telemetry !== null) {
      const { services, sources, dataPlane } = this.model;
      result.telemetry = this.telemetry.result(this.config.durationMs, (source, destination) =>
        edgeUsesMtls(services, sources, dataPlane, source, destination),
      );
    }
    return result;
  }

  /** What stopped the run early, if anything (and, for a Zeno loop, what loops). */
  private stopped(
    stoppedBy: string,
    maxAtInstant: number,
    maxEvents: number,
    external: ExternalStop | undefined,
  ): RunStopped | undefined {
    const atMs = this.engine.now;
    switch (stoppedBy) {
      case 'zeno': {
        const loop = observeZenoLoop(this.model, Math.min(ZENO_SAMPLE_EVENTS, maxAtInstant));
        return {
          reason: 'zeno',
          atMs,
          limit: maxAtInstant,
          message: zenoMessage(maxAtInstant, atMs, loop),
          loop,
        };
      }
      case 'maxEvents':
        return {
          reason: 'max-events',
          atMs,
          limit: maxEvents,
          message: `${groupThousands(maxEvents)} events fired (maxEvents) at ${groupThousands(atMs)} ms of simulated time`,
        };
      case 'check':
        return external === undefined ? undefined : { ...external, atMs };
      default:
        return undefined;
    }
  }
}
