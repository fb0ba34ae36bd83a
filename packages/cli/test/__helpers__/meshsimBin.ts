// Runs the built CLI (dist/bin.js, built once by globalSetup.ts) as a user would: a child process started from
// the repository root, its exit code and both streams returned.

import { spawnSync } from 'node:child_process';

import { inject } from 'vitest';

/** What one run of the binary gave. */
export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/bin.js ...args` from the repository root, with `input` on its standard input. */
export function meshsimWith(input: string | undefined, ...args: string[]): BinRun {
  const build = inject('cliBuild');
  const child = spawnSync(process.execPath, [build.binPath, ...args], {
    cwd: build.repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    ...(input !== undefined && { input }),
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Runs `node dist/bin.js ...args` from the repository root. */
export function meshsim(...args: string[]): BinRun {
  return meshsimWith(undefined, ...args);
}
