// Services: selectors summing their workloads' replicas, names clashing across namespaces, Services
// without pods, and bookkeeping fields of live objects that are never reported.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningLines, warningsWith } from '../../__helpers__/fixtures.js';

function deployment(name: string, namespace: string, labels: string, replicas: number): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n  replicas: ${String(replicas)}\n  selector: { matchLabels: ${labels} }\n  template: { metadata: { labels: ${labels} }, spec: { containers: [ { name: c } ] } }\n---\n`;
}

describe('importService', () => {
  it('sums the replicas of every workload of its namespace its selector matches', () => {
    const imported = importFiles({
      'app.yaml':
        deployment('web-v1', 'a', '{ app: web, version: v1 }', 3) +
        deployment('web-v2', 'a', '{ app: web, version: v2 }', 1) +
        deployment('web-other', 'b', '{ app: web }', 7) +
        'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: a }\nspec: { selector: { app: web } }\n',
    });
    expect(serviceOf(imported, 'web')).toMatchObject({ namespace: 'a', replicas: 4 });
  });

  it('renames a service whose name another namespace already uses', () => {
    const imported = importFiles({
      's.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: api, namespace: one }\nspec: { selector: { app: api } }\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: { name: api, namespace: two }\nspec: { selector: { app: api } }\n',
    });
    expect(Object.keys(imported.scenario.services)).toEqual(['api', 'api-two']);
    expect(warningsWith(imported.warnings, 'this one (namespace two) is imported as "api-two"')).toHaveLength(
      1,
    );
  });

  it('warns about a Service without a selector and an ExternalName Service', () => {
    const imported = importFiles({
      's.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: legacy }\nspec: { ports: [ { port: 80 } ] }\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: { name: partner }\nspec: { type: ExternalName, externalName: api.partner.example }\n',
    });
    expect(warningsWith(imported.warnings, 'Service/legacy (document 1): spec: no selector')).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        'Service/partner (document 2): spec.type: an ExternalName Service has no pods',
      ),
    ).toHaveLength(1);
  });

  it('never reports the bookkeeping fields of live objects (kubectl get -o yaml), and reads a kind: List', () => {
    const imported = importFiles({
      'live.yaml': `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: api
      uid: 0b7c
      resourceVersion: "123"
      creationTimestamp: "2026-01-01T00:00:00Z"
      annotations:
        kubectl.kubernetes.io/last-applied-configuration: "{}"
    spec: { selector: { app: api }, clusterIP: 10.0.0.12 }
    status: { loadBalancer: {} }
`,
    });
    expect(Object.keys(imported.scenario.services)).toEqual(['api']);
    // Only that no Deployment backs it (none is given): no bookkeeping field.
    expect(warningLines(imported.warnings).filter((line) => line.startsWith('live.yaml'))).toEqual([
      expect.stringContaining('spec.selector: selects no imported Deployment or StatefulSet'),
    ]);
  });

  it('warns of a Service whose selector matches no imported workload (no endpoints), and keeps it at 1 replica', () => {
    const imported = importFiles({
      'app.yaml':
        deployment('batch', 'shop', '{ app: batch }', 2) +
        'apiVersion: v1\nkind: Service\nmetadata: { name: batch, namespace: shop }\nspec: { selector: { app: batch } }\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: { name: orphan, namespace: shop }\nspec: { selector: { app: nothing-here } }\n',
    });
    expect(warningsWith(imported.warnings, 'selects no imported')).toEqual([
      "app.yaml:17:9: Service/orphan (document 3): spec.selector: selects no imported Deployment or StatefulSet of namespace shop (app=nothing-here): in the cluster it has no endpoints, so a call to it fails, unless its pods come from inputs not given; imported as a service of 1 replica (the scenario's default)",
    ]);
    expect(serviceOf(imported, 'orphan')['replicas']).toBeUndefined();
    expect(serviceOf(imported, 'batch')).toMatchObject({ replicas: 2 });
  });
});
