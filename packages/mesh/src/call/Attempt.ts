// One try of a call: the instance it targets, its route, and where it is on that route.

import type { Station } from './Station.js';
import type { AttemptResult } from '../config/AttemptResult.js';
import type { Call } from './Call.js';
import type { Instance } from '../server/Instance.js';
import type { ServerRequest } from '../server/ServerRequest.js';

/** One attempt, travelling forward along `route` to `instance`, then back with `result`. */
export class Attempt {
  /** Position on the route: -1 before the first station, `route.length` at the instance. */
  position = -1;
  /** +1 while the request travels to the instance, −1 while the response travels back. */
  direction: 1 | -1 = 1;
  result: AttemptResult = 'ok';
  /** True once the caller stopped waiting (timeout); the server may still be working on it. */
  abandoned = false;
  /** Handle in the world's per-try timers, or -1. */
  perTryTimer = -1;
  /** Absolute deadline the request carries [ms]: its call's start + overall timeout, or `Infinity`. */
  deadlineMs = Infinity;
  /** The server-side request once an instance accepted it (for cancellation propagation), else null. */
  serverRequest: ServerRequest | null = null;

  constructor(
    readonly call: Call,
    readonly instance: Instance,
    readonly route: readonly Station[],
    readonly startMs: number,
  ) {}
}
