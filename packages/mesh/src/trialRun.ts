// A trial run of a shape being registered: two services, one call between them and a little traffic for 100 ms,
// so that what only a run reaches (its data plane, the enforcer kinds of its hops, its pod requests) fails at
// registration, naming the shape, rather than in a user's first run.

import { DEFAULT_CLUSTERS, DEFAULT_NETWORK, NO_POLICY } from './config/defaults.js';
import type { MeshConfig } from './config/MeshConfig.js';
import type { ServiceConfig, SimulationConfig } from './config/SimulationConfig.js';
import { simulate } from './simulate.js';

/** One replica of a 1 ms service that calls `calls`. */
function trialService(name: string, calls: readonly string[]): ServiceConfig {
  return {
    name,
    namespace: 'default',
    cluster: 'cluster-1',
    replicas: 1,
    concurrency: 4,
    queueCapacity: 16,
    queueDiscipline: 'fifo',
    serviceTimeMs: { kind: 'constant', value: 1 },
    errorRate: 0,
    calls: [
      calls.map((to) => ({ to, probability: 1, optional: false, policySet: false, policy: NO_POLICY })),
    ],
  };
}

/** The trial scenario under `mesh`: a frontend calling a backend, 100 requests/s for 100 ms. */
function trialConfig(mesh: MeshConfig): SimulationConfig {
  return {
    name: `trial-${mesh.shape}`,
    description: 'the trial run of a mesh shape being registered',
    seed: 1,
    durationMs: 100,
    mesh,
    network: DEFAULT_NETWORK,
    clusters: DEFAULT_CLUSTERS,
    services: [trialService('frontend', ['backend']), trialService('backend', [])],
    traffic: [
      {
        kind: 'open',
        name: 'trial',
        to: 'frontend',
        arrival: 'constant',
        rate: [{ atMs: 0, rps: 100, rampToNext: false }],
        policy: NO_POLICY,
      },
    ],
    faults: [],
    assumptions: [],
  };
}

/** Runs the trial scenario under `mesh` (a registered shape's config); throws what the run throws, naming the shape. */
export function trialRun(mesh: MeshConfig): void {
  try {
    simulate(trialConfig(mesh));
  } catch (error) {
    throw new Error(
      `registerMeshShape(${JSON.stringify(mesh.shape)}): a trial run of the shape failed: ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  }
}
