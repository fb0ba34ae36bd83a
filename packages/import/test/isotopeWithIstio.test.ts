// An isotope graph combined with Kubernetes and Istio files: the manifests' replicas win (with a warning
// when they differ) and the Istio policies land on the graph's calls.

import { describe, expect, it } from 'vitest';

import { callTo, importFiles, kubernetesApp, serviceOf, warningsWith } from './__helpers__/fixtures.js';

const GRAPH = `kind: MockServiceGraph
services:
  - { name: web, isEntrypoint: true, script: [ { sleep: 1ms }, { call: api } ] }
  - { name: api, numReplicas: 5, script: [ { sleep: 3ms } ] }
`;

describe('isotope + Kubernetes + Istio', () => {
  const imported = importFiles({
    'graph.yaml': GRAPH,
    'app.yaml': kubernetesApp(['api']),
    'vs.yaml':
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: api }\nspec: { hosts: [api], http: [ { timeout: 800ms, retries: { attempts: 1 } } ] }\n',
  });

  it('takes the replicas from the workloads, warning that the graph said otherwise', () => {
    expect(serviceOf(imported, 'api')).toMatchObject({ replicas: 2, serviceTime: '3ms' });
    expect(
      warningsWith(
        imported.warnings,
        'service "api" has 5 replicas in the isotope graph and 2 in the Kubernetes workloads',
      ),
    ).toHaveLength(1);
  });

  it("puts the VirtualService's policy on the graph's call", () => {
    expect(callTo(imported, 'web', 'api')).toEqual({
      to: 'api',
      timeout: '800ms',
      retry: { attempts: 2, retryOn: ['connect-failure'] },
    });
    expect(imported.scenario.mesh).toBe('istio-sidecar');
  });
});
