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
  /** The instance crashed, or the request was dropped or cancelled: ignore anything still arriving for it. */
  dead = false;
  /** True once a worker took the request (false while it waits in the queue). */
  inService = false;
  /**
   * Downstream calls started while serving, kept only when the service propagates deadlines (so a
   * cancellation can cancel them); null otherwise. Finished calls stay (cancelling them is a no-op).
   */
  calls: Call[] | null = null;

  constructor(
    readonly attempt: Attempt,
    readonly instance: Instance,
    readonly arrivedMs: number,
  ) {}

  /** The caller gave up on this request (deadline propagation): the instance drops or stops it. */
  cancel(): void {
    this.instance.cancel(this);
  }

  onCallDone(call: Call, succeeded: boolean): void {
    if (this.dead) return;
    if (!succeeded && !call.optional) this.dependencyFailed = true;
    if (--this.outstanding === 0) this.instance.stageDone(this);
  }
}
