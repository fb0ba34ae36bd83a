// What every call of a run shares: the clock, the timeout timers grouped by delay, the mesh shape's
// routes and the transport that walks them, and the attempts that are over, to be reused.

import type { Engine } from '@meshsim/engine';
import { DelayTimerPool } from '../ports/DelayTimerPool.js';
import { FreeList } from '../ports/FreeList.js';
import type { Attempt } from './Attempt.js';
import type { CallRoutes } from './CallRoutes.js';
import type { CallTap } from './CallTap.js';
import type { Transport } from './Transport.js';

/** A call whose overall timeout can fire. */
export interface TimedCall {
  overallTimedOut(): void;
}

// PERF: module-level handlers with the call/attempt as argument: no closure per timer.
function onOverallTimeout(call: TimedCall): void {
  call.overallTimedOut();
}
function onPerTryTimeout(attempt: Attempt): void {
  attempt.call.perTryTimedOut(attempt);
}

/** The shared context of calls. Calls with one timeout share a FIFO of timers (see DelayTimerPool). */
export class CallContext {
  readonly overallTimers: DelayTimerPool<TimedCall>;
  readonly perTryTimers: DelayTimerPool<Attempt>;
  /** Attempts that are over, for the next ones (no allocation per attempt; see `Call.onAttemptResult`). */
  readonly freeAttempts = new FreeList<Attempt>();

  constructor(
    readonly engine: Engine,
    readonly routes: CallRoutes,
    readonly transport: Transport,
    /** The telemetry recorder, or null (the default: nothing recorded, one null check per hook). */
    readonly tap: CallTap | null = null,
  ) {
    this.overallTimers = new DelayTimerPool(engine, onOverallTimeout);
    this.perTryTimers = new DelayTimerPool(engine, onPerTryTimeout);
  }
}
