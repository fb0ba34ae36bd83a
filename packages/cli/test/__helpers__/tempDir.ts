// Temporary directories for the CLI tests, removed after the test file that made them (vitest.setup.ts).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty directory under the system's temporary directory (`prefix` + random suffix). */
export function tempDir(prefix = 'meshsim-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const registry = globalThis as Record<symbol, string[] | undefined>;
  (registry[Symbol.for('meshsim.test.tempDirs')] ??= []).push(dir);
  return dir;
}
