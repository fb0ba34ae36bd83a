// The `library` shape's proxy kind has every field a proxy kind has (0 where the in-process library has none of its
// own), so a reader of `proxies.byKind` meets the same fields under every shape; `none` says it drops a default policy.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate } from '../../../src/index.js';
import { call, config, poisson, policy, service } from '../../__helpers__/configs.js';

/** The proxy kinds of a short run of client → web → db under `shape`, on nodes with CPU (throttling measured). */
function kinds(shape: string) {
  const cfg = config([service('web', { calls: [[call('db')]] }), service('db')], [poisson('web', 50)], {
    shape,
    durationMs: 1000,
  });
  return simulate(cfg).proxies.byKind;
}

describe('the library (in-process) proxy kind', () => {
  it('has every field of a sidecar kind, its throttling and CPU wait 0 (its CPU is counted, not run on the cores)', () => {
    const [library] = kinds('library');
    const [sidecar] = kinds('linkerd');
    expect(library?.kind).toBe('library (in-process)');
    expect(Object.keys(library ?? {}).sort()).toEqual(
      expect.arrayContaining(Object.keys(sidecar ?? {}).sort()),
    );
    expect(library).toMatchObject({
      throttledMs: 0,
      cpuWaitMs: 0,
      traversals: 0,
      maxMemoryMiB: 0,
      handshakes: 0,
    });
  });
});

describe('none: a default policy kept from another shape', () => {
  const cfg = config(
    [service('web', { calls: [[call('db')]] }), service('db', { errorRate: 0.5 })],
    [poisson('web', 50)],
  );
  const retrying = policy(2000, 3, 300);

  it('is not applied, and the run says so at mesh.defaultPolicy', () => {
    const result = simulate({
      ...cfg,
      durationMs: 1000,
      mesh: resolveMeshConfig({ shape: 'none', defaultPolicy: retrying }),
    });
    expect(result.edges.find((e) => e.source === 'web')?.retries).toBe(0);
    expect(result.warnings.filter((w) => w.includes('default policy'))).toEqual([
      "the mesh's default policy is not applied under none: no hop there runs it, so a call that sets no timeout or " +
        "retry has none (write the applications' own on the calls)",
    ]);
    // The library applies it, and nothing is said.
    const library = simulate({
      ...cfg,
      durationMs: 1000,
      mesh: resolveMeshConfig({ shape: 'library', defaultPolicy: retrying }),
    });
    expect(library.edges.find((e) => e.source === 'web')?.retries).toBeGreaterThan(0);
    expect(library.warnings.filter((w) => w.includes('default policy'))).toEqual([]);
  });

  it('is not warned of when it is no policy (the shape default)', () => {
    const result = simulate({ ...cfg, durationMs: 500 });
    expect(result.warnings.filter((w) => w.includes('default policy'))).toEqual([]);
  });
});
