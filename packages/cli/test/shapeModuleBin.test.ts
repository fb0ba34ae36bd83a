// `--shape-module FILE` on the real binary: a user's module that calls registerMeshShape is imported in the main
// thread and in every worker thread, so every command (pooled ones included) runs the shape, with the same output
// whatever the number of workers; a module that cannot be imported, or that registers no shape, is a usage error.

import { describe, expect, it } from 'vitest';

import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { meshsim } from './__helpers__/meshsimBin.js';
import { tempDir } from './__helpers__/tempDir.js';

const KUMA = 'packages/cli/test/fixtures/shape-modules/kuma.mjs';
const EMPTY = 'packages/cli/test/fixtures/shape-modules/empty.mjs';

describe('meshsim --shape-module', () => {
  it('lets compare run a user shape on worker threads, with the output of --workers 0', () => {
    const args = ['compare', 'steady-3tier', '--mesh', 'linkerd,kuma', '--duration', '2s', '--json'];
    const pooled = meshsim(...args, '--shape-module', KUMA, '--workers', '2', '--no-progress');
    expect(pooled.stderr).not.toContain('meshsim:');
    expect(pooled.code).toBe(0);
    const here = meshsim(...args, '--shape-module', KUMA, '--workers', '0', '--no-progress');
    expect(here.code).toBe(0);
    expect(pooled.stdout).toBe(here.stdout);
    const doc = JSON.parse(pooled.stdout) as { shapes: { shape: string }[] };
    expect(doc.shapes.map((shape) => shape.shape)).toEqual(['linkerd', 'kuma']);
  });

  it('reaches the pool of run --replications (--shape-module=FILE also works)', () => {
    const run = meshsim(
      'run',
      'steady-3tier',
      '--set',
      'mesh=kuma',
      '--duration',
      '1s',
      '--replications',
      '2',
      '--workers',
      '1',
      `--shape-module=${KUMA}`,
      '--no-progress',
    );
    expect(run.stderr).not.toContain('must be one of');
    expect(run.code).toBe(0);
  });

  it('reaches the pool of sweep', () => {
    const store = join(tempDir('meshsim-shape-module-'), 'kuma.duckdb');
    const args = ['sweep', 'steady-3tier', '--set', 'mesh=linkerd,kuma', '--duration', '1s'];
    const swept = meshsim(
      ...args,
      '--store',
      store,
      '--workers',
      '2',
      '--no-progress',
      '--shape-module',
      KUMA,
    );
    // No error, and no warning of the kuma runs: the workers know the shape (linkerd's runs warn of the scenario's
    // retryOn, which Linkerd cannot apply).
    const messages = swept.stderr.split('\n').filter((line) => line.startsWith('meshsim:'));
    expect(messages.filter((line) => !line.startsWith('meshsim: warning'))).toEqual([]);
    expect(messages.filter((line) => line.includes('kuma'))).toEqual([]);
    expect(swept.code).toBe(0);
    expect(swept.stdout).toMatch(/^kuma +1 +/m);
  });

  it('makes sweep recompute the runs of a shape module edited since they were stored, and reuse them while it is not', () => {
    const dir = tempDir('meshsim-shape-edit-');
    // The copy resolves @meshsim/mesh as the fixture does: the CLI package's own dependencies.
    symlinkSync(resolve('packages/cli/node_modules'), join(dir, 'node_modules'), 'dir');
    const module = join(dir, 'kuma.mjs');
    const text = readFileSync(KUMA, 'utf8');
    writeFileSync(module, text);
    const store = join(dir, 'kuma.duckdb');
    const sweep = (): { ran: number; skipped: number } => {
      const args = [
        'sweep',
        'steady-3tier',
        '--set',
        'mesh=kuma,linkerd',
        '--duration',
        '1s',
        '--store',
        store,
      ];
      const out = meshsim(...args, '--workers', '0', '--no-progress', '--shape-module', module, '--json');
      expect(out.code, out.stderr).toBe(0);
      return JSON.parse(out.stdout) as { ran: number; skipped: number };
    };
    expect(sweep()).toMatchObject({ ran: 2, skipped: 0 });
    expect(sweep()).toMatchObject({ ran: 0, skipped: 2 });
    const slower = "latencyMs: { kind: 'constant', value: 5 }";
    writeFileSync(module, text.replace("latencyMs: { kind: 'constant', value: 0.2 }", slower));
    expect(readFileSync(module, 'utf8')).toContain(slower);
    // kuma's point runs again with the edited module; linkerd's, a built-in shape, is still the stored one.
    expect(sweep()).toMatchObject({ ran: 1, skipped: 1 });
  });

  it("accepts the shape's own options in --set, checked by the shape", () => {
    const args = ['run', 'steady-3tier', '--mesh', 'kuma', '--duration', '1s', '--shape-module', KUMA];
    const set = meshsim(...args, '--set', 'mesh.kumaDp.workers=4', '--json');
    expect(set.stderr).not.toContain('meshsim:');
    expect(set.code).toBe(0);
    const bad = meshsim(...args, '--set', 'mesh.kumaDp.workers=0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('mesh.kumaDp.workers: must be an integer >= 1 (got 0)');
  });

  it('is accepted before the command too, and alone says a command must follow', () => {
    const list = meshsim('--shape-module', KUMA, 'list', '--shapes');
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^kuma +Kuma: an Envoy sidecar/m);
    const run = meshsim(
      `--shape-module=${KUMA}`,
      'run',
      'steady-3tier',
      '--mesh',
      'kuma',
      '--duration',
      '1s',
    );
    expect(run.stderr).not.toContain('meshsim:');
    expect(run.code).toBe(0);
    // The help of compare lists the shapes it compares by default: the module's among them.
    expect(meshsim('--shape-module', KUMA, 'help', 'compare').stdout).toMatch(/linkerd, .*kuma/);
    const alone = meshsim('--shape-module', KUMA);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(
      `meshsim: --shape-module needs a command after it: meshsim --shape-module ${KUMA} compare …`,
    );
  });

  it('lets list --shapes list the shape', () => {
    const list = meshsim('list', '--shapes', '--shape-module', KUMA);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^kuma +Kuma: an Envoy sidecar/m);
  });

  it('is a usage error naming the file when it cannot be imported or registers no shape', () => {
    const missing = meshsim('list', '--shapes', '--shape-module', 'no/such/shape.mjs');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--shape-module 'no/such/shape.mjs': cannot import it");
    const empty = meshsim('list', '--shapes', '--shape-module', EMPTY);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`--shape-module '${EMPTY}': it registered no mesh shape`);
  });

  it('without it, a user shape is unknown: the error names the shape and the flag', () => {
    const unknown = meshsim('compare', 'steady-3tier', '--mesh', 'linkerd,kuma', '--workers', '0');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("invalid value for --mesh: 'kuma'");
    expect(unknown.stderr).toContain('load the module that registers it with --shape-module FILE');
    const set = meshsim('run', 'steady-3tier', '--set', 'mesh=kuma', '--duration', '1s');
    expect(set.code).toBe(2);
    expect(set.stderr).toContain(
      '(a shape of your own must be registered first: registerMeshShape in code, --shape-module FILE on the command line)',
    );
  });
});
