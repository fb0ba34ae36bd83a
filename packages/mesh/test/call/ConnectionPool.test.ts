// Connection pools as a contract: keep-alive reuse, one connection per request without it, HTTP/1.1
// one request per connection vs HTTP/2 multiplexing, the cost of a new connection (TCP round trip,
// TLS 1.3 round trip and CPU at both ends), idle timeouts and broken connections.

import { Engine, RandomStreams } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';
import { ConnectionPool, Network, NodeCpu } from '../../src/internal/index.js';
import type {
  ConnectionEnd,
  ConnectionSpec,
  ConnectionUser,
  CpuContainer,
} from '../../src/internal/index.js';
import type { NetworkConfig, Node } from '../../src/index.js';

const ONE_WAY_MS = 2;
const NETWORK: NetworkConfig = {
  sameNodeMs: { kind: 'constant', value: ONE_WAY_MS },
  sameZoneMs: { kind: 'constant', value: ONE_WAY_MS },
  crossZoneMs: { kind: 'constant', value: ONE_WAY_MS },
  crossClusterMs: { kind: 'constant', value: ONE_WAY_MS },
};

/** An end that records its handshakes; `cpu` runs them on a node when given. */
class End implements ConnectionEnd {
  handshakes = 0;
  cpuMs = 0;
  constructor(
    readonly tlsHandshakeCpuMs: number,
    readonly cpu: CpuContainer | null = null,
  ) {}
  chargeHandshake(cpuMs: number): void {
    this.handshakes++;
    this.cpuMs += cpuMs;
  }
}

interface Harness {
  engine: Engine;
  pool: ConnectionPool;
  /** Sends a request at `atMs` holding its stream for `holdMs` once sent; records when it was sent. */
  request(atMs: number, holdMs: number, broken?: boolean): { sentAtMs: number; user: ConnectionUser };
}

function harness(spec: Partial<ConnectionSpec>): Harness {
  const engine = new Engine();
  const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
  const held = new Map<ConnectionUser, { holdMs: number; broken: boolean; record: { sentAtMs: number } }>();
  const send = (user: ConnectionUser): void => {
    const entry = held.get(user);
    if (entry === undefined) throw new Error('unknown user');
    entry.record.sentAtMs = engine.now;
    engine.schedule(entry.holdMs, () => pool.release(user, entry.broken));
  };
  const pool: ConnectionPool = new ConnectionPool(
    { engine, network, proceed: send, refused: () => {} },
    {
      protocol: 'http1',
      keepAlive: true,
      tls: false,
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 90_000,
      maxStreams: 1,
      from: null,
      to: null,
      client: null,
      server: null,
      ...spec,
    },
  );
  return {
    engine,
    pool,
    request(atMs, holdMs, broken = false) {
      const user: ConnectionUser = { connection: null };
      const record = { sentAtMs: NaN, user };
      held.set(user, { holdMs, broken, record });
      engine.scheduleAt(atMs, () => {
        if (pool.acquire(user) === 'now') send(user);
      });
      return record;
    },
  };
}

describe('ConnectionPool: keep-alive and HTTP/1.1', () => {
  it('keeps one connection for sequential requests: only the first pays the TCP round trip', () => {
    const h = harness({});
    const first = h.request(0, 10);
    const second = h.request(20, 10);
    const third = h.request(40, 10);
    h.engine.run();
    expect(first.sentAtMs).toBe(2 * ONE_WAY_MS);
    expect(second.sentAtMs).toBe(20);
    expect(third.sentAtMs).toBe(40);
    expect(h.pool.opened).toBe(1);
  });

  it('without keep-alive, opens a connection per request: each pays the round trip', () => {
    const h = harness({ keepAlive: false });
    const sent = [0, 20, 40].map((at) => h.request(at, 10));
    h.engine.run();
    expect(sent.map((r) => r.sentAtMs)).toEqual([4, 24, 44]);
    expect(h.pool.opened).toBe(3);
  });

  it('HTTP/1.1 carries one request per connection at a time: concurrent requests open their own', () => {
    const h = harness({});
    const sent = [0, 0, 0].map(() => h.request(0, 10));
    h.request(30, 10);
    h.request(30, 10);
    h.engine.run();
    expect(sent.map((r) => r.sentAtMs)).toEqual([4, 4, 4]);
    expect(h.pool.opened).toBe(3); // the two later requests reuse two of the three
  });

  it('a broken connection is not reused', () => {
    const h = harness({});
    h.request(0, 10, true);
    const next = h.request(20, 10);
    h.engine.run();
    expect(h.pool.opened).toBe(2);
    expect(next.sentAtMs).toBe(24);
  });

  it('closes a connection idle past the idle timeout; the next request opens a new one', () => {
    const h = harness({ idleTimeoutMs: 100 });
    h.request(0, 10);
    const within = h.request(100, 10); // idle since 14: 86 ms
    const after = h.request(300, 10); // idle since 110: 190 ms
    h.engine.run();
    expect(within.sentAtMs).toBe(100);
    expect(after.sentAtMs).toBe(304);
    expect(h.pool.opened).toBe(2);
    expect(h.pool.idleClosed).toBe(1);
  });

  it('a request released while it waits for the handshake is never sent', () => {
    const h = harness({});
    const user: ConnectionUser = { connection: null };
    const proceeded: ConnectionUser[] = [];
    const pool = new ConnectionPool(
      {
        engine: h.engine,
        network: new Network(NETWORK, new RandomStreams(1).stream('n')),
        proceed: (u) => proceeded.push(u),
        refused: () => {},
      },
      h.pool.spec,
    );
    h.engine.scheduleAt(0, () => pool.acquire(user));
    h.engine.scheduleAt(1, () => pool.release(user, true));
    h.engine.run();
    expect(proceeded).toEqual([]);
    expect(user.connection).toBeNull();
  });
});

describe('ConnectionPool: HTTP/2', () => {
  it('multiplexes concurrent requests on one connection; those arriving during the handshake join it', () => {
    const h = harness({ protocol: 'http2', maxStreams: 100 });
    const sent = [0, 1, 3].map((at) => h.request(at, 10));
    const later = h.request(5, 10);
    h.engine.run();
    expect(sent.map((r) => r.sentAtMs)).toEqual([4, 4, 4]);
    expect(later.sentAtMs).toBe(5);
    expect(h.pool.opened).toBe(1);
  });

  it('opens another connection when the stream limit is reached', () => {
    const h = harness({ protocol: 'http2', maxStreams: 2 });
    [0, 0, 0].forEach(() => h.request(0, 10));
    h.engine.run();
    expect(h.pool.opened).toBe(2);
  });
});

describe('ConnectionPool: TLS 1.3 handshakes', () => {
  it('a new TLS connection costs two round trips plus the server and client handshake CPU, counted at both ends', () => {
    const client = new End(0.5);
    const server = new End(1.5);
    const h = harness({ tls: true, client, server });
    const first = h.request(0, 10);
    const second = h.request(25, 10);
    h.engine.run();
    // TCP round trip (4) + server CPU (1.5) + round trip (4) + client CPU (0.5).
    expect(first.sentAtMs).toBeCloseTo(10, 9);
    expect(second.sentAtMs).toBe(25);
    expect(h.pool.handshakes).toBe(1);
    expect(h.pool.handshakeCpuMs).toBeCloseTo(2, 12);
    expect([client.handshakes, server.handshakes]).toEqual([1, 1]);
    expect([client.cpuMs, server.cpuMs]).toEqual([0.5, 1.5]);
  });

  it('the handshake CPU runs on the end’s node: a busy core delays it', () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const busy = node.container('busy', Infinity);
    const server = new End(2, node.container('server', Infinity));
    const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
    let sentAtMs = NaN;
    const pool = new ConnectionPool(
      { engine, network, proceed: () => (sentAtMs = engine.now), refused: () => {} },
      {
        protocol: 'http1',
        keepAlive: true,
        tls: true,
        connectTimeoutMs: 10_000,
        idleTimeoutMs: 1000,
        maxStreams: 1,
        from: null,
        to: null,
        client: null,
        server,
      },
    );
    busy.run(100, () => {}, null);
    pool.acquire({ connection: null });
    engine.run();
    // The server's 2 ms of CPU shares the core with the busy task from t = 4: it takes 4 ms.
    expect(sentAtMs).toBeCloseTo(4 + 4 + 4, 9);
  });

  it('without TLS, no handshake CPU and no TLS round trip', () => {
    const client = new End(0.5);
    const h = harness({ tls: false, client, server: new End(1) });
    const first = h.request(0, 10);
    h.engine.run();
    expect(first.sentAtMs).toBe(4);
    expect(h.pool.handshakes).toBe(0);
    expect(client.handshakes).toBe(0);
  });
});

describe('ConnectionPool: an end that does not answer', () => {
  it('a new connection to an unreachable node fails at the connect timeout, with every request waiting for it', () => {
    const engine = new Engine();
    const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
    // Only `unreachable` is read: a node that is off is never asked for a round trip.
    const off = { unreachable: true } as Node;
    const refused: [ConnectionUser, number][] = [];
    const sent: ConnectionUser[] = [];
    const pool = new ConnectionPool(
      { engine, network, proceed: (u) => sent.push(u), refused: (u) => refused.push([u, engine.now]) },
      {
        protocol: 'http2',
        keepAlive: true,
        tls: true,
        connectTimeoutMs: 10_000,
        idleTimeoutMs: 1000,
        maxStreams: 100,
        from: null,
        to: off,
        client: null,
        server: null,
      },
    );
    const first: ConnectionUser = { connection: null };
    const joined: ConnectionUser = { connection: null };
    const gaveUp: ConnectionUser = { connection: null };
    expect(pool.acquire(first)).toBe('opened');
    engine.scheduleAt(1000, () => pool.acquire(joined));
    engine.scheduleAt(2000, () => pool.acquire(gaveUp));
    engine.scheduleAt(3000, () => pool.release(gaveUp, true));
    engine.run();
    // No SYN-ACK and no RST: both requests still waiting fail together at 10 s; none was sent.
    expect(refused).toEqual([
      [first, 10_000],
      [joined, 10_000],
    ]);
    expect(sent).toEqual([]);
    expect(pool.connectTimeouts).toBe(1);
    expect(pool.handshakes).toBe(0);
  });
});

describe('ConnectionPool: a node that rebooted (a powered-off node back)', () => {
  /** A pool between two nodes, with one kept-alive connection opened and idle at 10 ms; records the failures. */
  function pooled() {
    const engine = new Engine();
    const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
    const node = (id: number) => ({ id, cluster: 'c', zone: 'z', unreachable: false, boots: 0 }) as Node;
    const client = node(1);
    const server = node(2);
    const failed: [ConnectionUser, string | undefined, number][] = [];
    const sent: [ConnectionUser, number][] = [];
    const pool = new ConnectionPool(
      {
        engine,
        network,
        proceed: (u) => sent.push([u, engine.now]),
        refused: (u, result) => failed.push([u, result, engine.now]),
      },
      {
        protocol: 'http1',
        keepAlive: true,
        tls: false,
        connectTimeoutMs: 10_000,
        idleTimeoutMs: 60_000,
        maxStreams: 1,
        from: client,
        to: server,
        client: null,
        server: null,
      },
    );
    const first: ConnectionUser = { connection: null };
    expect(pool.acquire(first)).toBe('opened');
    engine.run();
    pool.release(first, false);
    return { engine, pool, client, server, failed, sent };
  }

  it('the first request on a connection opened before the server rebooted gets a reset a round trip later; the next opens a new one', () => {
    const { engine, pool, server, failed, sent } = pooled();
    server.boots++;
    const onDead: ConnectionUser = { connection: null };
    const atMs = engine.now;
    expect(pool.acquire(onDead)).toBe('stale');
    engine.run();
    expect(failed).toEqual([[onDead, 'reset', atMs + 2 * ONE_WAY_MS]]);
    pool.release(onDead, true);
    const next: ConnectionUser = { connection: null };
    expect(pool.acquire(next)).toBe('opened');
    engine.run();
    expect(sent.at(-1)?.[0]).toBe(next);
    expect(pool.staleClosed).toBe(1);
  });

  it('a client that rebooted never had the old connection: it opens a new one without a reset', () => {
    const { engine, pool, client, failed } = pooled();
    client.boots++;
    expect(pool.acquire({ connection: null })).toBe('opened');
    engine.run();
    expect(failed).toEqual([]);
    expect(pool.staleClosed).toBe(1);
  });

  it('without a reboot the idle connection is reused', () => {
    const { pool } = pooled();
    expect(pool.acquire({ connection: null })).toBe('now');
  });
});

describe('ConnectionPool: an end whose process crashed on a live node', () => {
  /** A pool between two ends that count their crashes, with one kept-alive connection opened and idle. */
  function pooled() {
    const engine = new Engine();
    const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
    const end = () => ({
      tlsHandshakeCpuMs: 0,
      cpu: null,
      chargeHandshake: () => {},
      crashes: 0,
      refusesConnections: false,
    });
    const client = end();
    const server = end();
    const failed: ConnectionUser[] = [];
    const failedAtMs: number[] = [];
    const sent: ConnectionUser[] = [];
    const pool = new ConnectionPool(
      {
        engine,
        network,
        proceed: (u) => sent.push(u),
        refused: (u) => {
          failed.push(u);
          failedAtMs.push(engine.now);
        },
      },
      {
        protocol: 'http2',
        keepAlive: true,
        tls: true,
        connectTimeoutMs: 10_000,
        idleTimeoutMs: 60_000,
        maxStreams: 100,
        from: null,
        to: null,
        client,
        server,
      },
    );
    const first: ConnectionUser = { connection: null };
    expect(pool.acquire(first)).toBe('opened');
    engine.run();
    pool.release(first, false);
    sent.length = 0;
    return { engine, pool, client, server, failed, failedAtMs, sent };
  }

  for (const which of ['server', 'client'] as const) {
    it(`a connection opened before its ${which} crashed is gone: the next request opens a new one, nothing is reset`, () => {
      const h = pooled();
      h[which].crashes++;
      expect(h.pool.acquire({ connection: null })).toBe('opened');
      h.engine.run();
      expect(h.failed).toEqual([]);
      expect(h.pool.staleClosed).toBe(1);
      expect(h.pool.opened).toBe(2);
      expect(h.pool.handshakes).toBe(2);
    });
  }

  it('a new connection to a server whose process is down is refused a round trip later (a RST), without TLS', () => {
    const h = pooled();
    h.server.crashes++;
    h.server.refusesConnections = true;
    const user: ConnectionUser = { connection: null };
    const startMs = h.engine.now;
    expect(h.pool.acquire(user)).toBe('opened');
    h.engine.run();
    expect(h.failed).toEqual([user]);
    expect(h.failedAtMs).toEqual([startMs + 2 * ONE_WAY_MS]);
    expect(h.sent).toEqual([]);
    expect(h.pool.refused).toBe(1);
    expect(h.pool.handshakes).toBe(1);
  });

  it('a server that crashes during the handshake resets it: the waiting request fails, the handshake is not counted', () => {
    const h = pooled();
    // It crashed and restarted: the idle connection is gone, a new one is opened.
    h.server.crashes++;
    const user: ConnectionUser = { connection: null };
    expect(h.pool.acquire(user)).toBe('opened');
    // The TCP round trip is over at +4 ms, the TLS one at +8 ms: the server dies in between (and stays down).
    h.engine.schedule(2 * ONE_WAY_MS + 1, () => h.server.crashes++);
    h.engine.run();
    expect(h.failed).toEqual([user]);
    expect(h.sent).toEqual([]);
    expect(h.pool.handshakes).toBe(1);
  });

  it('without a crash the idle connection is reused', () => {
    const { pool } = pooled();
    expect(pool.acquire({ connection: null })).toBe('now');
  });
});

describe('ConnectionPool: input checks', () => {
  it('rejects a stream limit below 1 and a non-positive idle timeout', () => {
    const engine = new Engine();
    const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
    const base: ConnectionSpec = {
      protocol: 'http2',
      keepAlive: true,
      tls: false,
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 1,
      maxStreams: 1,
      from: null,
      to: null,
      client: null,
      server: null,
    };
    expect(
      () =>
        new ConnectionPool(
          { engine, network, proceed: () => {}, refused: () => {} },
          { ...base, maxStreams: 0 },
        ),
    ).toThrow(/maxStreams/);
    expect(
      () =>
        new ConnectionPool(
          { engine, network, proceed: () => {}, refused: () => {} },
          { ...base, idleTimeoutMs: 0 },
        ),
    ).toThrow(/idleTimeoutMs/);
  });
});

describe('ConnectionPool: keep-alive pings (HBONE)', () => {
  const PING = { intervalMs: 10_000, timeoutMs: 20_000 };

  /** A pinging HTTP/2 pool to `peer`; requests hold their stream until released or lost (recorded with the time). */
  function pinging(peer: Node, ping: ConnectionSpec['ping'] | null = PING) {
    const engine = new Engine();
    const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
    const lost: [ConnectionUser, number][] = [];
    const pool = new ConnectionPool(
      { engine, network, proceed: () => {}, refused: () => {}, lost: (u) => lost.push([u, engine.now]) },
      {
        protocol: 'http2',
        keepAlive: true,
        tls: false,
        connectTimeoutMs: 10_000,
        idleTimeoutMs: 300_000,
        maxStreams: 100,
        ...(ping === null ? {} : { ping }),
        from: null,
        to: peer,
        client: null,
        server: null,
      },
    );
    /** A request sent at `atMs` that keeps its stream (a request lost with its peer). */
    const hold = (atMs: number): ConnectionUser => {
      const user: ConnectionUser = { connection: null };
      engine.scheduleAt(atMs, () => pool.acquire(user));
      return user;
    };
    return { engine, pool, lost, hold };
  }

  it('tears a connection down when a ping goes unanswered for the ping timeout: its requests fail, later ones reconnect', () => {
    const peer = { unreachable: false, boots: 0 } as Node;
    const h = pinging(peer);
    const first = h.hold(0); // opens the connection at 4 ms: pings at 10.004 s, 20.004 s, …
    h.engine.scheduleAt(15_000, () => (peer.unreachable = true));
    const second = h.hold(16_000); // sent on the open connection, lost with the peer
    h.engine.run({ untilMs: 39_000 });
    expect(h.lost).toEqual([]); // the ping sent at 20.004 s is not yet 20 s old
    h.engine.run({ untilMs: 40_100 });
    expect(h.lost.map(([user]) => user)).toEqual([first, second]);
    expect(h.lost.every(([, atMs]) => atMs === 40_004)).toBe(true);
    expect(h.pool.tornDown).toBe(1);
    expect(first.connection).toBeNull();
    // The connection is gone: the next request opens a new one (to the node still off: it waits to connect).
    h.hold(41_000);
    h.engine.run({ untilMs: 41_000 });
    expect(h.pool.opened).toBe(2);
  });

  it("a peer back within the ping timeout (a rebooted node) resets the connection at the ping's next retransmission", () => {
    const peer = { unreachable: false, boots: 0 } as Node;
    const h = pinging(peer);
    const held = h.hold(0);
    h.engine.scheduleAt(9_000, () => (peer.unreachable = true));
    h.engine.scheduleAt(12_000, () => (peer.unreachable = false)); // back before the ping times out
    // The ping of 10.004 s goes again at +0.2, +0.6, +1.4, +3.0 s: the one at 13.004 s finds the node back.
    h.engine.run({ untilMs: 60_000 });
    expect(h.lost).toEqual([[held, 13_004]]);
    expect(h.pool.tornDown).toBe(1);
  });

  it('a request sent on a connection its rebooted peer killed brings the reset back for the requests it still carried', () => {
    const peer = { unreachable: false, boots: 0 } as Node;
    const h = pinging(peer);
    const held = h.hold(0); // lost with the peer
    h.engine.scheduleAt(2_000, () => (peer.unreachable = true));
    h.engine.scheduleAt(4_000, () => {
      peer.unreachable = false;
      peer.boots++; // back rebooted, between two pings
    });
    h.hold(5_000); // the first use after the reboot: the reset comes back a round trip later
    h.engine.run({ untilMs: 6_000 });
    expect(h.lost.map(([user]) => user)).toEqual([held]);
    expect(h.lost[0]?.[1]).toBeGreaterThan(5_000);
    expect(h.lost[0]?.[1]).toBeLessThan(5_100);
    expect(h.pool.tornDown).toBe(1);
  });

  it('a peer that answers keeps the connection, however long; so does a pool that does not ping', () => {
    const answering = pinging({ unreachable: false, boots: 0 } as Node);
    answering.hold(0);
    answering.engine.run({ untilMs: 120_000 });
    expect(answering.lost).toEqual([]);
    expect(answering.pool.tornDown).toBe(0);
    const off = { unreachable: false, boots: 0 } as Node;
    const silent = pinging(off, null);
    silent.hold(0);
    silent.engine.scheduleAt(5_000, () => (off.unreachable = true));
    silent.engine.run({ untilMs: 120_000 });
    expect(silent.lost).toEqual([]);
    expect(silent.pool.tornDown).toBe(0);
  });

  it('a released request is not failed with its connection; an idle connection past the idle timeout pings no more', () => {
    const peer = { unreachable: false, boots: 0 } as Node;
    const h = pinging(peer);
    const user = h.hold(0);
    h.engine.scheduleAt(5_000, () => h.pool.release(user, false));
    h.engine.scheduleAt(15_000, () => (peer.unreachable = true));
    h.engine.run({ untilMs: 60_000 });
    expect(h.lost).toEqual([]);
    expect(h.pool.tornDown).toBe(1); // idle, but still pinged (and torn down) within the 300 s idle timeout
    const quiet = pinging({ unreachable: false, boots: 0 } as Node, PING);
    const once = quiet.hold(0);
    quiet.engine.scheduleAt(1, () => quiet.pool.release(once, false));
    quiet.engine.run(); // ends: the pings stop once the connection has been idle past the idle timeout
    expect(quiet.engine.now).toBeLessThan(320_000);
  });

  it('refuses a pinging pool without the `lost` port, or with a ping interval or timeout that is not positive', () => {
    const engine = new Engine();
    const network = new Network(NETWORK, new RandomStreams(1).stream('network'));
    const spec: ConnectionSpec = {
      protocol: 'http2',
      keepAlive: true,
      tls: false,
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 1000,
      maxStreams: 100,
      ping: PING,
      from: null,
      to: null,
      client: null,
      server: null,
    };
    const ports = { engine, network, proceed: () => {}, refused: () => {} };
    expect(() => new ConnectionPool(ports, spec)).toThrow(/`lost` port/);
    expect(
      () =>
        new ConnectionPool({ ...ports, lost: () => {} }, { ...spec, ping: { intervalMs: 0, timeoutMs: 1 } }),
    ).toThrow(/ping intervalMs and timeoutMs must be > 0/);
  });
});
