// The run's telemetry recorder (the call layer's CallTap): hands every hook to the request-series recorder
// and the span recorder that were asked for, and collects what they recorded.

import type { AttemptResult } from '../config/AttemptResult.js';
import type { FailureCause } from '../config/SimulationResult.js';
import type { TelemetryResult } from '../config/Telemetry.js';
import type { Attempt } from '../call/Attempt.js';
import type { CallTap, TappedCall } from '../call/CallTap.js';
import type { SpanRef } from '../call/SpanRef.js';
import type { StationProxy } from '../call/Station.js';
import type { RequestSeriesRecorder } from './RequestSeriesRecorder.js';
import type { SpanRecorder } from './SpanRecorder.js';

/** Fans the call layer's hooks out to the recorders of a run (either may be null). */
export class TelemetryRecorder implements CallTap {
  constructor(
    private readonly requests: RequestSeriesRecorder | null,
    private readonly spans: SpanRecorder | null,
  ) {}

  callStarted(call: TappedCall, nowMs: number): SpanRef | null {
    return this.spans === null ? null : this.spans.callStarted(call, nowMs);
  }

  attemptStarted(call: TappedCall, callSpan: SpanRef, attempt: Attempt, nowMs: number): SpanRef {
    // Only traced calls (with a span) reach here, so the span recorder exists.
    return (this.spans as SpanRecorder).attemptStarted(call, callSpan, attempt, nowMs);
  }

  attemptEnded(attempt: Attempt, result: AttemptResult | 'timeout', nowMs: number): void {
    this.spans?.attemptEnded(attempt, result, nowMs);
  }

  retryScheduled(callSpan: SpanRef, after: AttemptResult, backoffMs: number, nowMs: number): void {
    this.spans?.retryScheduled(callSpan, after, backoffMs, nowMs);
  }

  callEnded(call: TappedCall, cause: FailureCause | null, nowMs: number): void {
    this.requests?.callEnded(call, cause, nowMs);
    this.spans?.callEnded(call, cause, nowMs);
  }

  arrived(attempt: Attempt, nowMs: number): void {
    attempt.arrivedMs = nowMs;
    this.spans?.arrived(attempt, nowMs);
  }

  responseSent(attempt: Attempt, result: AttemptResult, nowMs: number): void {
    this.requests?.responseSent(attempt, result, nowMs);
    this.spans?.responseSent(attempt, result, nowMs);
  }

  hopEntered(attempt: Attempt, proxy: StationProxy, direction: 1 | -1, nowMs: number): SpanRef {
    return (this.spans as SpanRecorder).hopEntered(attempt, proxy, direction, nowMs);
  }

  hopLeft(hop: SpanRef, nowMs: number): void {
    this.spans?.hopLeft(hop, nowMs);
  }

  /** What was recorded, for `SimulationResult.telemetry`. */
  result(endMs: number, mtls: (source: string, destination: string) => boolean): TelemetryResult {
    return {
      ...(this.requests !== null && { requests: this.requests.result(mtls) }),
      ...(this.spans !== null && { traces: this.spans.result(endMs) }),
    };
  }
}
