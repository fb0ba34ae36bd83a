// docs/model.md's table of the mesh's proxies' CPU requests and weights is what runs of each shape give: each
// kind's request per proxy (from a run's results) and its weight (in its app's pod, as a pod of its own, or the
// kernel's).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { cpuWeightOfRequest, resolveScenario, simulate } from 'meshsim';
import { describe, expect, it } from 'vitest';

import {
  KERNEL_CPU_WEIGHT,
  cpuSharesOfRequest,
  kubeletCpuWeight,
} from '../../packages/mesh/src/internal/index.js';

const page = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');

/** The table's rows after its marker: [shape, kind, request, weight]. */
function documentedRows(): string[][] {
  const rows: string[][] = [];
  for (const line of page.slice(page.indexOf('<!-- proxy weights -->')).split('\n').slice(1)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('| `')) {
      rows.push(
        trimmed
          .split('|')
          .slice(1, 5)
          .map((cell) => cell.trim().replaceAll('`', '')),
      );
    } else if (rows.length > 0) break;
  }
  return rows;
}

/** Each proxy kind of a small run under `shape` (a waypoint under ambient, a retry so Cilium runs its Envoy): request per proxy [cores]. */
function requestPerProxy(shape: string): Map<string, number> {
  const run = simulate(
    resolveScenario(
      {
        nodeCpu: 2,
        duration: '100ms',
        mesh: shape,
        services: {
          a: {
            serviceTime: '1ms',
            calls: [{ to: 'b', retry: { attempts: 2 } }],
            ...(shape === 'istio-ambient' && { waypoint: 'a-waypoint' }),
          },
          b: { serviceTime: '1ms' },
        },
        traffic: [{ to: 'a', rate: 10 }],
      },
      'proxy-weights',
    ),
  );
  return new Map(run.proxies.byKind.map((kind) => [kind.kind, (kind.cpuRequestedCores ?? 0) / kind.count]));
}

/** The proxy kinds that run as pods of their own (DaemonSets, waypoint Deployments), not in an application's pod. */
const OWN_POD = new Set(['ztunnel', 'waypoint', 'cilium-envoy']);

const millicores = (cores: number): string => (cores === 0 ? 'none' : `${Math.round(cores * 1000)}m`);

describe("docs/model.md: the mesh's proxies' CPU requests and weights", () => {
  it('lists, per shape and proxy kind, the request a run gives each proxy and the weight that request gets', () => {
    const rows = documentedRows();
    expect(rows.map(([shape, kind]) => `${shape} ${kind}`)).toEqual([
      'istio-sidecar envoy-sidecar',
      'istio-ambient ztunnel',
      'istio-ambient waypoint',
      'linkerd linkerd2-proxy',
      'consul consul-envoy',
      'app-mesh app-mesh-envoy',
      'cilium cilium-envoy',
      'cilium cilium-ebpf',
    ]);
    for (const [shape = '', kind = '', request = '', weight = ''] of rows) {
      const cores = requestPerProxy(shape).get(kind);
      expect(cores, `${shape} runs ${kind}`).toBeDefined();
      if (kind === 'cilium-ebpf') {
        expect(request).toBe('none (kernel)');
        expect(weight).toBe(`${KERNEL_CPU_WEIGHT.toLocaleString('en-US')} (next to kubepods)`);
        continue;
      }
      const requestCores = cores === 0 ? undefined : cores;
      expect(request, `${shape} ${kind} request`).toBe(millicores(cores ?? Number.NaN));
      // A per-node proxy or a waypoint is a pod of its own, weighed by the kubelet; a sidecar weighs in its app's pod.
      expect(weight, `${shape} ${kind} weight`).toBe(
        OWN_POD.has(kind)
          ? `${kubeletCpuWeight(cpuSharesOfRequest(requestCores), 'quadratic')} (its own pod, ${requestCores === undefined ? 'BestEffort' : 'Burstable'})`
          : `${cpuWeightOfRequest(requestCores)} (in the app's pod)`,
      );
    }
  });
});
