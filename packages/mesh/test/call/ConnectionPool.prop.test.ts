// Invariants of connection pools under random request streams: a connection never carries more
// requests than its stream limit, every request is sent exactly once unless it gave up first, and
// with keep-alive the pool never opens more connections than the peak of concurrent requests needs.

import { Engine, RandomStreams } from '@meshsim/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionPool, Network } from '../../src/internal/index.js';
import type { Connection, ConnectionUser } from '../../src/internal/index.js';

const request = fc.record({
  atMs: fc.integer({ min: 0, max: 200 }),
  holdMs: fc.integer({ min: 0, max: 50 }),
  /** Gives up this long after asking (before or after being sent), or never. */
  giveUpAfterMs: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  broken: fc.boolean(),
});

describe('ConnectionPool invariants', () => {
  it('streams ≤ limit per connection; each request sent at most once, and exactly once unless it gave up first', () => {
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(1, 2, 8),
        fc.boolean(),
        fc.boolean(),
        (requests, maxStreams, keepAlive, tls) => {
          const engine = new Engine();
          const network = new Network(
            {
              sameNodeMs: { kind: 'constant', value: 1 },
              sameZoneMs: { kind: 'exponential', mean: 2 },
              crossZoneMs: { kind: 'constant', value: 1 },
              crossClusterMs: { kind: 'constant', value: 1 },
            },
            new RandomStreams(7).stream('network'),
          );
          const sent = new Map<ConnectionUser, number>();
          const gaveUp = new Set<ConnectionUser>();
          const live = new Set<Connection>();
          let violation = '';
          const check = (user: ConnectionUser): void => {
            const c = user.connection;
            if (c === null) return;
            live.add(c);
            if (c.streams > maxStreams) violation = `streams ${c.streams} > ${maxStreams}`;
            if (c.streams < 0) violation = 'negative streams';
          };
          const send = (user: ConnectionUser): void => {
            sent.set(user, (sent.get(user) ?? 0) + 1);
            if (gaveUp.has(user)) violation = 'a request that gave up was sent';
            check(user);
          };
          const pool = new ConnectionPool(
            { engine, network, proceed: send, refused: () => {} },
            {
              protocol: maxStreams === 1 ? 'http1' : 'http2',
              keepAlive,
              tls,
              connectTimeoutMs: 10_000,
              idleTimeoutMs: 60,
              maxStreams,
              from: null,
              to: null,
              client: null,
              server: null,
            },
          );
          for (const r of requests) {
            const user: ConnectionUser = { connection: null };
            engine.scheduleAt(r.atMs, () => {
              if (pool.acquire(user) === 'now') send(user);
              check(user);
            });
            if (r.giveUpAfterMs !== null) {
              engine.scheduleAt(r.atMs + r.giveUpAfterMs, () => {
                if (user.connection === null) return; // done already
                if (!sent.has(user)) gaveUp.add(user);
                pool.release(user, pool.abandonBreaks);
              });
            }
            // The response releases the stream `holdMs` after sending (polled: the pool sends later).
            const poll = (): void => {
              if (sent.has(user)) engine.schedule(r.holdMs, () => pool.release(user, r.broken));
              else if (!gaveUp.has(user) && user.connection !== null) engine.schedule(1, poll);
            };
            engine.scheduleAt(r.atMs, poll);
          }
          engine.run();
          for (const [, times] of sent) if (times !== 1) violation = `sent ${times} times`;
          const notSent = requests.length - sent.size - gaveUp.size;
          if (notSent !== 0) violation = `${notSent} requests neither sent nor given up`;
          for (const c of live)
            if (c.streams !== 0) violation = `a connection ends with ${c.streams} streams`;
          expect(violation).toBe('');
          expect(pool.opened).toBeLessThanOrEqual(requests.length);
          if (tls) expect(pool.handshakes).toBeLessThanOrEqual(pool.opened);
        },
      ),
      { numRuns: 300 },
    );
  });
});
