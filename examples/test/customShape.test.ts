// The custom-shape example as a contract: kuma.mjs registers a shape that a TypeScript script loads with
// loadShapeModule and runs beside Linkerd (a sidecar per pod, its own assumption printed); docs/mesh-shapes/
// custom-shape.md shows its table; and the command line runs the same module with --shape-module on worker threads,
// with the output of --workers 0.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { unloadShapeModule, unregisterMeshShape } from 'meshsim';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { KUMA_MODULE, compareKuma, kumaTable } from '../custom-shape/compareKuma.js';

describe('custom-shape example (a mesh shape of your own)', () => {
  // The test files of a vitest worker share the registry: leave it as it was.
  afterAll(() => {
    unregisterMeshShape('kuma');
    unloadShapeModule(KUMA_MODULE);
  });
  const rows = compareKuma();
  const [linkerd, kuma] = rows;

  it('runs kuma beside linkerd: a sidecar per pod, and its own assumption among the run’s', () => {
    expect(rows.map((row) => row.shape)).toEqual(['linkerd', 'kuma']);
    expect(kuma?.proxies).toBe(linkerd?.proxies);
    expect(kuma?.shapeAssumptions).toEqual([
      "kuma: its sidecar's figures are Istio's Envoy sidecar's (an assumption of the example: both run Envoy).",
    ]);
  });

  it('docs/mesh-shapes/custom-shape.md shows its table and the whole shape module', () => {
    const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
    const page = read('../../docs/mesh-shapes/custom-shape.md');
    expect(page).toContain(kumaTable(rows));
    expect(page).toContain('```js\n' + read('../custom-shape/kuma.mjs') + '```');
  });

  it('runs from the command line with --shape-module, the same on worker threads as in the main thread', () => {
    const build = inject('cliBuild');
    const meshsim = (...args: string[]) =>
      spawnSync(process.execPath, [build.binPath, ...args], {
        cwd: build.repoRoot,
        encoding: 'utf8',
        timeout: 120_000,
      });
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'linkerd,kuma',
      '--duration',
      '10s',
      '--csv',
      '--no-progress',
    ];
    const module = ['--shape-module', 'examples/custom-shape/kuma.mjs'];
    const pooled = meshsim(...args, ...module, '--workers', '2');
    expect(pooled.stderr).not.toContain('meshsim:');
    expect(pooled.status).toBe(0);
    expect(meshsim(...args, ...module, '--workers', '0').stdout).toBe(pooled.stdout);
    expect(pooled.stdout.split('\n')[2]).toMatch(/^kuma,/);
  });
});
