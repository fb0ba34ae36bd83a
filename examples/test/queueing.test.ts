// The closed forms and the queue simulator behind the queueing-theory validation (the experiments themselves,
// M/M/1, M/M/4 and M/D/1 within 99 % CIs, are in queueingMM1/MMc/MD1.test.ts).

import { RandomStreams, exponential } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';
import { simulateQueue } from '../validation/queueModels.js';
import {
  erlangC,
  md1MeanWait,
  mg1MeanWait,
  mm1MeanSojourn,
  mm1MeanWait,
  mm1SojournQuantile,
  mmcMeanSojourn,
  mmcMeanWait,
} from '../validation/theory.js';

describe('theory.ts closed forms', () => {
  it('M/M/1 (λ=0.9, μ=1): W = 1/(μ−λ) = 10, Wq = ρ/(μ−λ) = 9, sojourn p50 = ln 2/0.1, p99 = ln 100/0.1', () => {
    expect(mm1MeanSojourn(0.9, 1)).toBeCloseTo(10, 12);
    expect(mm1MeanWait(0.9, 1)).toBeCloseTo(9, 12);
    expect(mm1SojournQuantile(0.9, 1, 0.5)).toBeCloseTo(6.931471805599453, 12);
    expect(mm1SojournQuantile(0.9, 1, 0.99)).toBeCloseTo(46.051701859880914, 12);
    expect(mm1SojournQuantile(0.9, 1, 0)).toBe(0);
  });

  it('Erlang C for c=4, a=3.2 (ρ=0.8) equals the hand-computed 8192/13735 ≈ 0.596432', () => {
    // Σ_{k<4} a^k/k! = 1 + 16/5 + 128/25 + 2048/375 = 5543/375; a^4/4! · c/(c−a) = 8192/1875 · 5 = 8192/375.
    expect(erlangC(4, 3.2)).toBeCloseTo(8192 / 13735, 14);
    expect(erlangC(4, 3.2)).toBeCloseTo(0.596432, 6);
  });

  it('M/M/4 (λ=3.2, μ=1): Wq = C(4, 3.2)/(cμ−λ) = 2048/2747 ≈ 0.745541 and W = Wq + 1/μ', () => {
    expect(mmcMeanWait(3.2, 1, 4)).toBeCloseTo(2048 / 2747, 14);
    expect(mmcMeanSojourn(3.2, 1, 4)).toBeCloseTo(1 + 2048 / 2747, 14);
  });

  it('Erlang C with one server reduces to ρ, and M/M/c with c=1 to M/M/1', () => {
    expect(erlangC(1, 0.9)).toBeCloseTo(0.9, 14);
    expect(mmcMeanWait(0.9, 1, 1)).toBeCloseTo(mm1MeanWait(0.9, 1), 12);
  });

  it('M/D/1 (ρ=0.9, μ=1): Pollaczek–Khinchine Wq = ρ/(2μ(1−ρ)) = 4.5; exponential service (C_s²=1) gives M/M/1', () => {
    expect(md1MeanWait(0.9, 1)).toBeCloseTo(4.5, 12);
    expect(mg1MeanWait(0.9, 1, 1)).toBeCloseTo(mm1MeanWait(0.9, 1), 12);
  });

  it('rejects unstable or invalid parameters with a RangeError naming the value', () => {
    expect(() => mm1MeanSojourn(1, 1)).toThrow(/unstable.*1 >= 1/);
    expect(() => mmcMeanWait(4, 1, 4)).toThrow(RangeError);
    expect(() => erlangC(0, 0.5)).toThrow(/servers/);
    expect(() => mm1SojournQuantile(0.5, 1, 1)).toThrow(/q must be in/);
    expect(() => mg1MeanWait(0.5, 1, -1)).toThrow(/serviceScv/);
  });
});

describe('simulateQueue', () => {
  it('is deterministic: the same seed and replication give identical results, another replication differs', () => {
    const config = { lambda: 0.9, mu: 1, customers: 20_000, warmupCustomers: 1_000, seed: 7 };
    const a = simulateQueue(config);
    const b = simulateQueue(config);
    const c = simulateQueue({ ...config, replication: 1 });
    expect(b.meanSojourn).toBe(a.meanSojourn);
    expect(b.sojournP99).toBe(a.sojournP99);
    expect(c.meanSojourn).not.toBe(a.meanSojourn);
  });

  it('measures exactly `customers` customers after the warm-up, with 2 events per simulated customer', () => {
    const result = simulateQueue({
      lambda: 3.2,
      mu: 1,
      servers: 4,
      customers: 5_000,
      warmupCustomers: 500,
      seed: 1,
    });
    expect(result.customers).toBe(5_000);
    expect(result.sojourns.count).toBe(5_000);
    expect(result.events).toBe(2 * 5_500);
  });

  it('with deterministic service, sojourn = wait + service exactly, and a light load rarely waits', () => {
    const result = simulateQueue({
      lambda: 0.01,
      service: () => () => 1,
      customers: 10_000,
      seed: 1,
    });
    expect(result.meanSojourn).toBeCloseTo(result.meanWait + 1, 9);
    expect(result.sojourns.min).toBe(1);
    expect(result.waitProbability).toBeLessThan(0.02);
  });

  it('reproduces the Kiefer–Wolfowitz recursion customer by customer (same streams, same draws), for c = 1 and c = 4', () => {
    for (const [lambda, servers] of [
      [0.9, 1],
      [3.2, 4],
    ] as const) {
      const config = { lambda, mu: 1, servers, customers: 50_000, warmupCustomers: 1_000, seed: 'kw' };
      const simulated = simulateQueue(config);
      const reference = kieferWolfowitz(config);
      expect(simulated.meanWait).toBe(reference.meanWait);
      expect(simulated.waitProbability).toBe(reference.waitProbability);
    }
  });

  it('rejects a config with both or neither of mu and service', () => {
    expect(() => simulateQueue({ lambda: 0.5, customers: 10, seed: 1 })).toThrow(/exactly one of mu/);
    expect(() =>
      simulateQueue({ lambda: 0.5, mu: 1, service: () => () => 1, customers: 10, seed: 1 }),
    ).toThrow(/exactly one of mu/);
  });
});

/**
 * Reference without the engine: the Kiefer–Wolfowitz recursion for a FIFO c-server queue. Customers, in
 * arrival order, take the server that frees up first; wait = max(0, earliest free time − arrival). Draws
 * the same streams in the same order as simulateQueue (the k-th inter-arrival and the k-th service time
 * belong to customer k), so both must give bit-identical waits.
 */
function kieferWolfowitz(config: {
  lambda: number;
  mu: number;
  servers: number;
  customers: number;
  warmupCustomers: number;
  seed: string;
}): { meanWait: number; waitProbability: number } {
  const streams = new RandomStreams(`${config.seed}/rep0`);
  const interArrival = exponential(1 / config.lambda, streams.stream('arrivals'));
  const service = exponential(1 / config.mu, streams.stream('service'));
  const freeAt = new Float64Array(config.servers);
  let arrival = 0;
  let waitSum = 0;
  let waited = 0;
  for (let k = 0; k < config.warmupCustomers + config.customers; k++) {
    arrival += interArrival();
    let server = 0;
    for (let i = 1; i < freeAt.length; i++)
      if ((freeAt[i] as number) < (freeAt[server] as number)) server = i;
    const start = Math.max(arrival, freeAt[server] as number);
    const wait = start - arrival;
    freeAt[server] = start + service();
    if (k >= config.warmupCustomers) {
      waitSum += wait;
      if (wait > 0) waited++;
    }
  }
  return { meanWait: waitSum / config.customers, waitProbability: waited / config.customers };
}
