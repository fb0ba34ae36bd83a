// What an instance sees of a request arriving from the network: who sent it, its deadline, whether its
// caller already gave up, its class. The call layer's attempts implement it.

/** A request as it reaches an instance. */
export interface InboundRequest {
  /** Name of the caller (a service or a traffic source), for authorization. */
  readonly callerName: string;
  /** Absolute deadline the request carries [ms], or `Infinity`. */
  readonly deadlineMs: number;
  /** True once the caller stopped waiting (the server may still be working on it). */
  readonly abandoned: boolean;
  /** Class (header) the request carries through the call tree, or null. */
  readonly requestClass: string | null;
  /** The server-side request once an instance accepted it (for cancellation), else null. */
  serverRequest: { cancel(): void } | null;
}
