// The imported shop with its running pods (examples/cluster/pods.yaml) as a contract: the sidecars' CPU limit and
// request and memory request come from the pods' injected istio-proxy containers, which the Deployments' templates
// do not hold, and the run reserves what they request; docs/import.md shows the command.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { applyOverrides, importScenario, parseScenario, simulate } from 'meshsim';

import { CLUSTER_DIR } from '../cluster/cpuLimits.js';

describe('importing the running pods of examples/cluster', () => {
  const files = ['k8s.yaml', 'nodes.yaml', 'pods.yaml'].map((name) => join(CLUSTER_DIR, name));
  const { scenario, warnings } = importScenario(files, { graph: join(CLUSTER_DIR, 'graph.yaml') });

  it("gives every sidecar the pods' injected limit and requests, with no warning about the pods", () => {
    expect(scenario).toContain(
      'sidecar: { cpuLimit: 500m, cpuRequest: 50m, memoryRequest: 64Mi, memoryLimit: 1Gi }',
    );
    expect(warnings.filter((w) => w.file.endsWith('pods.yaml'))).toEqual([]);
  });

  it('runs with them: its 8 sidecars reserve 0.4 cores and 512 MiB', () => {
    const config = applyOverrides(parseScenario(scenario, 'shop-pods.yaml'), { durationMs: 2000 });
    const result = simulate(config);
    expect(result.proxies.cpuRequestedCores).toBeCloseTo(8 * 0.05, 9);
    expect(result.proxies.memoryRequestedMiB).toBe(8 * 64);
    expect(result.proxies.count).toBe(8);
  });

  it('docs/import.md gives the command', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/import.md', import.meta.url)), 'utf8');
    expect(page).toContain('examples/cluster/pods.yaml');
  });
});
