// The pod-capacity example as a contract: what a shape's proxies request comes off every node's room (Istio's
// 100m sidecars: 5 pods of 250m per 2-core node instead of 8), no node is left over-requested, and docs/model.md
// shows the table.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { CAPACITY_SETUP, podCapacityTable, runPodCapacity } from '../cpu/podCapacity.js';

describe('pod-capacity example (Pending pods per mesh shape)', () => {
  const rows = runPodCapacity();
  const running = (shape: string) =>
    rows.find((row) => row.shape === shape)?.result.services[0]?.instances ?? Number.NaN;

  it('fits 8 pods of 250m per node of 2 cores without a request per pod, 6 next to a ztunnel and a CNI agent, 5 with sidecars of 100m', () => {
    expect(running('none')).toBe(24);
    expect(running('linkerd')).toBe(24);
    // App Mesh's 10m per Envoy: 7 × 260m = 1.82 cores, an eighth pod would need 2.08.
    expect(running('app-mesh')).toBe(21);
    // The ztunnel's 200m and the Istio CNI node agent's 100m leave 1.7 cores: 6 pods.
    expect(running('istio-ambient')).toBe(18);
    expect(running('istio-sidecar')).toBe(15);
  });

  it('says how many more nodes would run them all: 2 without a mesh (5 nodes of 8 pods), 5 with Istio’s sidecars', () => {
    const extra = (shape: string) => rows.find((row) => row.shape === shape)?.result.extraNodesNeeded;
    expect(extra('none')).toBe(2);
    expect(extra('istio-ambient')).toBe(4);
    expect(extra('istio-sidecar')).toBe(5);
  });

  it('runs or leaves Pending every pod asked for, and leaves no node over-requested', () => {
    for (const { result } of rows) {
      const api = result.services[0];
      expect((api?.instances ?? 0) + (api?.pendingPods ?? 0)).toBe(CAPACITY_SETUP.replicas);
      for (const node of result.nodes) expect(node.cpuRequestedCores).toBeLessThanOrEqual(node.cores + 1e-9);
    }
  });

  it('docs/model.md shows its table', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');
    expect(page).toContain(podCapacityTable(rows));
  });
});
