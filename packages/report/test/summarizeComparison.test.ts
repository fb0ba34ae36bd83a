// summarizeComparison's node figures: a node whose pods request more CPU than it has counts as over-requested (a
// waypoint placed without room); pods no node has room for are Pending; without node sizes the figures are null, not 0.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';

import { summarizeComparison } from '../src/index.js';
import { makePricedResult, makeResult } from './__helpers__/fixtures.js';

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
