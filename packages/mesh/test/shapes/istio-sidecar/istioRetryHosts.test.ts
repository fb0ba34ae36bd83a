// Istio's proxies avoid the endpoints a request already tried when they retry it (Envoy's previous_hosts predicate,
// host_selection_retry_max_attempts 5): a crashed pod's sidecar fails a first try, almost never its retries.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate } from '../../../src/index.js';
import type { CallPolicy, EdgeMetrics, MeshOptions } from '../../../src/index.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

/** 3 tries on 5xx, 1 s timeout, a 1 ms backoff. */
const RETRY_5XX: CallPolicy = {
  timeoutMs: 1000,
  perTryTimeoutMs: Infinity,
  retry: { maxAttempts: 3, retryOn: ['5xx'], backoff: { baseMs: 1, maxMs: 1, jitter: 'none' } },
};

/**
 * frontend ×2 → backend ×4 (with a waypoint: ambient's L7 hop) at 400 calls/s; one backend pod fails 2–8 s: its
 * sidecar crashed (no call policy: the mesh's default retries), or it answers every request with a 500 (`RETRY_5XX`).
 */
function oneBadPod(options: MeshOptions, fault: 'sidecar-crash' | 'errors'): EdgeMetrics {
  const result = simulate(
    config(
      [
        service('frontend', {
          replicas: 2,
          concurrency: 64,
          calls: [[fault === 'errors' ? call('backend', RETRY_5XX) : call('backend')]],
        }),
        service('backend', {
          replicas: 4,
          concurrency: 16,
          serviceTimeMs: { kind: 'exponential', mean: 10 },
          waypoint: { replicas: 1 },
        }),
      ],
      [poisson('frontend', 400)],
      {
        mesh: resolveMeshConfig(options),
        seed: 11,
        faults: [
          {
            atMs: 2000,
            durationMs: 6000,
            service: 'backend',
            instances: 1,
            effect:
              fault === 'errors' ? { kind: 'error', rate: 1 } : { kind: 'crash-proxy', proxy: 'sidecar' },
          },
        ],
      },
    ),
  );
  const edge = result.edges.find((e) => e.source === 'frontend' && e.destination === 'backend');
  if (edge === undefined) throw new Error('no edge frontend -> backend');
  return edge;
}

describe("Istio's proxies retry on endpoints the request has not tried (previous_hosts, 5 redraws)", () => {
  it("istio-sidecar: a crashed pod's sidecar fails first tries, whose retries go elsewhere: almost no call fails", () => {
    const edge = oneBadPod({ shape: 'istio-sidecar' }, 'sidecar-crash');
    // About a quarter of the first tries reach the crashed pod, until its NotReady pod leaves the endpoints 1 s into
    // the crash (≈ 100), and are retried...
    expect(edge.retries).toBeGreaterThan(80);
    // ...and a call fails only if 6 draws in a row land on it, twice. Redrawing freely, about (1/4)² of the retried
    // calls failed (tens here; the reviewer's 20 s run: 244 of 8,000).
    expect(edge.failed).toBeLessThanOrEqual(2);
  });

  it('istio-sidecar and istio-ambient (through a waypoint) avoid a pod answering 500s; Linkerd and a client library do not', () => {
    for (const shape of ['istio-sidecar', 'istio-ambient'] as const) {
      const edge = oneBadPod({ shape }, 'errors');
      expect(edge.retries, shape).toBeGreaterThan(300);
      expect(edge.failed, shape).toBeLessThanOrEqual(2);
    }
    // Linkerd's retries go through its balancer again (linkerd/linkerd2#11669), as a library's do: some calls meet
    // the bad pod on all three tries.
    for (const shape of ['linkerd', 'library'] as const) {
      expect(oneBadPod({ shape }, 'errors').failed, shape).toBeGreaterThan(5);
    }
  });
});
