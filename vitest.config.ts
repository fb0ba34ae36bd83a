// Test runner configuration: tests import sibling packages from their sources, so no build is needed.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string): string =>
  fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@meshsim/engine': src('engine'),
      '@meshsim/mesh': src('mesh'),
      '@meshsim/scenario': src('scenario'),
      '@meshsim/report': src('report'),
      '@meshsim/import': src('import'),
      '@meshsim/analysis': src('analysis'),
      '@meshsim/cli': src('cli'),
      meshsim: src('meshsim'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./packages/cli/test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core (vitest's default leaves one core idle: half the machine on 2 cores).
    maxWorkers: availableParallelism(),
    // The files of a worker share their imports (loaded once per worker, not once per file: two minutes of
    // CI). Tests that change global state restore it (registerShape.test.ts unregisters its shape; env vars
    // set by a test are deleted in a finally).
    isolate: false,
    // On CI, also write a machine-readable report; .ci/run prints its 'N passed, N failed' line.
    reporters:
      process.env['CI'] === undefined
        ? ['default']
        : ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
