// Moves attempts along their routes: a connection from the attempt's pool first, then network
// transfers and proxy traversals forward to the instance, then back to the caller with the result.
// The only place that walks routes.

import type { Engine } from '@meshsim/engine';
import type { Attempt } from './Attempt.js';
import type { AttemptResult } from '../config/AttemptResult.js';
import type { CallTap } from './CallTap.js';
import type { Responder } from '../server/Responder.js';
import { clampNonNegative } from '../topology/Network.js';
import type { Network } from '../topology/Network.js';
import type { NetworkStation, Station, StationProxy } from './Station.js';
import type { ConnectionUser } from './ConnectionPool.js';

/** Walks routes. `arrive` delivers a request to its instance; `deliver` hands a response to its call. */
export class Transport implements Responder {
  /** The telemetry recorder, or null (the default); set once by the assembly, before the run. */
  tap: CallTap | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly network: Network,
  ) {}

  /**
   * Sends the attempt's request from the caller towards its instance, once it has a connection: at
   * once on an open one, or when the connection it waits for has finished its handshakes (`proceed`).
   */
  sendRequest(attempt: Attempt): void {
    attempt.direction = 1;
    attempt.position = -1;
    const pool = attempt.pool;
    // The caller's own proxy crashed: the application's connection to it is refused at once, and the connections the
    // proxy would carry the request on are not there to take (`step` fails the attempt at it).
    if (pool !== null && !ownProxyCrashed(attempt.route)) {
      const acquired = pool.acquire(attempt);
      if (acquired !== 'now') {
        if (acquired === 'opened') attempt.call.connectionOpened();
        return;
      }
    }
    this.step(attempt);
  }

  /** A request that waited for its connection has one now (the pools' `proceed` port). */
  readonly proceed = (user: ConnectionUser): void => {
    this.step(user as Attempt);
  };

  /**
   * The connection a request waited for was never established (the pools' `refused` port: its connect timeout
   * passed), or it was sent on one a reboot had killed (`reset`): the request fails without having reached a hop.
   */
  readonly refused = (
    user: ConnectionUser,
    result: 'connect-failure' | 'reset' = 'connect-failure',
  ): void => {
    const attempt = user as Attempt;
    attempt.result = result;
    attempt.failedAt = serverPosition(attempt);
    attempt.direction = -1;
    attempt.position = 0;
    this.step(attempt);
  };

  /**
   * The connection carrying a request was torn down under it (the pools' `lost` port: an HBONE ping unanswered, or
   * a rebooted peer's reset): the caller's end of the connection fails the attempt as `reset` now, wherever the
   * request or its response is. The request itself is left where it is, as a timed-out one is (its call no longer
   * listens for it).
   */
  readonly lost = (user: ConnectionUser): void => {
    const attempt = user as Attempt;
    attempt.failedAt = serverPosition(attempt);
    attempt.call.connectionLost(attempt);
  };

  /**
   * The caller gave up on `attempt` (a timeout): its stream is freed now. HTTP/1.1 cannot cancel a
   * request in flight, so its connection is closed; HTTP/2 resets the stream and keeps the connection.
   */
  abandon(attempt: Attempt): void {
    const pool = attempt.pool;
    if (pool !== null) pool.release(attempt, pool.abandonBreaks);
  }

  /**
   * Sends the response back from the instance towards the caller. (Every inbound request is an
   * Attempt: the transport delivered it.)
   */
  sendResponse(attempt: Attempt, result: AttemptResult): void {
    attempt.result = result;
    attempt.direction = -1;
    attempt.position = attempt.route.length;
    // PERF: telemetry costs one null check when off.
    if (this.tap !== null) this.tap.responseSent(attempt, result, this.engine.now);
    this.step(attempt);
  }

  /** Keeps the latency samplers of a network hop on its station (see `NetworkStation`). */
  private bindSamplers(station: NetworkStation): void {
    station.forwardMs = this.network.samplerOf(station.from, station.to);
    station.backwardMs = this.network.samplerOf(station.to, station.from);
    station.samplersOf = this.network;
  }

  /**
   * Shared handler for network and proxy completions (no closure per event): moves the attempt to its
   * next station. A network transfer that draws no delay at all (a network without latency, as in the
   * queueing validations) is crossed at once, without an event.
   */
  readonly step = (traveller: object): void => {
    // Only attempts travel: proxies hand back what the transport gave them.
    const attempt = traveller as Attempt;
    // PERF: tracing costs one null check per step when off (and for untraced attempts).
    if (attempt.span !== null) this.leaveHop(attempt, this.engine.now);
    const route = attempt.route;
    for (;;) {
      const position = attempt.position + attempt.direction;
      attempt.position = position;
      if (position === route.length) {
        if (this.tap !== null) this.tap.arrived(attempt, this.engine.now);
        attempt.instance.arrive(attempt);
        return;
      }
      if (position < 0) {
        const pool = attempt.pool;
        if (pool !== null) {
          // A refused or reset connection cannot carry another request.
          const result = attempt.result;
          pool.release(attempt, result === 'reset' || result === 'connect-failure');
        }
        attempt.call.onAttemptResult(attempt);
        return;
      }
      const station = route[position];
      if (station === undefined) throw new Error(`Transport: route position ${position} out of range`);
      if (station.kind === 'network') {
        // PERF: the hop's samplers are looked up once (its locality is fixed) and kept on the station;
        // drawing from them is exactly `network.delayMs(from, to)` (same sampler, same stream).
        if (station.samplersOf !== this.network) this.bindSamplers(station);
        const sampler = (attempt.direction === 1 ? station.forwardMs : station.backwardMs) as () => number;
        const delayMs = clampNonNegative(sampler());
        // PERF: a transfer without delay needs no event (M/M/1 through the model: 2 events per call, not 4).
        if (delayMs === 0) continue;
        this.engine.schedule(delayMs, this.step, attempt);
      } else if (station.proxy.up) {
        // PERF: one null check per proxy traversal unless the run crashes processes.
        const held = station.proxy.held ?? null;
        if (held !== null) {
          if (attempt.direction === 1) held.add(attempt);
          else held.delete(attempt);
        }
        if (attempt.span !== null && this.tap !== null)
          attempt.hopSpan = this.tap.hopEntered(attempt, station.proxy, attempt.direction, this.engine.now);
        let delayMs = station.proxy.admit(
          attempt,
          (attempt.direction === 1 ? station.requestKiB : station.responseKiB) ?? 0,
        );
        // NaN: the proxy forwards the attempt itself (its traversal runs on a node's CPU).
        if (delayMs !== delayMs) return;
        // A traced hop ends when the proxy forwards the attempt, known now.
        if (attempt.hopSpan !== null) this.leaveHop(attempt, this.engine.now + delayMs);
        // PERF: a network hop right after the proxy is a pure delay, so the forwarding and the transfer
        // are one event: the hop's delay is drawn now and the attempt moves past it.
        const next = route[position + attempt.direction];
        if (next !== undefined && next.kind === 'network') {
          if (next.samplersOf !== this.network) this.bindSamplers(next);
          const sampler = (attempt.direction === 1 ? next.forwardMs : next.backwardMs) as () => number;
          delayMs += clampNonNegative(sampler());
          attempt.position = position + attempt.direction;
        }
        this.engine.schedule(delayMs, this.step, attempt);
      } else if (station.proxy.unreachable === true) {
        // A proxy on a node that is off: the request (or response) is lost; the caller waits for its timeouts.
      } else if (attempt.direction === 1) {
        // A dead proxy on the way in: the connection is refused; the failure travels back from here.
        attempt.result = 'connect-failure';
        attempt.failedAt = failurePosition(station.proxy, position);
        attempt.direction = -1;
        this.engine.schedule(0, this.step, attempt);
      } else {
        // A dead proxy on the way back: the caller sees its connection reset.
        attempt.result = 'reset';
        attempt.failedAt = failurePosition(station.proxy, position);
        this.engine.schedule(0, this.step, attempt);
      }
      return;
    }
  };

  /** Closes the proxy hop a traced attempt leaves at `atMs`, if it is in one. */
  private leaveHop(attempt: Attempt, atMs: number): void {
    const hop = attempt.hopSpan;
    if (hop === null) return;
    attempt.hopSpan = null;
    this.tap?.hopLeft(hop, atMs);
  }
}

/** Whether the first station of `route` is the caller's own proxy (a sidecar, its node's ztunnel), crashed. */
function ownProxyCrashed(route: readonly Station[]): boolean {
  const first = route[0];
  return (
    first !== undefined &&
    first.kind === 'proxy' &&
    !first.proxy.up &&
    first.proxy.crashed !== false &&
    first.proxy.unreachable !== true
  );
}

/**
 * Where a proxy that is not up, at `position`, failed an attempt (`Attempt.failedAt`). A crashed one: there. One that
 * runs without a valid certificate fails the mTLS leg beside it: the leg after it when it is the caller's own proxy
 * (position 0: the application's connection to it is plain), which it saw, so a sidecar retries it; the leg before
 * it otherwise (an ambient waypoint never receives the HBONE connection its certificate fails).
 */
function failurePosition(proxy: StationProxy, position: number): number {
  return position === 0 && proxy.crashed === false ? 1 : position;
}

/**
 * Where on its route a connection that failed `attempt` ended (`Attempt.failedAt`): at its server end, the proxy the
 * pool connects to (the hop the connection could not reach, or that reset it), or the instance (`route.length`) for
 * a pool of the application's own. The pool's client (the caller's proxy, if any) saw the failure.
 */
function serverPosition(attempt: Attempt): number {
  const route = attempt.route;
  const server = attempt.pool?.spec.server ?? null;
  if (server !== null) {
    for (let i = 0; i < route.length; i++) {
      const station = route[i] as Station;
      if (station.kind === 'proxy' && (station.proxy as object) === server) return i;
    }
  }
  return route.length;
}
