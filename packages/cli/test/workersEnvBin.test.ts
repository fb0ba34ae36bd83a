// MESHSIM_WORKERS on the real binary: as strict as --workers (an integer >= 0), a usage error naming the variable
// otherwise; and a sweep that fails before storing a run leaves no store file it created behind.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { tempDir } from './__helpers__/tempDir.js';

const build = inject('cliBuild');

/** Runs the binary with MESHSIM_WORKERS set to `workers` (unset when undefined). */
function meshsimWithWorkers(workers: string | undefined, ...args: string[]) {
  const env = { ...process.env };
  if (workers === undefined) delete env['MESHSIM_WORKERS'];
  else env['MESHSIM_WORKERS'] = workers;
  const child = spawnSync(process.execPath, [build.binPath, ...args], {
    cwd: build.repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('MESHSIM_WORKERS', () => {
  it('is a usage error (exit 2) naming the variable when not an integer >= 0', () => {
    for (const workers of ['abc', '1.5', '-2', '']) {
      const { code, stderr } = meshsimWithWorkers(
        workers,
        'run',
        'steady-3tier',
        '--duration',
        '1s',
        '--replications',
        '3',
        '--no-progress',
      );
      expect(code, workers).toBe(2);
      expect(stderr, workers).toContain(
        `invalid value for MESHSIM_WORKERS: '${workers}' (expected an integer >= 0`,
      );
    }
  });

  it('gives the number of workers when valid; --workers overrides it', () => {
    const args = ['run', 'steady-3tier', '--duration', '1s', '--replications', '2', '--no-progress'];
    expect(meshsimWithWorkers('0', ...args).code).toBe(0);
    expect(meshsimWithWorkers('abc', ...args, '--workers', '0').code).toBe(0);
  });

  it('is checked before a sweep creates its store', () => {
    const store = join(tempDir(), 'x.duckdb');
    const { code } = meshsimWithWorkers(
      'abc',
      'sweep',
      'steady-3tier',
      '--set',
      'traffic.0.rate=100,200',
      '--store',
      store,
    );
    expect(code).toBe(2);
    expect(existsSync(store)).toBe(false);
  });
});

describe('a failed sweep', () => {
  it('removes the store file it created when it stored no run', () => {
    const store = join(tempDir(), 'big.duckdb');
    // Over the run limit without --yes: refused after the store was opened.
    const { code, stderr } = meshsimWithWorkers(
      '0',
      'sweep',
      'steady-3tier',
      '--set',
      'traffic.0.rate=1..2000:1',
      '--store',
      store,
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain('over the limit');
    expect(existsSync(store)).toBe(false);
    expect(existsSync(`${store}.wal`)).toBe(false);
  });
});
