// isotope MockServiceGraph → services, replicas, sizes, error rates, service times and calls.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

const GRAPH = `apiVersion: v1alpha1
kind: MockServiceGraph
defaults:
  requestSize: 1 KB
  responseSize: 2KiB
  numReplicas: 2
  errorRate: 0.5%
  script:
    - sleep: 1ms
services:
  - name: a
    isEntrypoint: true
    script:
      - sleep: 2ms
      - - call: b
        - call: { service: c, size: 10K, probability: 25 }
      - call: c
  - name: b
    numReplicas: 5
    errorRate: 0.02
  - name: c
    script: []
`;

describe('importMockServiceGraph', () => {
  const imported = importFiles({ 'graph.yaml': GRAPH });

  it('maps numReplicas, errorRate (percent or fraction) and responseSize, with the defaults', () => {
    expect(serviceOf(imported, 'a')).toMatchObject({ replicas: 2, errorRate: 0.005, responseBytes: 2048 });
    expect(serviceOf(imported, 'b')).toMatchObject({ replicas: 5, errorRate: 0.02, responseBytes: 2048 });
  });

  it('sums the sleeps into a constant service time; the defaults script applies to services without one', () => {
    expect(serviceOf(imported, 'a')['serviceTime']).toBe('2ms');
    expect(serviceOf(imported, 'b')['serviceTime']).toBe('1ms');
    expect(serviceOf(imported, 'c')['serviceTime']).toBe('0ms');
  });

  it('turns call steps into calls and a nested list into a parallel group; probability percent → fraction', () => {
    expect(serviceOf(imported, 'a')['calls']).toEqual([
      { parallel: [{ to: 'b' }, { to: 'c', probability: 0.25 }] },
      { to: 'c' },
    ]);
  });

  it("gives the callee the calls' size (default requestSize) as requestBytes, warning when sizes differ", () => {
    expect(serviceOf(imported, 'b')['requestBytes']).toBe(1024);
    expect(serviceOf(imported, 'c')['requestBytes']).toBe(10240);
    expect(warningsWith(imported.warnings, 'requestBytes of "c" is already set to 10240')).toHaveLength(1);
  });

  it('sends traffic to the entry points', () => {
    expect(imported.scenario.traffic).toEqual([{ to: 'a', rate: '100/s' }]);
    expect(imported.model.hasGraph).toBe(true);
  });

  it('reads a graph without kind (isotope example-topologies) and its `default:` block, with a warning', () => {
    const kindless = importFiles({
      'topology.yaml': `default:\n  numReplicas: 3\nservices:\n- name: x\n  script:\n  - call: y\n- name: y\n`,
    });
    expect(serviceOf(kindless, 'x')).toMatchObject({ replicas: 3, calls: [{ to: 'y' }] });
    expect(warningsWith(kindless.warnings, "isotope's loader reads `defaults`")).toHaveLength(1);
    expect(
      warningsWith(kindless.warnings, 'topology.yaml:1:1: MockServiceGraph (document 1): default'),
    ).toHaveLength(1);
  });

  it('moves a sleep after a call before the calls, and adds a concurrent sleep to the service time, with warnings', () => {
    const late = importFiles({
      'g.yaml': `kind: MockServiceGraph\nservices:\n  - name: x\n    script:\n      - call: y\n      - sleep: 3ms\n      - - sleep: 1ms\n        - call: y\n  - name: y\n`,
    });
    expect(serviceOf(late, 'x')['serviceTime']).toBe('4ms');
    expect(warningsWith(late.warnings, 'a sleep after a call')).toHaveLength(1);
    expect(warningsWith(late.warnings, 'a sleep inside a concurrent step')).toHaveLength(1);
  });

  it('drops a call to a service outside the graph, and renames names that are not DNS labels', () => {
    const odd = importFiles({
      'g.yaml': `kind: MockServiceGraph\nservices:\n  - name: Front_End\n    script:\n      - call: ghost\n`,
    });
    expect(Object.keys(odd.scenario.services)).toEqual(['front-end']);
    expect(warningsWith(odd.warnings, 'calls "ghost", which is not a service of the graph')).toHaveLength(1);
    expect(
      warningsWith(odd.warnings, '"Front_End" is not a valid scenario service name; imported as "front-end"'),
    ).toHaveLength(1);
  });

  it('reports the protocol and fields meshsim does not model', () => {
    const extra = importFiles({
      'g.yaml': `kind: MockServiceGraph\nservices:\n  - name: x\n    type: grpc\n    labels: { team: search }\n    memoryUsage: 80%\n`,
    });
    expect(warningsWith(extra.warnings, 'services[0].type: protocol "grpc" is not modelled')).toHaveLength(1);
    expect(
      warningsWith(extra.warnings, 'services[0].labels: not modelled by meshsim (ignored)'),
    ).toHaveLength(1);
    expect(
      warningsWith(extra.warnings, 'services[0].memoryUsage: not modelled by meshsim (ignored)'),
    ).toHaveLength(1);
  });
});
