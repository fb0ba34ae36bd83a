// What a comparison reads from the scenario's config under each shape: the balancer its called services use, and the
// warning when the shape's sidecars take the proxy resources the scenario wrote for its own mesh. The shape's config
// is the one `meshsim compare` runs (the file with `--set mesh=<shape>`).

import { describe, expect, it } from 'vitest';

import { meshShapeNames } from '@meshsim/mesh';

import {
  borrowedProxyResources,
  comparedShapeNotes,
  effectiveLoadBalancer,
  resolveWithOverrides,
  scenarioSource,
} from '../../src/index.js';

const source = scenarioSource(
  'notes.yaml',
  [
    'mesh: { shape: istio-sidecar, istioVersion: "1.22" }',
    'services:',
    '  web: { serviceTime: 1ms, proxyCpuRequest: 100m, calls: [{ to: db }] }',
    '  db: { serviceTime: 1ms, destinationPolicy: { loadBalancer: round-robin } }',
    'traffic:',
    '  - { to: web, rate: 50 }',
  ].join('\n'),
);
const config = resolveWithOverrides(source, []);

describe('comparedShapeNotes', () => {
  it("gives the shape's balancers, and the borrowed proxy resources of another sidecar shape as a warning", () => {
    expect(comparedShapeNotes(config, 'istio-sidecar')).toEqual({
      loadBalancer: 'least-request/round-robin',
      warnings: [],
    });
    expect(comparedShapeNotes(config, 'none')).toEqual({ loadBalancer: 'random/round-robin', warnings: [] });
    const linkerd = comparedShapeNotes(config, 'linkerd');
    expect(linkerd.loadBalancer).toBe('peak-ewma/round-robin');
    expect(linkerd.warnings).toEqual([
      expect.stringMatching(/^proxyCpuRequest of web: written in the scenario for its mesh istio-sidecar, /),
    ]);
  });

  it('reads each shape from the config `meshsim compare` runs it with (the file under --set mesh=<shape>)', () => {
    for (const shape of meshShapeNames()) {
      const resolved = resolveWithOverrides(source, [{ path: 'mesh', value: shape }]);
      const borrowed = borrowedProxyResources('istio-sidecar', resolved);
      expect(comparedShapeNotes(config, shape), shape).toEqual({
        loadBalancer: effectiveLoadBalancer(resolved),
        warnings: borrowed === null ? [] : [borrowed],
      });
    }
  });

  it('refuses a shape that is not registered', () => {
    expect(() => comparedShapeNotes(config, 'no-such-mesh')).toThrow(RangeError);
  });
});
