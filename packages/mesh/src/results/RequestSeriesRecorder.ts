// Records request series as a mesh's proxies report them (Istio's standard metrics): one series per reporter,
// caller, callee, versions, status and flags, with a count and duration and size histograms, sampled at the run's
// series interval. Requests are binned by the interval they end in; no engine event is added (results stay the same).

import type { AttemptResult } from '../config/AttemptResult.js';
import type { FailureCause } from '../config/SimulationResult.js';
import { ENVOY_DEFAULT_BUCKETS } from '../config/Telemetry.js';
import type { HistogramSamples, Reporter, RequestSeries, RequestTelemetry } from '../config/Telemetry.js';
import type { Attempt } from '../call/Attempt.js';
import type { TappedCall } from '../call/CallTap.js';
import type { Instance } from '../server/Instance.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { ServiceDirectory } from '../server/ServiceDirectory.js';
import { destinationResponse, flagsLabel, sourceResponse } from './envoyResponse.js';
import { minOf } from '../config/manyValues.js';

/** What one series observed within one sample interval (bucket counts not cumulative). */
interface IntervalCounts {
  count: number;
  durationSum: number;
  durationBuckets: number[];
  requestSum: number;
  requestBuckets: number[];
  responseSum: number;
  responseBuckets: number[];
}

/** A series' labels and its counts by interval. */
interface SeriesState {
  labels: Omit<
    RequestSeries,
    'mtls' | 'firstSample' | 'count' | 'durationMs' | 'requestBytes' | 'responseBytes'
  >;
  intervals: Map<number, IntervalCounts>;
}

/** Index of the first bound ≥ `value`, or `bounds.length` (only `+Inf`). */
function bucketOf(bounds: readonly number[], value: number): number {
  let index = 0;
  while (index < bounds.length && (bounds[index] as number) < value) index++;
  return index;
}

/** The request series of one run. */
export class RequestSeriesRecorder {
  private readonly series = new Map<string, SeriesState>();
  private readonly bounds = ENVOY_DEFAULT_BUCKETS;
  private readonly samples: number;

  constructor(
    private readonly durationMs: number,
    /** Length of a sample interval [ms]: the run's series interval. */
    private readonly sampleMs: number,
    private readonly services: ServiceDirectory,
    /** Every instance, indexed by `Instance.id`. */
    private readonly instances: readonly Instance[],
  ) {
    this.samples = Math.max(1, Math.ceil(durationMs / sampleMs));
  }

  /** The service whose pod a traffic source runs in (`from`), or null (a service, or a source outside the mesh). */
  private hostOf(caller: CallerRef): string | null {
    return caller.service === null && caller.instanceId >= 0
      ? (this.instances[caller.instanceId]?.service.name ?? null)
      : null;
  }

  /** A call ended at its caller: what the caller's proxy reports. */
  callEnded(call: TappedCall, cause: FailureCause | null, nowMs: number): void {
    const response = sourceResponse(cause, call.responseFlags);
    // No instance answered a refused, endpoint-less or fault-aborted call.
    const reached =
      cause !== 'no-endpoints' && cause !== 'breaker-open' && response.flags.indexOf('FI') < 0
        ? call.lastInstance
        : null;
    const caller = call.caller;
    const target = this.services.get(call.destination).config;
    this.record(
      'source',
      caller.name,
      caller.service,
      this.hostOf(caller),
      caller.instanceId >= 0 ? (this.instances[caller.instanceId]?.version ?? null) : null,
      call.destination,
      reached?.version ?? null,
      response.code,
      flagsLabel(response),
      nowMs,
      nowMs - call.startedMs,
      target.requestBytes ?? 0,
      response.code >= 200 && response.code < 300 ? (target.responseBytes ?? 0) : 0,
    );
  }

  /** An instance answered an attempt: what the callee's proxy reports. */
  responseSent(attempt: Attempt, result: AttemptResult, nowMs: number): void {
    const response = destinationResponse(result, attempt.abandoned);
    const caller = attempt.call.caller;
    const instance = attempt.instance;
    const target = instance.service.config;
    this.record(
      'destination',
      caller.name,
      caller.service,
      this.hostOf(caller),
      caller.instanceId >= 0 ? (this.instances[caller.instanceId]?.version ?? null) : null,
      instance.service.name,
      instance.version,
      response.code,
      flagsLabel(response),
      nowMs,
      nowMs - attempt.arrivedMs,
      target.requestBytes ?? 0,
      response.code >= 200 && response.code < 300 ? (target.responseBytes ?? 0) : 0,
    );
  }

  private record(
    reporter: Reporter,
    source: string,
    sourceService: string | null,
    sourceHost: string | null,
    sourceVersion: string | null,
    destination: string,
    destinationVersion: string | null,
    responseCode: number,
    responseFlags: string,
    nowMs: number,
    durationMs: number,
    requestBytes: number,
    responseBytes: number,
  ): void {
    const key = `${reporter}\u0000${source}\u0000${sourceHost}\u0000${sourceVersion}\u0000${destination}\u0000${destinationVersion}\u0000${responseCode}\u0000${responseFlags}`;
    let state = this.series.get(key);
    if (state === undefined) {
      state = {
        labels: {
          reporter,
          source,
          sourceService,
          sourceHost,
          sourceVersion,
          destination,
          destinationVersion,
          responseCode,
          responseFlags,
        },
        intervals: new Map(),
      };
      this.series.set(key, state);
    }
    const index = nowMs <= 0 ? 0 : Math.min(Math.ceil(nowMs / this.sampleMs) - 1, this.samples - 1);
    let counts = state.intervals.get(index);
    if (counts === undefined) {
      const size = this.bounds.length;
      counts = {
        count: 0,
        durationSum: 0,
        durationBuckets: new Array<number>(size).fill(0),
        requestSum: 0,
        requestBuckets: new Array<number>(size).fill(0),
        responseSum: 0,
        responseBuckets: new Array<number>(size).fill(0),
      };
      state.intervals.set(index, counts);
    }
    counts.count++;
    counts.durationSum += durationMs;
    counts.requestSum += requestBytes;
    counts.responseSum += responseBytes;
    const bounds = this.bounds;
    const d = bucketOf(bounds, durationMs);
    if (d < bounds.length) (counts.durationBuckets[d] as number)++;
    const q = bucketOf(bounds, requestBytes);
    if (q < bounds.length) (counts.requestBuckets[q] as number)++;
    const r = bucketOf(bounds, responseBytes);
    if (r < bounds.length) (counts.responseBuckets[r] as number)++;
  }

  /** The series recorded, cumulative per sample; `mtls(source, destination)` says whether an edge is secured. */
  result(mtls: (source: string, destination: string) => boolean): RequestTelemetry {
    const sampleEndMs: number[] = [];
    for (let k = 1; k <= this.samples; k++) sampleEndMs.push(Math.min(k * this.sampleMs, this.durationMs));
    const series: RequestSeries[] = [];
    for (const state of this.series.values()) {
      const firstSample = minOf(state.intervals.keys(), Infinity);
      const count: number[] = [];
      const duration = emptySamples();
      const request = emptySamples();
      const response = emptySamples();
      let total = 0;
      const running = { duration: this.zeros(), request: this.zeros(), response: this.zeros() };
      const sums = { duration: 0, request: 0, response: 0 };
      for (let index = firstSample; index < this.samples; index++) {
        const counts = state.intervals.get(index);
        if (counts !== undefined) {
          total += counts.count;
          sums.duration += counts.durationSum;
          sums.request += counts.requestSum;
          sums.response += counts.responseSum;
          addInto(running.duration, counts.durationBuckets);
          addInto(running.request, counts.requestBuckets);
          addInto(running.response, counts.responseBuckets);
        }
        count.push(total);
        duration.sum.push(sums.duration);
        duration.buckets.push(cumulative(running.duration));
        request.sum.push(sums.request);
        request.buckets.push(cumulative(running.request));
        response.sum.push(sums.response);
        response.buckets.push(cumulative(running.response));
      }
      series.push({
        ...state.labels,
        mtls: mtls(state.labels.source, state.labels.destination),
        firstSample,
        count,
        durationMs: duration,
        requestBytes: request,
        responseBytes: response,
      });
    }
    return { sampleEndMs, bucketBounds: this.bounds, series };
  }

  private zeros(): number[] {
    return new Array<number>(this.bounds.length).fill(0);
  }
}

function emptySamples(): HistogramSamples {
  return { sum: [], buckets: [] };
}

function addInto(target: number[], add: readonly number[]): void {
  for (let i = 0; i < add.length; i++) target[i] = (target[i] as number) + (add[i] as number);
}

/** Per-bucket counts → counts of values ≤ each bound. */
function cumulative(perBucket: readonly number[]): number[] {
  const out: number[] = [];
  let running = 0;
  for (const n of perBucket) {
    running += n;
    out.push(running);
  }
  return out;
}
