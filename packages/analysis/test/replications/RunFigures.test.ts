// runFigures: the headline figures of one run. Calls still waiting at a source with `connections` are
// offered (goodput is against them) but not sent, so they count in neither attempts per call nor work. A run a
// guard stopped early has its goodput over the simulated time it reached.

import { simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { RUN_FIGURES, runFigures } from '../../src/index.js';

/** One service of 10 ms behind a load generator with 2 connections at `rps`. */
function run(rps: number) {
  return simulate(
    resolveScenario({
      name: 'overloaded-generator',
      duration: '2s',
      services: { api: { replicas: 1, concurrency: 4, queue: 'unbounded', serviceTime: '10ms' } },
      traffic: [{ name: 'wrk2', to: 'api', rate: `${rps}/s`, connections: 2 }],
    }),
  );
}

describe('runFigures', () => {
  it('has no success ratio and no latency when no call completed (not 100 % and 0 ms)', () => {
    const result = simulate(
      resolveScenario({
        duration: '1s',
        services: { api: { serviceTime: '1ms' } },
        traffic: [{ name: 'users', to: 'api', rate: 0 }],
      }),
    );
    const figures = runFigures(result);
    expect([figures.successRatio, figures.endToEndP50Ms, figures.endToEndP99Ms]).toEqual([null, null, null]);
    expect(figures.goodputRps).toBe(0);
  });

  it("takes end-to-end percentiles over all sources' calls together, not an average of each source's", () => {
    // 90 % of the calls take 2 ms, 10 % take 100 ms: the p99 of them all is 100 ms, while the calls-weighted mean of
    // the two sources' p99s would be about 11.8 ms.
    const result = simulate(
      resolveScenario({
        name: 'two-sources',
        duration: '5s',
        network: { sameNode: '0ms', sameZone: '0ms', crossZone: '0ms' },
        services: {
          fast: { replicas: 2, concurrency: 100, serviceTime: '2ms' },
          slow: { replicas: 2, concurrency: 100, serviceTime: '100ms' },
        },
        traffic: [
          { name: 'many', to: 'fast', rate: '900/s', arrival: 'constant' },
          { name: 'few', to: 'slow', rate: '100/s', arrival: 'constant' },
        ],
      }),
    );
    const figures = runFigures(result);
    expect(result.endToEndLatency?.count).toBe(result.edges.reduce((n, e) => n + e.latency.count, 0));
    expect(figures.endToEndP99Ms).toBe(result.endToEndLatency?.p99Ms);
    expect(figures.endToEndP99Ms).toBeGreaterThan(99);
    expect(figures.endToEndP50Ms).toBeLessThan(2.1);
  });

  it('counts one attempt and one server call per sent request when the generator falls behind', () => {
    const result = run(1000);
    const edge = result.edges[0];
    expect(edge?.waitingAtSource).toBeGreaterThan(1000);
    const figures = runFigures(result);
    expect(figures.attemptsPerCall).toBe(1);
    expect(figures.workPerRequest).toBeCloseTo(1, 2);
    // Goodput is what was served: 2 connections × about 100 per second (10 ms each, plus the network).
    expect(figures.goodputRps).toBeGreaterThan(190);
    expect(figures.goodputRps).toBeLessThanOrEqual(200);
  });

  it('divides goodput by the simulated time reached when a guard stopped the run, not by the configured duration', () => {
    // 100 calls/s for 10 s; 2 000 events (about 3 per call) stop it after a few simulated seconds.
    const result = simulate(
      resolveScenario({
        duration: '10s',
        services: { api: { serviceTime: '1ms' } },
        traffic: [{ name: 'users', to: 'api', rate: '100/s' }],
      }),
      { maxEvents: 2000 },
    );
    const atMs = result.stopped?.atMs ?? Number.NaN;
    expect(atMs).toBeGreaterThan(1000);
    expect(atMs).toBeLessThan(9000);
    const succeeded = result.edges[0]?.succeeded ?? 0;
    expect(runFigures(result).goodputRps).toBeCloseTo(succeeded / (atMs / 1000), 9);
    // Served at the offered rate until the stop: about 100 req/s, not diluted by the time never simulated.
    expect(runFigures(result).goodputRps).toBeGreaterThan(90);
  });

  it("prices the proxies' requests when the run has prices: 0 when none request, null without prices", () => {
    const priced = (mesh: unknown) =>
      runFigures(
        simulate(
          resolveScenario({
            name: 'priced',
            duration: '200ms',
            mesh,
            services: { api: { replicas: 2, serviceTime: '1ms' } },
            traffic: [{ to: 'api', rate: '10/s' }],
          }),
        ),
      ).proxyRequestsCostPerMonthUsd;
    // Istio's 2 sidecars request 100m and 128Mi each: 730 h × (0.2 × $0.04048 + 0.25 GiB × $0.004445).
    expect(priced('istio-sidecar')).toBeCloseTo(730 * (0.2 * 0.04048 + 0.25 * 0.004445), 9);
    expect(priced('linkerd')).toBe(0);
    // No proxies cost 0 too, so a cost difference against `none` exists.
    expect(priced('none')).toBe(0);
    expect(priced({ shape: 'istio-sidecar', prices: 'none' })).toBeNull();
    expect(priced({ shape: 'none', prices: 'none' })).toBeNull();
  });

  it("gives what the proxies use — their memory and its monthly cost — as the run's proxy totals have them", () => {
    const run = (mesh: unknown) =>
      simulate(
        resolveScenario({
          name: 'used',
          duration: '500ms',
          mesh,
          services: {
            api: { replicas: 2, serviceTime: '1ms', calls: [{ to: 'db' }] },
            db: { serviceTime: '1ms' },
          },
          traffic: [{ to: 'api', rate: '50/s' }],
        }),
      );
    const sidecars = run('istio-sidecar');
    const figures = runFigures(sidecars);
    expect(figures.proxyMemoryMiB).toBe(sidecars.proxies.memoryMiB);
    expect(figures.proxyMemoryMiB).toBeGreaterThan(0);
    expect(figures.proxyCostPerMonthUsd).toBe(sidecars.proxies.costPerMonthUsd);
    expect(figures.proxyCostPerMonthUsd).toBeGreaterThan(0);
    // What they use is not what they reserve.
    expect(figures.proxyMemoryMiB).not.toBe(figures.proxyMemoryRequestedMiB);
    // No proxies: 0 of both (a difference against `none` exists); no prices: no cost, memory still.
    expect([runFigures(run('none')).proxyMemoryMiB, runFigures(run('none')).proxyCostPerMonthUsd]).toEqual([
      0, 0,
    ]);
    const unpriced = runFigures(run({ shape: 'istio-sidecar', prices: 'none' }));
    expect(unpriced.proxyCostPerMonthUsd).toBeNull();
    expect(unpriced.proxyMemoryMiB).toBe(figures.proxyMemoryMiB);
  });

  it('lists proxy memory and cost among the figures, in their units, next to what the proxies request', () => {
    const keys = RUN_FIGURES.map((f) => f.key);
    expect(keys.indexOf('proxyMemoryMiB')).toBe(keys.indexOf('proxyMemoryRequestedMiB') - 1);
    expect(keys.indexOf('proxyCostPerMonthUsd')).toBe(keys.indexOf('proxyRequestsCostPerMonthUsd') - 1);
    const header = (key: string) => RUN_FIGURES.find((f) => f.key === key)?.header;
    expect([header('proxyMemoryMiB'), header('proxyCostPerMonthUsd')]).toEqual([
      'proxy memory (MiB)',
      'proxy cost (USD/month)',
    ]);
  });
});
