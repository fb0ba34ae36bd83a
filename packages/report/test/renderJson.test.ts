import { describe, expect, it } from 'vitest';

import { FAILURE_CAUSES, simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';

import { JSON_SCHEMA_VERSION, renderJson } from '../src/index.js';
import { emptyEdge, makeEmptyResult, makePricedResult, makeResult } from './__helpers__/fixtures.js';

describe('renderJson', () => {
  it('renderJson(result) parses back to the result, with schemaVersion 1 first', () => {
    // Arrange
    const result = makeResult();

    // Act
    const parsed = JSON.parse(renderJson(result)) as Record<string, unknown>;

    // Assert
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'scenario',
      'events',
      'edges',
      'endToEndLatency',
      'services',
      'mtlsCoverage',
      'nodes',
      'extraNodesNeeded',
      'connections',
      'proxies',
      'timeSeries',
      'conservation',
      'warnings',
      'assumptions',
    ]);
    expect(parsed['schemaVersion']).toBe(JSON_SCHEMA_VERSION);
    expect(JSON_SCHEMA_VERSION).toBe(1);
    const { schemaVersion: _, ...rest } = parsed;
    // Values equal the input up to the 6-decimal rounding; a result without prices has null costs.
    const expected = {
      ...result,
      // What the result does not hold: the overrides the renderer is told of (none here).
      scenario: { ...result.scenario, overrides: [] },
      // A result made by hand has no end-to-end latency: null.
      endToEndLatency: null,
      proxies: {
        ...result.proxies,
        costPerMonthUsd: null,
        requestedCostPerMonthUsd: null,
        priceSource: null,
        byKind: result.proxies.byKind.map((kind) => ({ ...kind, costPerMonthUsd: null })),
      },
    };
    expect(rest).toEqual(JSON.parse(JSON.stringify(expected, (_key, v: unknown) => roundForCompare(v))));
  });

  it('renderJson(result, { overrides }) lists them in scenario.overrides, after the mesh and its profiles; [] without', () => {
    type Doc = { scenario: Record<string, unknown> };
    const scenario = (
      JSON.parse(
        renderJson(makeResult(), { overrides: ['seed=7', 'services.checkout.deadlinePropagation=true'] }),
      ) as Doc
    ).scenario;
    expect(Object.keys(scenario)).toEqual([
      'name',
      'description',
      'seed',
      'durationMs',
      'mesh',
      'meshProfiles',
      'overrides',
    ]);
    expect(scenario['overrides']).toEqual(['seed=7', 'services.checkout.deadlinePropagation=true']);
    expect((JSON.parse(renderJson(makeResult())) as Doc).scenario['overrides']).toEqual([]);
  });

  it('renderJson(result) gives the same bytes for the same input, whatever the key order of the input', () => {
    const a = makeResult();
    const b = makeResult();
    // Same data, keys inserted in a different order.
    b.scenario = {
      meshProfiles: (b.scenario.meshProfiles ?? []).map(
        (profile) => Object.fromEntries(Object.entries(profile).reverse()) as typeof profile,
      ),
      mesh: b.scenario.mesh,
      durationMs: b.scenario.durationMs,
      seed: b.scenario.seed,
      description: b.scenario.description,
      name: b.scenario.name,
    };
    expect(renderJson(a)).toBe(renderJson(b));
    expect(renderJson(a)).toBe(renderJson(makeResult()));
  });

  it('renderJson(result) rounds non-integers to 6 decimals and keeps number arrays on one line', () => {
    const json = renderJson(makeResult());
    expect(json).toContain('"meanMs": 0.333333');
    expect(json).toContain('"utilisation": 0.666667');
    expect(json).toContain('"startMs": [0, 5000]');
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('renderJson(result) writes scenario.meshProfiles after mesh: name, kind, setByScenario, then every field with its unit in its name', () => {
    const parsed = JSON.parse(renderJson(makeResult())) as { scenario: Record<string, unknown> };
    expect(Object.keys(parsed.scenario)).toEqual([
      'name',
      'description',
      'seed',
      'durationMs',
      'mesh',
      'meshProfiles',
      'overrides',
    ]);
    expect(parsed.scenario['meshProfiles']).toEqual([
      {
        name: 'sidecar',
        kind: 'envoy-sidecar',
        setByScenario: ['latencyMs', 'cpuMsPerRequest', 'memoryBaseMiB'],
        latencyMs: { kind: 'constant', value: 1 },
        workers: 2,
        cpuMsPerRequest: 0.5,
        cpuMsPerKiB: 0,
        memoryBaseMiB: 80,
        memoryPerEndpointKiB: 1.347656, // 1,380 bytes, rounded to 6 decimals
        memoryPerConnectionKiB: 0,
        cpuLimitCores: 2,
        cpuRequestCores: 0.1,
        memoryRequestMiB: 128,
        memoryLimitMiB: 1024,
        tlsHandshakeCpuMs: 0.6,
      },
    ]);
    // The field order is fixed (PROFILE_FIELDS'), whatever the order of the result's keys.
    const profile = (parsed.scenario['meshProfiles'] as object[])[0] ?? {};
    expect(Object.keys(profile).slice(0, 4)).toEqual(['name', 'kind', 'setByScenario', 'latencyMs']);
  });

  it('renderJson(result) writes a profile without a limit or a queue with null there, a distribution rounded, and replicas only for a waypoint', () => {
    const json = renderJson(makePricedResult());
    type Profile = Record<string, unknown>;
    const profiles = (JSON.parse(json) as { scenario: { meshProfiles: Profile[] } }).scenario.meshProfiles;
    expect(profiles.map((p) => [p['name'], p['kind']])).toEqual([
      ['ztunnel', 'ztunnel'],
      ['waypoint', 'waypoint'],
      ['lattice', 'vpc-lattice'],
    ]);
    const [ztunnel, waypoint, lattice] = profiles as [Profile, Profile, Profile];
    expect([ztunnel['cpuLimitCores'], ztunnel['memoryLimitMiB']]).toEqual([null, null]);
    expect(ztunnel['memoryBaseMiB']).toBe(11.444092); // 12 MB
    expect(lattice['workers']).toBeNull();
    expect(lattice['latencyMs']).toEqual({ kind: 'lognormal', median: 0.9371, p99: 3.249 });
    expect(waypoint['setByScenario']).toEqual(['replicas']);
    expect(waypoint['replicas']).toBe(2);
    expect('replicas' in ztunnel || 'replicas' in lattice).toBe(false);
    expect(json).not.toMatch(/Infinity|NaN/);
  });

  it('renderJson(result) has no meshProfiles for a result made without them (by hand)', () => {
    const parsed = JSON.parse(renderJson(makeEmptyResult())) as { scenario: object };
    expect('meshProfiles' in parsed.scenario).toBe(false);
  });

  it('renderJson(result) writes every failure cause and the policy events sorted by name', () => {
    const parsed = JSON.parse(renderJson(makeResult())) as {
      edges: { failures: Record<string, number>; policyEvents: Record<string, number> }[];
    };
    expect(Object.keys(parsed.edges[1]?.failures ?? {})).toEqual([...FAILURE_CAUSES]);
    expect(Object.keys(parsed.edges[1]?.policyEvents ?? {})).toEqual(['breaker-trip', 'retry-budget-denied']);
  });

  it("renderJson(result) writes an edge's outlier detectors after its policy times (the ejected host·ms sum over them)", () => {
    const result = makeResult();
    const edge = result.edges[1];
    if (edge === undefined) throw new Error('fixture');
    edge.policyTimeMs = { 'outlier-ejected-host': 20_000 };
    edge.outlierDetectors = 4;
    const parsed = JSON.parse(renderJson(result)) as { edges: Record<string, unknown>[] };
    expect(Object.keys(parsed.edges[1] ?? {}).slice(-2)).toEqual(['policyTimeMs', 'outlierDetectors']);
    expect(parsed.edges.map((e) => [e['policyTimeMs'], e['outlierDetectors']])).toEqual([
      [{}, 0],
      [{ 'outlier-ejected-host': 20_000 }, 4],
    ]);
  });

  it('renderJson(result) writes Infinity and NaN as null', () => {
    const result = makeResult();
    const edge = result.edges[0];
    if (edge === undefined) throw new Error('fixture has edges');
    edge.latency.maxMs = Infinity;
    const service = result.services[0];
    if (service === undefined) throw new Error('fixture has services');
    service.utilisation = Number.NaN;

    const parsed = JSON.parse(renderJson(result)) as {
      edges: { latency: { maxMs: unknown } }[];
      services: { utilisation: unknown }[];
    };
    expect(parsed.edges[0]?.latency.maxMs).toBeNull();
    expect(parsed.services[0]?.utilisation).toBeNull();
  });

  it('renderJson(result) writes a null successRate for an edge with no completed call (as the result has it: not 100 %)', () => {
    const result = makeResult();
    const quiet = emptyEdge('frontend', 'audit');
    quiet.calls = 3;
    quiet.inFlight = 3;
    result.edges.push(quiet);

    const parsed = JSON.parse(renderJson(result)) as { edges: { successRate: unknown }[] };
    expect(quiet.successRate).toBeNull();
    expect(parsed.edges.at(-1)?.successRate).toBeNull();
    expect(parsed.edges[0]?.successRate).toBeCloseTo(result.edges[0]?.successRate ?? Number.NaN, 6);
  });

  it('renderJson(emptyResult) has no NaN, Infinity or undefined and keeps a string seed', () => {
    const json = renderJson(makeEmptyResult());
    expect(json).not.toMatch(/NaN|undefined|Infinity/);
    expect((JSON.parse(json) as { scenario: { seed: unknown } }).scenario.seed).toBe('abc');
  });

  it('renderJson(result) writes the proxy costs and the price source, null without prices', () => {
    type Proxies = {
      costPerMonthUsd: unknown;
      requestedCostPerMonthUsd: unknown;
      priceSource: unknown;
      byKind: { costPerMonthUsd: unknown }[];
    };
    const priced = (JSON.parse(renderJson(makePricedResult())) as { proxies: Proxies }).proxies;
    expect(priced.costPerMonthUsd).toBe(41.9178);
    expect(priced.requestedCostPerMonthUsd).toBe(98.6434);
    expect(priced.priceSource).toBe('list prices, "test" table');
    expect(priced.byKind.map((kind) => kind.costPerMonthUsd)).toEqual([5.1403, 36.7775]);
    const unpriced = (JSON.parse(renderJson(makeResult())) as { proxies: Proxies }).proxies;
    expect(unpriced.costPerMonthUsd).toBeNull();
    expect(unpriced.requestedCostPerMonthUsd).toBeNull();
    expect(unpriced.priceSource).toBeNull();
    expect(unpriced.byKind[0]?.costPerMonthUsd).toBeNull();
  });

  it("renderJson(result) writes a connection-limited source's waitingAtSource[] series last on its edge; no field on other edges", () => {
    // Arrange
    const result = makeResult();
    const source = result.timeSeries.edges.find((s) => s.source === 'client');
    if (source === undefined) throw new Error('no source series');
    source.waitingAtSource = [500, 1500];

    // Act
    const parsed = JSON.parse(renderJson(result)) as {
      timeSeries: { edges: { source: string; [field: string]: unknown }[] };
    };

    // Assert
    const [client, frontend] = parsed.timeSeries.edges;
    expect(Object.keys(client ?? {}).at(-1)).toBe('waitingAtSource');
    expect(client?.['waitingAtSource']).toEqual([500, 1500]);
    expect(frontend).not.toHaveProperty('waitingAtSource');
    expect(renderJson(result)).toContain('"waitingAtSource": [500, 1500]');
  });

  it("gives the run's end-to-end latency: every traffic source's successful calls together", () => {
    const result = simulate(
      resolveScenario({
        name: 'two-sources',
        duration: '1s',
        services: { fast: { serviceTime: '1ms' }, slow: { serviceTime: '50ms' } },
        traffic: [
          { name: 'many', to: 'fast', rate: '90/s' },
          { name: 'few', to: 'slow', rate: '10/s' },
        ],
      }),
    );
    const parsed = JSON.parse(renderJson(result)) as { endToEndLatency: { count: number; p99Ms: number } };
    const summary = result.endToEndLatency;
    expect(summary?.count).toBe(result.edges.reduce((n, e) => n + e.latency.count, 0));
    expect(parsed.endToEndLatency.count).toBe(summary?.count);
    expect(parsed.endToEndLatency.p99Ms).toBeCloseTo(summary?.p99Ms ?? Number.NaN, 6);
  });
});

function roundForCompare(value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(6)) : value;
}
