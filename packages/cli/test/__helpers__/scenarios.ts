// Scenario files for the CLI tests, written to a fresh temporary directory.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Writes `contents` to `name` in a new temporary directory and returns the file's path. */
export function writeTempFile(name: string, contents: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-cli-'));
  const file = join(dir, name);
  writeFileSync(file, contents);
  return file;
}
