// The compare note for proxy resources a scenario writes for its own mesh: another shape that runs sidecars gets them
// too (said), the file's own shape and shapes without sidecars do not (no note).

import { describe, expect, it } from 'vitest';

import { applyOverrides, parseScenario } from '@meshsim/scenario';

import { borrowedProxyResources } from '../../src/comparison/borrowedProxyResources.js';

const scenario = parseScenario(
  [
    'mesh: istio-sidecar',
    'services:',
    '  web: { serviceTime: 1ms, proxyCpuRequest: 100m, proxyMemoryRequest: 128Mi, calls: [{ to: api }] }',
    '  api: { serviceTime: 1ms }',
    'traffic:',
    '  - { to: web, rate: 50 }',
  ].join('\n'),
  'borrowed.yaml',
);

describe('borrowedProxyResources', () => {
  it("names the fields and services another sidecar shape takes from the scenario's own mesh", () => {
    expect(borrowedProxyResources('istio-sidecar', applyOverrides(scenario, { mesh: 'linkerd' }))).toBe(
      "proxyCpuRequest, proxyMemoryRequest of web: written in the scenario for its mesh istio-sidecar, applied to this shape's sidecars too, not its own defaults (remove them from the scenario to compare every mesh at its defaults)",
    );
  });

  it("says nothing for the scenario's own shape, a shape without sidecars, or services that write no proxy resources", () => {
    expect(borrowedProxyResources('istio-sidecar', scenario)).toBeNull();
    expect(
      borrowedProxyResources('istio-sidecar', applyOverrides(scenario, { mesh: 'istio-ambient' })),
    ).toBeNull();
    expect(borrowedProxyResources('istio-sidecar', applyOverrides(scenario, { mesh: 'none' }))).toBeNull();
    const plain = { ...scenario, services: scenario.services.filter((s) => s.name === 'api') };
    expect(
      borrowedProxyResources('istio-sidecar', applyOverrides({ ...plain, traffic: [] }, { mesh: 'linkerd' })),
    ).toBeNull();
  });
});
