// linkerd2-proxy's balancer queue and failfast: when no endpoint of a destination is ready (every one backing off
// after a failed connect), a caller's proxy holds the requests until one is, and fails them (504) if none is within
// its 3 s failfast timeout; then it refuses new requests at once (503) until an endpoint is ready again.

import { describe, expect, it } from 'vitest';
import { resolveMeshConfig, simulate } from '../../src/index.js';
import type { CallPolicy, FaultConfig, RetryCondition, SimulationConfig } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { call, config, constantArrivals, service } from '../__helpers__/configs.js';
import { edgeOf } from '../__helpers__/protection.js';

/** The sidecar of backend's only pod is down from 1 s for `durationMs`. */
function backendSidecarDown(durationMs: number): FaultConfig {
  return {
    atMs: 1000,
    durationMs,
    service: 'backend',
    instances: 1,
    effect: { kind: 'crash-proxy', proxy: 'sidecar' },
  };
}

/** No timeout; up to `maxAttempts` tries on `retryOn`, 25 ms apart. */
function retrying(maxAttempts: number, retryOn: readonly RetryCondition[]): CallPolicy {
  return {
    timeoutMs: Infinity,
    perTryTimeoutMs: Infinity,
    retry: { maxAttempts, retryOn, backoff: { baseMs: 25, maxMs: 25, jitter: 'none' } },
  };
}

/**
 * users → frontend ×1 → backend ×1 under linkerd, 100/s, 1 ms of work each, no timeout and no retry unless `policy`
 * says. Endpoint lists change only after 20 s, so backend's pod stays in frontend's endpoints: what empties its
 * balancer is the reconnect backoff alone.
 */
function oneBackend(faults: FaultConfig[], policy?: CallPolicy): SimulationConfig {
  const oneMs = { kind: 'constant', value: 1 } as const;
  return config(
    [
      service('frontend', {
        concurrency: 2048,
        queueCapacity: 4096,
        serviceTimeMs: oneMs,
        calls: [[call('backend', policy)]],
      }),
      service('backend', { replicas: 1, concurrency: 64, serviceTimeMs: oneMs }),
    ],
    [constantArrivals('frontend', 100, 'users')],
    {
      mesh: resolveMeshConfig({ shape: 'linkerd', endpointUpdateDelayMs: 20_000 }),
      durationMs: 10_000,
      faults,
    },
  );
}

function seriesOf(result: ReturnType<typeof simulate>, source: string, destination: string) {
  const series = result.timeSeries.edges.find((e) => e.source === source && e.destination === destination);
  if (series === undefined) throw new Error(`no series ${source} → ${destination}`);
  return series;
}

describe('linkerd: requests wait in the balancer queue while no endpoint is ready', () => {
  it('every endpoint backing off: the requests are held, then fail together at the 3 s failfast (504), then 503 at once', () => {
    const result = simulate(oneBackend([backendSidecarDown(6000)]));
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    // Only the first requests meet the dead sidecar; the rest never leave the caller's proxy.
    expect(edge.failures['connect-failure']).toBeGreaterThan(0);
    expect(edge.failures['connect-failure']).toBeLessThan(5);
    // ~3 s of requests (≈ 300) held, then failed by failfast as the proxy's 504.
    expect(edge.failures['gateway-timeout']).toBeGreaterThan(250);
    expect(edge.failures['gateway-timeout']).toBeLessThan(320);
    expect(edge.policyEvents['linkerd-failfast']).toBe(edge.failures['gateway-timeout']);
    expect(edge.policyEvents['linkerd-queued']).toBeGreaterThanOrEqual(edge.failures['gateway-timeout']);
    // While in failfast, new requests are refused at once (503, no ready endpoint) until the sidecar is back.
    expect(edge.failures['no-endpoints']).toBeGreaterThan(200);
    expect(edge.policyEvents['linkerd-load-shed']).toBe(edge.failures['no-endpoints']);
    // Nothing fails in the 3 s the requests wait (1 s intervals): they fail together in the one after.
    const failed = seriesOf(result, 'frontend', 'backend').failed;
    expect(failed[2]).toBe(0);
    expect(failed[3]).toBe(0);
    expect(failed[4]).toBeGreaterThan(250);
  });

  it('an endpoint ready again within the failfast timeout serves the held requests', () => {
    const result = simulate(oneBackend([backendSidecarDown(1000)]));
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    // The reconnect after the sidecar's restart (≈ 2.5 s) is accepted: the ~150 held requests go then.
    expect(edge.policyEvents['linkerd-queued']).toBeGreaterThan(100);
    expect(edge.failures['gateway-timeout']).toBe(0);
    expect(edge.failures['no-endpoints']).toBe(0);
    expect(edge.failed).toBeLessThan(5);
    expect(result.conservation.inFlight).toBe(0);
  });

  it('the route retries 5xx: each failfast 504 is retried once, and no load-shed 503 is ever retried', () => {
    const result = simulate(oneBackend([backendSidecarDown(6000)], retrying(3, ['5xx'])));
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    const failedFast = edge.policyEvents['linkerd-failfast'] ?? 0;
    const shed = edge.policyEvents['linkerd-load-shed'] ?? 0;
    expect(failedFast).toBeGreaterThan(250);
    expect(shed).toBeGreaterThan(200);
    // Each 504 is retried (a FailFastError is retryable) into a balancer still in failfast: refused, and that ends the
    // call. So no call ends on a 504, and every refusal ends its call: one refusal per call, never retried.
    expect(edge.failures['gateway-timeout']).toBe(0);
    expect(edge.failures['no-endpoints']).toBe(shed);
    // The retries: one per 504, and those of the few connections refused by the dead sidecar, nothing else.
    expect(edge.retries).toBeGreaterThanOrEqual(failedFast);
    expect(edge.retries).toBeLessThan(failedFast + 10);
  });

  it('a failfast 504 is retried whatever the route retries on; a load-shed 503 is not', () => {
    // `connect-failure` covers neither a 504 nor (under linkerd2-proxy) a 503 it sheds. Three tries: a call whose first
    // met the dead sidecar (a refused connection, retried) still has one for its 504.
    const result = simulate(oneBackend([backendSidecarDown(6000)], retrying(3, ['connect-failure'])));
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    const failedFast = edge.policyEvents['linkerd-failfast'] ?? 0;
    expect(failedFast).toBeGreaterThan(250);
    expect(edge.failures['gateway-timeout']).toBe(0);
    expect(edge.failures['no-endpoints']).toBe(edge.policyEvents['linkerd-load-shed']);
    expect(edge.retries).toBeGreaterThanOrEqual(failedFast);
    expect(edge.retries).toBeLessThan(failedFast + 10);
  });
});
