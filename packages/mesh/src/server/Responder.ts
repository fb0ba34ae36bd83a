// How a server answers: the response travels back along the request's route (the call layer's transport).

import type { AttemptResult } from '../config/AttemptResult.js';
import type { InboundRequest } from './InboundRequest.js';

/** Sends a response to a request back towards its caller. */
export interface Responder {
  sendResponse(request: InboundRequest, result: AttemptResult): void;
}
