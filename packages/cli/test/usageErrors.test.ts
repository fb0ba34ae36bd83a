// Usage errors of the real binary (exit 2) for command lines that are valid flag by flag but would be silently
// resolved otherwise, and the hints they give: a mistyped flag's "did you mean".

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { beforeAll, describe, expect, inject, it } from 'vitest';

const build = inject('cliBuild');

/** Runs `node dist/bin.js ...args` from the repository root. */
function meshsim(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [build.binPath, ...args], {
    cwd: build.repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The first line of stderr of a run that must fail with a usage error (exit 2, nothing on stdout). */
function usageError(...args: string[]): string {
  const { code, stdout, stderr } = meshsim(...args);
  expect({ code, stdout }, stderr).toEqual({ code: 2, stdout: '' });
  return stderr.split('\n')[0] ?? '';
}

beforeAll(() => {
  if (!existsSync(build.binPath)) {
    throw new Error(`the CLI was not built (${build.binPath} missing):\n${build.output}`);
  }
});

describe('a mistyped flag', () => {
  it('names the flag of the command it is closest to', () => {
    expect(usageError('run', 'retry-storm', '--duraton', '5s')).toBe(
      `meshsim: unknown flag '--duraton' for 'meshsim run' (did you mean "--duration"?)`,
    );
    expect(usageError('compare', 'retry-storm', '--meshes=none,linkerd')).toBe(
      `meshsim: unknown flag '--meshes' for 'meshsim compare' (did you mean "--mesh"?)`,
    );
    expect(usageError('sweep', 'retry-storm', '--replication', '3')).toBe(
      `meshsim: unknown flag '--replication' for 'meshsim sweep' (did you mean "--replications"?)`,
    );
    expect(usageError('--versoin')).toBe(`meshsim: unknown flag '--versoin' (did you mean "--version"?)`);
    expect(usageError('rnu', 'retry-storm')).toBe(
      `meshsim: unknown command 'rnu' (did you mean "run"?) (commands: list, run, compare, sweep, validate, import)`,
    );
  });

  it('gets no hint when no flag is close, or for a short flag', () => {
    expect(usageError('run', 'retry-storm', '--frobnicate')).toBe(
      `meshsim: unknown flag '--frobnicate' for 'meshsim run'`,
    );
    expect(usageError('run', 'retry-storm', '-x')).toBe(`meshsim: unknown flag '-x' for 'meshsim run'`);
  });
});
