// The comparison notes, in text, HTML and JSON, that a shape's proxy CPU and memory requested include its mesh's node
// agents (istio-cni under istio-ambient): DaemonSet pods that are no proxies and carry no traffic, whose requests the
// rows labelled "proxy … requested" hold all the same.

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';
import { applyOverrides, resolveScenario } from '@meshsim/scenario';

import {
  renderComparisonHtml,
  renderComparisonJson,
  renderComparisonText,
  summarizeComparison,
} from '../../src/index.js';

/** web → db on nodes of 4 cores, under `meshes`. */
function compared(meshes: readonly string[]): SimulationResult[] {
  const config = resolveScenario({
    name: 'agents',
    duration: '500ms',
    nodeCpu: 4,
    services: { web: { serviceTime: '1ms', calls: [{ to: 'db' }] }, db: { serviceTime: '1ms' } },
    traffic: [{ name: 'users', to: 'web', rate: '20/s' }],
  });
  return meshes.map((mesh) => simulate(applyOverrides(config, { mesh })));
}

describe('the node agents note of a comparison', () => {
  it("says istio-ambient's requested figures include its istio-cni node agents, from the numbers the result carries", () => {
    const results = compared(['none', 'istio-ambient', 'linkerd']);
    const agents = results[1]?.proxies.byKind.find((kind) => kind.kind === 'istio-cni');
    expect(agents).toBeDefined();
    const n = agents?.count ?? 0;
    expect(n).toBeGreaterThan(0);
    // Istio's Helm defaults: 100m and 100 Mi per node.
    const note =
      `istio-ambient: its proxy CPU and memory requested include ${String(n)} istio-cni node agents, one per node, ` +
      `which are no proxies and carry no traffic (${String(n)} × 0.1 cores = ${String(n / 10)} cores, ` +
      `${String(n)} × 100 MiB = ${String(n * 100)} MiB).`;
    const summary = summarizeComparison(results);
    expect(summary.shapes[1]?.nodeAgents).toEqual([
      {
        kind: 'istio-cni',
        count: n,
        cpuRequestedCores: agents?.cpuRequestedCores,
        memoryRequestedMiB: n * 100,
      },
    ]);
    expect(renderComparisonText(summary)).toContain(`Note: ${note}`);
    expect(renderComparisonHtml(results)).toContain(note);
    expect((JSON.parse(renderComparisonJson(summary)) as { notes: string[] }).notes).toContain(note);
    // The figure itself is unchanged: the ztunnels' requests and the agents'.
    expect(summary.shapes[1]?.proxyMemoryRequestedMiB).toBe(results[1]?.proxies.memoryRequestedMiB);
  });

  it('is absent when no shape runs a node agent', () => {
    const summary = summarizeComparison(compared(['none', 'linkerd']));
    expect(summary.shapes.every((shape) => shape.nodeAgents === undefined)).toBe(true);
    expect(renderComparisonText(summary)).not.toContain('node agent');
  });
});
