// The application's own retries of one call-plan entry for one request (`appRetry`): the tries it made, its last
// backoff and its pending re-issue. Made at the entry's first re-issue for that request only (none without appRetry).

import type { Engine, TimerHandle } from '@meshsim/engine';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { DownstreamCall } from '../server/DownstreamCall.js';
import type { AppRetrier } from '../server/CallParent.js';
import type { AppRetryState, ServerRequest } from '../server/ServerRequest.js';

/** One entry's application retries for one request. */
export class AppRetrySlot implements AppRetryState {
  /** Tries the application made so far, the first call included. */
  tries = 1;
  /** The previous backoff [ms] (decorrelated jitter grows from it). */
  lastBackoffMs = 0;
  /** The pending re-issue's timer, or -1 when none is pending. */
  private timer: TimerHandle = -1;

  constructor(
    readonly request: ServerRequest,
    /** The entry, which starts the re-issued call. */
    readonly entry: AppRetrier & DownstreamCall,
    /** The entry's edge, which counts each re-issue (`appRetries`). */
    private readonly edge: EdgeStats,
    private readonly engine: Engine,
  ) {}

  /** Re-issues the call after `waitMs` (0: at once, as an event, after what is running now). */
  schedule(waitMs: number): void {
    this.timer = this.engine.schedule(waitMs, onAppBackoffDone, this);
  }

  cancel(): void {
    if (this.timer < 0) return;
    this.engine.cancel(this.timer);
    this.timer = -1;
  }

  /** @internal The backoff ended: the entry's call starts again (a re-issue, counted), unless the request died. */
  backoffDone(): void {
    this.timer = -1;
    const request = this.request;
    if (request.dead) return;
    this.edge.appRetries++;
    this.entry.start(request, request.instance.caller);
  }
}

// PERF: a module-level handler with the slot as argument: no closure per timer.
function onAppBackoffDone(slot: AppRetrySlot): void {
  slot.backoffDone();
}
