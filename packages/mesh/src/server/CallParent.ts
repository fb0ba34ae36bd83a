// Whoever waits for a downstream call's outcome: a server request (the call is part of serving it) or a
// traffic source. Defined here, below the call layer, because servers are parents of calls.

/** The part of a finished call its parent reads. */
export interface FinishedCall {
  /** If true, the parent ignores the call's failure (a fallback exists). */
  readonly optional: boolean;
}

/** Receives the outcome of a call it started, once. */
export interface CallParent {
  onCallDone(call: FinishedCall, succeeded: boolean): void;
}
