// The balancer compare shows per shape: the mesh's where the called services set none, theirs where they do.

import { describe, expect, it } from 'vitest';

import { applyOverrides, parseScenario } from '@meshsim/scenario';

import { effectiveLoadBalancer } from '../../src/comparison/effectiveLoadBalancer.js';

const scenario = (dbBalancer: string | null) =>
  parseScenario(
    [
      'mesh: istio-sidecar',
      'services:',
      '  web: { serviceTime: 1ms, calls: [{ to: db }] }',
      `  db: { serviceTime: 1ms${dbBalancer === null ? ' }' : `, destinationPolicy: { loadBalancer: ${dbBalancer} } }`}`,
      'traffic:',
      '  - { to: web, rate: 50 }',
    ].join('\n'),
    'lb.yaml',
  );

describe('effectiveLoadBalancer', () => {
  it("is the mesh's where no called service sets its own", () => {
    expect(effectiveLoadBalancer(scenario(null))).toBe('least-request');
    expect(effectiveLoadBalancer(applyOverrides(scenario(null), { mesh: 'linkerd' }))).toBe('peak-ewma');
  });

  it('names every balancer in use when a destination sets its own, and only that one when all do', () => {
    expect(effectiveLoadBalancer(scenario('round-robin'))).toBe('least-request/round-robin');
    const all = parseScenario(
      [
        'services:',
        '  web: { serviceTime: 1ms, destinationPolicy: { loadBalancer: round-robin } }',
        'traffic:',
        '  - { to: web, rate: 50 }',
      ].join('\n'),
      'lb.yaml',
    );
    expect(effectiveLoadBalancer(applyOverrides(all, { mesh: 'istio-sidecar' }))).toBe('round-robin');
  });
});
