// A mesh option the run's shape does not use (a proxy profile, a shape's own option) is never ignored silently:
// the run warns once, naming each such option and the shapes that use it. Version pins never warn (they are meant
// for comparing shapes), and an option the shape uses — also inside `layered` — does not either.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { registerMeshShape, resolveMeshConfig, simulate, unregisterMeshShape } from '../../src/index.js';
import type { MeshOptions } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';
import { sidecarTestShape } from '../__helpers__/sidecarTestShape.js';

function warningsUnder(options: MeshOptions): string[] {
  const base = config([service('a')], [poisson('a', 10)], { durationMs: 100 });
  const result = simulate({ ...base, mesh: resolveMeshConfig(options) });
  return result.warnings.filter((w) => w.includes('does not use'));
}

describe('mesh options the shape does not use', () => {
  it('warn once, naming the option (as a scenario writes it) and the shapes that use it', () => {
    expect(warningsUnder({ shape: 'linkerd', sidecar: { workers: 4 } })).toEqual([
      'mesh shape linkerd does not use mesh.sidecar (used by istio-sidecar, app-mesh, consul): ' +
        'kept for switching shapes (--mesh, compare), not applied in this run',
    ]);
    const [warning] = warningsUnder({
      shape: 'none',
      libraryCpuMsPerCall: 0.1,
      encryption: true,
      inCluster: 'linkerd',
    });
    expect(warning).toContain('mesh.libraryCpuPerCall (used by library)');
    expect(warning).toContain('mesh.encryption (used by cilium)');
    expect(warning).toContain('mesh.layered (used by layered)');
    expect(warningsUnder({ shape: 'linkerd', istioCni: { cpuRequestCores: 0.05 } })).toEqual([
      'mesh shape linkerd does not use mesh.istioCni (used by istio-sidecar, istio-ambient): ' +
        'kept for switching shapes (--mesh, compare), not applied in this run',
    ]);
    // istio-sidecar runs the CNI node agent when it is written (Istio's CNI plugin instead of istio-init).
    expect(warningsUnder({ shape: 'istio-sidecar', istioCni: { cpuRequestCores: 0.05 } })).toEqual([]);
  });

  it('do not warn where the shape uses them, also inside layered', () => {
    expect(warningsUnder({ shape: 'app-mesh', sidecar: { workers: 4 } })).toEqual([]);
    expect(
      warningsUnder({
        shape: 'istio-ambient',
        ztunnel: { workers: 2 },
        istioCni: { memoryRequestMiB: 64 },
        waypoint: { replicas: 2 },
      }),
    ).toEqual([]);
    expect(warningsUnder({ shape: 'layered', inCluster: 'linkerd', linkerdProxy: { workers: 2 } })).toEqual(
      [],
    );
    const [layered] = warningsUnder({ shape: 'layered', inCluster: 'linkerd', ztunnel: { workers: 2 } });
    expect(layered).toContain('mesh.ztunnel (used by istio-ambient)');
  });

  it('go by what shapes declare, not by the fields of their configs', () => {
    // This shape keeps a profile under `sidecar` but never reads mesh.sidecar: a written one is not applied.
    registerMeshShape(sidecarTestShape({ name: 'test-options-kuma' }));
    try {
      expect(warningsUnder({ shape: 'test-options-kuma', sidecar: { workers: 4 } })).toEqual([
        'mesh shape test-options-kuma does not use mesh.sidecar (used by istio-sidecar, app-mesh, consul): ' +
          'kept for switching shapes (--mesh, compare), not applied in this run',
      ]);
    } finally {
      unregisterMeshShape('test-options-kuma');
    }
    // layered reads mesh.lattice for its hop between clusters.
    expect(warningsUnder({ shape: 'linkerd', lattice: { workers: 2 } })).toEqual([
      'mesh shape linkerd does not use mesh.lattice (used by vpc-lattice, layered): ' +
        'kept for switching shapes (--mesh, compare), not applied in this run',
    ]);
  });

  it('never warn about version pins, which are meant for comparing shapes', () => {
    expect(warningsUnder({ shape: 'istio-sidecar', linkerdVersion: '2.10' })).toEqual([]);
    expect(warningsUnder({ shape: 'linkerd', istioVersion: '1.4' })).toEqual([]);
  });
});

describe('docs/scenario-format.md', () => {
  it('quotes the warning as the run writes it', () => {
    const page = readFileSync(
      fileURLToPath(new URL('../../../../docs/scenario-format.md', import.meta.url)),
      'utf8',
    ).replace(/\s+/g, ' ');
    const [warning] = warningsUnder({ shape: 'linkerd', sidecar: { workers: 4 } });
    expect(page).toContain(`(\`${String(warning)}\`)`);
  });
});
