// The nodes and proxies saturated over a run (node CPU utilisation, a proxy kind's workers or CPU wait), and the
// words the reasons and the cascade line name them in.

import type { SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_THRESHOLDS, resourceSaturationText } from '../../../src/index.js';
import type { ResourceSaturation } from '../../../src/index.js';
import { resourceSaturation } from '../../../src/internal/diagnosis/resourceSaturation.js';

type Kind = SimulationResult['proxies']['byKind'][number];

function kind(fields: Partial<Kind> & { kind: string }): Kind {
  return { count: 3, cpuCores: 0, memoryMiB: 0, queued: 0, throttledMs: 0, cpuWaitMs: 0, ...fields };
}

/** A 10 s run with these nodes' utilisations, proxy kinds and (optionally) the kinds' workers. */
function resultWith(
  nodes: [string, number][],
  kinds: Kind[],
  workers: Record<string, number | null> = {},
): SimulationResult {
  return {
    scenario: {
      name: 't',
      description: '',
      seed: 1,
      durationMs: 10_000,
      mesh: 'cilium',
      meshProfiles: Object.entries(workers).map(([k, w]) => ({ kind: k, workers: w })),
    },
    nodes: nodes.map(([name, utilisation]) => ({ name, cores: 4, utilisation })),
    proxies: { count: 3, cpuCores: 0, memoryMiB: 0, byKind: kinds },
    services: [{ name: 'api', cpuWaitMs: 2000 }],
  } as unknown as SimulationResult;
}

describe('resourceSaturation', () => {
  it('names the nodes at or above 90 % CPU over the run, busiest first, and none below', () => {
    const saturated = resourceSaturation(
      resultWith(
        [
          ['prod/a/node-1', 0.899],
          ['prod/b/node-1', 0.9],
          ['prod/c/node-1', 0.992],
        ],
        [],
      ),
      DIAGNOSIS_THRESHOLDS,
    );
    expect(saturated?.nodes).toEqual([
      { node: 'prod/c/node-1', cores: 4, utilisation: 0.992 },
      { node: 'prod/b/node-1', cores: 4, utilisation: 0.9 },
    ]);
    expect(saturated?.appCpuWaitMs).toBe(2000);
  });

  it('names a kind of proxy that waited for a core at least as long as it ran, not one that waited less', () => {
    // cilium-envoy ran 1.2 cores × 10 s = 12 s and waited 13 s; ztunnel ran 12 s and waited 11.9 s.
    const saturated = resourceSaturation(
      resultWith(
        [],
        [
          kind({ kind: 'ztunnel', cpuCores: 1.2, cpuWaitMs: 11_900 }),
          kind({ kind: 'cilium-envoy', cpuCores: 1.2, cpuWaitMs: 13_000, queued: 500, traversals: 4000 }),
        ],
      ),
      DIAGNOSIS_THRESHOLDS,
    );
    expect(saturated?.nodes).toEqual([]);
    expect(saturated?.proxies).toEqual([
      {
        kind: 'cilium-envoy',
        count: 3,
        queued: 500,
        traversals: 4000,
        cpuMs: 12_000,
        cpuWaitMs: 13_000,
        workerUtilisation: null,
      },
    ]);
    expect(saturated?.proxyCpuWaitMs).toBe(24_900);
  });

  it("names a kind of proxy whose workers were ≥ 90 % busy (CPU ÷ proxies × its profile's workers)", () => {
    // 25 sidecars of 2 workers: 45.5 cores is 91 % of their 50 workers; 40 cores would be 80 %.
    const busy = resourceSaturation(
      resultWith([], [kind({ kind: 'envoy-sidecar', count: 25, cpuCores: 45.5 })], { 'envoy-sidecar': 2 }),
      DIAGNOSIS_THRESHOLDS,
    );
    expect(busy?.proxies.map((p) => [p.kind, p.workerUtilisation])).toEqual([['envoy-sidecar', 0.91]]);
    const idle = resultWith([], [kind({ kind: 'envoy-sidecar', count: 25, cpuCores: 40 })], {
      'envoy-sidecar': 2,
    });
    expect(resourceSaturation(idle, DIAGNOSIS_THRESHOLDS)).toBeNull();
    // Unlimited workers (null) are never busy.
    const unlimited = resultWith([], [kind({ kind: 'waypoint', cpuCores: 100 })], { waypoint: null });
    expect(resourceSaturation(unlimited, DIAGNOSIS_THRESHOLDS)).toBeNull();
  });

  it('is null when no node nor proxy saturated (a run without node CPU, or an idle one)', () => {
    expect(
      resourceSaturation(resultWith([['n', 0.5]], [kind({ kind: 'x', cpuCores: 1 })]), DIAGNOSIS_THRESHOLDS),
    ).toBeNull();
  });
});

describe('resourceSaturationText', () => {
  const resources: ResourceSaturation = {
    nodes: [{ node: 'prod/b/node-1', cores: 4, utilisation: 0.9924 }],
    proxies: [
      {
        kind: 'cilium-envoy',
        count: 3,
        queued: 186_628,
        traversals: 339_425,
        cpuMs: 42_417,
        cpuWaitMs: 55_845.4,
        workerUtilisation: 0.236,
      },
    ],
    appCpuWaitMs: 33_988.1,
    proxyCpuWaitMs: 55_845.4,
  };

  it('names each node and kind of proxy with its figures, then the waits of every node together', () => {
    expect(resourceSaturationText(resources)).toBe(
      'node prod/b/node-1 CPU saturated (99.2 % busy), cilium-envoy saturated (3 proxies; workers 23.6 % busy; ' +
        '186,628 of 339,425 traversals queued for a worker; waited 55.8 s for a core, 1.3× the CPU they ran); ' +
        'on every node together, applications waited 34 s and proxies 55.8 s for a core (summed over tasks)',
    );
  });

  it('adds no waits without a saturated node, and leaves out a wait of 0', () => {
    expect(resourceSaturationText({ ...resources, nodes: [] })).toBe(
      'cilium-envoy saturated (3 proxies; workers 23.6 % busy; 186,628 of 339,425 traversals queued for a worker; ' +
        'waited 55.8 s for a core, 1.3× the CPU they ran)',
    );
    expect(resourceSaturationText({ ...resources, proxies: [], proxyCpuWaitMs: 0 })).toBe(
      'node prod/b/node-1 CPU saturated (99.2 % busy); on every node together, applications waited 34 s for a core ' +
        '(summed over tasks)',
    );
  });
});
