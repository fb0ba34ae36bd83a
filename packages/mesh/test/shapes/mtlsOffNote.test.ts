// A run with mTLS off under a shape whose proxy figures were measured with mTLS on says that only the handshakes go:
// the per-request CPU and latency stay the profile's, as the model keeps them.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, shapeAssumptions, simulate } from '../../src/index.js';
import type { MeshOptions, SimulationResult } from '../../src/index.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

const mtlsNotes = (options: MeshOptions): string[] =>
  shapeAssumptions(resolveMeshConfig(options)).filter((line) => line.includes('mTLS is off'));

describe('the mTLS-off assumption', () => {
  it('istio-sidecar with mtls: false says the per-request figures were measured with mTLS on', () => {
    expect(mtlsNotes({ shape: 'istio-sidecar', mtls: false })).toEqual([
      "istio-sidecar: mTLS is off, but the proxies' latency and CPU per request are figures measured with mTLS on " +
        "(Istio's performance pages): turning it off removes only the TLS handshakes (their CPU and round " +
        'trip) and the mTLS coverage, not the per-request encryption cost inside those figures (an assumption: no ' +
        'figure without mTLS).',
    ]);
    expect(mtlsNotes({ shape: 'istio-sidecar' })).toEqual([]);
  });

  it('every shape whose profile comes from figures measured with mTLS on says it, when mTLS is off', () => {
    for (const shape of ['istio-sidecar', 'istio-ambient', 'linkerd', 'consul', 'app-mesh']) {
      expect(mtlsNotes({ shape, mtls: false }), shape).toHaveLength(1);
      expect(mtlsNotes({ shape, mtls: true }), shape).toEqual([]);
    }
    // App Mesh runs without TLS by default, on borrowed Istio figures measured with it.
    expect(mtlsNotes({ shape: 'app-mesh' })).toHaveLength(1);
    // layered: its in-cluster shape's.
    expect(mtlsNotes({ shape: 'layered', inCluster: 'istio-sidecar', mtls: false })).toHaveLength(1);
  });

  it('is not printed for shapes without such figures, nor when the scenario set the latency and CPU itself', () => {
    for (const shape of ['none', 'library', 'cilium', 'vpc-lattice'])
      expect(mtlsNotes({ shape }), shape).toEqual([]);
    const own = { latencyMs: { kind: 'constant', value: 0.1 }, cpuMsPerRequest: 0.1 } as const;
    expect(mtlsNotes({ shape: 'istio-sidecar', mtls: false, sidecar: own })).toEqual([]);
    expect(
      mtlsNotes({ shape: 'istio-sidecar', mtls: false, sidecar: { cpuMsPerRequest: 0.1 } }),
    ).toHaveLength(1);
  });

  it('says what the model does: with mTLS off the sidecars spend the same CPU less only the handshakes', () => {
    const run = (mtls: boolean): SimulationResult =>
      simulate({
        ...config([service('a', { calls: [[call('b')]] }), service('b')], [poisson('a', 200)], {
          durationMs: 2000,
        }),
        mesh: resolveMeshConfig({ shape: 'istio-sidecar', mtls }),
      });
    const sidecarCpuMs = (result: SimulationResult): number =>
      (result.proxies.byKind.find((kind) => kind.kind === 'envoy-sidecar')?.cpuCores ?? NaN) * 2000;
    const on = run(true);
    const off = run(false);
    expect(on.connections.handshakeCpuMs).toBeGreaterThan(0);
    expect(off.connections.handshakeCpuMs).toBe(0);
    expect(sidecarCpuMs(off)).toBeCloseTo(sidecarCpuMs(on) - on.connections.handshakeCpuMs, 6);
  });
});
