// The noisy-neighbour example as a contract: on a saturated node the API's tail follows its CPU request relative to
// its neighbour's (Kubernetes' CPU weights), the work done does not change, and docs/model.md shows the table.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { cpuWeightOfRequest, resolveMeshConfig, simulate, summarizeComparison } from 'meshsim';

import { cpuSharesOfRequest, kubeletCpuWeight } from '../../packages/mesh/src/internal/index.js';
import type { CpuWeightConversion } from 'meshsim';

import {
  loadNoisyNeighbour,
  noisyNeighbourTable,
  runNoisyNeighbour,
  withRequests,
} from '../cpu/noisyNeighbour.js';

describe('noisy-neighbour example (CPU weights from requests)', () => {
  const rows = runNoisyNeighbour();
  const byLabel = new Map(rows.map((row) => [row.label, row.result]));
  const apiP99 = (label: string) =>
    byLabel.get(label)?.edges.find((edge) => edge.source === 'users')?.latency.p99Ms ?? Number.NaN;

  it("keeps the API's tail while it outweighs its neighbour, and loses it when the neighbour outweighs it", () => {
    const written = apiP99('api 250m, batch none (as written)');
    expect(apiP99('api none, batch none')).toBeGreaterThan(1.5 * written);
    expect(apiP99('api 500m, batch 700m')).toBeGreaterThan(1.5 * written);
    expect(apiP99('api 250m, batch 1 core')).toBeGreaterThan(5 * written);
  });

  it('makes the sidecars (100m) wait once their own application requests more, not while it requests nothing', () => {
    const sidecarWait = (label: string) =>
      byLabel.get(label)?.services.find((service) => service.name === 'api')?.sidecarCpuWaitMs ?? Number.NaN;
    expect(sidecarWait('api 500m, batch 700m')).toBeGreaterThan(10 * sidecarWait('api none, batch none'));
  });

  it('leaves the second API pod and the batch worker Pending when both sides ask for a core (docs/model.md)', () => {
    const result = simulate(withRequests(loadNoisyNeighbour(), { label: '', apiCores: 1, batchCores: 1 }));
    expect(result.services.map((s) => [s.name, s.instances, s.pendingPods])).toEqual([
      ['api', 1, 1],
      ['batch', 0, 1],
    ]);
  });

  it('saturates the node in every row and does the same work: the weights change who waits', () => {
    for (const { result } of rows) {
      expect(result.nodes[0]?.utilisation).toBeGreaterThan(0.99);
      const api = result.services.find((service) => service.name === 'api')?.cpuCores ?? 0;
      const first = rows[0]?.result.services.find((service) => service.name === 'api')?.cpuCores ?? 0;
      expect(api).toBeCloseTo(first, 2);
    }
  });

  it("the runtime's conversion splits a pod's share only: the sidecars wait longer under the older ones", () => {
    const config = withRequests(loadNoisyNeighbour(), { label: '', apiCores: 0.25, batchCores: 1 });
    const api = (cpuWeights: CpuWeightConversion) => {
      const result = simulate({ ...config, cpuWeights });
      return {
        p99Ms: result.edges.find((edge) => edge.source === 'users')?.latency.p99Ms ?? Number.NaN,
        sidecarWaitMs: result.services.find((s) => s.name === 'api')?.sidecarCpuWaitMs ?? Number.NaN,
      };
    };
    const quadratic = api('quadratic');
    const linear = api('linear');
    const shares = api('shares');
    // The kubelet weighs the pods alike under both cgroup v2 conversions: the same p99 within a few per cent.
    expect(Math.abs(linear.p99Ms / quadratic.p99Ms - 1)).toBeLessThan(0.05);
    // In their pods the sidecars weigh 4 (linear) instead of 17 against the API's 10 instead of 35: they wait longer.
    expect(linear.sidecarWaitMs).toBeGreaterThan(1.1 * quadratic.sidecarWaitMs);
    // cgroup v1: the pods weigh in about the same proportions (358 shares per API pod against 1126), but in their pods
    // the sidecars weigh 102 against the API's 256 (17 against 35): they wait longer and the API's p99 rises.
    expect(shares.sidecarWaitMs).toBeGreaterThan(1.1 * quadratic.sidecarWaitMs);
    expect(shares.p99Ms).toBeGreaterThan(1.1 * quadratic.p99Ms);
  });

  it("leaves the batch worker's pod BestEffort without a mesh and under Linkerd, not under Istio's 100m sidecars", () => {
    const config = loadNoisyNeighbour();
    const results = ['none', 'linkerd', 'istio-sidecar'].map((shape) =>
      simulate({ ...config, durationMs: 1000, mesh: resolveMeshConfig({ shape }) }),
    );
    expect(summarizeComparison(results).shapes.map((s) => s.bestEffortPods)).toEqual([1, 1, 0]);
  });

  it("docs/model.md draws the node's cgroup tree as written, with the weights of the run", () => {
    const result = simulate(loadNoisyNeighbour());
    const node = result.nodes[0];
    const pod = (name: string) => result.services.find((service) => service.name === name)?.podCpuWeight;
    const milli = (cores: number) => `${Math.round(cores * 1000)}m`;
    const rows: [string, number, string][] = [];
    const podRows = (name: string, appCores: number | undefined) => {
      const requested = appCores === undefined ? '100m' : `${milli(appCores)} + 100m`;
      rows.push([`${name}`, pod(name.replace(/-\d+$/, '')) ?? Number.NaN, requested]);
      rows.push([
        `${name}/app`,
        cpuWeightOfRequest(appCores),
        appCores === undefined ? 'none' : milli(appCores),
      ]);
      rows.push([`${name}/istio-proxy`, cpuWeightOfRequest(0.1), '100m']);
    };
    podRows('api-1', 0.25);
    podRows('api-2', 0.25);
    podRows('batch-1', undefined);
    const prefixes = [
      '├── ',
      '│   ├── ',
      '│   └── ',
      '├── ',
      '│   ├── ',
      '│   └── ',
      '└── ',
      '    ├── ',
      '    └── ',
    ];
    const lines: [string, number, string][] = [
      [
        '└── kubepods',
        kubeletCpuWeight(cpuSharesOfRequest(node?.cores), 'quadratic'),
        `${node?.cores} cores allocatable`,
      ],
      [
        '    └── kubepods/burstable',
        kubeletCpuWeight(cpuSharesOfRequest(0.8), 'quadratic'),
        '800m requested by its pods',
      ],
      ...rows.map(([name, weight, note], i): [string, number, string] => [
        `        ${prefixes[i]}${name}`,
        weight,
        note,
      ]),
    ];
    const width = Math.max(...lines.map(([name]) => name.length));
    const tree = [
      `${node?.name} (${node?.cores} cores)`,
      ...lines.map(
        ([name, weight, note]) => `${name.padEnd(width)} ${String(weight).padStart(3)}  (${note})`,
      ),
    ].join('\n');
    const page = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');
    expect(page).toContain(`<!-- cgroup tree: noisy-neighbour -->\n\`\`\`text\n${tree}\n\`\`\``);
  });

  it('docs/model.md shows its table', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');
    expect(page).toContain(noisyNeighbourTable(rows));
  });
});
