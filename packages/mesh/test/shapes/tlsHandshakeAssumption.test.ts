// A registered shape whose proxy profile gives no TLS handshake CPU (tlsHandshakeCpuMs, default 0) says so among a
// run's assumptions when it runs mTLS (alone or as `layered`'s in-cluster shape), instead of pricing handshakes at
// nothing silently; built-in shapes give it.

import { afterEach, describe, expect, it } from 'vitest';

import {
  meshShapeNames,
  registerMeshShape,
  resolveMeshConfig,
  shapeAssumptions,
  unregisterMeshShape,
} from '../../src/index.js';
import { CONSTANT_SIDECAR, sidecarTestShape } from '../__helpers__/sidecarTestShape.js';

const LINE =
  'test-tls-kuma: no TLS handshake CPU given (sidecar.tlsHandshakeCpuMs); handshakes cost 0 ms of CPU.';

describe('a registered shape without TLS handshake CPU', () => {
  afterEach(() => unregisterMeshShape('test-tls-kuma'));

  it('says so among the assumptions of a run with mTLS', () => {
    registerMeshShape(sidecarTestShape({ name: 'test-tls-kuma', profile: CONSTANT_SIDECAR }));
    expect(shapeAssumptions(resolveMeshConfig({ shape: 'test-tls-kuma' }))).toContain(LINE);
    expect(shapeAssumptions(resolveMeshConfig({ shape: 'test-tls-kuma', mtls: false }))).not.toContain(LINE);
  });

  it('says so too when the shape runs inside layered', () => {
    registerMeshShape(sidecarTestShape({ name: 'test-tls-kuma', profile: CONSTANT_SIDECAR }));
    const layered = (mtls?: boolean) =>
      shapeAssumptions(
        resolveMeshConfig({
          shape: 'layered',
          inCluster: 'test-tls-kuma',
          ...(mtls !== undefined && { mtls }),
        }),
      );
    expect(layered()).toContain(LINE);
    expect(layered(false)).not.toContain(LINE);
  });

  it('says nothing when the profile gives it', () => {
    registerMeshShape(
      sidecarTestShape({ name: 'test-tls-kuma', profile: { ...CONSTANT_SIDECAR, tlsHandshakeCpuMs: 0.5 } }),
    );
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
