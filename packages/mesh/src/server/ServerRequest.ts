// A request being served by an instance: its stage in the call plan and its outstanding downstream calls.

import type { FailureCause } from '../config/SimulationResult.js';
import type { ActiveLinks } from './ActiveRequests.js';
import type { AppRetrier, CallParent, FinishedCall } from './CallParent.js';
import type { InboundRequest } from './InboundRequest.js';
import type { CallerRef } from '../topology/CallerRef.js';

/** What a server request tells the instance serving it. */
export interface RequestHost {
  /** The request's own processing (service time) finished. */
  serviceDone(request: ServerRequest): void;
  /** The CPU part of its service time finished (CPU modelled). */
  cpuWorkDone(request: ServerRequest): void;
  /** The current stage's downstream calls have all finished. */
  stageDone(request: ServerRequest): void;
  /** The request's caller gave up (deadline propagation): drop or stop it. */
  cancel(request: ServerRequest): void;
  /** The instance as a caller of its downstream services. */
  readonly caller: CallerRef;
}

/** A downstream call that can be cancelled (a call in flight). */
export interface CancellableCall {
  cancel(): void;
  /** True while a request keeps it to cancel it (so it must not be reused); cleared when it lets go. */
  tracked: boolean;
}

/**
 * The application retries (`appRetry`) of one call-plan entry for a request: the entry, and the re-issue it may have
 * pending (call/AppRetrySlot.ts).
 */
export interface AppRetryState {
  readonly entry: AppRetrier;
  /** Cancels the pending re-issue, if any. */
  cancel(): void;
}

/** Server-side state of one attempt while it is queued or served. */
export class ServerRequest implements CallParent, ActiveLinks<ServerRequest> {
  /** Index of the call-plan stage running now. */
  stage = 0;
  /** Downstream calls of the current stage not yet finished. */
  outstanding = 0;
  /** A non-optional downstream call failed. */
  dependencyFailed = false;
  /** Why the first non-optional downstream call that failed did, or null. */
  dependencyFailure: FailureCause | null = null;
  /** The instance crashed, or the request was dropped or cancelled: ignore anything still arriving for it. */
  dead = false;
  /** True once a worker took the request (false while it waits in the queue). */
  inService = false;
  /** The CPU work of its service time while it runs on the node's CPU (CPU modelled), else null. */
  cpuTask: { cancel(): void } | null = null;
  /** The off-CPU part of its service time [ms], waited after the CPU work (CPU modelled). */
  offCpuMs = 0;
  /**
   * CPU not modelled: the CPU work of its service time, counted in its service's `cpuMs` when it started [ms of one
   * core], and when it started [ms]; what a cancel or crash before its end did not use is taken back. 0 otherwise.
   */
  cpuWorkMs = 0;
  cpuWorkStartMs = 0;
  /** @internal In its instance's active list (server/ActiveRequests.ts), and its neighbours there. */
  listed = false;
  prevActive: ServerRequest | null = null;
  nextActive: ServerRequest | null = null;
  /**
   * Downstream calls started while serving and not finished, kept only when the service propagates
   * deadlines (so a cancellation can cancel them), oldest first: `firstCall` (set only while `moreCalls`
   * is empty, so it is always the oldest), then `moreCalls`. A call that finishes leaves them: cancelling
   * it would be a no-op, and it can then be reused for another request.
   */
  private firstCall: CancellableCall | null = null;
  private moreCalls: CancellableCall[] | null = null;
  /** The application retries of its calls (`appRetry`), one per entry that re-issued a call; null until one did. */
  appRetries: AppRetryState[] | null = null;

  constructor(
    /** The request as it arrived. Fixed while in use; reassigned only by `reuse`. */
    public attempt: InboundRequest,
    /** The instance serving it. */
    public instance: RequestHost,
    /** When it arrived [ms]. */
    public arrivedMs: number,
  ) {}

  /**
   * Makes a finished request (from its instance's free list) a new one, as the constructor would: every
   * field set again. Only requests nothing refers to any more are reused (see `Instance.finish`).
   */
  reuse(attempt: InboundRequest, instance: RequestHost, arrivedMs: number): void {
    this.attempt = attempt;
    this.instance = instance;
    this.arrivedMs = arrivedMs;
    this.stage = 0;
    this.outstanding = 0;
    this.dependencyFailed = false;
    this.dependencyFailure = null;
    this.dead = false;
    this.inService = false;
    this.cpuTask = null;
    this.offCpuMs = 0;
    this.cpuWorkMs = 0;
    this.cpuWorkStartMs = 0;
    this.listed = false;
    this.prevActive = null;
    this.nextActive = null;
    this.firstCall = null;
    this.moreCalls = null;
    this.appRetries = null;
  }

  /** True while it keeps a downstream call to cancel it (deadline propagation): a call that refers to it. */
  get trackedCalls(): boolean {
    return this.firstCall !== null || (this.moreCalls !== null && this.moreCalls.length > 0);
  }

  /** The caller gave up on this request (deadline propagation): the instance drops or stops it. */
  cancel(): void {
    this.instance.cancel(this);
  }

  /** Remembers a downstream call, so that `cancelCalls` reaches it. */
  trackCall(call: CancellableCall): void {
    call.tracked = true;
    // PERF: most plans make one call per request: no array for it.
    if (this.firstCall === null && (this.moreCalls === null || this.moreCalls.length === 0))
      this.firstCall = call;
    else (this.moreCalls ??= []).push(call);
  }

  /** Lets go of a finished call it kept (order of the others unchanged). */
  private untrack(call: object): void {
    if (this.firstCall === call) {
      this.firstCall.tracked = false;
      this.firstCall = null;
      return;
    }
    const more = this.moreCalls;
    if (more === null) return;
    const index = more.indexOf(call as CancellableCall);
    if (index < 0) return;
    (more[index] as CancellableCall).tracked = false;
    more.splice(index, 1);
  }

  /** Cancels every tracked downstream call (those already finished ignore it), and every pending re-issue. */
  cancelCalls(): void {
    this.firstCall?.cancel();
    if (this.moreCalls !== null) for (const call of this.moreCalls) call.cancel();
    this.cancelAppRetries();
  }

  /** Cancels the application's pending re-issues of its calls (`appRetry`): none will start. */
  cancelAppRetries(): void {
    if (this.appRetries !== null) for (const retries of this.appRetries) retries.cancel();
  }

  onCallDone(call: FinishedCall, succeeded: boolean): void {
    // A dead request is cancelling its calls (or has): it keeps them, and they are never reused.
    if (this.dead) return;
    this.untrack(call);
    // PERF: a call without `appRetry` costs this one null check. A call the application re-issues stays outstanding.
    if (!succeeded && call.appRetrier !== null && call.appRetrier.retryCall(this, call)) return;
    if (!succeeded && !call.optional && !this.dependencyFailed) {
      this.dependencyFailed = true;
      // What the application received is what it passes through (onDependencyFailure: passthrough).
      this.dependencyFailure = call.appFailure;
    }
    if (--this.outstanding === 0) this.instance.stageDone(this);
  }
}
