// Sources naming one `connectionGroup` share their `connections`, as one load generator driving several targets
// (wrk2 -c 128 over many URLs): at most that many requests in flight over all of them, one FIFO for the arrivals
// that find them busy, whichever source they belong to. A group needs one limit, stated alike by every source.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type { OpenTrafficConfig, SimulationResult } from '../../src/index.js';
import { assertResultInvariants } from '../__helpers__/assertions.js';
import { ZERO_NETWORK, config, constantArrivals, service } from '../__helpers__/configs.js';

/** Two sources, each to its own service (room for 100 at once, 10 ms each), 1 s, zero network. */
function run(a: Partial<OpenTrafficConfig>, b: Partial<OpenTrafficConfig>, rps = 1000): SimulationResult {
  const services = ['api-a', 'api-b'].map((name) =>
    service(name, { replicas: 1, concurrency: 100, serviceTimeMs: { kind: 'constant', value: 10 } }),
  );
  const result = simulate(
    config(
      services,
      [constantArrivals('api-a', rps, 'gen-a', a), constantArrivals('api-b', rps, 'gen-b', b)],
      {
        durationMs: 1000,
        network: ZERO_NETWORK,
      },
    ),
  );
  assertResultInvariants(result, 1);
  return result;
}

const sent = (result: SimulationResult): number => result.edges.reduce((n, e) => n + e.attempts, 0);

describe('a connection group', () => {
  it('bounds the requests in flight over all its sources: 4 shared connections serve half what 4 each do', () => {
    const shared = run(
      { connections: 4, connectionGroup: 'wrk2' },
      { connections: 4, connectionGroup: 'wrk2' },
    );
    const own = run({ connections: 4 }, { connections: 4 });
    // 10 ms per request: 4 connections carry 400 req/s, 8 carry 800 (both far below the 2,000 req/s offered).
    expect(sent(shared)).toBeGreaterThan(395);
    expect(sent(shared)).toBeLessThanOrEqual(404);
    expect(sent(own)).toBeGreaterThan(795);
    expect(sent(own)).toBeLessThanOrEqual(808);
  });

  it('serves the waiting arrivals in one FIFO, whichever source they belong to', () => {
    // gen-a offers 4× gen-b's rate: in one FIFO its share of the sent requests follows its share of the arrivals.
    const mixed = simulate(
      config(
        ['api-a', 'api-b'].map((name) =>
          service(name, { replicas: 1, concurrency: 100, serviceTimeMs: { kind: 'constant', value: 10 } }),
        ),
        [
          constantArrivals('api-a', 800, 'gen-a', { connections: 2, connectionGroup: 'g' }),
          constantArrivals('api-b', 200, 'gen-b', { connections: 2, connectionGroup: 'g' }),
        ],
        { durationMs: 1000, network: ZERO_NETWORK },
      ),
    );
    const attempts = (name: string): number => mixed.edges.find((e) => e.source === name)?.attempts ?? 0;
    expect(attempts('gen-a') + attempts('gen-b')).toBeGreaterThan(195);
    expect(attempts('gen-a') / attempts('gen-b')).toBeGreaterThan(3.5);
    expect(attempts('gen-a') / attempts('gen-b')).toBeLessThan(4.5);
    expect(mixed.warnings.some((w) => w.includes('one of the 2 connections of group g'))).toBe(true);
  });

  it('needs one limit: a source without connections, or with another, is refused naming them', () => {
    expect(() => run({ connectionGroup: 'wrk2' }, { connections: 4, connectionGroup: 'wrk2' })).toThrow(
      'traffic source "gen-a": connectionGroup "wrk2" needs connections',
    );
    expect(() =>
      run({ connections: 4, connectionGroup: 'wrk2' }, { connections: 8, connectionGroup: 'wrk2' }),
    ).toThrow(
      'traffic sources "gen-a" and "gen-b": connectionGroup "wrk2" has one limit, but they set connections 4 and 8',
    );
  });
});
