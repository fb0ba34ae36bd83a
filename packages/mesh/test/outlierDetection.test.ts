// End-to-end effect of outlier detection: one always-failing instance among ten, with and without
// Envoy's defaults; ejection timing seen through policyEvents; the capability warning; the ejection cap per release;
// no success-rate ejection where Istio configures the proxies.

import { describe, expect, it } from 'vitest';
import { meshShapeNames, resolveMeshConfig, simulate, staticWarnings } from '../src/index.js';
import type {
  EdgeMetrics,
  FaultConfig,
  IstioVersion,
  ServiceConfig,
  SimulationConfig,
  SimulationResult,
} from '../src/index.js';
import type { OutlierDetectionConfig } from '../src/config/PolicyConfig.js';
import { ENVOY_OUTLIER_DETECTION, NO_DESTINATION_POLICY } from '../src/config/policyDefaults.js';
import { assertConservation } from './__helpers__/assertions.js';
import { call, config, poisson, service } from './__helpers__/configs.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

const badFirstInstance: FaultConfig = {
  atMs: 0,
  durationMs: Infinity,
  service: 'b',
  instances: 1,
  effect: { kind: 'error', rate: 1 },
};

function oneBadOfTen(outlierDetection: OutlierDetectionConfig | null): SimulationConfig {
  return config(
    [
      service('b', {
        replicas: 10,
        destination: { ...NO_DESTINATION_POLICY, outlierDetection },
      }),
    ],
    [poisson('b', 500)],
    { shape: 'library', durationMs: 60_000, faults: [badFirstInstance] },
  );
}

describe('outlier detection end to end', () => {
  it('ejects one always-failing instance among ten: success rate ≫ without it, conservation holds', () => {
    const without = simulate(oneBadOfTen(null));
    const withOd = simulate(oneBadOfTen(ENVOY_OUTLIER_DETECTION));
    const plain = edge(without, 'client', 'b');
    const guarded = edge(withOd, 'client', 'b');
    expect(plain.successRate).toBeGreaterThan(0.88);
    expect(plain.successRate).toBeLessThan(0.92);
    expect(guarded.successRate).toBeGreaterThan(0.999);
    expect(plain.policyEvents).toEqual({});
    assertConservation(without);
    assertConservation(withOd);
  });

  it('reports the ejections: 5 errors eject at once, back at the 40 s tick (30 s after), re-ejected for 60 s', () => {
    const result = simulate(oneBadOfTen(ENVOY_OUTLIER_DETECTION));
    const events = edge(result, 'client', 'b').policyEvents;
    expect(events['outlier-ejections']).toBe(2);
    expect(events['outlier-ejections-consecutive-5xx']).toBe(2);
    expect(events['outlier-ejections-success-rate']).toBe(0);
    expect(events['outlier-ejections-failure-percentage']).toBe(0);
    // Ejected from ≈ 0.1 s to the 40 s tick, then from ≈ 40.1 s to the end (60 s): ≈ 59.8 s in all.
    const ejectedMs = edge(result, 'client', 'b').policyTimeMs['outlier-ejected-host'];
    expect(ejectedMs).toBeGreaterThan(59_000);
    expect(ejectedMs).toBeLessThan(60_000);
    expect(Object.keys(events)).not.toContain('outlier-ejected-host-ms');
    // 5 failed calls per ejection round reached the bad instance.
    expect(edge(result, 'client', 'b').failed).toBe(10);
    assertConservation(result);
  });

  it('is deterministic with a stateful balancer and outlier detection: same config ⇒ identical result', () => {
    const cfg = oneBadOfTen(ENVOY_OUTLIER_DETECTION);
    const b = cfg.services[0] as ServiceConfig;
    const withP2c: SimulationConfig = {
      ...cfg,
      durationMs: 15_000,
      services: [
        {
          ...b,
          destination: {
            ...NO_DESTINATION_POLICY,
            outlierDetection: ENVOY_OUTLIER_DETECTION,
            loadBalancer: { kind: 'peak-ewma', defaultRttMs: 30, decayMs: 10_000 },
          },
        },
      ],
    };
    expect(JSON.stringify(simulate(withP2c))).toBe(JSON.stringify(simulate(withP2c)));
  });

  it('runs one detector per caller instance (Envoy: per cluster per proxy) in a sidecar mesh', () => {
    const result = simulate(
      config(
        [
          service('a', { replicas: 3, calls: [[call('b')]] }),
          service('b', {
            replicas: 10,
            // Istio's own: no success-rate ejection (which it cannot express; see below).
            destination: {
              ...NO_DESTINATION_POLICY,
              outlierDetection: { ...ENVOY_OUTLIER_DETECTION, successRate: null },
            },
          }),
        ],
        [poisson('a', 300)],
        { shape: 'istio-sidecar', durationMs: 20_000, faults: [badFirstInstance] },
      ),
    );
    const events = edge(result, 'a', 'b').policyEvents;
    // Each of the 3 callers ejects the bad instance once in 20 s.
    expect(events['outlier-ejections']).toBe(3);
    expect(result.warnings.some((w) => w.includes('outlier-detection'))).toBe(false);
    assertConservation(result);
  });

  it('warns and applies nothing when the caller hop cannot enforce outlier detection', () => {
    const result = simulate(
      config(
        [
          service('a', { calls: [[call('b')]] }),
          service('b', {
            replicas: 10,
            destination: { ...NO_DESTINATION_POLICY, outlierDetection: ENVOY_OUTLIER_DETECTION },
          }),
        ],
        [poisson('a', 100)],
        { shape: 'none', durationMs: 2000, faults: [badFirstInstance] },
      ),
    );
    const warning = result.warnings.find((w) => w.includes('outlier-detection'));
    expect(warning).toContain('"b"');
    expect(warning).toContain('application');
    expect(warning).toContain('"none"');
    expect(edge(result, 'a', 'b').policyEvents).toEqual({});
    assertConservation(result);
  });

  it('warns when the ejection cap can never allow one (3 hosts, 10 %), and ejects with alwaysEjectOneHost', () => {
    const threeHosts = (outlierDetection: OutlierDetectionConfig): SimulationConfig =>
      config(
        [service('b', { replicas: 3, destination: { ...NO_DESTINATION_POLICY, outlierDetection } })],
        [poisson('b', 200)],
        { shape: 'library', durationMs: 5000, faults: [badFirstInstance] },
      );
    const capped = simulate(threeHosts(ENVOY_OUTLIER_DETECTION));
    expect(capped.warnings).toEqual([
      'outlier-detection for calls to "b" can never eject a host: one of its 3 instances is 33.3 % > ' +
        'maxEjectionPercent 10 % (Envoy ≥ 1.28, Istio ≥ 1.20); set alwaysEjectOneHost or raise maxEjectionPercent',
    ]);
    const cappedEdge = edge(capped, 'client', 'b');
    expect(cappedEdge.policyEvents['outlier-ejections']).toBe(0);
    expect(cappedEdge.policyEvents['outlier-ejections-overflow']).toBeGreaterThan(0);
    const allowed = simulate(threeHosts({ ...ENVOY_OUTLIER_DETECTION, alwaysEjectOneHost: true }));
    expect(allowed.warnings).toEqual([]);
    expect(edge(allowed, 'client', 'b').policyEvents['outlier-ejections']).toBe(1);
  });

  it('follows istioVersion: Istio 1.16 (Envoy before 1.28) ejects the first of 3 hosts past a 10 % cap, 1.20 does not', () => {
    const threeHostsUnder = (istioVersion: IstioVersion): SimulationConfig =>
      config(
        [
          service('b', {
            replicas: 3,
            destination: { ...NO_DESTINATION_POLICY, outlierDetection: ENVOY_OUTLIER_DETECTION },
          }),
        ],
        [poisson('b', 200)],
        {
          durationMs: 5000,
          faults: [badFirstInstance],
          mesh: resolveMeshConfig({ shape: 'istio-sidecar', istioVersion }),
        },
      );
    const older = simulate(threeHostsUnder('1.16'));
    expect(older.warnings.filter((w) => w.includes('can never eject'))).toEqual([]);
    expect(edge(older, 'client', 'b').policyEvents['outlier-ejections']).toBeGreaterThan(0);
    const newer = simulate(threeHostsUnder('1.20'));
    expect(newer.warnings.filter((w) => w.includes('can never eject'))).toHaveLength(1);
    expect(edge(newer, 'client', 'b').policyEvents['outlier-ejections'] ?? 0).toBe(0);
    expect(edge(newer, 'client', 'b').failed).toBeGreaterThan(edge(older, 'client', 'b').failed);
  });

  describe('success-rate ejection where Istio configures the proxies (its applyOutlierDetection sets enforcing_success_rate 0)', () => {
    // The review's sr.yaml: a ×2 → b ×10, one b instance failing 20 % of its requests: too few in a row for
    // consecutive 5xx, an outlier by success rate.
    const flaky: FaultConfig = { ...badFirstInstance, effect: { kind: 'error', rate: 0.2 } };
    const run = (shape: string, outlierDetection: OutlierDetectionConfig): SimulationConfig =>
      config(
        [
          service('a', { replicas: 2, concurrency: 64, queueCapacity: 128, calls: [[call('b')]] }),
          service('b', { replicas: 10, destination: { ...NO_DESTINATION_POLICY, outlierDetection } }),
        ],
        [poisson('a', 500)],
        { shape, durationMs: 30_000, faults: [flaky] },
      );
    const srEjections = (result: SimulationResult): number =>
      edge(result, 'a', 'b').policyEvents['outlier-ejections-success-rate'] ?? 0;

    it('ejects by success rate with Envoy configured directly (library), never under istio-sidecar', () => {
      expect(srEjections(simulate(run('library', ENVOY_OUTLIER_DETECTION)))).toBeGreaterThan(0);
      const istio = simulate(run('istio-sidecar', ENVOY_OUTLIER_DETECTION));
      expect(srEjections(istio)).toBe(0);
      assertConservation(istio);
    });

    it('warns at the field when the config asks for it, not when it is the default a scenario did not write', () => {
      const asked = staticWarnings(run('istio-sidecar', ENVOY_OUTLIER_DETECTION));
      expect(asked).toEqual([
        {
          message:
            'outlier-detection for calls to "b": success-rate ejection cannot be expressed in mesh shape ' +
            '"istio-sidecar" (Istio sets Envoy\'s enforcing_success_rate to 0 for every DestinationRule); not applied',
          path: ['services', 'b', 'destinationPolicy', 'outlierDetection', 'successRate'],
        },
      ]);
      const unwritten = { ...ENVOY_OUTLIER_DETECTION, successRateFromDefault: true };
      expect(staticWarnings(run('istio-sidecar', unwritten))).toEqual([]);
      expect(srEjections(simulate(run('istio-sidecar', unwritten)))).toBe(0);
      expect(staticWarnings(run('library', ENVOY_OUTLIER_DETECTION))).toEqual([]);
    });

    it('is off in the shapes Istio configures (sidecars, ambient waypoints, layered on either), configurable elsewhere', () => {
      const off = meshShapeNames().filter(
        (shape) => resolveMeshConfig({ shape }).successRateEjection === 'off',
      );
      expect(off).toEqual(['istio-sidecar', 'istio-ambient', 'layered']);
      expect(resolveMeshConfig({ shape: 'layered', inCluster: 'linkerd' }).successRateEjection).toBe(
        'configurable',
      );
    });
  });
});
