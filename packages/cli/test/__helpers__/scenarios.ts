// Scenario files for the CLI tests, written to a fresh temporary directory (removed after the test file).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { tempDir } from './tempDir.js';

/** A scenario with two mistakes: a negative replica count and a call to an unknown service. */
export const INVALID_SCENARIO_YAML = `name: broken
duration: 10s
mesh: istio-sidecar
services:
  frontend:
    replicas: -1
    concurrency: 4
    serviceTime: { exponential: { mean: 5ms } }
traffic:
  - to: frontend
    rate: 100
`;

/**
 * A valid scenario a run warns about before it starts: a 1 ms timeout (line 7), a Linkerd scenario setting Envoy's
 * sidecar profile (line 2), a service whose pods are Pending (line 11) for a `cpuRequest: 250` (line 12: 250 cores,
 * meant as 250m), and the cluster short of nodes for them.
 */
export const WARNED_SCENARIO_YAML = `duration: 10s
mesh: { shape: linkerd, sidecar: { cpuLimit: 1 } }
nodeCpu: 4
services:
  frontend:
    calls:
      - { to: backend, timeout: 1 }
    serviceTime: 2ms
  backend:
    serviceTime: { exponential: { mean: 5ms } }
  batch:
    cpuRequest: 250
    serviceTime: 5ms
traffic:
  - to: frontend
    rate: 100
`;

/** 20,000 closed-loop users starting at once on a zero-latency network: a burst at t = 0 (docs/cli.md § Guards). */
export const BURST_SCENARIO_YAML = `duration: 10s
network: { sameNode: 0ms, sameZone: 0ms, crossZone: 0ms, crossCluster: 0ms }
services:
  api: { serviceTime: 0ms }
traffic:
  - { name: users, users: 20000, to: api }
`;

/**
 * A newcomer's overlap.yaml: db slowed by +1 s from 10 s to 15 s and ×3 from 12 s to 17 s, api tries 3 times. Nothing
 * succeeds from 10 s to 14 s; at 15 s the backlog completes (more successes than calls offered in that second).
 */
export const OVERLAP_SCENARIO_YAML = `name: x
services:
  api: { serviceTime: 5ms, calls: [ { to: db, retry: { attempts: 3 } } ] }
  db: { serviceTime: 5ms }
traffic: [ { to: api, rate: 100/s } ]
faults:
  - { at: 10s, for: 5s, service: db, latency: +1s }
  - { at: 12s, for: 5s, service: db, latency: x3 }
`;

/** Writes `contents` to `name` in a new temporary directory and returns the file's path. */
export function writeTempFile(name: string, contents: string): string {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, contents);
  return file;
}
