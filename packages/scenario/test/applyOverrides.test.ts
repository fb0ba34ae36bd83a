import { meshShapeNames, resolveMeshConfig, simulate } from '@meshsim/mesh';
import type {
  IstioAmbientMeshConfig,
  IstioSidecarMeshConfig,
  MeshConfig,
  ProxyProfile,
  SimulationConfig,
} from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { applyOverrides, parseScenario, resolveScenario } from '../src/index.js';
import type { ScenarioOverrides } from '../src/index.js';
import { minimal } from './__helpers__/scenarios.js';

/** The Envoy sidecar profile of a sidecar shape's config. */
function sidecarOf(mesh: MeshConfig): ProxyProfile {
  if (!('sidecar' in mesh)) throw new Error(`shape ${mesh.shape} has no sidecar`);
  return mesh.sidecar;
}

/** The config without the options it was resolved from (to compare what runs). */
function withoutOptions(mesh: MeshConfig): Omit<MeshConfig, 'options'> {
  const { options: _options, ...rest } = mesh;
  return rest;
}

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

  it('mesh: a shape name keeps the options the scenario wrote and takes the new shape defaults for the others', () => {
    const next = applyOverrides(base, { mesh: 'none' });
    expect(next.mesh).toEqual(resolveMeshConfig({ ...base.mesh.options, shape: 'none' }));
    expect(next.mesh.endpointUpdateDelayMs).toBe(2000);
    expect(next.mesh.options.sidecar).toEqual({ workers: 8 });
    expect(next.mesh.loadBalancer).toBe('random');
    expect(next.mesh.defaultPolicy).toEqual(resolveMeshConfig({ shape: 'none' }).defaultPolicy);
  });

  it('mesh: a shape option (istioVersion 1.4) applies to the shape that uses it: app-mesh gets its own sidecar', () => {
    const old = resolveScenario({ ...minimal(), mesh: { shape: 'istio-sidecar', istioVersion: '1.4' } });
    expect(sidecarOf(applyOverrides(old, { mesh: 'app-mesh' }).mesh)).toEqual(
      sidecarOf(resolveMeshConfig({ shape: 'app-mesh' })),
    );
    // The same shape keeps the release and its profile.
    expect(applyOverrides(old, { mesh: 'istio-sidecar' }).mesh).toEqual(old.mesh);
    expect(sidecarOf(applyOverrides(old, { mesh: 'istio-sidecar' }).mesh)).toEqual(
      sidecarOf(resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: '1.4' })),
    );
  });

  it('mesh: appMeshLegacyAccount and layered follow the scenario to shapes that use them, and only those', () => {
    const legacy = resolveScenario({ ...minimal(), mesh: { shape: 'app-mesh', appMeshLegacyAccount: true } });
    expect(withoutOptions(applyOverrides(legacy, { mesh: 'istio-sidecar' }).mesh)).toEqual(
      withoutOptions(resolveMeshConfig({ shape: 'istio-sidecar' })),
    );
    const layered = { inCluster: 'linkerd', crossCluster: 'none' } as const;
    const layeredScenario = resolveScenario({ ...minimal(), mesh: { shape: 'layered', layered } });
    expect(withoutOptions(applyOverrides(layeredScenario, { mesh: 'none' }).mesh)).toEqual(
      withoutOptions(resolveMeshConfig({ shape: 'none' })),
    );
    expect(applyOverrides(layeredScenario, { mesh: 'layered' }).mesh).toEqual(
      resolveMeshConfig({ shape: 'layered', ...layered }),
    );
  });

  it('mesh: a written profile field carries over alone, onto the new shape’s profile', () => {
    // workers 8 on Istio's sidecar becomes workers 8 on App Mesh's Envoy (its latency stays App Mesh's).
    expect(sidecarOf(applyOverrides(base, { mesh: 'app-mesh' }).mesh)).toEqual({
      ...sidecarOf(resolveMeshConfig({ shape: 'app-mesh' })),
      workers: 8,
    });
    // A ztunnel override written on a sidecar scenario applies when compared under istio-ambient.
    const withZtunnel = resolveScenario({
      ...minimal(),
      mesh: { shape: 'istio-sidecar', ztunnel: { workers: 8 } },
    });
    const ambient = applyOverrides(withZtunnel, { mesh: 'istio-ambient' }).mesh as IstioAmbientMeshConfig;
    expect(ambient.ztunnel).toEqual({
      ...(resolveMeshConfig({ shape: 'istio-ambient' }) as IstioAmbientMeshConfig).ztunnel,
      workers: 8,
    });
  });

  it('mesh: an object naming a shape and istioVersion builds that release’s defaults', () => {
    const next = applyOverrides(base, { mesh: { shape: 'istio-sidecar', istioVersion: '1.4' } });
    expect((next.mesh as IstioSidecarMeshConfig).istioVersion).toBe('1.4');
    expect(sidecarOf(next.mesh)).toEqual({
      ...sidecarOf(resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: '1.4' })),
      workers: 8,
    });
  });

  it('mesh: an object replaces the given options', () => {
    const next = applyOverrides(base, { mesh: { loadBalancer: 'random' } });
    expect(next.mesh).toEqual({
      ...base.mesh,
      loadBalancer: 'random',
      options: { ...base.mesh.options, loadBalancer: 'random' },
    });
  });

  it('throws a RangeError for a bad duration, seed or mesh shape', () => {
    expect(() => applyOverrides(base, { durationMs: 0 })).toThrow(
      new RangeError('durationMs must be > 0 (got 0)'),
    );
    expect(() => applyOverrides(base, { durationMs: NaN })).toThrow(
      new RangeError('durationMs must be a finite number (got NaN)'),
    );
    const seedRule = `seed must be a non-negative integer (at most ${Number.MAX_SAFE_INTEGER}) or a non-empty string, as in a scenario`;
    expect(() => applyOverrides(base, { seed: NaN })).toThrow(new RangeError(`${seedRule} (got NaN)`));
    expect(() => applyOverrides(base, { seed: '' })).toThrow(new RangeError(`${seedRule} (got "")`));
  });

  it('refuses a duration past the bound of a scenario’s duration (30 days), as --duration and simulate do', () => {
    const maxMs = 30 * 24 * 3_600_000;
    expect(applyOverrides(base, { durationMs: maxMs }).durationMs).toBe(maxMs);
    expect(() => applyOverrides(base, { durationMs: 1e12 })).toThrow(
      new RangeError(`durationMs must be ≤ ${maxMs} (got 1000000000000)`),
    );
    // The same words as simulate's check of a config built in code.
    expect(() => simulate({ ...base, durationMs: 1e12 })).toThrow(
      `durationMs must be ≤ ${maxMs} (got 1000000000000)`,
    );
  });

  it('refuses an unknown key, naming it and the keys it takes (with "did you mean"), instead of dropping it', () => {
    const takes = 'applyOverrides takes seed, durationMs, mesh';
    const apply = (overrides: Record<string, unknown>): SimulationConfig =>
      applyOverrides(base, overrides as ScenarioOverrides);
    expect(() => apply({ duration: 5000 })).toThrow(
      new RangeError(`unknown override "duration" (did you mean "durationMs"?): ${takes}`),
    );
    expect(() => apply({ Seed: 3 })).toThrow(
      new RangeError(`unknown override "Seed" (did you mean "seed"?): ${takes}`),
    );
    expect(() => apply({ meshShape: 'none' })).toThrow(
      new RangeError(`unknown override "meshShape": ${takes}`),
    );
    expect(() => apply({ seed: 4, color: 'red' })).toThrow(
      new RangeError(`unknown override "color": ${takes}`),
    );
  });

  it('refuses a seed the scenario format refuses (negative, fractional, beyond 2^53 − 1), as --seed does', () => {
    const seedRule = `seed must be a non-negative integer (at most ${Number.MAX_SAFE_INTEGER}) or a non-empty string, as in a scenario`;
    for (const seed of [-1, 1.5, 2 ** 53, Infinity])
      expect(() => applyOverrides(base, { seed })).toThrow(
        new RangeError(`${seedRule} (got ${String(seed)})`),
      );
    // The same seeds in a file: refused by the same rule.
    for (const seed of [-1, 1.5, 2 ** 53])
      expect(() =>
        parseScenario(
          `seed: ${seed}\nservices: { a: { serviceTime: 1ms } }\ntraffic: [{ to: a, rate: 1 }]\n`,
          's.yaml',
        ),
      ).toThrow(/seed: must be/);
    expect(applyOverrides(base, { seed: 0 }).seed).toBe(0);
    expect(applyOverrides(base, { seed: Number.MAX_SAFE_INTEGER }).seed).toBe(Number.MAX_SAFE_INTEGER);
    expect(applyOverrides(base, { seed: 'run-7' }).seed).toBe('run-7');
    expect(() => applyOverrides(base, { mesh: 'istio' as never })).toThrow(
      new RangeError(
        `mesh must be one of ${meshShapeNames().join(', ')} (got "istio") (did you mean "istio-sidecar" or "istio-ambient"?)`,
      ),
    );
  });
});
