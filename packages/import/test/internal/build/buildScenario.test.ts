// Building the scenario: the --graph fragment merged over the imported parts, placeholders without a
// graph, traffic to the entry points, clusters.

import { describe, expect, it } from 'vitest';

import { resolveScenario } from '@meshsim/scenario';

import { DEFAULT_ENTRY_RATE, PLACEHOLDER_SERVICE_TIME } from '../../../src/internal/build/placeholders.js';
import { importFiles, kubernetesApp, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

describe('buildScenario', () => {
  it('without a graph: valid, with placeholder service times and traffic, said in assumptions and a warning', () => {
    const imported = importFiles({ 'app.yaml': kubernetesApp(['api', 'db']) });
    expect(serviceOf(imported, 'api')['serviceTime']).toBe(PLACEHOLDER_SERVICE_TIME);
    expect(imported.scenario.traffic).toEqual([{ name: 'placeholder', to: 'api', rate: '1/s' }]);
    expect(imported.scenario.assumptions).toHaveLength(2);
    expect(warningsWith(imported.warnings, 'no call graph and no traffic in the inputs')).toHaveLength(1);
    expect(() => resolveScenario(imported.scenario, 'imported.yaml')).not.toThrow();
  });

  it('without a graph, a given rate is the placeholder source’s (its target stays a placeholder, said)', () => {
    const imported = importFiles({ 'app.yaml': kubernetesApp(['api', 'db']) }, { rate: '300/s' });
    expect(imported.scenario.traffic).toEqual([{ name: 'placeholder', to: 'api', rate: '300/s' }]);
    expect(imported.scenario.assumptions).toContain(
      'The traffic (300/s to api) is a placeholder: the inputs describe no traffic (the rate is the one given; its target, the first service, is not).',
    );
  });

  it('merges the fragment: its fields win (with a warning when they replace an imported value), its services are added', () => {
    const imported = importFiles(
      {
        'app.yaml': kubernetesApp(['api']),
        'graph.yaml':
          'name: mine\nduration: 5s\nservices:\n  api: { replicas: 5, serviceTime: 3ms, calls: [ { to: cache } ] }\n  cache: { serviceTime: 1ms }\ntraffic: [ { to: api, rate: 20/s } ]\nfaults: [ { at: 1s, service: cache, crash: true } ]\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(imported.scenario).toMatchObject({
      name: 'mine',
      duration: '5s',
      traffic: [{ to: 'api', rate: '20/s' }],
    });
    expect(serviceOf(imported, 'api')).toMatchObject({ replicas: 5, serviceTime: '3ms' });
    expect(Object.keys(imported.scenario.services)).toEqual(['api', 'cache']);
    expect(imported.scenario.faults).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        "graph.yaml:4:10: services.api.replicas: the --graph fragment's value replaces the imported one",
      ),
    ).toHaveLength(1);
  });

  it("warns at the fragment's line when a call there sets its own policy field over the imported one", () => {
    const imported = importFiles(
      {
        'app.yaml': kubernetesApp(['api', 'db']),
        'vs.yaml':
          'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: db }\nspec:\n  hosts: [db]\n  http:\n    - timeout: 2s\n',
        'graph.yaml':
          'services:\n  api:\n    serviceTime: 3ms\n    calls:\n      - to: db\n        timeout: 500ms\n  db: { serviceTime: 1ms }\ntraffic: [ { to: api, rate: 20/s } ]\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(serviceOf(imported, 'api')['calls']).toEqual([{ to: 'db', timeout: '500ms' }]);
    expect(
      warningsWith(
        imported.warnings,
        'graph.yaml:6:9: services.api.calls[0].timeout: the call from "api" to "db" sets its own timeout in the --graph fragment; the imported one (vs.yaml#1 VirtualService/db) is not applied',
      ),
    ).toHaveLength(1);
  });

  it('sends traffic at the chosen rate to the services nobody calls when no entry point is marked', () => {
    const imported = importFiles(
      {
        'g.yaml':
          'kind: MockServiceGraph\nservices:\n  - { name: a, script: [ { call: b } ] }\n  - { name: b }\n  - { name: c }\n',
      },
      { rate: '40/s' },
    );
    expect(imported.scenario.traffic).toEqual([
      { to: 'a', rate: '40/s' },
      { to: 'c', rate: '40/s' },
    ]);
    expect(warningsWith(imported.warnings, 'no entry point is marked')).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'the inputs give no traffic rate')).toHaveLength(0);
  });

  it("warns that a chosen rate is not used when the fragment's traffic is, naming the fragment", () => {
    const imported = importFiles(
      {
        'app.yaml': kubernetesApp(['api']),
        'graph.yaml': 'services:\n  api: { serviceTime: 3ms }\ntraffic:\n  - { to: api, rate: 20/s }\n',
      },
      { graph: 'graph.yaml', rate: '200/s' },
    );
    expect(imported.scenario.traffic).toEqual([{ to: 'api', rate: '20/s' }]);
    expect(warningsWith(imported.warnings, '200/s')).toEqual([
      "graph.yaml:3:1: traffic: the given rate 200/s (--rate) is not used: the --graph fragment's traffic gives the traffic sources and their rates",
    ]);
    const without = importFiles(
      {
        'app.yaml': kubernetesApp(['api']),
        'graph.yaml': 'services:\n  api: { serviceTime: 3ms }\ntraffic:\n  - { to: api, rate: 20/s }\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(warningsWith(without.warnings, '--rate')).toEqual([]);
  });

  it(`uses ${DEFAULT_ENTRY_RATE} per entry point without a rate, as an assumption`, () => {
    const imported = importFiles({
      'g.yaml': 'kind: MockServiceGraph\nservices:\n  - { name: a, isEntrypoint: true }\n',
    });
    expect(imported.scenario.traffic).toEqual([{ to: 'a', rate: DEFAULT_ENTRY_RATE }]);
    expect(imported.scenario.assumptions?.[0]).toContain('placeholder of the import');
  });

  it('names the sources it makes apart from the services (a source named as a service is refused)', () => {
    const entry = importFiles({
      'g.yaml':
        'kind: MockServiceGraph\nservices:\n  - { name: client, isEntrypoint: true, script: [ { call: client-2 } ] }\n  - { name: client-2 }\n',
    });
    expect(entry.scenario.traffic).toEqual([{ name: 'client-3', to: 'client', rate: DEFAULT_ENTRY_RATE }]);
    expect(() => resolveScenario(entry.scenario, 'imported.yaml')).not.toThrow();
    const placeholder = importFiles({ 'app.yaml': kubernetesApp(['placeholder']) });
    expect(placeholder.scenario.traffic).toEqual([{ name: 'placeholder-2', to: 'placeholder', rate: '1/s' }]);
    expect(() => resolveScenario(placeholder.scenario, 'imported.yaml')).not.toThrow();
  });

  it("creates the clusters isotope services name, with meshsim's default zones", () => {
    const imported = importFiles({
      'g.yaml':
        'kind: MockServiceGraph\nservices:\n  - { name: a, cluster: east, isEntrypoint: true, script: [ { call: b } ] }\n  - { name: b, cluster: west }\n',
    });
    expect(imported.scenario.clusters?.map((c) => c.name)).toEqual(['east', 'west']);
    expect(serviceOf(imported, 'b')['cluster']).toBe('west');
    expect(() => resolveScenario(imported.scenario, 'imported.yaml')).not.toThrow();
  });

  it('warns when a call policy has no call to apply to', () => {
    const imported = importFiles(
      {
        'app.yaml': kubernetesApp(['api']),
        'vs.yaml':
          'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: api }\nspec: { hosts: [api], http: [ { timeout: 2s } ] }\n',
        'graph.yaml': 'services:\n  api: { serviceTime: 1ms }\ntraffic: [ { to: api, rate: 1/s } ]\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(
      warningsWith(
        imported.warnings,
        'calls to "api" get timeout from vs.yaml#1 VirtualService/api, but no call of the graph goes to it',
      ),
    ).toHaveLength(1);
  });

  it('lets Istio resources name services only the fragment defines (Istio files + a graph, no manifests)', () => {
    const imported = importFiles(
      {
        'vs.yaml':
          'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: db }\nspec: { hosts: [db], http: [ { timeout: 250ms } ] }\n',
        'graph.yaml':
          'services:\n  api: { serviceTime: 1ms, calls: [ { to: db } ] }\n  db: { serviceTime: 2ms }\ntraffic: [ { to: api, rate: 5/s } ]\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(serviceOf(imported, 'api')['calls']).toEqual([{ to: 'db', timeout: '250ms' }]);
    expect(imported.scenario.mesh).toBe('istio-sidecar');
    expect(() => resolveScenario(imported.scenario, 'imported.yaml')).not.toThrow();
  });
});
