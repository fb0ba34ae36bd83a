// A registered shape whose proxy profile gives no TLS handshake CPU (tlsHandshakeCpuMs, default 0) says so among a
// run's assumptions when it runs mTLS, instead of pricing handshakes at nothing silently; built-in shapes give it.

import { afterEach, describe, expect, it } from 'vitest';

import {
  NO_POLICY,
  SidecarDataPlane,
  meshShapeNames,
  registerMeshShape,
  resolveMeshConfig,
  resolveShared,
  shapeAssumptions,
  unregisterMeshShape,
} from '../../src/index.js';
import type { MeshConfigBase, MeshShape, ProxyProfile } from '../../src/index.js';

interface KumaConfig extends MeshConfigBase {
  readonly shape: 'test-tls-kuma';
  readonly sidecar: ProxyProfile;
}

const SIDECAR: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.2 },
  workers: 2,
  cpuMsPerRequest: 0.1,
  memoryBaseMiB: 40,
  memoryPerEndpointKiB: 1,
};

function kuma(sidecar: ProxyProfile): MeshShape<KumaConfig> {
  return {
    name: 'test-tls-kuma',
    summary: 'a Kuma-like test shape',
    capabilityRow: { client: '`l7-proxy`', server: '`l7-proxy`' },
    resolve: (options) => ({
      ...resolveShared('test-tls-kuma', options, {
        loadBalancer: 'round-robin',
        defaultPolicy: NO_POLICY,
        mtls: true,
      }),
      sidecar,
    }),
    assumptions: () => [],
    createDataPlane: (context, config) =>
      new SidecarDataPlane(
        {
          kind: 'test-tls-kuma',
          container: 'kuma-sidecar',
          stream: 'proxy/test-tls-kuma',
          enforcer: 'l7-proxy',
          endpointScope: 'all',
          profile: (mesh) => mesh.sidecar,
          adjustPolicy: (policy) => policy,
          configWarnings: () => {},
        },
        context,
        config,
      ),
  };
}

const LINE =
  'test-tls-kuma: no TLS handshake CPU given (sidecar.tlsHandshakeCpuMs); handshakes cost 0 ms of CPU.';

describe('a registered shape without TLS handshake CPU', () => {
  afterEach(() => unregisterMeshShape('test-tls-kuma'));

  it('says so among the assumptions of a run with mTLS', () => {
    registerMeshShape(kuma(SIDECAR));
    expect(shapeAssumptions(resolveMeshConfig({ shape: 'test-tls-kuma' }))).toContain(LINE);
    expect(shapeAssumptions(resolveMeshConfig({ shape: 'test-tls-kuma', mtls: false }))).not.toContain(LINE);
  });

  it('says nothing when the profile gives it', () => {
    registerMeshShape(kuma({ ...SIDECAR, tlsHandshakeCpuMs: 0.5 }));
    expect(shapeAssumptions(resolveMeshConfig({ shape: 'test-tls-kuma' })).join('\n')).not.toContain(
      'no TLS',
    );
  });

  it('is never said of a built-in shape', () => {
    for (const shape of meshShapeNames()) {
      expect(shapeAssumptions(resolveMeshConfig({ shape })).join('\n'), shape).not.toContain(
        'no TLS handshake CPU',
      );
    }
  });
});
