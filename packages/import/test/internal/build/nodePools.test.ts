// Node pools from Kubernetes Nodes: each pool label (GKE, EKS, AKS, Karpenter) groups nodes of their own size; the
// largest untainted group nothing selects is the cluster's own, the others node pools — shared when untainted (any
// pod may run there), dedicated when tainted and selected; a service whose workload's nodeSelector picks a pool
// runs on it.

import { describe, expect, it } from 'vitest';

import { resolveScenario } from '@meshsim/scenario';

import { importFiles, warningsWith } from '../../__helpers__/fixtures.js';

/** A Node of pool `pool` (EKS label; null: none) in `zone` with `cpu` allocatable, tainted if `taint`. */
function node(name: string, zone: string, cpu: string, pool: string | null, taint = false): string {
  const poolLabel = pool === null ? '' : `, eks.amazonaws.com/nodegroup: ${pool}`;
  const taints = taint ? ', taints: [ { key: dedicated, value: search, effect: NoSchedule } ]' : '';
  return `apiVersion: v1\nkind: Node\nmetadata: { name: ${name}, labels: { topology.kubernetes.io/zone: ${zone}${poolLabel} } }\nspec: { providerID: "aws:///${name}"${taints} }\nstatus: { allocatable: { cpu: ${cpu} } }\n`;
}

/** A Deployment and its Service, with a nodeSelector (flow YAML) or none, and tolerations (flow YAML) or none. */
function app(name: string, nodeSelector: string | null, tolerations: string | null = null): string {
  const selector =
    (nodeSelector === null ? '' : `, nodeSelector: ${nodeSelector}`) +
    (tolerations === null ? '' : `, tolerations: ${tolerations}`);
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec: { containers: [ { name: ${name} } ]${selector} }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec: { selector: { app: ${name} } }\n`;
}

const NODES = [
  node('g1', 'a', '1930m', 'general'),
  node('g2', 'b', '1930m', 'general'),
  node('g3', 'a', '1930m', 'general'),
  node('c1', 'a', '15890m', 'compute'),
  node('c2', 'b', '15890m', 'compute'),
];

function importShop(searchSelector: string | null, nodes = NODES) {
  return importFiles({
    'apps.yaml': [app('web', null), app('search', searchSelector)].join('---\n'),
    'nodes.yaml': nodes.join('---\n'),
  });
}

describe('node pools from Nodes', () => {
  it("makes a selected pool a node pool of its own size, and its workload's service runs on it", () => {
    const imported = importShop('{ eks.amazonaws.com/nodegroup: compute }');
    expect(imported.scenario['clusters']).toEqual([
      {
        name: 'cluster-1',
        zones: [
          { name: 'a', nodes: 2 },
          { name: 'b', nodes: 1 },
        ],
        nodeCpu: '1930m',
        nodePools: [
          {
            name: 'compute',
            zones: [
              { name: 'a', nodes: 1 },
              { name: 'b', nodes: 1 },
            ],
            nodeCpu: '15890m',
            shared: true,
          },
        ],
      },
    ]);
    const services = imported.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['search']?.['nodePool']).toBe('compute');
    expect(services['web']?.['nodePool']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'differ in allocatable CPU')).toEqual([]);
    // The scenario it writes is valid and places search on the pool's nodes.
    const config = resolveScenario(imported.scenario, 'shop.yaml');
    expect(config.services.find((s) => s.name === 'search')?.nodePool).toBe('compute');
  });

  it('keeps a pool no workload selects as a shared pool of its own size, where any pod may run', () => {
    const imported = importShop(null);
    const [cluster] = imported.scenario['clusters'] as Record<string, unknown>[];
    expect(cluster?.['zones']).toEqual([
      { name: 'a', nodes: 2 },
      { name: 'b', nodes: 1 },
    ]);
    expect(cluster?.['nodePools']).toEqual([
      {
        name: 'compute',
        zones: [
          { name: 'a', nodes: 1 },
          { name: 'b', nodes: 1 },
        ],
        nodeCpu: '15890m',
        shared: true,
      },
    ]);
    expect(warningsWith(imported.warnings, 'differ in allocatable CPU')).toEqual([]);
    // Placed over the cluster's nodes and the shared pool's alike.
    const config = resolveScenario(imported.scenario, 'shop.yaml');
    expect(config.services.every((s) => s.nodePool === undefined)).toBe(true);
  });

  it("makes nodes without a pool label the cluster's own, every labelled group a pool", () => {
    const imported = importShop(null, [
      node('u1', 'a', '3920m', null),
      node('u2', 'b', '3920m', null),
      ...NODES,
    ]);
    const [cluster] = imported.scenario['clusters'] as Record<string, unknown>[];
    expect(cluster?.['nodeCpu']).toBe('3920m');
    expect((cluster?.['nodePools'] as { name: string }[]).map((p) => p.name)).toEqual(['compute', 'general']);
  });

  it('counts a tainted pool when a workload selects it, and leaves it out (warned) when none does', () => {
    const tainted = [...NODES.slice(0, 3), node('c1', 'a', '15890m', 'compute', true)];
    const selected = importShop('{ eks.amazonaws.com/nodegroup: compute }', tainted);
    const [cluster] = selected.scenario['clusters'] as Record<string, unknown>[];
    expect(cluster?.['nodePools']).toEqual([
      { name: 'compute', zones: [{ name: 'a', nodes: 1 }], nodeCpu: '15890m' },
    ]);
    expect(warningsWith(selected.warnings, 'taint dedicated')).toEqual([]);
    const unselected = importShop(null, tainted);
    expect((unselected.scenario['clusters'] as Record<string, unknown>[])[0]?.['nodePools']).toBeUndefined();
    expect(
      warningsWith(
        unselected.warnings,
        'taint dedicated:NoSchedule, and no workload selects its node pool compute or tolerates its taints',
      ),
    ).toHaveLength(1);
  });

  it('warns about a selector on another label, and a selected pool without nodes', () => {
    const other = importShop('{ disktype: ssd }');
    expect(
      warningsWith(
        other.warnings,
        'nodeSelector disktype=ssd of Deployment/search: not a node pool label meshsim reads',
      ),
    ).toHaveLength(1);
    const missing = importShop('{ eks.amazonaws.com/nodegroup: gpu }');
    expect(
      warningsWith(
        missing.warnings,
        'Deployment/search selects node pool gpu (eks.amazonaws.com/nodegroup), which no imported Node belongs to',
      ),
    ).toHaveLength(1);
    const services = missing.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['search']?.['nodePool']).toBeUndefined();
  });

  it("lets a workload that tolerates a tainted pool's taint run there too (tolerates), and keeps the pool", () => {
    const tainted = [...NODES.slice(0, 3), node('c1', 'a', '15890m', 'compute', true)];
    const spot = '[ { key: dedicated, operator: Equal, value: search, effect: NoSchedule } ]';
    const imported = importFiles({
      'apps.yaml': [app('web', null), app('search', null, spot)].join('---\n'),
      'nodes.yaml': tainted.join('---\n'),
    });
    const [cluster] = imported.scenario['clusters'] as Record<string, unknown>[];
    expect(cluster?.['nodePools']).toEqual([
      { name: 'compute', zones: [{ name: 'a', nodes: 1 }], nodeCpu: '15890m' },
    ]);
    const services = imported.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['search']?.['tolerates']).toEqual(['compute']);
    expect(services['search']?.['nodePool']).toBeUndefined();
    expect(services['web']?.['tolerates']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'tolerations')).toEqual([]);
    // A toleration of another value, or of another effect, does not.
    for (const other of [
      '[ { key: dedicated, operator: Equal, value: batch, effect: NoSchedule } ]',
      '[ { key: dedicated, operator: Exists, effect: NoExecute } ]',
    ]) {
      const none = importFiles({
        'apps.yaml': [app('web', null), app('search', null, other)].join('---\n'),
        'nodes.yaml': tainted.join('---\n'),
      });
      const own = none.scenario['services'] as Record<string, Record<string, unknown>>;
      expect(own['search']?.['tolerates'], other).toBeUndefined();
    }
    // Keyless Exists tolerates every taint.
    const all = importFiles({
      'apps.yaml': [app('web', null), app('search', null, '[ { operator: Exists } ]')].join('---\n'),
      'nodes.yaml': tainted.join('---\n'),
    });
    expect(
      (all.scenario['services'] as Record<string, Record<string, unknown>>)['search']?.['tolerates'],
    ).toEqual(['compute']);
  });

  it("names the cluster's own pool when a workload selects it (poolName), so its service stays on those nodes", () => {
    const imported = importFiles({
      'apps.yaml': [
        app('web', '{ eks.amazonaws.com/nodegroup: general }'),
        app('search', '{ eks.amazonaws.com/nodegroup: compute }'),
      ].join('---\n'),
      'nodes.yaml': NODES.join('---\n'),
    });
    const [cluster] = imported.scenario['clusters'] as Record<string, unknown>[];
    expect(cluster?.['poolName']).toBe('general');
    const services = imported.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['web']?.['nodePool']).toBe('general');
    expect(services['search']?.['nodePool']).toBe('compute');
    expect(warningsWith(imported.warnings, 'select different node pools')).toEqual([]);
    // The scenario it writes is valid: web runs on the 2-core nodes only, not on the shared compute pool.
    const config = resolveScenario(imported.scenario, 'shop.yaml');
    expect(config.clusters[0]?.poolName).toBe('general');
    // Without a selection of the own pool, no poolName is written.
    const plain = importShop('{ eks.amazonaws.com/nodegroup: compute }');
    expect((plain.scenario['clusters'] as Record<string, unknown>[])[0]?.['poolName']).toBeUndefined();
  });
});
