// A network hop's sampler: drawing from `samplerOf(from, to)` is exactly `delayMs(from, to)`, and the
// transport keeps a hop's samplers on its station only for the network they came from.

import { Engine, RandomStreams } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';
import { Network, Transport } from '../../src/internal/index.js';
import type { Attempt, NetworkStation } from '../../src/internal/index.js';
import type { NetworkConfig } from '../../src/index.js';

const LOGNORMAL: NetworkConfig = {
  sameNodeMs: { kind: 'lognormal', median: 0.02, p99: 0.05 },
  sameZoneMs: { kind: 'lognormal', median: 0.1, p99: 0.3 },
  crossZoneMs: { kind: 'lognormal', median: 0.5, p99: 1.5 },
  crossClusterMs: { kind: 'normal', mean: 0, stdDev: 1 },
};
const constant = (value: number): NetworkConfig => ({
  sameNodeMs: { kind: 'constant', value },
  sameZoneMs: { kind: 'constant', value },
  crossZoneMs: { kind: 'constant', value },
  crossClusterMs: { kind: 'constant', value },
});
const A = { id: 1, name: 'a', cluster: 'c1', zone: 'z1' };
const B = { id: 2, name: 'b', cluster: 'c1', zone: 'z2' };
const X = { id: 3, name: 'x', cluster: 'c2', zone: 'z1' };

describe('Network.samplerOf', () => {
  it('draws the same sequence as delayMs once clamped, for every locality', () => {
    const pairs = [
      [A, A],
      [A, B],
      [A, X],
      [null, B],
      [X, null],
    ] as const;
    const viaDelay = new Network(LOGNORMAL, new RandomStreams(7).stream('network'));
    const viaSampler = new Network(LOGNORMAL, new RandomStreams(7).stream('network'));
    for (let i = 0; i < 200; i++) {
      const [from, to] = pairs[i % pairs.length] as (typeof pairs)[number];
      const node = (n: typeof from) => n as Parameters<Network['delayMs']>[0];
      const expected = viaDelay.delayMs(node(from), node(to));
      expect(Math.max(0, viaSampler.samplerOf(node(from), node(to))())).toBe(expected);
    }
  });
});

describe('Transport on a network hop', () => {
  /** Sends an attempt over a one-hop route with `transport`; returns when it reached its instance. */
  function arrivalMs(engine: Engine, transport: Transport, station: NetworkStation): number {
    let arrivedAt = NaN;
    const attempt = {
      position: -1,
      direction: 1,
      route: [station],
      pool: null,
      instance: { arrive: () => (arrivedAt = engine.now) },
    } as unknown as Attempt;
    const start = engine.now;
    transport.sendRequest(attempt);
    engine.run();
    return arrivedAt - start;
  }

  it('rebinds a station reused with another network (its cached samplers are per network)', () => {
    const station: NetworkStation = { kind: 'network', from: null, to: null };
    const engine = new Engine();
    const slow = new Transport(engine, new Network(constant(5), new RandomStreams(1).stream('n')));
    const fast = new Transport(engine, new Network(constant(1), new RandomStreams(1).stream('n')));
    expect(arrivalMs(engine, slow, station)).toBe(5);
    expect(arrivalMs(engine, fast, station)).toBe(1);
    expect(arrivalMs(engine, slow, station)).toBe(5);
  });
});
