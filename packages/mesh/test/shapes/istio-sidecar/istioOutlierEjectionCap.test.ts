// Istio's Envoy caps outlier ejections by maxEjectionPercent per release: the first ejection always passes before
// Envoy 1.28 (Istio up to 1.16 here), never past the cap from Istio 1.20; the resolved mesh and `layered` carry it.

import { describe, expect, it } from 'vitest';

import { ISTIO_VERSIONS } from '../../../src/shapes/istio-sidecar/istioProfiles.js';
import { istioOutlierEjectionCap } from '../../../src/shapes/istio-sidecar/istioOutlierEjectionCap.js';
import { resolveMeshConfig } from '../../../src/index.js';

describe('istioOutlierEjectionCap', () => {
  it('is before-ejection up to 1.16 and after-ejection from 1.20', () => {
    const caps = Object.fromEntries(ISTIO_VERSIONS.map((v) => [v, istioOutlierEjectionCap(v)]));
    expect(caps['1.4']).toBe('before-ejection');
    expect(caps['1.16']).toBe('before-ejection');
    expect(caps['1.20']).toBe('after-ejection');
    expect(caps['1.24']).toBe('after-ejection');
    const before = ISTIO_VERSIONS.filter((v) => caps[v] === 'before-ejection');
    expect(before).toEqual(ISTIO_VERSIONS.filter((v) => Number(v.split('.')[1]) <= 16));
  });

  it('is what the resolved istio-sidecar mesh, and a layered mesh over it, apply; other shapes use Envoy ≥ 1.28', () => {
    expect(resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: '1.12' }).outlierEjectionCap).toBe(
      'before-ejection',
    );
    expect(resolveMeshConfig({ shape: 'istio-sidecar' }).outlierEjectionCap).toBe('after-ejection');
    expect(
      resolveMeshConfig({ shape: 'layered', inCluster: 'istio-sidecar', istioVersion: '1.12' })
        .outlierEjectionCap,
    ).toBe('before-ejection');
    expect(resolveMeshConfig({ shape: 'app-mesh' }).outlierEjectionCap).toBe('after-ejection');
  });
});
