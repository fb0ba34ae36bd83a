// The connections between the two ends of one hop that owns them (a caller and an instance, two
// sidecars, two ztunnels): kept alive or opened per request, HTTP/1.1 (one request per connection at
// a time) or HTTP/2 (multiplexed), and what a new one costs: a TCP round trip, and with TLS a TLS 1.3
// handshake (a round trip, and CPU at both ends); to a node that does not answer, the connect timeout.
// Pools whose spec pings (HBONE) tear down a connection whose peer stops answering, failing its streams.

import type { Engine } from '@meshsim/engine';
import type { WireProtocol } from '../config/SimulationConfig.js';
import type { Network } from '../topology/Network.js';
import type { Node } from '../topology/Topology.js';
import type { ConnectionEnd } from '../server/ConnectionEnd.js';

/** What a pool's connections are. */
export interface ConnectionSpec {
  readonly protocol: WireProtocol;
  /** Keep connections open after a response (false: one connection per request). */
  readonly keepAlive: boolean;
  /** Whether a new connection does a TLS 1.3 handshake (mTLS between proxies, or TLS to a managed hop). */
  readonly tls: boolean;
  /** An idle connection older than this is closed before reuse [ms]. */
  readonly idleTimeoutMs: number;
  /**
   * How long the connecting end waits for the other to answer before the connection fails [ms]: what a new
   * connection to an unreachable node (`Node.unreachable`) costs, since nothing there refuses it.
   */
  readonly connectTimeoutMs: number;
  /** Concurrent requests per connection: 1 for HTTP/1.1, the HTTP/2 stream limit otherwise. */
  readonly maxStreams: number;
  /**
   * HTTP/2 keep-alive pings on open connections, or absent (none). A ping goes `intervalMs` after the connection
   * opened and after each answer; one unanswered for `timeoutMs` tears the connection down, and every request
   * it carries fails (`ConnectionPorts.lost`). A peer that comes back within the timeout (a rebooted node)
   * resets the connection at the ping's next TCP retransmission.
   */
  readonly ping?: ConnectionPing;
  /** Nodes of the two ends (null: outside the clusters), for the handshake's round trips. */
  readonly from: Node | null;
  readonly to: Node | null;
  /** The two ends (null: no CPU of the user's there, e.g. a managed hop or a client outside). */
  readonly client: ConnectionEnd | null;
  readonly server: ConnectionEnd | null;
}

/** HTTP/2 keep-alive pings of a pool's connections (see `ConnectionSpec.ping`). */
export interface ConnectionPing {
  /** Time from the connection's opening, and from each answer, to the next ping [ms]. */
  readonly intervalMs: number;
  /** How long a ping may go unanswered before the connection is torn down [ms]. */
  readonly timeoutMs: number;
}

/**
 * When an unanswered TCP segment is sent again, from its first sending [ms]: Linux's minimum retransmission
 * timeout, 200 ms (`TCP_RTO_MIN`), doubling each time (an **assumption**: the RTO of a connection inside a
 * cluster, whose round trip is far below the minimum; docs/sources.md#linux-tcp-retries2). A rebooted peer
 * answers the first one it receives with a reset.
 */
export const TCP_RETRANSMIT_OFFSETS_MS: readonly number[] = [
  200, 600, 1_400, 3_000, 6_200, 12_600, 25_400, 51_000, 102_200,
];

/** A request that needs a connection (an attempt): it is sent once it has one. */
export interface ConnectionUser {
  /** The connection it holds a stream of, or null. */
  connection: Connection | null;
}

/** One connection of a pool. */
export class Connection {
  /** Requests using it now. */
  streams = 0;
  /** False while its handshake runs. */
  open = false;
  /** Closed (after a response without keep-alive, a reset, or an idle timeout). */
  closed = false;
  /** When it last had no request [ms]. */
  idleSinceMs = 0;
  /** Requests waiting for the handshake to finish, to be sent on it. */
  readonly waiting: ConnectionUser[] = [];
  /** Requests holding a stream of it, when its pool pings (to fail them if it is torn down); else null. */
  users: Set<ConnectionUser> | null = null;
  /** @internal When its outstanding ping was sent [ms], or -1 (none outstanding). */
  pingSentMs = -1;
  /** The boots (`Node.boots`) of its client's and server's nodes when it was opened: a later boot killed it. */
  readonly clientBoots: number;
  readonly serverBoots: number;
  /** The crashes (`ConnectionEnd.crashes`) of its client and server when it was opened: a later crash closed it. */
  readonly clientCrashes: number;
  readonly serverCrashes: number;
  /** @internal In its pool's free stack, and its neighbours there (towards the bottom, towards the top). */
  inFree = false;
  freeBelow: Connection | null = null;
  freeAbove: Connection | null = null;

  constructor(readonly pool: ConnectionPool) {
    this.clientBoots = pool.spec.from?.boots ?? 0;
    this.serverBoots = pool.spec.to?.boots ?? 0;
    this.clientCrashes = pool.spec.client?.crashes ?? 0;
    this.serverCrashes = pool.spec.server?.crashes ?? 0;
  }
}

/** What the pool needs of the run: the clock, the network, and how to send a request that got its connection. */
export interface ConnectionPorts {
  readonly engine: Engine;
  readonly network: Network;
  /** Sends a request that waited for a connection (the transport's next step). */
  readonly proceed: (user: ConnectionUser) => void;
  /**
   * Fails a request that never reached the other end: `connect-failure` when its connection was never established
   * (its connect timeout passed); `reset` when it was sent on a connection the other end's reboot had killed (the
   * reset came back).
   */
  readonly refused: (user: ConnectionUser, result?: 'connect-failure' | 'reset') => void;
  /**
   * Fails a request whose connection was torn down under it (a ping unanswered, or reset by a rebooted peer):
   * its stream is gone (`reset`). Needed by pools whose spec pings.
   */
  readonly lost?: (user: ConnectionUser) => void;
}

/**
 * Outcome of `acquire`: `now`, a stream on an open connection (send now); `joined`, it waits for a
 * connection whose handshake is running; `opened`, it waits for a connection it made the pool open; `stale`, it was
 * sent on a connection its server's node killed by rebooting, and fails with the reset that comes back.
 */
export type Acquired = 'now' | 'joined' | 'opened' | 'stale';

/** A request sent on a connection a reboot killed, waiting for the reset. */
interface StaleUse {
  readonly connection: Connection;
  readonly user: ConnectionUser;
}

/** Handshake progress, for the event handlers. */
interface Handshake {
  readonly connection: Connection;
  /** 0: TCP round trip running; 1: server's TLS CPU running; 2: client's TLS CPU running. */
  step: 0 | 1 | 2;
}

/**
 * The connections of one (client end, server end). `acquire` gives a request a stream at once when an
 * open connection has room (the common case, no event), else joins a connection still shaking hands
 * (HTTP/2), else opens one; `release` frees the stream when the response is back (or the caller gave up).
 *
 * A new connection takes one network round trip (TCP); with TLS, then the server's handshake CPU, a
 * second round trip, and the client's handshake CPU (TLS 1.3: one round trip for the handshake itself;
 * the request follows the client's Finished message). The handshake CPU runs on the ends' containers
 * when node CPU is modelled (it competes with everything else on the node), else it passes as time.
 */
export class ConnectionPool {
  /** Connections opened so far. */
  opened = 0;
  /** TLS handshakes completed so far. */
  handshakes = 0;
  /** CPU spent on handshakes at both ends so far [ms of one core]. */
  handshakeCpuMs = 0;
  /** Connections closed because they sat idle past the idle timeout. */
  idleClosed = 0;
  /** Connections that failed at their connect timeout (to an unreachable node). */
  connectTimeouts = 0;
  /** Connections torn down because their peer stopped answering pings, or reset them after a reboot. */
  tornDown = 0;
  /** Connections refused (a RST for the SYN) or reset during their TLS handshake, their server's process being down. */
  refused = 0;
  /**
   * Connections found dead at their next use: after a node's reboot, reset (server rebooted) or dropped (client); after
   * a crash of an end's process, dropped.
   */
  staleClosed = 0;
  /**
   * Top of the stack of open connections with room for another request (the most recently used
   * first), linked through the connections. PERF: an intrusive list, and the spec's hot fields copied
   * below: a request's `acquire` and `release` touch the pool and one connection, not an array and its
   * backing store and the spec too — with a pool per (caller, callee pod), those are cold cache lines.
   */
  private freeTop: Connection | null = null;
  private readonly maxStreams: number;
  private readonly keepAlive: boolean;
  private readonly idleTimeoutMs: number;
  /** Whether connections know the requests they carry (pools that ping: a torn-down connection fails them). */
  private readonly tracksUsers: boolean;
  /** Connections whose handshake is still running, with room for more requests (HTTP/2). */
  private readonly connecting: Connection[] = [];

  constructor(
    private readonly ports: ConnectionPorts,
    readonly spec: ConnectionSpec,
  ) {
    if (!(spec.maxStreams >= 1))
      throw new RangeError(`connection pool: maxStreams must be >= 1 (got ${spec.maxStreams})`);
    if (!(spec.idleTimeoutMs > 0))
      throw new RangeError(`connection pool: idleTimeoutMs must be > 0 (got ${spec.idleTimeoutMs})`);
    if (spec.ping !== undefined && !(spec.ping.intervalMs > 0 && spec.ping.timeoutMs > 0))
      throw new RangeError(
        `connection pool: ping intervalMs and timeoutMs must be > 0 (got ${spec.ping.intervalMs}, ${spec.ping.timeoutMs})`,
      );
    if (spec.ping !== undefined && ports.lost === undefined)
      throw new RangeError('connection pool: a pool that pings needs the `lost` port');
    this.maxStreams = spec.maxStreams;
    this.keepAlive = spec.keepAlive;
    this.tracksUsers = spec.ping !== undefined;
    this.idleTimeoutMs = spec.idleTimeoutMs;
  }

  /**
   * Gives `user` a stream. `'now'`: send it now. Otherwise it waits for a handshake and the
   * pool sends it through `ports.proceed` once the connection is open.
   */
  acquire(user: ConnectionUser): Acquired {
    const now = this.ports.engine.now;
    for (let connection = this.freeTop; connection !== null; connection = this.freeTop) {
      if (connection.streams === 0 && now - connection.idleSinceMs > this.idleTimeoutMs) {
        // Idle too long: closed by the idle timeout.
        this.popFree(connection);
        connection.closed = true;
        this.idleClosed++;
        continue;
      }
      if (this.killedByReboot(connection)) {
        this.popFree(connection);
        connection.closed = true;
        removeFrom(this.connecting, connection);
        this.staleClosed++;
        // The client's node rebooted: its new process never had this connection. The server's: the request goes out
        // on it and the reset comes back a round trip later (RFC 9293 § 3.5.2).
        if (connection.clientBoots !== (this.spec.from?.boots ?? 0)) continue;
        connection.streams++;
        user.connection = connection;
        const stale: StaleUse = { connection, user };
        this.ports.engine.schedule(this.rttMs(), onStaleReset, stale);
        return 'stale';
      }
      if (this.closedByCrash(connection)) {
        // An end's process crashed on a live node: its kernel closed the connection then, and the peer let it go.
        this.popFree(connection);
        connection.closed = true;
        removeFrom(this.connecting, connection);
        this.staleClosed++;
        continue;
      }
      connection.streams++;
      if (connection.streams >= this.maxStreams) this.popFree(connection);
      user.connection = connection;
      if (this.tracksUsers) connection.users?.add(user);
      return 'now';
    }
    const joining = this.connecting[this.connecting.length - 1];
    if (joining !== undefined) {
      joining.streams++;
      if (joining.streams >= this.maxStreams) this.connecting.pop();
      joining.waiting.push(user);
      user.connection = joining;
      if (this.tracksUsers) joining.users?.add(user);
      return 'joined';
    }
    const connection = new Connection(this);
    connection.streams = 1;
    connection.waiting.push(user);
    user.connection = connection;
    if (this.tracksUsers) connection.users = new Set([user]);
    if (this.maxStreams > 1 && this.keepAlive) this.connecting.push(connection);
    this.opened++;
    if (this.spec.to?.unreachable === true || this.spec.from?.unreachable === true) {
      // Nothing answers the SYN (no RST from a node that is off): the connection fails at its connect timeout.
      this.ports.engine.schedule(this.spec.connectTimeoutMs, onConnectTimeout, connection);
      return 'opened';
    }
    const state: Handshake = { connection, step: 0 };
    this.ports.engine.schedule(this.rttMs(), onHandshakeStep, state);
    return 'opened';
  }

  /**
   * The request on `user`'s connection is over: its stream is free again. `broken`: the connection
   * cannot be reused (a reset, a refused connection, or an HTTP/1.1 request the caller gave up on).
   * No-op when `user` holds no stream (released already).
   */
  release(user: ConnectionUser, broken: boolean): void {
    const connection = user.connection;
    if (connection === null) return;
    user.connection = null;
    connection.streams--;
    if (this.tracksUsers) connection.users?.delete(user);
    if (connection.closed) return;
    if (broken || !this.keepAlive) {
      // No keep-alive: the connection closes after its (last) request.
      if (broken || connection.streams === 0) this.close(connection);
      return;
    }
    if (!connection.open) return; // still connecting: it joins the free list when open
    if (connection.streams === 0) connection.idleSinceMs = this.ports.engine.now;
    // Back below its stream limit: it has room again.
    if (connection.streams === this.maxStreams - 1) this.pushFree(connection);
  }

  /** Whether a node of the connection's ends has rebooted since it was opened (a powered-off node returned). */
  private killedByReboot(connection: Connection): boolean {
    const { from, to } = this.spec;
    return (
      (from !== null && from.boots !== connection.clientBoots) ||
      (to !== null && to.boots !== connection.serverBoots)
    );
  }

  /**
   * Whether an end's process has crashed (on a node that stayed up) since the connection was opened: the kernel closes
   * a dying process's sockets, which sends the peer a FIN, or a RST when data was left unread (RFC 9293 § 3.6, RFC 2525
   * § 2.17), so the peer knew at once and dropped it; nothing is reset at the next use.
   */
  private closedByCrash(connection: Connection): boolean {
    const { client, server } = this.spec;
    return (
      (client !== null && (client.crashes ?? 0) !== connection.clientCrashes) ||
      (server !== null && (server.crashes ?? 0) !== connection.serverCrashes)
    );
  }

  /** @internal The reset for a request sent on a connection its server's reboot killed has come back. */
  staleReset({ connection, user }: StaleUse): void {
    // A request that gave up meanwhile released its stream (its connection is no longer the dead one).
    if (user.connection === connection) this.ports.refused(user, 'reset');
    // The reset ends the connection: the requests it still carried (a pinging pool tracks them) fail with it.
    if (connection.users !== null && connection.users.size > 0) this.tearDown(connection);
  }

  /** Whether releasing a request the caller gave up on breaks its connection: HTTP/1.1 cannot cancel a request in flight. */
  get abandonBreaks(): boolean {
    return this.spec.protocol === 'http1';
  }

  private close(connection: Connection): void {
    connection.closed = true;
    if (connection.inFree) this.unlinkFree(connection);
    removeFrom(this.connecting, connection);
  }

  /** Puts `connection` (not in the stack; it never is twice) on top of the free stack. */
  private pushFree(connection: Connection): void {
    const top = this.freeTop;
    connection.freeBelow = top;
    if (top !== null) top.freeAbove = connection;
    connection.inFree = true;
    this.freeTop = connection;
  }

  /** Takes `connection`, the top of the free stack, off it. */
  private popFree(connection: Connection): void {
    const below = connection.freeBelow;
    this.freeTop = below;
    if (below !== null) below.freeAbove = null;
    connection.freeBelow = null;
    connection.inFree = false;
  }

  /** Takes `connection` out of the free stack wherever it is. */
  private unlinkFree(connection: Connection): void {
    const above = connection.freeAbove;
    const below = connection.freeBelow;
    if (above === null) this.freeTop = below;
    else above.freeBelow = below;
    if (below !== null) below.freeAbove = above;
    connection.freeAbove = null;
    connection.freeBelow = null;
    connection.inFree = false;
  }

  private rttMs(): number {
    const { network } = this.ports;
    const { from, to } = this.spec;
    return network.delayMs(from, to) + network.delayMs(to, from);
  }

  /** @internal Advances a handshake by one step (see the class comment). */
  handshakeStep(state: Handshake): void {
    const spec = this.spec;
    // The server's process is down on a live node, or crashed since the SYN: its kernel answered with a RST.
    const server = spec.server;
    if (
      server !== null &&
      (server.refusesConnections === true || (server.crashes ?? 0) !== state.connection.serverCrashes)
    ) {
      this.refuse(state.connection);
      return;
    }
    if (!spec.tls || state.step === 2) {
      if (spec.tls) this.handshakes++;
      this.opened0(state.connection);
      return;
    }
    if (state.step === 0) {
      state.step = 1;
      this.runHandshakeCpu(spec.server, state, onHandshakeStep);
      return;
    }
    // The server's part is done: a round trip, then the client's part.
    state.step = 2;
    this.ports.engine.schedule(this.rttMs(), onClientHandshake, state);
  }

  /** @internal The client's part of the TLS handshake, after the second round trip. */
  clientHandshake(state: Handshake): void {
    this.runHandshakeCpu(this.spec.client, state, onHandshakeStep);
  }

  private runHandshakeCpu(
    end: ConnectionEnd | null,
    state: Handshake,
    next: (state: Handshake) => void,
  ): void {
    const cpuMs = end === null ? 0 : end.tlsHandshakeCpuMs;
    if (end === null || !(cpuMs > 0)) {
      next(state);
      return;
    }
    end.chargeHandshake(cpuMs);
    this.handshakeCpuMs += cpuMs;
    if (end.cpu !== null) end.cpu.run(cpuMs, next, state);
    // CPU not modelled: the handshake's CPU time still passes on the request's path.
    else this.ports.engine.schedule(cpuMs, next, state);
  }

  /**
   * `connection`'s server refused it (no process behind its port: a RST, RFC 9293 § 3.5.2) or reset it before its TLS
   * handshake ended: its waiting requests fail as connect failures, without the rest of the handshake.
   */
  private refuse(connection: Connection): void {
    this.refused++;
    this.failConnecting(connection);
  }

  /** @internal A connection to an unreachable node reached its connect timeout: its waiting requests fail. */
  connectTimedOut(connection: Connection): void {
    this.connectTimeouts++;
    this.failConnecting(connection);
  }

  /** Closes a connection that was never established: the requests waiting for it fail (`ConnectionPorts.refused`). */
  private failConnecting(connection: Connection): void {
    removeFrom(this.connecting, connection);
    connection.closed = true;
    const waiting = connection.waiting.splice(0);
    // Requests that gave up meanwhile released their stream (their connection is no longer this one).
    for (const user of waiting) if (user.connection === connection) this.ports.refused(user);
  }

  /**
   * @internal A ping is due on `connection`. A connection closed, or idle past the idle timeout (its pool has
   * let it go), pings no more. A peer that answers (its node reachable) pongs at once (the round trip is left
   * out); one on a node that is off does not: the ping is retransmitted (a rebooted peer resets the
   * connection) and the connection is torn down at the ping timeout.
   */
  ping(connection: Connection): void {
    if (connection.closed) return;
    const now = this.ports.engine.now;
    if (connection.streams === 0 && now - connection.idleSinceMs > this.idleTimeoutMs) return;
    const ping = this.spec.ping as ConnectionPing;
    if (this.spec.to?.unreachable !== true) {
      this.ports.engine.schedule(ping.intervalMs, onPing, connection);
      return;
    }
    connection.pingSentMs = now;
    for (const offsetMs of TCP_RETRANSMIT_OFFSETS_MS) {
      if (offsetMs >= ping.timeoutMs) break;
      this.ports.engine.schedule(offsetMs, onPingRetransmit, connection);
    }
    this.ports.engine.schedule(ping.timeoutMs, onPingTimeout, connection);
  }

  /** @internal The outstanding ping is sent again: a peer back from a reboot answers it with a reset. */
  pingRetransmitted(connection: Connection): void {
    if (connection.closed || connection.pingSentMs < 0) return;
    if (this.spec.to?.unreachable !== true) this.tearDown(connection);
  }

  /** @internal The outstanding ping went unanswered for the ping timeout: the connection is torn down. */
  pingTimedOut(connection: Connection): void {
    if (connection.closed || connection.pingSentMs < 0) return;
    this.tearDown(connection);
  }

  /**
   * Closes `connection` under the requests it carries: each loses its stream and fails (`ConnectionPorts.lost`).
   * Later requests open a new connection.
   */
  private tearDown(connection: Connection): void {
    this.tornDown++;
    connection.pingSentMs = -1;
    this.close(connection);
    const users = connection.users;
    if (users === null) return;
    const lost = [...users];
    users.clear();
    for (const user of lost) {
      user.connection = null;
      connection.streams--;
      this.ports.lost?.(user);
    }
  }

  private opened0(connection: Connection): void {
    removeFrom(this.connecting, connection);
    if (connection.closed) return;
    connection.open = true;
    connection.idleSinceMs = this.ports.engine.now;
    const waiting = connection.waiting.splice(0);
    if (connection.streams === 0 && !this.keepAlive) {
      this.close(connection); // every waiting request gave up meanwhile
      return;
    }
    if (this.keepAlive && connection.streams < this.maxStreams) this.pushFree(connection);
    const ping = this.spec.ping;
    if (ping !== undefined) this.ports.engine.schedule(ping.intervalMs, onPing, connection);
    // Requests that gave up meanwhile released their stream (their connection is no longer this one).
    for (const user of waiting) if (user.connection === connection) this.ports.proceed(user);
  }
}

function removeFrom(list: Connection[], connection: Connection): void {
  const index = list.indexOf(connection);
  if (index >= 0) list.splice(index, 1);
}

// PERF: module-level handlers with the handshake state as argument: no closure per event.
function onHandshakeStep(state: Handshake): void {
  state.connection.pool.handshakeStep(state);
}
function onClientHandshake(state: Handshake): void {
  state.connection.pool.clientHandshake(state);
}
function onStaleReset(stale: StaleUse): void {
  stale.connection.pool.staleReset(stale);
}
function onConnectTimeout(connection: Connection): void {
  connection.pool.connectTimedOut(connection);
}
function onPing(connection: Connection): void {
  connection.pool.ping(connection);
}
function onPingRetransmit(connection: Connection): void {
  connection.pool.pingRetransmitted(connection);
}
function onPingTimeout(connection: Connection): void {
  connection.pool.pingTimedOut(connection);
}
