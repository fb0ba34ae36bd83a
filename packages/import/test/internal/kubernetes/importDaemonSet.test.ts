// DaemonSets: Istio ambient's ztunnel gives mesh.ztunnel's requests and CPU limit, Istio's CNI node agent
// mesh.istioCni's requests (under istio-sidecar its presence runs the agent; an agent the mesh does not run is warned);
// any other DaemonSet gives its pod's requests to the scenario's daemonSets.

import { simulate } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { importFiles, warningsWith } from '../../__helpers__/fixtures.js';

/** A namespace meshed by `mode`, with one Deployment and its Service. */
function app(mode: 'ambient' | 'sidecar' | 'linkerd'): string {
  const labels =
    mode === 'ambient'
      ? 'labels: { istio.io/dataplane-mode: ambient }'
      : mode === 'sidecar'
        ? 'labels: { istio-injection: enabled }'
        : 'annotations: { linkerd.io/inject: enabled }';
  return `apiVersion: v1
kind: Namespace
metadata: { name: shop, ${labels} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [ { name: web } ] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web } }
`;
}

/** The ztunnel and istio-cni-node DaemonSets as Istio's Helm charts name them, with the given resources. */
const ZTUNNEL = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ztunnel, namespace: istio-system }
spec:
  selector: { matchLabels: { app: ztunnel } }
  template:
    metadata: { labels: { app: ztunnel, sidecar.istio.io/inject: "false" } }
    spec:
      serviceAccountName: ztunnel
      containers:
        - name: istio-proxy
          image: docker.io/istio/ztunnel:1.24.0
          args: [proxy, ztunnel]
          resources: { requests: { cpu: 100m, memory: 256Mi }, limits: { cpu: "1" } }
`;
const CNI = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: istio-cni-node, namespace: istio-system }
spec:
  selector: { matchLabels: { k8s-app: istio-cni-node } }
  template:
    metadata: { labels: { k8s-app: istio-cni-node } }
    spec:
      containers:
        - name: install-cni
          image: docker.io/istio/install-cni:1.24.0
          resources: { requests: { cpu: 50m, memory: 64Mi } }
`;

describe('importDaemonSet', () => {
  it("gives ambient's ztunnel and CNI node agent their DaemonSets' requests, without field warnings", () => {
    const imported = importFiles({ 'app.yaml': app('ambient'), 'istio.yaml': `${ZTUNNEL}---\n${CNI}` });
    expect(imported.scenario['mesh']).toEqual({
      shape: 'istio-ambient',
      ztunnel: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: 1 },
      istioCni: { cpuRequest: '50m', memoryRequest: '64Mi' },
    });
    expect(imported.model.nodeAgents.map((a) => a.kind)).toEqual(['ztunnel', 'istio-cni']);
    expect(warningsWith(imported.warnings, 'istio.yaml')).toEqual([]);
    // The run reserves them on every node.
    const config = parseScenario(JSON.stringify({ ...imported.scenario, nodeCpu: 4 }), 'imported.json');
    const result = simulate({ ...config, durationMs: 100 });
    expect(result.nodes.length).toBeGreaterThan(0);
    const kinds = Object.fromEntries(result.proxies.byKind.map((k) => [k.kind, k]));
    expect(kinds['ztunnel']?.cpuRequestedCores).toBeCloseTo(0.1 * result.nodes.length, 12);
    expect(kinds['istio-cni']?.memoryRequestedMiB).toBe(64 * result.nodes.length);
  });

  it("runs Istio's CNI node agent under istio-sidecar when its DaemonSet is there; a ztunnel is warned", () => {
    const imported = importFiles({ 'app.yaml': app('sidecar'), 'istio.yaml': `${ZTUNNEL}---\n${CNI}` });
    expect(imported.scenario['mesh']).toEqual({
      shape: 'istio-sidecar',
      istioCni: { cpuRequest: '50m', memoryRequest: '64Mi' },
    });
    expect(
      warningsWith(
        imported.warnings,
        'istio.yaml#1 DaemonSet/ztunnel: not imported (the mesh is istio-sidecar; istio-ambient runs it)',
      ),
    ).toHaveLength(1);
  });

  it('warns of the agents under another mesh and of an agent without a CPU request; imports the other DaemonSets', () => {
    const other = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fluent-bit, namespace: logging }
spec:
  selector: { matchLabels: { app: fluent-bit } }
  template:
    metadata: { labels: { app: fluent-bit } }
    spec:
      nodeSelector: { kubernetes.io/os: linux }
      containers:
        - { name: fluent-bit, resources: { requests: { cpu: 100m, memory: 64Mi } } }
        - { name: reloader, resources: { limits: { cpu: 10m, memory: 16Mi } } }
`;
    const linkerd = importFiles({ 'app.yaml': app('linkerd'), 'ds.yaml': `${CNI}---\n${other}` });
    expect(linkerd.scenario['mesh']).toBe('linkerd');
    expect(
      warningsWith(
        linkerd.warnings,
        'ds.yaml#1 DaemonSet/istio-cni-node: not imported (the mesh is linkerd; istio-ambient and istio-sidecar run it)',
      ),
    ).toHaveLength(1);
    // Its pod requests both containers' (the second's limits stand for its requests).
    expect(linkerd.scenario['daemonSets']).toEqual([
      { name: 'fluent-bit', cpuRequest: '110m', memoryRequest: '80Mi' },
    ]);
    expect(
      warningsWith(
        linkerd.warnings,
        "nodeSelector not modelled: meshsim runs the DaemonSet's pod on every node",
      ),
    ).toHaveLength(1);
    const bare = importFiles({
      'app.yaml': app('ambient'),
      'cni.yaml': CNI.replace('resources: { requests: { cpu: 50m, memory: 64Mi } }', 'resources: {}'),
    });
    expect(bare.scenario['mesh']).toEqual({ shape: 'istio-ambient', istioCni: {} });
    expect(
      warningsWith(
        bare.warnings,
        "cni.yaml#1 DaemonSet/istio-cni-node: its install-cni container requests no CPU; meshsim keeps the CNI node agent's 100m",
      ),
    ).toHaveLength(1);
  });

  it('takes a limit alone as the request, as Kubernetes copies it', () => {
    const limitsOnly = importFiles({
      'app.yaml': app('ambient'),
      'istio.yaml': `${ZTUNNEL.replace(
        'resources: { requests: { cpu: 100m, memory: 256Mi }, limits: { cpu: "1" } }',
        'resources: { limits: { cpu: 500m, memory: 1Gi } }',
      )}---\n${CNI.replace('requests: { cpu: 50m, memory: 64Mi }', 'limits: { cpu: 50m, memory: 64Mi }')}`,
    });
    // The ztunnel profile takes its cpuLimit as its request itself.
    expect(limitsOnly.scenario['mesh']).toEqual({
      shape: 'istio-ambient',
      ztunnel: { memoryRequest: '1Gi', cpuLimit: '500m' },
      istioCni: { cpuRequest: '50m', memoryRequest: '64Mi' },
    });
    expect(warningsWith(limitsOnly.warnings, 'requests no CPU')).toEqual([]);
  });

  it('keeps the first DaemonSet of a kind (two revisions), warning of the second', () => {
    const second = ZTUNNEL.replace('name: ztunnel, namespace', 'name: ztunnel-canary, namespace').replace(
      'cpu: 100m, memory: 256Mi',
      'cpu: 300m, memory: 1Gi',
    );
    const imported = importFiles({ 'app.yaml': app('ambient'), 'istio.yaml': `${ZTUNNEL}---\n${second}` });
    expect(imported.scenario['mesh']).toMatchObject({ ztunnel: { cpuRequest: '100m' } });
    expect(warningsWith(imported.warnings, 'a second ztunnel DaemonSet')).toHaveLength(1);
  });
});

describe('importDaemonSet: the other DaemonSets', () => {
  const daemonSet = (name: string, namespace: string, resources: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { k8s-app: ${name} } }
  template:
    metadata: { labels: { k8s-app: ${name} } }
    spec: { containers: [ { name: ${name}, resources: ${resources} } ] }
`;

  it('writes each with its requests, a name in two namespaces with its namespace, one without requests by name alone', () => {
    const imported = importFiles({
      'app.yaml': app('ambient'),
      'ds.yaml': [
        daemonSet('kube-proxy', 'kube-system', '{ requests: { cpu: 100m } }'),
        daemonSet('aws-node', 'kube-system', '{ requests: { cpu: 25m } }'),
        daemonSet('kube-proxy', 'other', '{}'),
        daemonSet('aws-node', 'kube-system', '{ requests: { cpu: 50m } }'),
      ].join('---\n'),
    });
    expect(imported.scenario['daemonSets']).toEqual([
      { name: 'kube-proxy', cpuRequest: '100m' },
      { name: 'aws-node', cpuRequest: '25m' },
      { name: 'other/kube-proxy' },
    ]);
    // The same DaemonSet twice: the first is kept.
    expect(warningsWith(imported.warnings, 'ds.yaml')).toEqual([
      'ds.yaml:30:13: DaemonSet/aws-node (document 4): metadata.name: DaemonSet kube-system/aws-node is there already: the first is kept',
    ]);
    // The run takes them on every node: 3 more pods and 125m requested on each.
    const config = parseScenario(JSON.stringify({ ...imported.scenario, nodeCpu: 2 }), 'imported.json');
    const result = simulate({ ...config, durationMs: 100 });
    expect(result.nodes.length).toBeGreaterThan(0);
    expect(result.nodes.every((node) => node.systemPods === 3)).toBe(true);
  });

  it("leaves them to a fragment's daemonSets, saying so", () => {
    const imported = importFiles(
      {
        'app.yaml': app('ambient'),
        'ds.yaml': daemonSet('kube-proxy', 'kube-system', '{ requests: { cpu: 100m } }'),
        'graph.yaml':
          'daemonSets: [{ name: aws-node, cpuRequest: 25m }]\nservices: { web: { serviceTime: 1ms } }\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(imported.scenario['daemonSets']).toEqual([{ name: 'aws-node', cpuRequest: '25m' }]);
    expect(
      warningsWith(
        imported.warnings,
        "daemonSets: the --graph fragment's list replaces the 1 DaemonSet(s) of the inputs",
      ),
    ).toHaveLength(1);
  });
});
