// Istio's default retry policy follows `mesh.istioVersion`: releases before 1.24 also retry a 503 the upstream
// answers (`retriable_status_codes: [503]`, meshsim's `overflow`); 1.24 removed it (istio/istio PR #52111).

import { describe, expect, it } from 'vitest';

import { ISTIO_VERSIONS, NO_POLICY, resolveMeshConfig, simulate } from '../../../src/index.js';
import type { IstioVersion, SimulationResult } from '../../../src/index.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

const retryOnOf = (istioVersion: IstioVersion): readonly string[] =>
  resolveMeshConfig({ shape: 'istio-sidecar', istioVersion }).defaultPolicy.retry.retryOn;

describe("istio-sidecar: Istio's default retry policy per release", () => {
  it('retries 503s (overflow) before 1.24, on top of connect failures', () => {
    for (const version of ISTIO_VERSIONS.filter((v) => Number(v.split('.')[1]) < 24)) {
      expect(retryOnOf(version), version).toEqual(['connect-failure', 'overflow']);
    }
  });

  it('no longer retries 503s from 1.24 on, nor in ambient (1.24+)', () => {
    expect(retryOnOf('1.24')).toEqual(['connect-failure']);
    expect(resolveMeshConfig({ shape: 'istio-ambient' }).defaultPolicy.retry.retryOn).toEqual([
      'connect-failure',
    ]);
  });

  it('never retries a reset in any release: refused-stream matches only a REFUSED_STREAM reset, no outcome here', () => {
    for (const version of ISTIO_VERSIONS) expect(retryOnOf(version), version).not.toContain('reset');
  });

  it('keeps 2 retries, no route timeout, in every release; a written defaultPolicy still wins', () => {
    for (const version of ISTIO_VERSIONS) {
      const policy = resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: version }).defaultPolicy;
      expect(policy.retry.maxAttempts).toBe(3);
      expect(policy.timeoutMs).toBe(Infinity);
    }
    const written = resolveMeshConfig({
      shape: 'istio-sidecar',
      istioVersion: '1.12',
      defaultPolicy: { ...NO_POLICY, timeoutMs: 1000 },
    }).defaultPolicy;
    expect(written).toEqual({ ...NO_POLICY, timeoutMs: 1000 });
  });

  it('layered inside clusters takes the release of the in-cluster istio-sidecar', () => {
    const layered = resolveMeshConfig({ shape: 'layered', inCluster: 'istio-sidecar', istioVersion: '1.16' });
    expect(layered.defaultPolicy.retry.retryOn).toContain('overflow');
  });

  it('a backend whose full queue answers 503 is retried under 1.23 and not under 1.24', () => {
    const run = (istioVersion: IstioVersion): SimulationResult =>
      simulate({
        ...config(
          [
            service('frontend', { concurrency: 64, calls: [[call('backend')]] }),
            service('backend', {
              concurrency: 2,
              queueCapacity: 1,
              serviceTimeMs: { kind: 'exponential', mean: 10 },
            }),
          ],
          [poisson('frontend', 300)],
          { durationMs: 5000 },
        ),
        mesh: resolveMeshConfig({ shape: 'istio-sidecar', istioVersion }),
      });
    const toBackend = (result: SimulationResult) =>
      result.edges.find((edge) => edge.destination === 'backend');
    const retriesToBackend = (result: SimulationResult): number => toBackend(result)?.retries ?? NaN;
    const old = run('1.23');
    const current = run('1.24');
    expect(toBackend(current)?.failures.rejected).toBeGreaterThan(0);
    expect(retriesToBackend(current)).toBe(0);
    expect(retriesToBackend(old)).toBeGreaterThan(0);
  });
});
