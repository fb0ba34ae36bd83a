// Pods of a live cluster give what their injected proxy really runs with: the CPU limit and request of an
// istio-proxy or linkerd-proxy container become their workload's, replacing the template's and the annotations'
// (warned when they differ); pods whose workload is not imported are warned (a DaemonSet's are passed over: their
// DaemonSet is read); the rest of a pod is not read.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

const NAMESPACE =
  'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { istio-injection: enabled } }\n';

/** Deployment `name` (pod annotations `annotations`, flow YAML or '') and its Service. */
function deployment(name: string, annotations = ''): string {
  const ann = annotations === '' ? '' : `, annotations: ${annotations}`;
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: shop }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} }${ann} }\n    spec: { containers: [ { name: app } ] }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: shop }\nspec: { selector: { app: ${name} } }\n`;
}

/** A pod of ReplicaSet `owner` whose istio-proxy container has `limit` / `request` (either may be null). */
function pod(name: string, owner: string, limit: string | null, request: string | null): string {
  const limits = limit === null ? '' : `limits: { cpu: ${limit} }`;
  const requests = request === null ? '' : `requests: { cpu: ${request} }`;
  const resources = [limits, requests].filter((part) => part !== '').join(', ');
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    `  labels: { app: ${owner.split('-')[0]} }`,
    `  ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: ${owner}, controller: true } ]`,
    'spec:',
    '  nodeName: node-1',
    '  dnsPolicy: ClusterFirst',
    '  containers:',
    '    - { name: app, image: shop/app:1, resources: { requests: { cpu: 250m } } }',
    `    - { name: istio-proxy, image: istio/proxyv2, resources: { ${resources} } }`,
    'status: { phase: Running }',
    '',
  ].join('\n');
}

describe('Pods: the injected proxy as it runs', () => {
  it("gives every workload's sidecars the pods' CPU limit and request (mesh-wide when all agree), quietly", () => {
    const imported = importFiles({
      'app.yaml': [NAMESPACE, deployment('web'), deployment('cart')].join('---\n'),
      'pods.yaml': [
        pod('web-5c7d9-aaaaa', 'web-5c7d9', '1', '200m'),
        pod('cart-66f8b-bbbbb', 'cart-66f8b', '1', '200m'),
      ].join('---\n'),
    });
    expect(imported.scenario['mesh']).toEqual({
      shape: 'istio-sidecar',
      sidecar: { cpuLimit: 1, cpuRequest: '200m' },
    });
    // The pods' other fields (node, DNS policy, images, status) are their workloads': nothing is reported.
    expect(warningsWith(imported.warnings, 'pods.yaml')).toEqual([]);
  });

  it("replaces a workload's annotation with what its pod runs, saying so, and keeps the first pod's", () => {
    const imported = importFiles({
      'app.yaml': [
        NAMESPACE,
        deployment('web', '{ sidecar.istio.io/proxyCPULimit: 500m }'),
        deployment('cart'),
      ].join('---\n'),
      'pods.yaml': [
        pod('web-5c7d9-aaaaa', 'web-5c7d9', '750m', null),
        pod('web-5c7d9-ccccc', 'web-5c7d9', '2', null),
      ].join('---\n'),
    });
    expect(serviceOf(imported, 'web')['proxyCpuLimit']).toBe('750m');
    expect(serviceOf(imported, 'cart')['proxyCpuLimit']).toBeUndefined();
    expect(
      warningsWith(imported.warnings, 'differs from sidecar.istio.io/proxyCPULimit (0.5) of Deployment/web'),
    ).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, "differs from another pod's of Deployment/web (0.75)"),
    ).toHaveLength(1);
  });

  it('warns about a pod whose workload is not imported, and takes nothing from it', () => {
    const imported = importFiles({
      'app.yaml': [NAMESPACE, deployment('web')].join('---\n'),
      'pods.yaml': pod('batch-7f6d4-ddddd', 'batch-7f6d4', '4', null),
    });
    expect(imported.scenario['mesh']).toBe('istio-sidecar');
    expect(warningsWith(imported.warnings, 'is not among the imported workloads: not imported')).toHaveLength(
      1,
    );
  });

  it("passes over a DaemonSet's pod quietly: its DaemonSet gives what meshsim takes of it", () => {
    const daemonPod = pod('kube-proxy-x7k2p', 'kube-proxy', '1', null).replace(
      'kind: ReplicaSet, name: kube-proxy',
      'kind: DaemonSet, name: kube-proxy',
    );
    const imported = importFiles({
      'app.yaml': [NAMESPACE, deployment('web')].join('---\n'),
      'pods.yaml': daemonPod,
    });
    expect(warningsWith(imported.warnings, 'pods.yaml')).toEqual([]);
    expect(imported.model.workloads[0]?.proxyResources).toBeUndefined();
  });

  it('writes unlimited for istio-proxy containers given resources but no CPU limit (the limit dropped)', () => {
    const imported = importFiles({
      'app.yaml': [NAMESPACE, deployment('web'), deployment('cart')].join('---\n'),
      'pods.yaml': [
        pod('web-5c7d9-aaaaa', 'web-5c7d9', null, '100m'),
        pod('cart-66f8b-bbbbb', 'cart-66f8b', null, '100m'),
      ].join('---\n'),
    });
    expect(imported.scenario['mesh']).toEqual({
      shape: 'istio-sidecar',
      sidecar: { cpuLimit: 'unlimited', cpuRequest: '100m' },
    });
    // Only some pods without: those services alone go unlimited.
    const mixed = importFiles({
      'app.yaml': [NAMESPACE, deployment('web'), deployment('cart')].join('---\n'),
      'pods.yaml': [
        pod('web-5c7d9-aaaaa', 'web-5c7d9', null, '100m'),
        pod('cart-66f8b-bbbbb', 'cart-66f8b', '2', '100m'),
      ].join('---\n'),
    });
    expect(serviceOf(mixed, 'web')['proxyCpuLimit']).toBe('unlimited');
    expect(serviceOf(mixed, 'cart')['proxyCpuLimit']).toBe(2);
  });
});
