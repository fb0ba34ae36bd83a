// Shape-specific enforcement gaps: each one warns naming the policy, the service and the shape, and
// the policy is not applied (or is applied by the application, where that is what happens).

import { describe, expect, it } from 'vitest';
import {
  ENVOY_CONNECTION_POOL,
  ENVOY_OUTLIER_DETECTION,
  HYSTRIX_BREAKER,
  LINKERD_FAILURE_ACCRUAL,
  NO_DESTINATION_POLICY,
  NO_INBOUND_POLICY,
  Simulation,
  simulate,
} from '../../src/index.js';
import { APP_MESH_DEFAULT_RETRY } from '../../src/internal/index.js';
import type { IstioSidecarMeshConfig, MeshConfig, ServiceConfig, SimulationResult } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { call, config, poisson, policy, service } from '../__helpers__/configs.js';
import { meshOf } from '../__helpers__/shapeHarness.js';

/** `a` calls `b` (with `callPolicy` if given); `b` gets `b` overrides; 200 rps for 2 s. */
function run(
  mesh: MeshConfig,
  b: Partial<ServiceConfig> = {},
  callOverrides: Parameters<typeof call>[2] = {},
  withRetries = false,
): SimulationResult {
  const cfg = config(
    [
      service('a', { calls: [[call('b', withRetries ? policy(1000, 3) : undefined, callOverrides)]] }),
      service('b', b),
    ],
    [poisson('a', 200)],
    { durationMs: 2000 },
  );
  const result = simulate({ ...cfg, mesh });
  assertConservation(result);
  return result;
}

const rateLimited: Partial<ServiceConfig> = {
  inbound: { ...NO_INBOUND_POLICY, rateLimit: { ratePerSecond: 10, burst: 1, scope: 'service' } },
};

describe('capability gaps per shape', () => {
  it('app-mesh: no rate limiting — warned and not applied (Istio enforces the same limit)', () => {
    const appMesh = run(meshOf('app-mesh'), rateLimited);
    expect(
      appMesh.warnings.some((w) => w.includes('rate-limit') && w.includes('"b"') && w.includes('app-mesh')),
    ).toBe(true);
    expect(appMesh.services.find((s) => s.name === 'b')?.rateLimited).toBe(0);
    const istio = run(meshOf('istio-sidecar'), rateLimited);
    expect(istio.warnings.some((w) => w.includes('rate-limit'))).toBe(false);
    expect(istio.services.find((s) => s.name === 'b')?.rateLimited).toBeGreaterThan(0);
  });

  it('app-mesh: no mirroring — warned and not applied', () => {
    const cfg = config(
      [
        service('a', { calls: [[call('b', undefined, { mirror: { to: 'c', percent: 100 } })]] }),
        service('b'),
        service('c'),
      ],
      [poisson('a', 100)],
      { durationMs: 1000 },
    );
    const result = simulate({ ...cfg, mesh: meshOf('app-mesh') });
    expect(result.warnings.some((w) => w.startsWith('mirror') && w.includes('app-mesh'))).toBe(true);
    expect(result.services.find((s) => s.name === 'c')?.arrived).toBe(0);
  });

  it('app-mesh: connection-pool thresholds are not tunable — warned; legacy accounts get Envoy defaults on every caller', () => {
    const pooled: Partial<ServiceConfig> = {
      destination: { ...NO_DESTINATION_POLICY, connectionPool: { ...ENVOY_CONNECTION_POOL, maxRequests: 1 } },
    };
    const current = run(meshOf('app-mesh'), pooled);
    expect(
      current.warnings.some(
        (w) => w.startsWith('connection-pool of service "b"') && w.includes('2147483647'),
      ),
    ).toBe(true);
    expect(current.edges.find((e) => e.destination === 'b')?.failures['breaker-open']).toBe(0);

    const legacyMesh = meshOf('app-mesh', { appMeshLegacyAccount: true });
    const legacy = run(legacyMesh, pooled);
    expect(legacy.warnings.some((w) => w.includes('1024 connections'))).toBe(true);
    const sim = new Simulation(config([service('a'), service('b')], [], { durationMs: 1000 }));
    expect(sim.dataPlane.shapeClientPolicies?.(sim.instancesOf('a')[0]!.caller, 'b') ?? []).toHaveLength(0);
    const legacySim = new Simulation({
      ...config([service('a'), service('b')], [], { durationMs: 1000 }),
      mesh: legacyMesh,
    });
    const policies =
      legacySim.dataPlane.shapeClientPolicies?.(legacySim.instancesOf('a')[0]!.caller, 'b') ?? [];
    expect(policies.map((p) => p.name)).toEqual(['envoy-circuit-breakers', expect.any(String)]);
  });

  it('app-mesh: retry conditions outside its event set are dropped with a warning; its implicit default retries 503s', () => {
    const cfg = config(
      [
        service('a', {
          calls: [
            [
              call('b', {
                ...policy(1000, 3),
                retry: { ...policy(1000, 3).retry, retryOn: ['reset', 'per-try-timeout', '5xx'] },
              }),
            ],
          ],
        }),
        service('b'),
      ],
      [poisson('a', 50)],
      { durationMs: 1000 },
    );
    const result = simulate({ ...cfg, mesh: meshOf('app-mesh') });
    expect(
      result.warnings.some(
        (w) =>
          w.includes('calls from "a" to "b"') &&
          w.includes('reset, per-try-timeout') &&
          w.includes('app-mesh'),
      ),
    ).toBe(true);
    expect(meshOf('app-mesh').defaultPolicy).toEqual({
      timeoutMs: 15_000,
      perTryTimeoutMs: Infinity,
      retry: APP_MESH_DEFAULT_RETRY,
    });
    expect(meshOf('app-mesh', { appMeshLegacyAccount: true }).defaultPolicy.retry.maxAttempts).toBe(1);
  });

  it('Envoy-based shapes run neither client-library breaker; Linkerd runs failure accrual only — warned, naming the alternative', () => {
    // b fails every request: a breaker that ran would eject or open.
    const breakers: Partial<ServiceConfig> = {
      errorRate: 1,
      destination: {
        ...NO_DESTINATION_POLICY,
        failureAccrual: LINKERD_FAILURE_ACCRUAL,
        errorRateBreaker: HYSTRIX_BREAKER,
      },
    };
    const counters = (result: SimulationResult) => {
      const ab = result.edges.find((e) => e.source === 'a' && e.destination === 'b');
      if (ab === undefined) throw new Error('no edge a -> b');
      return [ab.policyEvents['failure-accrual-ejections'] ?? 0, ab.policyEvents['breaker-opened'] ?? 0];
    };
    for (const shape of ['istio-sidecar', 'app-mesh', 'consul'] as const) {
      const result = run(meshOf(shape), breakers);
      expect(counters(result), shape).toEqual([0, 0]);
      expect(
        result.warnings.filter((w) => w.includes('not enforced')),
        shape,
      ).toEqual([
        expect.stringMatching(
          /^error-rate-breaker on service "b" is not enforced: .*\(Envoy has no error-rate breaker/,
        ),
        expect.stringMatching(
          /^failure-accrual on service "b" is not enforced: .*; the policy is not applied \(Envoy has no failure accrual: its ejection after consecutive 5xx is outlierDetection\)$/,
        ),
      ]);
    }
    const linkerd = run(meshOf('linkerd'), breakers);
    expect(linkerd.warnings.filter((w) => w.includes('not enforced'))).toEqual([
      expect.stringMatching(
        /^error-rate-breaker on service "b" .*\(Linkerd's only breaker is failureAccrual/,
      ),
    ]);
    expect(counters(linkerd)[0]).toBeGreaterThan(0);
    const library = run(meshOf('library'), breakers);
    expect(library.warnings.filter((w) => w.includes('not enforced'))).toEqual([]);
    expect(counters(library)[1]).toBeGreaterThan(0);
  });

  it('linkerd: no Envoy-style connection pool or outlier detection — warned, pointing at failure accrual', () => {
    const result = run(meshOf('linkerd'), {
      destination: {
        ...NO_DESTINATION_POLICY,
        connectionPool: ENVOY_CONNECTION_POOL,
        outlierDetection: ENVOY_OUTLIER_DETECTION,
      },
    });
    expect(
      result.warnings.some(
        (w) => w.startsWith('connection-pool of service "b"') && w.includes('failureAccrual'),
      ),
    ).toBe(true);
    expect(result.warnings.some((w) => w.startsWith('outlier-detection of service "b"'))).toBe(true);
  });

  it('istio-ambient without a waypoint: L7 policies warn naming the service; retries stay with the application', () => {
    // alwaysEjectOneHost: with few replicas the default cap would add its own warning about "b".
    // As a DestinationRule gives it: Istio never ejects by success rate (outlier-detection.md).
    const outlierDetection = { ...ENVOY_OUTLIER_DETECTION, alwaysEjectOneHost: true, successRate: null };
    const destination = { ...NO_DESTINATION_POLICY, outlierDetection };
    const without = run(meshOf('istio-ambient'), { destination }, {}, true);
    expect(
      without.warnings.some(
        (w) =>
          w.includes('service "b" has no waypoint') && w.includes('outlier-detection') && w.includes('retry'),
      ),
    ).toBe(true);
    expect(without.warnings.filter((w) => w.includes('no waypoint'))).toHaveLength(1);
    const withWaypoint = run(meshOf('istio-ambient'), { destination, waypoint: true }, {}, true);
    expect(withWaypoint.warnings.filter((w) => w.includes('"b"'))).toEqual([]);
    const sim = new Simulation({
      ...config([service('a'), service('b', { waypoint: true }), service('c')], []),
      mesh: meshOf('istio-ambient'),
    });
    const caller = sim.instancesOf('a')[0]!.caller;
    expect(sim.dataPlane.clientEnforcer(caller, 'b')).toBe('l7-proxy');
    expect(sim.dataPlane.clientEnforcer(caller, 'c')).toBe('l4-proxy');
    expect(sim.dataPlane.serverEnforcer('c')).toBe('l4-proxy');
  });

  it('istio-ambient with waypoints for some services: destination policies run at those waypoints only', () => {
    // As a DestinationRule gives it: Istio never ejects by success rate (outlier-detection.md).
    const outlierDetection = { ...ENVOY_OUTLIER_DETECTION, alwaysEjectOneHost: true, successRate: null };
    const destination = { ...NO_DESTINATION_POLICY, outlierDetection };
    const cfg = config(
      [
        service('a', { calls: [[call('b'), call('c')]] }),
        service('b', { destination, waypoint: true }),
        service('c', { destination }),
      ],
      [poisson('a', 200)],
      { durationMs: 2000 },
    );
    const result = simulate({ ...cfg, mesh: meshOf('istio-ambient') });
    // b's waypoint enforces outlier detection: its detector reports counters; c has none and warns.
    const ab = result.edges.find((e) => e.source === 'a' && e.destination === 'b');
    const ac = result.edges.find((e) => e.source === 'a' && e.destination === 'c');
    expect(ab?.policyEvents['outlier-ejections']).toBe(0);
    expect(ac?.policyEvents['outlier-ejections']).toBeUndefined();
    expect(result.warnings.some((w) => w.includes('"c"') && w.includes('outlier-detection'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('"b"') && w.includes('outlier-detection'))).toBe(false);
  });

  it('istio-ambient: the Istio default retry applies to calls through a waypoint only', () => {
    const sim = new Simulation({
      ...config([service('a'), service('b', { waypoint: true }), service('c')], []),
      mesh: meshOf('istio-ambient'),
    });
    const caller = sim.instancesOf('a')[0]!.caller;
    const unset = meshOf('none').defaultPolicy;
    expect(sim.dataPlane.effectivePolicy(caller, unset, false, 'b').retry.maxAttempts).toBe(3);
    expect(sim.dataPlane.effectivePolicy(caller, unset, false, 'c').retry.maxAttempts).toBe(1);
  });

  it('vpc-lattice: no configurable retries — warned, run by the application; no outlier detection — not applied', () => {
    const result = run(
      meshOf('vpc-lattice'),
      { destination: { ...NO_DESTINATION_POLICY, outlierDetection: ENVOY_OUTLIER_DETECTION } },
      {},
      true,
    );
    expect(
      result.warnings.some((w) => w.includes('VPC Lattice has no configurable retries') && w.includes('"b"')),
    ).toBe(true);
    expect(result.warnings.some((w) => w.includes('outlier-detection') && w.includes('managed-hop'))).toBe(
      true,
    );
  });

  it('istio-sidecar: an istioVersion that does not match the sidecar profile warns (the profile runs)', () => {
    // A config built by hand (not resolved) that pairs release 1.4 with the 1.24 profile.
    const handBuilt: IstioSidecarMeshConfig = {
      ...(meshOf('istio-sidecar') as IstioSidecarMeshConfig),
      istioVersion: '1.4',
    };
    const result = run(handBuilt);
    expect(
      result.warnings.some((w) => w.includes('mesh.istioVersion is 1.4') && w.includes('1.20-1.24')),
    ).toBe(true);
    expect(run(meshOf('istio-sidecar', { istioVersion: '1.4' })).warnings).toEqual([]);
  });

  it('cilium: L7 destinations are enforced at the node Envoy, others at the eBPF (l4) hop', () => {
    const sim = new Simulation({
      ...config([service('a'), service('b', { deadlinePropagation: true }), service('c')], []),
      mesh: meshOf('cilium'),
    });
    const caller = sim.instancesOf('a')[0]!.caller;
    expect(sim.dataPlane.clientEnforcer(caller, 'b')).toBe('l7-proxy');
    expect(sim.dataPlane.clientEnforcer(caller, 'c')).toBe('l4-proxy');
  });
});
