// Whoever waits for a downstream call's outcome: a server request (the call is part of serving it) or a
// traffic source. Defined here, below the call layer, because servers are parents of calls.

import type { FailureCause } from '../config/SimulationResult.js';

/** The part of a finished call its parent reads. */
export interface FinishedCall {
  /** If true, the parent ignores the call's failure (a fallback exists). */
  readonly optional: boolean;
  /** Why the call failed, or null when it succeeded. */
  readonly failure: FailureCause | null;
  /** The failure as the calling application received it (an Envoy hop answers a connection failure 503), or null. */
  readonly appFailure: FailureCause | null;
  /** The call-plan entry whose calling application retries the call itself (`appRetry`), or null: none does. */
  readonly appRetrier: AppRetrier | null;
}

/**
 * A call-plan entry whose calling application retries its failed calls itself (`appRetry`; call/Downstream.ts). Its
 * calls' parents are the server requests it started them for.
 */
export interface AppRetrier {
  /**
   * Whether the application tries the failed `call` again for `parent`: its failure is one `appRetry` retries and
   * tries are left. If so a new call is scheduled after the application's backoff, and `call` stays outstanding.
   */
  retryCall(parent: CallParent, call: FinishedCall): boolean;
}

/** Receives the outcome of a call it started, once. */
export interface CallParent {
  onCallDone(call: FinishedCall, succeeded: boolean): void;
}
