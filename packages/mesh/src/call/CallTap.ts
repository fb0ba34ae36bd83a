// The telemetry port of the call layer: what calls and the transport tell a recorder (results/) when a run
// records request series or traces. Absent (null) by default, so the model pays one null check per hook.

import type { AttemptResult } from '../config/AttemptResult.js';
import type { FailureCause } from '../config/SimulationResult.js';
import type { Instance } from '../server/Instance.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { Attempt } from './Attempt.js';
import type { SpanRef } from './SpanRef.js';
import type { StationProxy } from './Station.js';

/** What a recorder reads of a call (call/Call.ts implements it; a narrow type keeps imports acyclic). */
export interface TappedCall {
  readonly caller: CallerRef;
  /** The called service's name. */
  readonly destination: string;
  /** When the call started [ms]. */
  readonly startedMs: number;
  /** Attempts made so far (the first try included). */
  readonly attemptCount: number;
  /** The span of the server request this call is made for, when that request is traced; else null. */
  readonly parentSpan: SpanRef | null;
  /** The call's own span when traced, else null. */
  readonly span: SpanRef | null;
  /** The instance of the latest attempt, or null if no attempt reached the balancer's choice. */
  readonly lastInstance: Instance | null;
  /** Envoy response flags earned so far, as `CALL_FLAG` bits. */
  readonly responseFlags: number;
}

/** Envoy response flags a call can earn at its caller, as bits of `Call.responseFlags`. */
export const CALL_FLAG = {
  /** DI: a fault-injection delay was applied. */
  delayInjected: 1,
  /** FI: fault injection aborted the call. */
  faultInjected: 2,
  /** URX: the last attempt failed retryably and no attempt was left. */
  retryLimitExceeded: 4,
  /** UO: a retry was wanted but the retry budget (or breaker) refused it. */
  retryOverflow: 8,
} as const;

/**
 * Receives what happens to calls, attempts and proxy hops. Trace hooks (`attempt*`, `retryScheduled`,
 * `hop*`) are called only for traced calls and attempts (those with a span).
 */
export interface CallTap {
  /** A call starts: returns its span if it is traced (a sampled request, or a call made under a traced one), else null. */
  callStarted(call: TappedCall, nowMs: number): SpanRef | null;
  /** A traced call starts an attempt: returns the attempt's span. */
  attemptStarted(call: TappedCall, callSpan: SpanRef, attempt: Attempt, nowMs: number): SpanRef;
  /** A traced attempt's outcome reached its caller, or the caller stopped waiting for it (`per-try-timeout`, `timeout`). */
  attemptEnded(attempt: Attempt, result: AttemptResult | 'timeout', nowMs: number): void;
  /** A traced call will retry after `backoffMs`, its last attempt having ended with `after`. */
  retryScheduled(callSpan: SpanRef, after: AttemptResult, backoffMs: number, nowMs: number): void;
  /** A call ended at its caller: `cause` null for success. Every call, traced or not. */
  callEnded(call: TappedCall, cause: FailureCause | null, nowMs: number): void;
  /** An attempt reached its instance. Every attempt. */
  arrived(attempt: Attempt, nowMs: number): void;
  /** The instance answered an attempt (the response starts back). Every answered attempt. */
  responseSent(attempt: Attempt, result: AttemptResult, nowMs: number): void;
  /** A traced attempt enters a proxy (`direction` 1: the request, -1: the response): returns the hop's span. */
  hopEntered(attempt: Attempt, proxy: StationProxy, direction: 1 | -1, nowMs: number): SpanRef;
  /** A traced attempt left the proxy hop `hop`. */
  hopLeft(hop: SpanRef, nowMs: number): void;
}
