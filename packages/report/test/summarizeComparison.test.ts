// summarizeComparison's node figures and missing latencies: a node whose pods request more CPU than it has counts as over-requested (a
// waypoint placed without room); pods no node has room for are Pending; without node sizes the figures are null, not 0.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';

import {
  renderComparisonCsv,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '../src/index.js';
import { BORROWED_WARNING, codeBuiltComparison } from './__helpers__/codeBuiltComparison.js';
import { makePricedResult, makeResult, makeStoppedResult } from './__helpers__/fixtures.js';

describe('summarizeComparison: nodes over-requested', () => {
  it('counts the nodes whose pods request more than their cores', () => {
    const result = makePricedResult();
    expect(summarizeComparison([result]).shapes[0]?.overRequestedNodes).toBe(0);
    const crowded = makePricedResult();
    const node = crowded.nodes[1];
    if (node === undefined) throw new Error('fixture has two nodes');
    node.cpuRequestedCores = node.cores + 0.001;
    expect(summarizeComparison([crowded]).shapes[0]?.overRequestedNodes).toBe(1);
    // Exactly full is not over.
    node.cpuRequestedCores = node.cores;
    expect(summarizeComparison([crowded]).shapes[0]?.overRequestedNodes).toBe(0);
    // Memory counts on a node with a memory size.
    node.memoryRequestedMiB = (node.memoryMiB ?? 0) + 1;
    expect(summarizeComparison([crowded]).shapes[0]?.overRequestedNodes).toBe(1);
    // So do pods beyond its pod slots, the mesh's node pods among them.
    node.memoryRequestedMiB = 0;
    node.pods = node.maxPods - node.meshNodePods;
    expect(summarizeComparison([crowded]).shapes[0]?.overRequestedNodes).toBe(0);
    node.meshNodePods += 1;
    expect(summarizeComparison([crowded]).shapes[0]?.overRequestedNodes).toBe(1);
  });

  it('is null when the nodes have no size (none listed)', () => {
    expect(makeResult().nodes).toEqual([]);
    expect(summarizeComparison([makeResult()]).shapes[0]?.overRequestedNodes).toBeNull();
  });
});

describe('summarizeComparison: what a mesh reserves leaves pods Pending (docs/model.md)', () => {
  it('four pods of 950m on two 2-core nodes run without a mesh and under Linkerd; with Istio two are Pending', () => {
    const config = resolveScenario(
      {
        duration: '200ms',
        clusters: [{ name: 'prod', nodeCpu: 2, zones: [{ name: 'a', nodes: 2 }] }],
        services: { web: { replicas: 4, cpuRequest: '950m', serviceTime: '2ms' } },
        traffic: [{ to: 'web', rate: 100 }],
      },
      'tight.yaml',
    );
    const shapes = ['none', 'linkerd', 'istio-sidecar', 'istio-ambient'];
    const results = shapes.map((shape) => simulate({ ...config, mesh: resolveMeshConfig({ shape }) }));
    // 950m + Istio's 100m sidecar: one pod per node; 950m next to a 200m ztunnel: one pod per node. No node is
    // left over-requested: the pods that do not fit are Pending instead.
    const summary = summarizeComparison(results).shapes;
    expect(summary.map((s) => [s.shape, s.pendingPods, s.overRequestedNodes])).toEqual([
      ['none', 0, 0],
      ['linkerd', 0, 0],
      ['istio-sidecar', 2, 0],
      ['istio-ambient', 2, 0],
    ]);
    expect(summarizeComparison([makeResult()]).shapes[0]?.pendingPods).toBeNull();
  });
});

describe('summarizeComparison: BestEffort application pods', () => {
  it('counts the pods of services in the BestEffort class: Linkerd leaves them there, Istio’s 100m sidecars do not', () => {
    const config = resolveScenario(
      {
        duration: '100ms',
        clusters: [{ name: 'prod', nodeCpu: 2, zones: [{ name: 'a', nodes: 2 }] }],
        services: {
          web: { replicas: 3, serviceTime: '2ms', calls: [{ to: 'api' }] },
          api: { replicas: 2, cpuRequest: '250m', serviceTime: '1ms' },
        },
        traffic: [{ to: 'web', rate: 100 }],
      },
      'best-effort',
    );
    const results = ['none', 'linkerd', 'istio-sidecar'].map((shape) =>
      simulate({ ...config, mesh: resolveMeshConfig({ shape }) }),
    );
    expect(summarizeComparison(results).shapes.map((s) => [s.shape, s.bestEffortPods])).toEqual([
      ['none', 3],
      ['linkerd', 3],
      ['istio-sidecar', 0],
    ]);
    expect(summarizeComparison([makeResult()]).shapes[0]?.bestEffortPods).toBeNull();
  });
});

describe('summarizeComparison: memory requests make a pod Burstable', () => {
  it('counts no BestEffort pod once the applications request memory, though nothing in them requests CPU', () => {
    const config = resolveScenario(
      {
        duration: '100ms',
        clusters: [{ name: 'prod', nodeCpu: 2, zones: [{ name: 'a', nodes: 2 }] }],
        services: { web: { replicas: 3, serviceTime: '2ms', memoryRequest: '64Mi' } },
        traffic: [{ to: 'web', rate: 100 }],
      },
      'memory-qos',
    );
    const results = ['none', 'linkerd'].map((shape) =>
      simulate({ ...config, mesh: resolveMeshConfig({ shape }) }),
    );
    expect(summarizeComparison(results).shapes.map((s) => [s.shape, s.bestEffortPods])).toEqual([
      ['none', 0],
      ['linkerd', 0],
    ]);
    expect(results.map((r) => r.services[0]?.podQosClass)).toEqual(['Burstable', 'Burstable']);
  });
});

describe('summarizeComparison: a shape where no call succeeded', () => {
  /** The fixture's run with every call failed: no latency on any edge. */
  function allFailed(): SimulationResult {
    const result = makeResult();
    result.scenario.mesh = 'linkerd';
    for (const edge of result.edges) {
      edge.failed += edge.succeeded;
      edge.succeeded = 0;
      edge.latency = { count: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
    }
    return result;
  }

  it('has no latency and no added latency (null, not 0 ms and a negative difference)', () => {
    const baseline = makeResult();
    baseline.scenario.mesh = 'none';
    const summary = summarizeComparison([baseline, allFailed()]);
    const failed = summary.shapes[1];
    expect(failed?.successRate).toBe(0);
    expect(failed?.endToEndP50Ms).toBeNull();
    expect(failed?.endToEndP99Ms).toBeNull();
    expect(failed?.addedP50Ms).toBeNull();
    expect(failed?.addedP99Ms).toBeNull();
    for (const edge of failed?.edges ?? []) {
      expect(edge.p99Ms).toBeNull();
      expect(edge.addedP99Ms).toBeNull();
    }
    // The baseline's own figures stay numbers.
    expect(summary.shapes[0]?.addedP99Ms).toBe(0);
    // Every renderer shows it as missing: `–` in text, null in JSON, an empty cell in CSV.
    const text = renderComparisonText(summary);
    expect(text).toMatch(/^end-to-end p99 \(ms\)\s+31\.5\s+–$/m);
    expect(text).toMatch(/^added p99 vs none \(ms\)\s+0\.000\s+–$/m);
    expect(text).toMatch(/^client → frontend\s+0\.000 \/ 0\.000\s+– \/ –$/m);
    const json = JSON.parse(renderComparisonJson(summary)) as {
      shapes: { addedP99Ms: unknown; endToEndP99Ms: unknown; edges: { addedP99Ms: unknown }[] }[];
    };
    expect(json.shapes[1]?.endToEndP99Ms).toBeNull();
    expect(json.shapes[1]?.addedP99Ms).toBeNull();
    expect(json.shapes[1]?.edges[0]?.addedP99Ms).toBeNull();
    const [header, , row] = renderComparisonCsv(summary).trimEnd().split('\n');
    const column = header?.split(',').indexOf('added_p99_ms') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(row?.split(',')[column]).toBe('');
  });

  it('as the baseline, leaves every other shape without an added latency', () => {
    const failedBaseline = allFailed();
    failedBaseline.scenario.mesh = 'none';
    const summary = summarizeComparison([failedBaseline, makeResult()]);
    expect(summary.shapes[1]?.endToEndP99Ms).toBeCloseTo(31.456, 6);
    expect(summary.shapes[1]?.addedP99Ms).toBeNull();
  });
  it('has no success rate when no call completed (null: –, null, an empty cell; not 100 %)', () => {
    const idle = allFailed();
    for (const edge of idle.edges) edge.failed = 0;
    const summary = summarizeComparison([makeResult(), idle]);
    expect(summary.shapes[1]?.successRate).toBeNull();
    expect(renderComparisonText(summary)).toMatch(/^success \(%\)\s+[\d.]+\s+–$/m);
    const json = JSON.parse(renderComparisonJson(summary)) as { shapes: { successRate: unknown }[] };
    expect(json.shapes[1]?.successRate).toBeNull();
    const [header, , row] = renderComparisonCsv(summary).trimEnd().split('\n');
    const column = header?.split(',').indexOf('success_ratio') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(row?.split(',')[column]).toBe('');
  });
});

describe('summarizeComparison: load balancers', () => {
  const shaped = (mesh: string): SimulationResult => {
    const result = makeResult();
    result.scenario.mesh = mesh;
    return result;
  };

  it('shows each shape’s default balancer and notes that part of an added latency is the balancer’s', () => {
    const summary = summarizeComparison([shaped('none'), shaped('istio-sidecar')], {
      loadBalancers: ['random', 'least-request'],
    });
    expect(summary.shapes.map((s) => s.loadBalancer)).toEqual(['random', 'least-request']);
    const text = renderComparisonText(summary);
    expect(text).toMatch(/^load balancer\s+random\s+least-request$/m);
    expect(text).toContain(
      "Note: Load balancers differ from none's (random): istio-sidecar least-request. Part of each added latency",
    );
    expect(text).toContain('--set mesh.loadBalancer=random gives every shape the same balancer');
  });

  it('has no note when every shape balances alike, and no row when the balancers are not known', () => {
    const same = summarizeComparison([shaped('none'), shaped('istio-sidecar')], {
      loadBalancers: ['random', 'random'],
    });
    expect(renderComparisonText(same)).not.toContain('Load balancers differ');
    const unknown = renderComparisonText(summarizeComparison([shaped('none'), shaped('istio-sidecar')]));
    expect(unknown).not.toContain('load balancer');
    expect(unknown).not.toContain('Load balancers differ');
  });
});

describe('summarizeComparison: given the scenario’s config', () => {
  it('gives a comparison built in code each shape’s balancer, its row and the note, as meshsim compare prints them', () => {
    const { config, results } = codeBuiltComparison();
    const summary = summarizeComparison(results, { config });
    expect(summary.shapes.map((s) => s.loadBalancer)).toEqual([
      'random/round-robin',
      'least-request/round-robin',
      'peak-ewma/round-robin',
    ]);
    const text = renderComparisonText(summary);
    expect(text).toMatch(
      /^load balancer\s+random\/round-robin\s+least-request\/round-robin\s+peak-ewma\/round-robin$/m,
    );
    expect(text).toContain("Note: Load balancers differ from none's (random/round-robin): istio-sidecar");
  });

  it('warns a sidecar shape other than the scenario’s own that it runs with the proxy resources written for it', () => {
    const { config, results } = codeBuiltComparison();
    const summary = summarizeComparison(results, { config });
    const borrowed = summary.shapes.map((s) => s.warnings.filter((w) => w.startsWith(BORROWED_WARNING)));
    expect(borrowed.map((warnings) => warnings.length)).toEqual([0, 0, 1]);
    expect(renderComparisonText(summary)).toContain(`[linkerd] ${BORROWED_WARNING}`);
    const json = JSON.parse(renderComparisonJson(summary)) as { shapes: { warnings: string[] }[] };
    expect(json.shapes[2]?.warnings.some((w) => w.startsWith(BORROWED_WARNING))).toBe(true);
    // The results themselves are left as they were.
    expect(results.some((result) => result.warnings.some((w) => w.startsWith(BORROWED_WARNING)))).toBe(false);
  });

  it('keeps explicit loadBalancers over what the config gives, and says nothing without a config', () => {
    const { config, results } = codeBuiltComparison();
    const told = summarizeComparison(results, { config, loadBalancers: ['random', 'random', 'random'] });
    expect(told.shapes.map((s) => s.loadBalancer)).toEqual(['random', 'random', 'random']);
    expect(told.shapes[2]?.warnings.some((w) => w.startsWith(BORROWED_WARNING))).toBe(true);
    const bare = summarizeComparison(results);
    expect(bare.shapes.map((s) => s.loadBalancer)).toEqual([null, null, null]);
    expect(bare.shapes.flatMap((s) => s.warnings).some((w) => w.startsWith(BORROWED_WARNING))).toBe(false);
  });
});

describe('summarizeComparison: runs a guard stopped', () => {
  it('compares no latency between runs that cover different spans, and does where both cover the same', () => {
    const baseline = makeResult();
    baseline.scenario.mesh = 'none';
    const stopped = makeStoppedResult();
    stopped.scenario = { ...stopped.scenario, mesh: 'linkerd' };
    const apart = summarizeComparison([baseline, stopped]).shapes[1];
    expect(apart?.endToEndP99Ms).not.toBeNull();
    expect(apart?.addedP99Ms).toBeNull();
    expect(apart?.edges.every((edge) => edge.addedP99Ms === null)).toBe(true);
    const both = makeStoppedResult();
    both.scenario = { ...both.scenario, mesh: 'none' };
    expect(summarizeComparison([both, stopped]).shapes[1]?.addedP99Ms).toBe(0);
  });
});

describe('summarizeComparison: one scenario, seed and duration (the same arrivals under every shape)', () => {
  /** The fixture's run under `mesh`, with `change` applied to its scenario. */
  const shape = (mesh: string, change: Partial<SimulationResult['scenario']> = {}): SimulationResult => {
    const result = makeResult();
    result.scenario = { ...result.scenario, mesh, ...change };
    return result;
  };

  it.each([
    ['scenario', { name: 'steady-3tier' }, '"steady-3tier"', '"retry-storm"'],
    ['seed', { seed: 7 }, '7', '42'],
    ['durationMs', { durationMs: 5000 }, '5000', '10000'],
  ])(
    'refuses a run of another %s, naming the result, its shape and both values',
    (label, change, got, expected) => {
      const results = [shape('none'), shape('linkerd'), shape('istio-sidecar', change)];
      expect(() => summarizeComparison(results)).toThrow(
        new RangeError(
          `summarizeComparison: results[2] (mesh "istio-sidecar") has ${label} ${got} but results[0] (mesh "none") ` +
            `has ${expected}: a comparison is of one scenario's runs on one seed and duration (the same arrivals and ` +
            'service times under every shape); run each shape with applyOverrides(config, { mesh })',
        ),
      );
    },
  );

  it('takes runs of one scenario, seed and duration, whatever their shapes', () => {
    expect(summarizeComparison([shape('none'), shape('linkerd')]).shapes.map((s) => s.shape)).toEqual([
      'none',
      'linkerd',
    ]);
  });
});

describe('summarizeComparison: retries per call', () => {
  it("counts an application's re-issues (appRetry) as retries of the calls they repeat: 3 tries × 3 tries = 8 retries per call", () => {
    const config = resolveScenario(
      {
        duration: '2s',
        services: {
          web: {
            serviceTime: '1ms',
            calls: [
              {
                to: 'db',
                retry: { attempts: 3, retryOn: ['5xx'] },
                appRetry: { attempts: 3, backoff: { base: '1ms' } },
              },
            ],
          },
          db: { serviceTime: '1ms', errorRate: 1 },
        },
        traffic: [{ to: 'web', rate: 50 }],
      },
      'storm.yaml',
    );
    const result = simulate({ ...config, mesh: resolveMeshConfig({ shape: 'istio-sidecar' }) });
    const ratio = summarizeComparison([result]).shapes[0]?.retryRatio ?? 0;
    // Every try of web → db fails: 9 tries per call web makes, 8 of them retries. The source's own calls (to web,
    // which fail with it) are not retried; over both edges the ratio is 8 per 2 calls.
    expect(ratio).toBeGreaterThan(3.5); // 1.5 when re-issues counted as calls; less than 4 for the calls cut by the run's end
    expect(ratio).toBeLessThanOrEqual(4);
  });
});
