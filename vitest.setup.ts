// Global test setup: pins fast-check's seed so property tests are reproducible (override with FC_SEED), runs
// commands without worker threads by default (MESHSIM_WORKERS=0), removes the tests' temporary directories, and
// with MESHSIM_CHECK_RECYCLING=1 runs every simulation in the checked recycling mode (see the mesh's FreeList).
import { rmSync } from 'node:fs';

import fc from 'fast-check';
import { afterAll } from 'vitest';

const seed = process.env['FC_SEED'] !== undefined ? Number(process.env['FC_SEED']) : 20261122;
fc.configureGlobal({ seed, numRuns: 100 });

// Commands run their replications and comparisons in the test's own thread unless a test asks for
// workers (--workers N): starting worker threads from TypeScript sources costs seconds each.
process.env['MESHSIM_WORKERS'] ??= '0';

// Checked recycling: finished calls, attempts and server requests are frozen instead of reused, so a model
// that still writes to one it declared finished throws. `MESHSIM_CHECK_RECYCLING=1 npx vitest run` runs the
// whole suite that way (CI runs the mesh package, the bundled scenarios and the random whole-format scenarios so).
if (process.env['MESHSIM_CHECK_RECYCLING'] === '1') {
  (globalThis as Record<symbol, boolean>)[Symbol.for('meshsim.checkRecycling')] = true;
}

// Temporary directories made by the tests' helpers (`tempDir` in packages/cli/test/__helpers__, `tempTree` in
// packages/import/test/__helpers__) are listed under this global key and removed after each test file. A hook
// here, not in the helpers: with `isolate: false` a helper module is loaded once per worker, so an `afterAll` it
// registered would run after the first file only.
afterAll(() => {
  const dirs = (globalThis as Record<symbol, string[] | undefined>)[Symbol.for('meshsim.test.tempDirs')];
  for (const dir of dirs?.splice(0) ?? []) rmSync(dir, { recursive: true, force: true });
});
