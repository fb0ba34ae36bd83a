// The saturation sweep of docs/scenarios/kinvolk-emojivoto.md: the emojivoto app on small nodes under
// rising load, for several mesh shapes; each run gives the goodput and the added latency vs no mesh.

import { applyOverrides, generateKinvolkEmojivoto, resolveScenario, simulate } from 'meshsim';
import type { SimulationResult } from 'meshsim';

import { entryMedianMs } from '../calibration/entryMedianMs.js';

/** One (load, shape) point of the sweep. */
export interface SweepPoint {
  offeredRps: number;
  shape: string;
  /** Successful calls of the load generator per second [req/s]. */
  goodputRps: number;
  /** Median latency at the load generator, calls-weighted over its edges [ms]. */
  p50Ms: number;
  /** The same, minus the `none` run's at this load [ms]. */
  addedP50Ms: number;
  /** Mean CPU utilisation of the nodes, in [0, 1]. */
  nodeCpu: number;
}

/** What the sweep runs. */
export interface SweepOptions {
  loadsRps: readonly number[];
  shapes: readonly string[];
  /** Simulated duration of each run [ms]. */
  durationMs: number;
}

/** The default sweep: 4 copies of emojivoto on 2 nodes of 2 cores, 500 to 6000 req/s, 1 s client timeout. */
export const DEFAULT_SWEEP: SweepOptions = {
  loadsRps: [500, 1000, 2000, 3000, 4000, 5000, 6000],
  shapes: ['none', 'linkerd', 'istio-ambient', 'istio-sidecar'],
  durationMs: 10_000,
};

/** Runs every (load, shape) pair, loads in order, shapes in order within a load. */
export function saturationSweep(options: SweepOptions = DEFAULT_SWEEP): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const offeredRps of options.loadsRps) {
    // Each shape with its current default profile: `mesh: 'none'` drops the file's pins (Istio 1.12, Linkerd 2.11).
    // wrk2 is meshed, as in the harness, on a node of its own, with its 128 connections (16 per source):
    // at most 128 requests in flight, so its sidecar opens at most that many HTTP/1.1 connections.
    const doc = {
      ...generateKinvolkEmojivoto({
        apps: 4,
        totalRps: offeredRps,
        nodes: 2,
        nodeCpu: 2,
        timeout: '1s',
        loadGeneratorConnections: 128,
      }),
      mesh: 'none',
    };
    const base = resolveScenario(doc, 'saturation-sweep');
    let noneP50 = NaN;
    for (const shape of options.shapes) {
      const result = simulate(applyOverrides(base, { mesh: shape, durationMs: options.durationMs }));
      const succeeded = result.conservation.succeeded;
      const latency = entryMedianMs(result);
      if (shape === 'none') noneP50 = latency;
      points.push({
        offeredRps,
        shape,
        goodputRps: succeeded / (options.durationMs / 1000),
        p50Ms: latency,
        addedP50Ms: latency - noneP50,
        nodeCpu: workloadNodeCpu(result),
      });
    }
  }
  return points;
}

/** Mean utilisation of the workload nodes (not wrk2's own node) [0–1]. */
function workloadNodeCpu(result: SimulationResult): number {
  const nodes = result.nodes.filter((node) => !node.name.includes('/wrk2-node-'));
  return nodes.reduce((sum, node) => sum + node.utilisation, 0) / Math.max(1, nodes.length);
}

/** The sweep as a Markdown table: one row per load, goodput and added p50 per shape. */
export function sweepTable(points: readonly SweepPoint[], shapes: readonly string[]): string {
  const loads = [...new Set(points.map((p) => p.offeredRps))];
  const header = [
    'offered (req/s)',
    ...shapes.flatMap((s) => [`${s} goodput (req/s)`, `${s} added p50 (ms)`, `${s} node CPU (%)`]),
  ];
  const rows = loads.map((load) => [
    String(load),
    ...shapes.flatMap((shape) => {
      const p = points.find((q) => q.offeredRps === load && q.shape === shape);
      if (p === undefined) return ['–', '–', '–'];
      return [
        p.goodputRps.toFixed(0),
        shape === 'none' ? '0' : p.addedP50Ms.toFixed(2),
        (p.nodeCpu * 100).toFixed(0),
      ];
    }),
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
