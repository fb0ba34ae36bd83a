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

/** 20,000 closed-loop users starting at once on a zero-latency network: a burst at t = 0 (docs/cli.md § Guards). */
export const BURST_SCENARIO_YAML = `duration: 10s
network: { sameNode: 0ms, sameZone: 0ms, crossZone: 0ms, crossCluster: 0ms }
services:
  api: { serviceTime: 0ms }
traffic:
  - { name: users, users: 20000, to: api }
`;

/** Writes `contents` to `name` in a new temporary directory and returns the file's path. */
export function writeTempFile(name: string, contents: string): string {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, contents);
  return file;
}
