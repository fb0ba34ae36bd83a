// The saturation sweep of docs/scenarios/kinvolk-emojivoto.md: the emojivoto app on small nodes under
// rising load, for several mesh shapes (ambient with and without waypoints); each run gives the goodput and
// the added latency vs no mesh.

import { applyOverrides, generateKinvolkEmojivoto, resolveScenario, simulate } from 'meshsim';
import type { SimulationResult } from 'meshsim';

import { entryMedianMs } from '../calibration/entryMedianMs.js';

/** A series of the sweep: a mesh shape, with a waypoint on every app service when `waypoints` is true. */
export interface SweepSeries {
  /** Its name in the table, e.g. `istio-ambient + waypoints`. */
  name: string;
  mesh: string;
  waypoints: boolean;
}

/** One (load, series) point of the sweep. */
export interface SweepPoint {
  offeredRps: number;
  /** The series' name. */
  series: string;
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
  /** The first series is the baseline of the added latencies (no mesh). */
  series: readonly SweepSeries[];
  /** Simulated duration of each run [ms]. */
  durationMs: number;
}

/** A series of `mesh` without waypoints, named after it. */
export const shapeSeries = (mesh: string): SweepSeries => ({ name: mesh, mesh, waypoints: false });

/**
 * Istio ambient with a waypoint per app namespace, shared by its services: L7 processing at parity with
 * Linkerd's and Istio's sidecars, as Buoyant's 2025 benchmark configured it (docs/scenarios/kinvolk-emojivoto.md).
 */
export const AMBIENT_WITH_WAYPOINTS: SweepSeries = {
  name: 'istio-ambient + waypoints',
  mesh: 'istio-ambient',
  waypoints: true,
};

/** The default sweep: 4 copies of emojivoto on 2 nodes of 2 cores, 500 to 6000 req/s, 1 s client timeout. */
export const DEFAULT_SWEEP: SweepOptions = {
  loadsRps: [500, 1000, 2000, 3000, 4000, 5000, 6000],
  series: [
    shapeSeries('none'),
    shapeSeries('linkerd'),
    shapeSeries('istio-ambient'),
    AMBIENT_WITH_WAYPOINTS,
    shapeSeries('istio-sidecar'),
  ],
  durationMs: 10_000,
};

/** Runs every (load, series) pair, loads in order, series in order within a load. */
export function saturationSweep(options: SweepOptions = DEFAULT_SWEEP): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const offeredRps of options.loadsRps) {
    // Each shape with its current default profile: `mesh: 'none'` drops the file's pins (Istio 1.12, Linkerd 2.11).
    // wrk2 is meshed, as in the harness, on a node of its own, with its 128 connections shared by its sources
    // (one connectionGroup): at most 128 requests in flight, so its sidecar holds at most that many at once.
    const generated = generateKinvolkEmojivoto({
      apps: 4,
      totalRps: offeredRps,
      nodes: 2,
      nodeCpu: 2,
      timeout: '1s',
      loadGeneratorConnections: 128,
    });
    const doc = { ...generated, mesh: 'none' };
    const base = resolveScenario(doc, 'saturation-sweep');
    const services = generated['services'] as Record<string, { namespace?: string }>;
    const withWaypoints = resolveScenario(
      { ...doc, services: withWaypointsOnApps(services) },
      'saturation-sweep',
    );
    let baselineP50 = NaN;
    for (const [i, series] of options.series.entries()) {
      const config = series.waypoints ? withWaypoints : base;
      const result = simulate(applyOverrides(config, { mesh: series.mesh, durationMs: options.durationMs }));
      const succeeded = result.conservation.succeeded;
      const latency = entryMedianMs(result);
      if (i === 0) baselineP50 = latency;
      points.push({
        offeredRps,
        series: series.name,
        goodputRps: succeeded / (options.durationMs / 1000),
        p50Ms: latency,
        addedP50Ms: latency - baselineP50,
        nodeCpu: workloadNodeCpu(result),
      });
    }
  }
  return points;
}

/**
 * The generated services bound to their namespace's waypoint, shared by the app's three services (as
 * `istio.io/use-waypoint` on the namespace); the load generator, wrk2, has none.
 */
function withWaypointsOnApps(services: Record<string, { namespace?: string }>): Record<string, object> {
  return Object.fromEntries(
    Object.entries(services).map(([name, service]) => [
      name,
      name === 'wrk2' ? service : { ...service, waypoint: `${service.namespace ?? name}-waypoint` },
    ]),
  );
}

/** Mean utilisation of the workload nodes (not wrk2's own node) [0–1]. */
function workloadNodeCpu(result: SimulationResult): number {
  const nodes = result.nodes.filter((node) => !node.name.includes('/wrk2-node-'));
  return nodes.reduce((sum, node) => sum + node.utilisation, 0) / Math.max(1, nodes.length);
}

/** The sweep as a Markdown table: one row per load, goodput, added p50 and node CPU per series. */
export function sweepTable(points: readonly SweepPoint[], series: readonly SweepSeries[]): string {
  const shapes = series.map((s) => s.name);
  const baseline = shapes[0];
  const loads = [...new Set(points.map((p) => p.offeredRps))];
  const header = [
    'offered (req/s)',
    ...shapes.flatMap((s) => [`${s} goodput (req/s)`, `${s} added p50 (ms)`, `${s} node CPU (%)`]),
  ];
  const rows = loads.map((load) => [
    String(load),
    ...shapes.flatMap((shape) => {
      const p = points.find((q) => q.offeredRps === load && q.series === shape);
      if (p === undefined) return ['–', '–', '–'];
      return [
        p.goodputRps.toFixed(0),
        shape === baseline ? '0' : p.addedP50Ms.toFixed(2),
        (p.nodeCpu * 100).toFixed(0),
      ];
    }),
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
