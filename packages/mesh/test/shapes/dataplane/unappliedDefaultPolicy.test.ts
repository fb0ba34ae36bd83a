// A written mesh.defaultPolicy (or one kept when switching shapes) runs where a hop of the shape runs request
// policies, and where none does — no mesh, Cilium's eBPF alone, a ztunnel without a waypoint, VPC Lattice — it is not
// applied and the run says so, once, at mesh.defaultPolicy: a comparison is never silently unequal.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate } from '../../../src/index.js';
import type { MeshShapeName } from '../../../src/index.js';
import { call, config, poisson, policy, service } from '../../__helpers__/configs.js';

const RETRYING = policy(2000, 3, 300);

function run(shape: MeshShapeName) {
  const cfg = config(
    [service('web', { calls: [[call('db')]] }), service('db', { errorRate: 0.5 })],
    [poisson('web', 50)],
  );
  const result = simulate({
    ...cfg,
    durationMs: 1000,
    mesh: resolveMeshConfig({ shape, defaultPolicy: RETRYING }),
  });
  return {
    retries: result.edges.find((e) => e.source === 'web')?.retries ?? NaN,
    warned: result.warnings.filter((w) => w.startsWith("the mesh's default policy is not applied")),
  };
}

describe('a written mesh.defaultPolicy', () => {
  it.each([
    ['none', 'under none'],
    ['cilium', "on calls through Cilium's eBPF alone"],
    ['istio-ambient', 'on calls to services without a waypoint'],
    ['vpc-lattice', 'under VPC Lattice (no configurable retries or timeouts)'],
  ] as const)('is not applied under %s, and said so (%s)', (shape, where) => {
    const { retries, warned } = run(shape);
    expect(retries).toBe(0);
    expect(warned).toEqual([
      `the mesh's default policy is not applied ${where}: no hop there runs it, so a call that sets no timeout or ` +
        "retry has none (write the applications' own on the calls)",
    ]);
  });

  it.each(['istio-sidecar', 'linkerd', 'library'] as const)(
    'is applied under %s, with nothing said',
    (shape) => {
      const { retries, warned } = run(shape);
      expect(retries).toBeGreaterThan(0);
      expect(warned).toEqual([]);
    },
  );
});
