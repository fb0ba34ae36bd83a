// The imported shop with its cluster's DaemonSets (examples/cluster/daemonsets.yaml) as a contract: Istio's CNI node
// agent runs on every node beside the sidecars (its requests from the DaemonSet), and kube-proxy's pod takes its
// request and a pod slot there too; docs/import.md shows the command.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { applyOverrides, formatImportWarning, importScenario, parseScenario, simulate } from 'meshsim';

import { CLUSTER_DIR } from '../cluster/cpuLimits.js';

describe('importing the DaemonSets of examples/cluster', () => {
  const files = ['k8s.yaml', 'nodes.yaml', 'daemonsets.yaml'].map((name) => join(CLUSTER_DIR, name));
  const { scenario, warnings } = importScenario(files, { graph: join(CLUSTER_DIR, 'graph.yaml') });
  const lines = warnings.map((w) => formatImportWarning(w));

  it("runs Istio's CNI node agent with the DaemonSet's requests, and kube-proxy as one of the cluster's daemonSets", () => {
    expect(scenario).toMatch(/istioCni: \{ cpuRequest: 100m, memoryRequest: 100Mi \}/);
    expect(scenario).toMatch(
      /daemonSets:\n.*DaemonSet\/kube-proxy\n\s+- name: kube-proxy\n\s+cpuRequest: 100m\n/,
    );
    expect(lines.filter((l) => l.includes('daemonsets.yaml'))).toEqual([]);
  });

  it("reserves the agent's 100m and 100Mi and kube-proxy's 100m on each of the 3 nodes, beside the 8 sidecars", () => {
    const result = simulate(
      applyOverrides(parseScenario(scenario, 'shop-daemonsets.yaml'), { durationMs: 1000 }),
    );
    const agents = result.proxies.byKind.find((k) => k.kind === 'istio-cni');
    expect(result.nodes).toHaveLength(3);
    expect(agents).toMatchObject({ count: 3, memoryRequestedMiB: 300 });
    expect(agents?.cpuRequestedCores).toBeCloseTo(0.3, 9);
    expect(result.proxies.count).toBe(8);
    expect(result.nodes.map((node) => [node.systemPods, node.cpuRequestedCores])).toEqual([
      [1, 1.05],
      [1, 1.05],
      [1, 0.85],
    ]);
  });

  it('docs/import.md gives the command', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/import.md', import.meta.url)), 'utf8');
    expect(page).toContain('examples/cluster/daemonsets.yaml');
  });
});
