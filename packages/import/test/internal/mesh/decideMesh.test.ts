// The mesh shape of the scenario, and the warnings about services it does not describe.

import { describe, expect, it } from 'vitest';

import { importFiles, kubernetesApp, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

const ns = (name: string, labels: string, annotations = '{}'): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name}, labels: ${labels}, annotations: ${annotations} }\n---\n`;

describe('decideMesh', () => {
  it('a namespace with istio-injection=enabled gives istio-sidecar', () => {
    const imported = importFiles({
      'a.yaml': ns('shop', '{ istio-injection: enabled }') + kubernetesApp(['api'], 'shop'),
    });
    expect(imported.scenario.mesh).toBe('istio-sidecar');
  });

  it('warns when only some workloads are meshed, naming them', () => {
    const optOut = kubernetesApp(['batch'], 'shop').replace(
      'metadata: { labels: { app: batch, version: v1 } }',
      "metadata: { labels: { app: batch, version: v1, sidecar.istio.io/inject: 'false' } }",
    );
    const imported = importFiles({
      'a.yaml':
        ns('shop', '{ istio-injection: enabled }') + kubernetesApp(['api', 'web'], 'shop') + '---\n' + optOut,
    });
    expect(imported.scenario.mesh).toBe('istio-sidecar');
    expect(
      warningsWith(imported.warnings, 'only some services are in the istio-sidecar mesh (not meshed: batch)'),
    ).toHaveLength(1);
  });

  it('an ambient namespace gives istio-ambient, and istio.io/use-waypoint a waypoint', () => {
    const waypointed = kubernetesApp(['api'], 'mesh').replace(
      'kind: Service\nmetadata: { name: api, namespace: mesh }',
      'kind: Service\nmetadata: { name: api, namespace: mesh, labels: { istio.io/use-waypoint: waypoint } }',
    );
    const imported = importFiles({
      'a.yaml': ns('mesh', '{ istio.io/dataplane-mode: ambient }') + waypointed,
    });
    expect(imported.scenario.mesh).toBe('istio-ambient');
    // The label names a waypoint Gateway in the service's namespace.
    expect(serviceOf(imported, 'api')['waypoint']).toBe('mesh/waypoint');
  });

  it("a namespace's istio.io/use-waypoint binds its services to one shared waypoint, in another namespace with istio.io/use-waypoint-namespace", () => {
    const imported = importFiles({
      'a.yaml':
        ns('shop', '{ istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint }') +
        kubernetesApp(['api', 'web'], 'shop') +
        '---\n' +
        ns(
          'info',
          '{ istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint-default, istio.io/use-waypoint-namespace: default }',
        ) +
        kubernetesApp(['details'], 'info'),
    });
    expect(serviceOf(imported, 'api')['waypoint']).toBe('shop/waypoint');
    expect(serviceOf(imported, 'web')['waypoint']).toBe('shop/waypoint');
    expect(serviceOf(imported, 'details')['waypoint']).toBe('default/waypoint-default');
  });

  it('a linkerd.io/inject annotation gives linkerd', () => {
    const imported = importFiles({
      'a.yaml': ns('books', '{}', '{ linkerd.io/inject: enabled }') + kubernetesApp(['api'], 'books'),
    });
    expect(imported.scenario.mesh).toBe('linkerd');
  });

  it('assumes istio-sidecar from Istio resources when nothing is labelled, with a warning and an assumption', () => {
    const imported = importFiles({
      'a.yaml': kubernetesApp(['api']),
      'dr.yaml':
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: api }\nspec: { host: api, trafficPolicy: { loadBalancer: { simple: RANDOM } } }\n',
    });
    expect(imported.scenario.mesh).toBe('istio-sidecar');
    expect(warningsWith(imported.warnings, 'no mesh-injection label or annotation found')).toHaveLength(1);
    expect(imported.scenario.assumptions?.some((line) => line.includes('istio-sidecar mesh'))).toBe(true);
  });

  it('leaves the mesh out (none) for plain Kubernetes', () => {
    expect(importFiles({ 'a.yaml': kubernetesApp(['api']) }).scenario.mesh).toBeUndefined();
  });
});
