// The mesh's DaemonSets: Istio ambient's ztunnel gives mesh.ztunnel's requests and CPU limit, Istio's CNI node agent
// mesh.istioCni's requests (under istio-sidecar its presence runs the agent); any other DaemonSet is warned, and so
// is an agent the mesh does not run.

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

  it('warns of the agents under another mesh, of other DaemonSets, and of an agent without a CPU request', () => {
    const other = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fluent-bit, namespace: logging }
spec:
  selector: { matchLabels: { app: fluent-bit } }
  template:
    metadata: { labels: { app: fluent-bit } }
    spec: { containers: [ { name: fluent-bit, resources: { requests: { cpu: 100m } } } ] }
`;
    const linkerd = importFiles({ 'app.yaml': app('linkerd'), 'ds.yaml': `${CNI}---\n${other}` });
    expect(linkerd.scenario['mesh']).toBe('linkerd');
    expect(
      warningsWith(
        linkerd.warnings,
        'ds.yaml#1 DaemonSet/istio-cni-node: not imported (the mesh is linkerd; istio-ambient and istio-sidecar run it)',
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(
        linkerd.warnings,
        "DaemonSet/fluent-bit (document 2): not imported: meshsim reads the mesh's DaemonSets",
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
