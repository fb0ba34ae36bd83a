// The `library` shape's proxy kind has every field a proxy kind has (0 where the in-process library has none of its
// own), so a reader of `proxies.byKind` meets the same fields under every shape.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../../src/index.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

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
