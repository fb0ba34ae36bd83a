// One entry of a service's call plan as the serving instance sees it: something it can start for a
// request. The call layer implements it (call/Downstream.ts); the assembly wires it.

import type { CallerRef } from '../topology/CallerRef.js';
import type { ServerRequest } from './ServerRequest.js';

/** Starts the downstream call of one call-plan entry. */
export interface DownstreamCall {
  /** Starts the call for `request`, made by `caller` (the serving instance). */
  start(request: ServerRequest, caller: CallerRef): void;
}
