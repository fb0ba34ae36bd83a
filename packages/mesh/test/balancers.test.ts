// Contracts of the load balancers: least-request, peak-EWMA (P2C), smooth weighted round robin,
// locality-aware failover, and the config → balancer mapping.

import { RandomStreams } from '@meshsim/engine';
import { resolveMeshConfig } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import { createBalancer, meshDefaultBalancer } from '../src/call/createBalancer.js';
import type { BalancerContext } from '../src/call/createBalancer.js';
import { instanceWeights } from '../src/policies/createInstanceBalancer.js';
import { DistinctIndexSampler } from '../src/call/balancers/DistinctIndexSampler.js';
import { LeastRequestBalancer } from '../src/call/balancers/LeastRequestBalancer.js';
import { LocalityAwareBalancer } from '../src/call/balancers/LocalityAwareBalancer.js';
import type { LocatedEndpoint } from '../src/call/balancers/LocalityAwareBalancer.js';
import { PeakEwmaBalancer } from '../src/call/balancers/PeakEwmaBalancer.js';
import { WeightedRoundRobinBalancer } from '../src/call/balancers/WeightedRoundRobinBalancer.js';
import { RandomBalancer, RoundRobinBalancer } from '../src/call/LoadBalancer.js';
import type { ServiceRuntime } from '../src/server/ServiceRuntime.js';

interface FakeEndpoint extends LocatedEndpoint {
  readonly index: number;
  readonly node: { readonly cluster: string; readonly zone: string };
}

function endpoints(n: number, place: (i: number) => [string, string] = () => ['c1', 'a']): FakeEndpoint[] {
  return Array.from({ length: n }, (_, index) => {
    const [cluster, zone] = place(index);
    return { index, node: { cluster, zone } };
  });
}

function bump(counts: number[], i: number): void {
  counts[i] = (counts[i] ?? 0) + 1;
}

function stream(name: string): () => number {
  return new RandomStreams(42).stream(name);
}

describe('LeastRequestBalancer (Envoy LEAST_REQUEST, N_CHOICES)', () => {
  /** A random source that returns `values` in turn (each draw is floor(value × n)). */
  function scripted(values: number[]): () => number {
    let i = 0;
    return () => values[i++ % values.length] as number;
  }

  it('draws with replacement and keeps the first drawn unless a later draw has strictly fewer active', () => {
    const [a, b] = endpoints(2) as [FakeEndpoint, FakeEndpoint];
    // Draws: a, b (tie 0/0 → a); then a, b again (a has 1 → b); then b, b (b compared with itself).
    const lb = new LeastRequestBalancer<FakeEndpoint>(scripted([0.1, 0.9, 0.1, 0.9, 0.9, 0.9]), 2);
    expect(lb.pick([a, b])).toBe(a);
    expect(lb.pick([a, b])).toBe(b);
    // Envoy samples with replacement: a host drawn twice is picked even though another is idler.
    lb.release(a);
    expect(lb.pick([a, b])).toBe(b);
    expect([lb.activeOf(a), lb.activeOf(b)]).toEqual([0, 2]);
  });

  it('sends to a busy endpoint only when every draw hits it: ≈ 1/n² of picks with choiceCount 2', () => {
    const all = endpoints(4);
    const busy = all[0] as FakeEndpoint;
    const lb = new LeastRequestBalancer<FakeEndpoint>(stream('lr-busy'));
    for (let i = 0; i < 100; i++) lb.pick([busy]);
    expect(lb.activeOf(busy)).toBe(100);
    let toBusy = 0;
    const picks = 20_000;
    for (let i = 0; i < picks; i++) {
      const e = lb.pick(all) as FakeEndpoint;
      if (e === busy) toBusy++;
      lb.release(e);
    }
    // Expected 1/16 = 6.25 %; binomial sd ≈ 0.17 points.
    expect(Math.abs(toBusy / picks - 1 / 16)).toBeLessThan(0.01);
  });

  it('keeps load even: after 1000 unreleased picks over 10 endpoints the spread is at most 4 (P2C)', () => {
    const all = endpoints(10);
    const lb = new LeastRequestBalancer<FakeEndpoint>(stream('lr-spread'));
    for (let i = 0; i < 1000; i++) lb.pick(all);
    const active = all.map((e) => lb.activeOf(e));
    expect(Math.max(...active) - Math.min(...active)).toBeLessThanOrEqual(4);
    // Uniform random picks would spread by tens (binomial sd ≈ 9.5); P2C is far tighter.
  });

  it('spreads idle traffic uniformly (ties go to the first drawn, which is uniform)', () => {
    const all = endpoints(5);
    const lb = new LeastRequestBalancer<FakeEndpoint>(stream('lr-uniform'));
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const e = lb.pick(all) as FakeEndpoint;
      bump(counts, e.index);
      lb.release(e);
    }
    for (const count of counts) expect(Math.abs(count / 10_000 - 0.2)).toBeLessThan(0.02);
  });

  it('rejects a choiceCount below 1, naming the field and value', () => {
    expect(() => new LeastRequestBalancer(stream('x'), 0)).toThrow(/choiceCount.*0/);
  });
});

describe('DistinctIndexSampler', () => {
  it('draws distinct indices, every index equally often', () => {
    const sampler = new DistinctIndexSampler(stream('sampler'));
    const out: number[] = [];
    const firsts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) {
      expect(sampler.draw(4, 3, out)).toBe(3);
      expect(new Set(out.slice(0, 3)).size).toBe(3);
      bump(firsts, out[0] as number);
    }
    for (const count of firsts) expect(Math.abs(count / 8000 - 0.25)).toBeLessThan(0.02);
    expect(sampler.draw(2, 5, out)).toBe(2);
  });
});

describe('PeakEwmaBalancer (Linkerd / Finagle peak-EWMA)', () => {
  const clock = { now: 0 };

  it('starts every endpoint at defaultRttMs and jumps to a higher sample at once', () => {
    const lb = new PeakEwmaBalancer<FakeEndpoint>(stream('ewma'), clock, 30, 10_000);
    const [a] = endpoints(1) as [FakeEndpoint];
    expect(lb.estimateOf(a)).toBe(30);
    lb.pick([a]);
    lb.release(a, 'ok', 200, 0);
    expect(lb.estimateOf(a)).toBe(200);
  });

  it('decays towards a lower sample with w = exp(−Δt / decayMs)', () => {
    const lb = new PeakEwmaBalancer<FakeEndpoint>(stream('ewma'), clock, 30, 10_000);
    const [a] = endpoints(1) as [FakeEndpoint];
    lb.release(a, 'ok', 100, 1000); // peak: 100
    lb.release(a, 'ok', 20, 6000); // Δt = 5 s
    const w = Math.exp(-5000 / 10_000);
    expect(lb.estimateOf(a)).toBeCloseTo(100 * w + 20 * (1 - w), 9);
  });

  it('costs an endpoint estimate × (pending + 1), the estimate decayed towards 0 on read', () => {
    const lb = new PeakEwmaBalancer<FakeEndpoint>(stream('ewma'), clock, 30, 10_000);
    const [a] = endpoints(1) as [FakeEndpoint];
    lb.release(a, 'ok', 50, 0);
    lb.pick([a]);
    lb.pick([a]);
    expect(lb.cost(a, 0)).toBeCloseTo(150, 9);
    expect(lb.cost(a, 10_000)).toBeCloseTo(50 * Math.exp(-1) * 3, 9);
  });

  it('between two endpoints always picks the cheaper one', () => {
    const lb = new PeakEwmaBalancer<FakeEndpoint>(stream('ewma-p2c'), clock, 30, 10_000);
    const [fast, slow] = endpoints(2) as [FakeEndpoint, FakeEndpoint];
    lb.release(fast, 'ok', 5, 0);
    lb.release(slow, 'ok', 80, 0);
    for (let i = 0; i < 20; i++) {
      const e = lb.pick([fast, slow]) as FakeEndpoint;
      expect(e).toBe(fast);
      lb.release(e, 'ok', 5, 0);
    }
  });

  it('treats a fast failure as a fast sample (the pitfall): a failing endpoint looks cheapest', () => {
    const now = { now: 0 };
    const lb = new PeakEwmaBalancer<FakeEndpoint>(stream('ewma-pitfall'), now, 30, 10_000);
    const [failing, healthy] = endpoints(2) as [FakeEndpoint, FakeEndpoint];
    lb.cost(failing, 0); // both first seen at 0 with the default 30 ms
    lb.cost(healthy, 0);
    now.now = 20_000;
    lb.release(failing, 'error', 0.2, 20_000);
    lb.release(healthy, 'ok', 10, 20_000);
    expect(lb.estimateOf(failing)).toBeLessThan(lb.estimateOf(healthy));
    expect(lb.pick([failing, healthy])).toBe(failing);
  });

  it('rejects decayMs ≤ 0, naming the field and value', () => {
    expect(() => new PeakEwmaBalancer(stream('x'), clock, 30, 0)).toThrow(/decayMs.*0/);
  });
});

describe('WeightedRoundRobinBalancer (smooth weighted round robin)', () => {
  it('gives each endpoint its weight share within 2%', () => {
    const all = endpoints(4);
    const weights = [1, 2, 3, 4];
    const lb = new WeightedRoundRobinBalancer<FakeEndpoint>((e) => weights[e.index] as number, 7);
    const counts = [0, 0, 0, 0];
    const picks = 1003;
    for (let i = 0; i < picks; i++) bump(counts, (lb.pick(all) as FakeEndpoint).index);
    counts.forEach((count, i) =>
      expect(Math.abs(count / picks - (weights[i] as number) / 10)).toBeLessThan(0.02),
    );
  });

  it('interleaves rather than bursts: weights 5,1,1 never give the heavy endpoint 5 in a row (plain WRR would)', () => {
    const all = endpoints(3);
    const lb = new WeightedRoundRobinBalancer<FakeEndpoint>((e) => (e.index === 0 ? 5 : 1), 0);
    const sequence = Array.from({ length: 70 }, () => (lb.pick(all) as FakeEndpoint).index).join('');
    expect(sequence).not.toContain('00000');
    expect(sequence.split('').filter((c) => c === '0').length).toBe(50);
  });

  it("weighs each instance by its version's weight, 1 when unset", () => {
    const fake = {
      config: {
        versions: [
          { name: 'v1', replicas: 2, weight: 80, serviceTimeMs: null, errorRate: null },
          { name: 'v2', replicas: 1, weight: 20, serviceTimeMs: null, errorRate: null },
          { name: 'v3', replicas: 1, weight: null, serviceTimeMs: null, errorRate: null },
        ],
      },
      instances: [{ version: 'v1' }, { version: 'v1' }, { version: 'v2' }, { version: 'v3' }],
    } as unknown as ServiceRuntime;
    expect(instanceWeights(fake)).toEqual([80, 80, 20, 1]);
    const unversioned = {
      config: {},
      instances: [{ version: 'v1' }, { version: 'v1' }],
    } as unknown as ServiceRuntime;
    expect(instanceWeights(unversioned)).toEqual([1, 1]);
  });

  it('never picks a zero-weight endpoint while another has weight', () => {
    const all = endpoints(3);
    const lb = new WeightedRoundRobinBalancer<FakeEndpoint>((e) => (e.index === 1 ? 0 : 1), 0);
    for (let i = 0; i < 30; i++) expect(lb.pick(all)?.index).not.toBe(1);
  });
});

describe('LocalityAwareBalancer', () => {
  // c1/zone-a: 0,1,2,3 · c1/zone-b: 4,5 · c2/zone-x: 6,7
  const all = endpoints(8, (i) => (i < 4 ? ['c1', 'a'] : i < 6 ? ['c1', 'b'] : ['c2', 'x']));
  const caller = { cluster: 'c1', zone: 'a' };
  const indices = (lb: LocalityAwareBalancer<FakeEndpoint>, up: FakeEndpoint[], n = 12): Set<number> =>
    new Set(Array.from({ length: n }, () => (lb.pick(up) as FakeEndpoint).index));

  it("stays in the caller's zone while enough of it is healthy", () => {
    const lb = new LocalityAwareBalancer(all, caller, 50, 0);
    expect(indices(lb, all)).toEqual(new Set([0, 1, 2, 3]));
    expect(lb.lastTier).toBe('zone');
    // 2 of 4 zone instances healthy = 50 %: still the zone.
    expect(
      indices(
        lb,
        all.filter((e) => e.index >= 2),
      ),
    ).toEqual(new Set([2, 3]));
  });

  it('fails over to the cluster, then anywhere, when a tier drops below minHealthyPercent', () => {
    const lb = new LocalityAwareBalancer(all, caller, 50, 0);
    // 1 of 4 zone-a instances healthy (25 %) → cluster tier (3 of 6 healthy = 50 %).
    const zoneDown = all.filter((e) => e.index === 3 || e.index >= 4);
    expect(indices(lb, zoneDown)).toEqual(new Set([3, 4, 5]));
    expect(lb.lastTier).toBe('cluster');
    // 1 of 6 cluster instances healthy → anywhere.
    const clusterDown = all.filter((e) => e.index === 5 || e.index >= 6);
    expect(indices(lb, clusterDown)).toEqual(new Set([5, 6, 7]));
    expect(lb.lastTier).toBe('any');
  });

  it('with minHealthyPercent 0 keeps any tier that has one healthy endpoint', () => {
    const lb = new LocalityAwareBalancer(all, caller, 0, 0);
    expect(
      indices(
        lb,
        all.filter((e) => e.index === 1 || e.index >= 4),
      ),
    ).toEqual(new Set([1]));
  });

  it('has no preference for a caller outside the clusters', () => {
    const lb = new LocalityAwareBalancer(all, null, 50, 0);
    expect(indices(lb, all, 16)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(lb.lastTier).toBe('any');
  });

  it('rejects minHealthyPercent outside [0, 100], naming the field and value', () => {
    expect(() => new LocalityAwareBalancer(all, caller, 150, 0)).toThrow(/minHealthyPercent.*150/);
  });
});

describe('createBalancer', () => {
  const context: BalancerContext<FakeEndpoint> = {
    random: stream('create'),
    callerKey: 3,
    caller: { cluster: 'c1', zone: 'a' },
    instances: endpoints(3),
    weightOf: () => 1,
    clock: { now: 0 },
  };

  it('builds the balancer of every LoadBalancerConfig kind', () => {
    expect(createBalancer({ kind: 'round-robin' }, context)).toBeInstanceOf(RoundRobinBalancer);
    expect(createBalancer({ kind: 'random' }, context)).toBeInstanceOf(RandomBalancer);
    expect(createBalancer({ kind: 'least-request', choiceCount: 2 }, context)).toBeInstanceOf(
      LeastRequestBalancer,
    );
    expect(createBalancer({ kind: 'peak-ewma', defaultRttMs: 30, decayMs: 10_000 }, context)).toBeInstanceOf(
      PeakEwmaBalancer,
    );
    expect(createBalancer({ kind: 'weighted' }, context)).toBeInstanceOf(WeightedRoundRobinBalancer);
    expect(createBalancer({ kind: 'locality-aware', minHealthyPercent: 70 }, context)).toBeInstanceOf(
      LocalityAwareBalancer,
    );
  });

  it('maps the mesh default kind to its config', () => {
    expect(meshDefaultBalancer('random')).toEqual({ kind: 'random' });
    expect(meshDefaultBalancer('round-robin')).toEqual({ kind: 'round-robin' });
    expect(meshDefaultBalancer('least-request')).toEqual({ kind: 'least-request', choiceCount: 2 });
    expect(meshDefaultBalancer('peak-ewma')).toEqual({
      kind: 'peak-ewma',
      defaultRttMs: 30,
      decayMs: 10_000,
    });
  });

  it("defaults each shape to its proxy's balancer: Istio least request, Linkerd peak-EWMA, kube-proxy random", () => {
    const byShape = Object.fromEntries(
      (['none', 'cilium', 'istio-sidecar', 'linkerd', 'app-mesh', 'library'] as const).map((shape) => [
        shape,
        resolveMeshConfig({ shape }).loadBalancer,
      ]),
    );
    expect(byShape).toEqual({
      none: 'random',
      cilium: 'random',
      'istio-sidecar': 'least-request',
      linkerd: 'peak-ewma',
      'app-mesh': 'round-robin',
      library: 'round-robin',
    });
  });
});
