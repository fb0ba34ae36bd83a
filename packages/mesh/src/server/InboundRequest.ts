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
  /**
   * The shared proxy that enforced the request's L7 policies on its way (`CallRoutes.enforcerSlot`: a waypoint
   * replica, a node's Envoy), whose local rate limit it passed; -1: none (the callee's own hop enforces them).
   */
  readonly enforcerSlot: number;
  /** The server-side request once an instance accepted it (for cancellation), else null. */
  serverRequest: { cancel(): void } | null;
}
