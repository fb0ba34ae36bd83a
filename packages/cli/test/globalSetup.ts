// Vitest global setup: builds the CLI and the umbrella package once (`npx tsc -b packages/meshsim packages/cli` from
// the repo root, as `pnpm build`) so that bin.test.ts can run the real binary, with a shape module that imports
// `meshsim` (examples/custom-shape/kuma.mjs). Registered in the root vitest.config.ts.
//
// It never throws: a failed build must not break the other packages' tests. It hands the outcome to
// the tests instead (inject('cliBuild')), and bin.test.ts reports it. Set MESHSIM_SKIP_CLI_BUILD=1 to
// skip the build (e.g. when dist/ is already fresh).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { TestProject } from 'vitest/node';

/** What the global setup learned about the CLI build. */
export interface CliBuildInfo {
  /** Whether `tsc -b` succeeded (or was skipped on request). */
  ok: boolean;
  /** Compiler output when it failed. */
  output: string;
  /** Absolute path of the built binary. */
  binPath: string;
  /** Absolute path of the repository root (the cwd of the build and of the spawned binary). */
  repoRoot: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cliBuild: CliBuildInfo;
  }
}

export default function setup(project: TestProject): void {
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
  const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
  let ok = true;
  let output = '';
  if (process.env['MESHSIM_SKIP_CLI_BUILD'] === undefined) {
    try {
      execFileSync('npx', ['tsc', '-b', 'packages/meshsim', 'packages/cli'], {
        cwd: repoRoot,
        stdio: 'pipe',
        encoding: 'utf8',
      });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message?: string };
      ok = false;
      output = [failed.stdout, failed.stderr, failed.message].filter(Boolean).join('\n').trim();
    }
  }
  project.provide('cliBuild', { ok: ok && existsSync(binPath), output, binPath, repoRoot });
}
