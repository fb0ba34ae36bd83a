// One try of a call: the instance it targets, its route, and where it is on that route.

import type { AttemptResult } from '../config/AttemptResult.js';
import type { InboundRequest } from '../server/InboundRequest.js';
import type { Instance } from '../server/Instance.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { SpanRef } from './SpanRef.js';
import type { ProxyHeld, Station, StationProxy } from './Station.js';
import type { Connection, ConnectionPool, ConnectionUser } from './ConnectionPool.js';

/** What an attempt reports to: its call (call/Call.ts). */
export interface AttemptOwner {
  readonly caller: CallerRef;
  /** Class (header) the call carries, or null. */
  readonly requestClass: string | null;
  /** The shared proxy enforcing the call's policies (`CallRoutes.enforcerSlot`), or -1. */
  readonly via: number;
  /** The attempt's response reached the caller. */
  onAttemptResult(attempt: Attempt): void;
  /** The attempt's per-try timeout fired. */
  perTryTimedOut(attempt: Attempt): void;
  /** The connection carrying the attempt was torn down under it: the attempt fails as `reset`. */
  connectionLost(attempt: Attempt): void;
  /** A fault-injection delay before the attempt ended. */
  sendDelayed(attempt: Attempt): void;
  /** The attempt made its connection pool open a new connection. */
  connectionOpened(): void;
}

/** One attempt, travelling forward along `route` to `instance`, then back with `result`. */
export class Attempt implements InboundRequest, ConnectionUser, ProxyHeld {
  /** Position on the route: -1 before the first station, `route.length` at the instance. */
  position = -1;
  /** +1 while the request travels to the instance, −1 while the response travels back. */
  direction: 1 | -1 = 1;
  result: AttemptResult = 'ok';
  /** True once the caller stopped waiting (timeout); the server may still be working on it. */
  abandoned = false;
  /** Handle in the call's per-try timers, or -1. */
  perTryTimer = -1;
  /** Absolute deadline the request carries [ms]: its call's start + overall timeout, or `Infinity`. */
  deadlineMs = Infinity;
  /** The server-side request once an instance accepted it (for cancellation propagation), else null. */
  serverRequest: { cancel(): void } | null = null;
  /**
   * Where on `route` the mesh failed the attempt (a dead proxy it met; a connection that could not be opened, was
   * reset or torn down: its server end's position, the instance's `route.length` for the application's own), or -1
   * when it did not (its result comes from the instance, or it is in flight).
   */
  failedAt = -1;
  /** The pool whose connection carries the attempt, or null (none modelled). */
  pool: ConnectionPool | null = null;
  /** The connection it holds a stream of, or null (not yet, or released). */
  connection: Connection | null = null;
  // Telemetry (call/CallTap.ts): untouched unless the run records request series or traces.
  /** @internal When the attempt reached its instance [ms]. */
  arrivedMs = 0;
  /** @internal The attempt's span when traced, else null. */
  span: SpanRef | null = null;
  /** @internal The span of serving it at the instance, while traced. */
  serverSpan: SpanRef | null = null;
  /** @internal The span of the proxy hop it is in, while traced. */
  hopSpan: SpanRef | null = null;

  constructor(
    /** The call it is a try of. Fixed while the attempt is in use; reassigned only by `reuse`. */
    public call: AttemptOwner,
    /** The instance it targets. */
    public instance: Instance,
    /** Its stations from caller to instance. */
    public route: readonly Station[],
    /** When it started [ms]. */
    public startMs: number,
  ) {}

  /**
   * Makes a finished attempt (taken from the run's free list) a new one, as the constructor would: every
   * field set again, so nothing of its previous life shows. Only attempts nothing refers to any more are
   * reused (see `Call.onAttemptResult`).
   */
  reuse(call: AttemptOwner, instance: Instance, route: readonly Station[], startMs: number): void {
    this.call = call;
    this.instance = instance;
    this.route = route;
    this.startMs = startMs;
    this.position = -1;
    this.direction = 1;
    this.result = 'ok';
    this.abandoned = false;
    this.perTryTimer = -1;
    this.deadlineMs = Infinity;
    this.failedAt = -1;
    this.serverRequest = null;
    this.pool = null;
    this.connection = null;
    this.arrivedMs = 0;
    this.span = null;
    this.serverSpan = null;
    this.hopSpan = null;
  }

  /**
   * A proxy that forwarded its request crashed before sending its response back: the connections through it are
   * reset, so the attempt fails at that proxy (`failedAt`) as `reset`, now, and its stream is released (a reset
   * connection carries nothing more). One its caller gave up on already is left as it is.
   */
  proxyCrashed(proxy: StationProxy): void {
    if (this.abandoned) return;
    const route = this.route;
    for (let i = 0; i < route.length; i++) {
      const station = route[i] as Station;
      if (station.kind === 'proxy' && station.proxy === proxy) {
        this.failedAt = i;
        break;
      }
    }
    this.pool?.release(this, true);
    this.call.connectionLost(this);
  }

  get callerName(): string {
    return this.call.caller.name;
  }

  get requestClass(): string | null {
    return this.call.requestClass;
  }

  get enforcerSlot(): number {
    return this.call.via;
  }
}
