// Whoever waits for a call's outcome: a server request (downstream call) or a traffic source.

import type { Call } from '../call/Call.js';

/** Receives the outcome of a call it started. */
export interface CallParent {
  onCallDone(call: Call, succeeded: boolean): void;
}
