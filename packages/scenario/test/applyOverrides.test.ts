import { MESH_SHAPES, defaultMeshConfig } from '@meshsim/mesh';
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
