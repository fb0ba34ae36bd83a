// A request being served by an instance: its stage in the call plan and its outstanding downstream calls.

import type { Attempt } from '../call/Attempt.js';
import type { Call } from '../call/Call.js';
import type { CallParent } from '../call/CallParent.js';
import type { Instance } from './Instance.js';

/** Server-side state of one attempt while it is queued or served. */
export class ServerRequest implements CallParent {
  /** Index of the call-plan stage running now. */
  stage = 0;
  /** Downstream calls of the current stage not yet finished. */
  outstanding = 0;
  /** A non-optional downstream call failed. */
  dependencyFailed = false;
  /** The instance crashed: ignore anything still arriving for this request. */
  dead = false;

  constructor(
    readonly attempt: Attempt,
    readonly instance: Instance,
    readonly arrivedMs: number,
  ) {}

  onCallDone(call: Call, succeeded: boolean): void {
    if (this.dead) return;
    if (!succeeded && !call.optional) this.dependencyFailed = true;
    if (--this.outstanding === 0) this.instance.stageDone(this);
  }
}
