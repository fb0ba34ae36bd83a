// Builders for the mesh-shape tests: the documented benchmark conditions (a client→server pair at
// 1000 rps, 1 KB, zero network, constant server time) and a two-cluster topology for route tests.

import { NO_POLICY, resolveMeshConfig, simulate } from '../../src/index.js';
import type {
  MeshConfig,
  MeshOptions,
  ServiceConfig,
  SimulationConfig,
  SimulationResult,
} from '../../src/index.js';
import { ZERO_NETWORK, call, service } from './configs.js';

/** Server processing time in the calibration setup [ms] (constant, so the baseline has no spread). */
export const CALIBRATION_SERVER_MS = 0.25;

/** Offered load of the calibration setup [requests/s], as on the Istio performance pages. */
export const CALIBRATION_RPS = 1000;

/**
 * The Istio benchmark conditions: a `load` source drives `client` (1 replica), which calls `server`
 * (1 replica, on another node) with 1 KB requests and responses; evenly spaced arrivals, zero
 * network latency, no queueing in the services.
 */
export function calibrationConfig(
  mesh: MeshConfig,
  serverOverrides: Partial<ServiceConfig> = {},
  durationMs = 8000,
): SimulationConfig {
  const pair = { replicas: 1, concurrency: 1000, queueCapacity: Infinity };
  return {
    name: 'calibration',
    description: 'client→server pair at 1000 rps, 1 KB, zero network (Istio benchmark conditions)',
    seed: 11,
    durationMs,
    mesh,
    network: ZERO_NETWORK,
    clusters: [{ name: 'cluster-1', region: 'r', vpc: 'v', zones: [{ name: 'zone-a', nodes: 2 }] }],
    services: [
      service('client', {
        ...pair,
        serviceTimeMs: { kind: 'constant', value: 0 },
        calls: [[call('server', NO_POLICY)]],
      }),
      service('server', {
        ...pair,
        serviceTimeMs: { kind: 'constant', value: CALIBRATION_SERVER_MS },
        requestBytes: 1024,
        responseBytes: 1024,
        ...serverOverrides,
      }),
    ],
    traffic: [
      {
        kind: 'open',
        name: 'load',
        to: 'client',
        arrival: 'constant',
        rate: [{ atMs: 0, rps: CALIBRATION_RPS, rampToNext: false }],
        policy: NO_POLICY,
      },
    ],
    faults: [],
    assumptions: [],
  };
}

/** What a calibration run measured. */
export interface Calibration {
  /** Added client→server latency over the `none` baseline (which is exactly the server time) [ms]. */
  addedP50Ms: number;
  addedP90Ms: number;
  addedP99Ms: number;
  result: SimulationResult;
}

/** Runs the calibration setup under `mesh` and measures the client→server edge. */
export function calibrate(mesh: MeshConfig, serverOverrides: Partial<ServiceConfig> = {}): Calibration {
  const result = simulate(calibrationConfig(mesh, serverOverrides));
  const edge = result.edges.find((e) => e.source === 'client' && e.destination === 'server');
  if (edge === undefined) throw new Error('calibration: no client->server edge');
  return {
    addedP50Ms: edge.latency.p50Ms - CALIBRATION_SERVER_MS,
    addedP90Ms: edge.latency.p90Ms - CALIBRATION_SERVER_MS,
    addedP99Ms: edge.latency.p99Ms - CALIBRATION_SERVER_MS,
    result,
  };
}

/** CPU of one proxy of `kind` per 1000 requests/s through it [vCPU]: cores ÷ (traversals / 2 per second / 1000). */
export function vcpuPer1000Rps(result: SimulationResult, kind: string): number {
  const totals = result.proxies.byKind.find((k) => k.kind === kind);
  if (totals === undefined || (totals.traversals ?? 0) === 0) throw new Error(`no traffic through ${kind}`);
  const requestsPerSecond = (totals.traversals as number) / 2 / (result.scenario.durationMs / 1000);
  return (totals.cpuCores / requestsPerSecond) * 1000;
}

/** Memory of one proxy of `kind` [MB, 10^6 bytes, as the performance pages print them]. */
export function memoryMBPerProxy(result: SimulationResult, kind: string): number {
  const totals = result.proxies.byKind.find((k) => k.kind === kind);
  if (totals === undefined || totals.count === 0) throw new Error(`no proxy of kind ${kind}`);
  return (totals.memoryMiB / totals.count) * 1.048576;
}

/** The mesh of `shape` with `options` (defaults for the rest). */
export function meshOf(shape: string, options: Omit<MeshOptions, 'shape'> = {}): MeshConfig {
  return resolveMeshConfig({ shape, ...options });
}

/**
 * Two clusters: cluster-1 (one zone, two nodes) and cluster-2 (one node). `a` and `b` have two
 * replicas in cluster-1 (a-1 and b-1 share node-1; b-2 is on node-2); `c` has one in cluster-2.
 * `a` calls `b` and `c`.
 */
export function twoClusterConfig(mesh: MeshConfig, b: Partial<ServiceConfig> = {}): SimulationConfig {
  return {
    name: 'routes',
    description: 'two clusters for route tests',
    seed: 3,
    durationMs: 2000,
    mesh,
    network: ZERO_NETWORK,
    clusters: [
      { name: 'cluster-1', region: 'r1', vpc: 'v1', zones: [{ name: 'zone-a', nodes: 2 }] },
      { name: 'cluster-2', region: 'r1', vpc: 'v2', zones: [{ name: 'zone-x', nodes: 1 }] },
    ],
    services: [
      service('a', { calls: [[call('b'), call('c')]] }),
      service('b', b),
      service('c', { cluster: 'cluster-2', replicas: 1 }),
    ],
    traffic: [
      {
        kind: 'open',
        name: 'client',
        to: 'a',
        arrival: 'poisson',
        rate: [{ atMs: 0, rps: 100, rampToNext: false }],
        policy: NO_POLICY,
      },
    ],
    faults: [],
    assumptions: [],
  };
}
