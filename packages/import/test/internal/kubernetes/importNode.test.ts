// Kubernetes Nodes make the scenario's cluster: zones by their zone label, nodes per zone, the most common
// allocatable CPU as the node size; cordoned and tainted nodes do not count, and a fragment's clusters or
// nodeCpu win.

import { describe, expect, it } from 'vitest';

import { importFiles, warningsWith } from '../../__helpers__/fixtures.js';

/** A Node in `zone` (none: unlabelled) with `allocatable` CPU, plus extra `spec` YAML (flow). */
function node(name: string, zone: string | null, allocatable: string | null, spec = ''): string {
  const labels =
    zone === null
      ? '{}'
      : `{ topology.kubernetes.io/zone: ${zone}, topology.kubernetes.io/region: us-east-1 }`;
  const status =
    allocatable === null ? '{}' : `{ capacity: { cpu: "64" }, allocatable: { cpu: ${allocatable} } }`;
  return `apiVersion: v1\nkind: Node\nmetadata: { name: ${name}, labels: ${labels} }\nspec: { providerID: "aws:///${name}"${spec === '' ? '' : `, ${spec}`} }\nstatus: ${status}\n`;
}

const APP =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 3\n  selector: { matchLabels: { app: api } }\n  template:\n    metadata: { labels: { app: api } }\n    spec: { containers: [ { name: api, resources: { limits: { cpu: 500m } } } ] }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: api }\nspec: { selector: { app: api } }\n';

function importNodes(nodes: readonly string[], extra: Readonly<Record<string, string>> = {}, graph?: string) {
  return importFiles(
    { 'app.yaml': APP, 'nodes.yaml': nodes.join('---\n'), ...extra },
    graph === undefined ? {} : { graph },
  );
}

describe('importNode', () => {
  it('makes one cluster: zones by label (sorted), nodes per zone, region, allocatable CPU as nodeCpu', () => {
    const imported = importNodes([
      node('n1', 'us-east-1b', '3920m'),
      node('n2', 'us-east-1a', '3920m'),
      node('n3', 'us-east-1b', '3920m'),
    ]);
    expect(imported.scenario['clusters']).toEqual([
      {
        name: 'cluster-1',
        region: 'us-east-1',
        zones: [
          { name: 'us-east-1a', nodes: 1 },
          { name: 'us-east-1b', nodes: 2 },
        ],
        nodeCpu: '3920m',
      },
    ]);
    expect(imported.model.nodes.map((n) => [n.name, n.zone, n.cpuCores])).toEqual([
      ['n1', 'us-east-1b', 3.92],
      ['n2', 'us-east-1a', 3.92],
      ['n3', 'us-east-1b', 3.92],
    ]);
    // The containers' CPU limit now has nodes with a size: no warning that it would do nothing.
    expect(warningsWith(imported.warnings, 'CPU requests or limits')).toEqual([]);
    expect(warningsWith(imported.warnings, 'providerID')).toEqual([]);
  });

  it('takes the most common allocatable memory as nodeMemory, warns when the Nodes differ, and names a bad value', () => {
    const withMemory = (name: string, memory: string) =>
      node(name, 'us-east-1a', '2').replace(
        'allocatable: { cpu: 2 }',
        `allocatable: { cpu: 2, memory: ${memory} }`,
      );
    const imported = importNodes([
      withMemory('n1', '3470Mi'),
      withMemory('n2', '3470Mi'),
      withMemory('n3', '7Gi'),
    ]);
    expect(imported.model.nodes.map((n) => n.memoryMiB)).toEqual([3470, 3470, 7168]);
    expect(imported.scenario['clusters']).toMatchObject([{ nodeCpu: 2, nodeMemory: '3470Mi' }]);
    expect(
      warningsWith(imported.warnings, 'differ in allocatable memory (3470Mi × 2, 7Gi × 1)'),
    ).toHaveLength(1);
    // Checked as a container's memory is: one rule, one message.
    const bad = importNodes([withMemory('n1', 'lots'), withMemory('n2', '512m'), withMemory('n3', '-1Gi')]);
    expect(warningsWith(bad.warnings, 'status.allocatable.memory: ')).toEqual([
      expect.stringContaining(
        'status.allocatable.memory: "lots" is not a Kubernetes quantity (such as 128Mi, 1Gi or 500M), which Kubernetes rejects; ignored',
      ),
      expect.stringContaining(
        'status.allocatable.memory: "512m" is 0.512 bytes (did you mean 512Mi?); ignored',
      ),
      expect.stringContaining(
        'status.allocatable.memory: "-1Gi" is negative, which Kubernetes does not allow; ignored',
      ),
    ]);
    const tiny = importNodes([withMemory('n1', '512')]);
    expect(warningsWith(tiny.warnings, 'status.allocatable.memory: ')).toEqual([
      expect.stringContaining(
        'status.allocatable.memory: "512" is 512 bytes (did you mean 512Mi?); imported as written',
      ),
    ]);
    // A fragment's nodeMemory wins, said once.
    const fragment = importNodes(
      [withMemory('n1', '3470Mi')],
      { 'graph.yaml': 'nodeMemory: 4Gi\n' },
      'graph.yaml',
    );
    expect(fragment.scenario).toMatchObject({ nodeMemory: '4Gi' });
    expect(warningsWith(fragment.warnings, "nodeMemory: the --graph fragment's")).toHaveLength(1);
  });

  it("checks a Node's CPU as a container's (not a quantity, negative, finer than 1m) and skips 0, then reads capacity", () => {
    const bad = importNodes([
      node('n1', 'us-east-1a', '"-2"'),
      node('n2', 'us-east-1a', '"100u"'),
      node('n3', 'us-east-1a', 'lots'),
      node('n4', 'us-east-1a', '0'),
    ]);
    expect(warningsWith(bad.warnings, 'status.allocatable.cpu: ').map((w) => w.split('cpu: ')[1])).toEqual([
      '"-2" is negative, which Kubernetes does not allow; ignored',
      '"100u" is finer than 1m, which Kubernetes does not allow; ignored',
      '"lots" is not a Kubernetes quantity (such as 250m, 0.5 or 2), which Kubernetes rejects; ignored',
      '0 leaves pods no CPU; ignored',
    ]);
    expect(bad.model.nodes.map((n) => n.cpuCores)).toEqual([64, 64, 64, 64]);
  });

  it("takes the most common allocatable pods as nodeMaxPods (not the kubelet's default 110), and names a bad value", () => {
    const withPods = (name: string, pods: string) =>
      node(name, 'us-east-1a', '2').replace(
        'allocatable: { cpu: 2 }',
        `allocatable: { cpu: 2, pods: "${pods}" }`,
      );
    const eks = importNodes([withPods('n1', '29'), withPods('n2', '29'), withPods('n3', '58')]);
    expect(eks.model.nodes.map((n) => n.maxPods)).toEqual([29, 29, 58]);
    expect(eks.scenario['clusters']).toMatchObject([{ nodeCpu: 2, nodeMaxPods: 29 }]);
    expect(warningsWith(eks.warnings, 'differ in allocatable pod limit (29 × 2, 58 × 1)')).toHaveLength(1);
    // The default needs no field.
    const kubelet = importNodes([withPods('n1', '110')]);
    expect((kubelet.scenario['clusters'] as Record<string, unknown>[])[0]).not.toHaveProperty('nodeMaxPods');
    const bad = importNodes([withPods('n1', 'many')]);
    expect(
      warningsWith(bad.warnings, 'status.allocatable.pods: not a whole number of pods (got "many"); ignored'),
    ).toHaveLength(1);
  });

  it('leaves out cordoned nodes and nodes tainted NoSchedule or NoExecute, with a warning; PreferNoSchedule stays', () => {
    const imported = importNodes([
      node(
        'cp',
        'us-east-1a',
        '2',
        'taints: [ { key: node-role.kubernetes.io/control-plane, effect: NoSchedule } ]',
      ),
      node('cordoned', 'us-east-1a', '4', 'unschedulable: true'),
      node('soft', 'us-east-1a', '4', 'taints: [ { key: spot, effect: PreferNoSchedule } ]'),
    ]);
    expect(imported.scenario['clusters']).toMatchObject([
      { zones: [{ name: 'us-east-1a', nodes: 1 }], nodeCpu: 4 },
    ]);
    expect(
      warningsWith(
        imported.warnings,
        "Node/cp (document 1): spec.taints: taint node-role.kubernetes.io/control-plane:NoSchedule: application pods do not run on this node, so it is not one of the cluster's nodes",
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, 'Node/cordoned (document 2): spec.unschedulable: cordoned'),
    ).toHaveLength(1);
  });

  it('takes the most common size when nodes differ, the larger at a tie, and says so', () => {
    const imported = importNodes([node('a', 'z', '3920m'), node('b', 'z', '7910m'), node('c', 'z', '7910m')]);
    expect(imported.scenario['clusters']).toMatchObject([{ nodeCpu: '7910m' }]);
    expect(
      warningsWith(
        imported.warnings,
        'the Nodes differ in allocatable CPU (7910m × 2, 3920m × 1); a cluster has one node size: nodeCpu 7910m, the most common',
      ),
    ).toHaveLength(1);
    const tie = importNodes([node('a', 'z', '2'), node('b', 'z', '4')]);
    expect(tie.scenario['clusters']).toMatchObject([{ nodeCpu: 4 }]);
  });

  it('reads capacity when there is no allocatable CPU, and puts unlabelled nodes in a zone of their own', () => {
    const capacityOnly =
      'apiVersion: v1\nkind: Node\nmetadata: { name: bare }\nstatus: { capacity: { cpu: "8" } }\n';
    const imported = importNodes([capacityOnly, node('a', 'z', '8')]);
    expect(imported.scenario['clusters']).toMatchObject([
      {
        zones: [
          { name: 'unlabelled', nodes: 1 },
          { name: 'z', nodes: 1 },
        ],
        nodeCpu: 8,
      },
    ]);
    expect(
      warningsWith(imported.warnings, '1 of 2 Nodes carry no topology.kubernetes.io/zone label'),
    ).toHaveLength(1);
  });

  it('gives no node size when no Node says its CPU, and warns', () => {
    const imported = importNodes([node('a', 'z', null)]);
    expect(imported.scenario['clusters']).toEqual([
      { name: 'cluster-1', region: 'us-east-1', zones: [{ name: 'z', nodes: 1 }] },
    ]);
    expect(warningsWith(imported.warnings, 'no Node gives status.allocatable.cpu')).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'CPU requests or limits from their containers')).toHaveLength(1);
  });

  it("yields to the fragment's clusters and to its nodeCpu, with a warning each", () => {
    const nodes = [node('a', 'z', '4')];
    const withClusters = importNodes(
      nodes,
      {
        'graph.yaml':
          'clusters: [ { name: prod, zones: [ { name: a, nodes: 3 } ] } ]\nservices: { api: { serviceTime: 2ms } }\n',
      },
      'graph.yaml',
    );
    expect(withClusters.scenario['clusters']).toEqual([{ name: 'prod', zones: [{ name: 'a', nodes: 3 }] }]);
    expect(
      warningsWith(withClusters.warnings, "the --graph fragment's clusters replace the 1 Node resources'"),
    ).toHaveLength(1);
    const withNodeCpu = importNodes(
      nodes,
      { 'graph.yaml': 'nodeCpu: 2\nservices: { api: { serviceTime: 2ms } }\n' },
      'graph.yaml',
    );
    expect(withNodeCpu.scenario['clusters']).toEqual([
      { name: 'cluster-1', region: 'us-east-1', zones: [{ name: 'z', nodes: 1 }] },
    ]);
    expect(withNodeCpu.scenario['nodeCpu']).toBe(2);
    expect(
      warningsWith(
        withNodeCpu.warnings,
        "nodeCpu: the --graph fragment's 2 is every node's size, in place of the Nodes' allocatable CPU (4)",
      ),
    ).toHaveLength(1);
  });

  it('is not imported when every node is tainted against pods', () => {
    const imported = importNodes([node('cp', 'z', '2', 'taints: [ { key: x, effect: NoExecute } ]')]);
    expect(imported.scenario['clusters']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'every Node is cordoned or tainted against pods')).toHaveLength(1);
  });

  describe('the OS image: Amazon Linux 2 runs cgroup v1', () => {
    /** A Node in zone a with `osImage` in its status (null: none). */
    const withOs = (name: string, osImage: string | null): string =>
      node(name, 'a', '1930m').replace(
        'allocatable: { cpu: 1930m } }',
        `allocatable: { cpu: 1930m }${osImage === null ? '' : `, nodeInfo: { osImage: "${osImage}", kubeletVersion: v1.29.0 }`} }`,
      );

    it('gives cpuWeights: shares when every node runs Amazon Linux 2, with a comment naming a Node', () => {
      const imported = importNodes([withOs('n1', 'Amazon Linux 2'), withOs('n2', 'Amazon Linux 2')]);
      expect(imported.scenario['cpuWeights' as keyof typeof imported.scenario]).toBe('shares');
      const comment = imported.comments.find((c) => c.path.join('.') === 'cpuWeights');
      expect(comment?.text).toMatch(
        /^cgroup v1: every Node runs Amazon Linux 2 \(status\.nodeInfo\.osImage, e\.g\. nodes\.yaml#1 Node\/n1\)/,
      );
    });

    it('leaves the default for Amazon Linux 2023 and other images, and warns when the nodes are mixed', () => {
      for (const os of ['Amazon Linux 2023.6.20241212', 'Bottlerocket OS 1.26.1 (aws-k8s-1.31)', null]) {
        const imported = importNodes([withOs('n1', os), withOs('n2', os)]);
        expect(imported.scenario['cpuWeights' as keyof typeof imported.scenario]).toBeUndefined();
      }
      const mixed = importNodes([
        withOs('n1', 'Amazon Linux 2'),
        withOs('n2', 'Amazon Linux 2023.6.20241212'),
      ]);
      expect(mixed.scenario['cpuWeights' as keyof typeof mixed.scenario]).toBeUndefined();
      expect(warningsWith(mixed.warnings, '1 of 2 Nodes run Amazon Linux 2')).toHaveLength(1);
    });

    it('lets the --graph fragment say otherwise', () => {
      const imported = importNodes(
        [withOs('n1', 'Amazon Linux 2')],
        { 'graph.yaml': 'cpuWeights: linear\n' },
        'graph.yaml',
      );
      expect(imported.scenario['cpuWeights' as keyof typeof imported.scenario]).toBe('linear');
    });
  });
});
