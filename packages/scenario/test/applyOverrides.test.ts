import {
  APP_MESH_ENVOY_PROFILE,
  MESH_SHAPES,
  ZTUNNEL_PROFILE,
  defaultMeshConfig,
  istioSidecarProfile,
} from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { applyOverrides, resolveScenario } from '../src/index.js';
import { minimal } from './__helpers__/scenarios.js';

describe('applyOverrides', () => {
  const base = resolveScenario({
    ...minimal(),
    seed: 3,
    mesh: { shape: 'istio-sidecar', endpointUpdateDelay: '2s', sidecar: { workers: 8 } },
  });

  it('returns a copy with the new seed and duration, leaving the original unchanged', () => {
    // Act
    const next = applyOverrides(base, { seed: 9, durationMs: 5000 });
    // Assert
    expect(next).toEqual({ ...base, seed: 9, durationMs: 5000 });
    expect(base.seed).toBe(3);
    expect(base.durationMs).toBe(60_000);
  });

  it('with no overrides returns an equal config', () => {
    expect(applyOverrides(base, {})).toEqual(base);
  });

  it('mesh: a shape name keeps the fields the scenario changed and takes the new shape defaults for the others', () => {
    const next = applyOverrides(base, { mesh: 'none' });
    const none = defaultMeshConfig('none');
    expect(next.mesh).toEqual({
      ...none,
      endpointUpdateDelayMs: 2000,
      sidecar: { ...none.sidecar, workers: 8 },
    });
    expect(next.mesh.loadBalancer).toBe('random');
    expect(next.mesh.defaultPolicy).toEqual(none.defaultPolicy);
  });

  it('mesh: a shape option (istioVersion 1.4) is not a change: app-mesh gets its own defaults, not the 1.4 sidecar', () => {
    const old = resolveScenario({ ...minimal(), mesh: { shape: 'istio-sidecar', istioVersion: '1.4' } });
    expect(applyOverrides(old, { mesh: 'app-mesh' }).mesh).toEqual(defaultMeshConfig('app-mesh'));
    // The same shape keeps the release and its profile.
    expect(applyOverrides(old, { mesh: 'istio-sidecar' }).mesh).toEqual(old.mesh);
    expect(applyOverrides(old, { mesh: 'istio-sidecar' }).mesh.sidecar).toEqual(istioSidecarProfile('1.4'));
  });

  it('mesh: appMeshLegacyAccount and layered follow the scenario to shapes that use them, and only those', () => {
    const legacy = resolveScenario({ ...minimal(), mesh: { shape: 'app-mesh', appMeshLegacyAccount: true } });
    expect(applyOverrides(legacy, { mesh: 'istio-sidecar' }).mesh).toEqual(
      defaultMeshConfig('istio-sidecar'),
    );
    const layered = { inCluster: 'linkerd', crossCluster: 'none' } as const;
    const layeredScenario = resolveScenario({ ...minimal(), mesh: { shape: 'layered', layered } });
    expect(applyOverrides(layeredScenario, { mesh: 'none' }).mesh).toEqual(defaultMeshConfig('none'));
    expect(applyOverrides(layeredScenario, { mesh: 'layered' }).mesh).toEqual(
      defaultMeshConfig('layered', { layered }),
    );
  });

  it('mesh: a changed profile field carries over alone, onto the new shape’s profile', () => {
    // workers 8 on Istio's sidecar becomes workers 8 on App Mesh's Envoy (its latency stays App Mesh's).
    expect(applyOverrides(base, { mesh: 'app-mesh' }).mesh.sidecar).toEqual({
      ...APP_MESH_ENVOY_PROFILE,
      workers: 8,
    });
    // A ztunnel override written on a sidecar scenario applies when compared under istio-ambient.
    const withZtunnel = resolveScenario({
      ...minimal(),
      mesh: { shape: 'istio-sidecar', ztunnel: { workers: 8 } },
    });
    expect(applyOverrides(withZtunnel, { mesh: 'istio-ambient' }).mesh.ztunnel).toEqual({
      ...ZTUNNEL_PROFILE,
      workers: 8,
    });
  });

  it('mesh: an object naming a shape and istioVersion builds that release’s defaults', () => {
    const next = applyOverrides(base, { mesh: { shape: 'istio-sidecar', istioVersion: '1.4' } });
    expect(next.mesh.istioVersion).toBe('1.4');
    expect(next.mesh.sidecar).toEqual({ ...istioSidecarProfile('1.4'), workers: 8 });
  });

  it('mesh: an object replaces the given fields', () => {
    const next = applyOverrides(base, { mesh: { loadBalancer: 'random' } });
    expect(next.mesh).toEqual({ ...base.mesh, loadBalancer: 'random' });
  });

  it('throws a RangeError for a bad duration, seed or mesh shape', () => {
    expect(() => applyOverrides(base, { durationMs: 0 })).toThrow(
      new RangeError('durationMs must be a finite number > 0 (got 0)'),
    );
    expect(() => applyOverrides(base, { seed: NaN })).toThrow(RangeError);
    expect(() => applyOverrides(base, { mesh: 'istio' as never })).toThrow(
      new RangeError(`mesh must be one of ${MESH_SHAPES.join(', ')} (got "istio")`),
    );
  });
});
