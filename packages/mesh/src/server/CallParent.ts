// Whoever waits for a downstream call's outcome: a server request (the call is part of serving it) or a
// traffic source. Defined here, below the call layer, because servers are parents of calls.

import type { FailureCause } from '../config/SimulationResult.js';

/** The part of a finished call its parent reads. */
export interface FinishedCall {
  /** If true, the parent ignores the call's failure (a fallback exists). */
  readonly optional: boolean;
  /** Why the call failed, or null when it succeeded. */
  readonly failure: FailureCause | null;
}

/** Receives the outcome of a call it started, once. */
export interface CallParent {
  onCallDone(call: FinishedCall, succeeded: boolean): void;
}
