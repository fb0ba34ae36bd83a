// A crashed mesh proxy as a process: a caller-side proxy that is down retries nothing (only the hop that makes the
// retries sees, and retries, a failure beyond it); a new connection to a process down on a live node is refused; and a
// proxy (or application) that crashed and restarted on a live node holds none of its old connections, nor its old
// in-memory policy state: its peers open new connections, it ejects and trips anew.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { ENVOY_OUTLIER_DETECTION, NO_DESTINATION_POLICY } from '../../src/config/policyDefaults.js';
import type { CallPolicy, FaultConfig, ProxyRole, ServiceConfig, SimulationConfig } from '../../src/index.js';
import { assertConservation } from '../__helpers__/assertions.js';
import { call, config, constantArrivals, service } from '../__helpers__/configs.js';
import { edgeOf } from '../__helpers__/protection.js';

const RETRY_ALL: CallPolicy = {
  timeoutMs: Infinity,
  perTryTimeoutMs: Infinity,
  retry: {
    maxAttempts: 3,
    retryOn: ['5xx', 'connect-failure', 'reset'],
    backoff: { baseMs: 25, maxMs: 250, jitter: 'full' },
  },
};

function crashProxy(service: string, proxy: ProxyRole): FaultConfig {
  return { atMs: 1000, durationMs: 2000, service, instances: 1, effect: { kind: 'crash-proxy', proxy } };
}

/**
 * frontend ×2 → backend ×4 under `shape`, 200/s. The frontend works 300 ms before it calls, so the requests it
 * held when a proxy of its pod crashed still make their calls during the crash.
 */
function pair(shape: string, faults: FaultConfig[], durationMs = 4000): SimulationConfig {
  return config(
    [
      service('frontend', {
        concurrency: 256,
        queueCapacity: 1024,
        serviceTimeMs: { kind: 'constant', value: 300 },
        calls: [[call('backend', RETRY_ALL)]],
      }),
      service('backend', { replicas: 4, concurrency: 16, serviceTimeMs: { kind: 'constant', value: 5 } }),
    ],
    [constantArrivals('frontend', 200, 'users')],
    { shape, durationMs, faults },
  );
}

describe('a crashed caller-side proxy makes no retries', () => {
  for (const shape of ['istio-sidecar', 'linkerd', 'consul', 'app-mesh']) {
    it(`${shape}: the calls of a pod whose sidecar is down fail once each (the app's connection to it is refused)`, () => {
      const result = simulate(pair(shape, [crashProxy('frontend', 'sidecar')]));
      assertConservation(result);
      const edge = edgeOf(result, 'frontend', 'backend');
      expect(edge.failures['connect-failure']).toBeGreaterThan(0);
      expect(edge.retries).toBe(0);
      expect(edge.attempts).toBe(edge.calls);
    });
  }

  it('cilium: the L7 calls of a node whose Envoy is down fail once each', () => {
    // backend's loadBalancer (Cilium's lb-l7 annotation) sends its calls through the node Envoy; a retry alone would not.
    const cfg = pair('cilium', [crashProxy('frontend', 'node-proxy')]);
    cfg.services = cfg.services.map((s) =>
      s.name === 'backend'
        ? { ...s, destination: { ...NO_DESTINATION_POLICY, loadBalancer: { kind: 'round-robin' } } }
        : s,
    );
    const result = simulate(cfg);
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.failures['connect-failure']).toBeGreaterThan(0);
    expect(edge.retries).toBe(0);
  });

  it("istio-sidecar: the caller's sidecar still retries a callee whose sidecar is down", () => {
    const result = simulate(pair('istio-sidecar', [crashProxy('backend', 'sidecar')]));
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.retries).toBeGreaterThan(0);
    // Each failed call's failures were retried: 3 attempts each (the retries then went to other pods).
    expect(edge.failed).toBe(0);
  });

  it("istio-sidecar: the caller's sidecar still retries a connection it could not open (a powered-off node)", () => {
    const backendNode: FaultConfig = {
      atMs: 1000,
      durationMs: 40_000,
      service: 'backend',
      instances: 1,
      effect: { kind: 'crash-node' },
    };
    // HTTP/1.1, no timeout: requests on the node's pooled connections wait forever; new connections to it fail at
    // the sidecar's 10 s connect timeout, which its retry policy retries.
    const result = simulate(pair('istio-sidecar', [backendNode], 30_000));
    expect(result.connections.opened).toBeGreaterThan(0);
    const edge = edgeOf(result, 'frontend', 'backend');
    expect(edge.retries).toBeGreaterThan(0);
    expect(edge.failures['connect-failure']).toBe(0);
  });
});

/**
 * users → frontend ×1 → backend ×1 under `shape`, both 1 ms of work and 64 concurrent; the users arrive evenly at the
 * `[from ms, rps]` steps of `rate`. `run` sets the run's length and faults, `backend` overrides backend's fields.
 */
function frontendToBackend(
  shape: string,
  rate: readonly (readonly [atMs: number, rps: number])[],
  run: Pick<SimulationConfig, 'durationMs' | 'faults'>,
  backend: Partial<ServiceConfig> = {},
): SimulationConfig {
  const oneMs = { kind: 'constant', value: 1 } as const;
  return config(
    [
      service('frontend', { replicas: 1, concurrency: 64, serviceTimeMs: oneMs, calls: [[call('backend')]] }),
      service('backend', { replicas: 1, concurrency: 64, serviceTimeMs: oneMs, ...backend }),
    ],
    [
      constantArrivals('frontend', 100, 'users', {
        rate: rate.map(([atMs, rps]) => ({ atMs, rps, rampToNext: false })),
      }),
    ],
    { shape, ...run },
  );
}

/**
 * users → frontend ×1 → backend ×1 under `shape`: 100/s until 0.9 s, none while the proxy is down (1–3 s), 100/s again
 * from 4.5 s (once a restarted pod is back in the endpoints, 1 s after). So the pooled connections sit idle through
 * the crash; the calls after it find whatever is left.
 */
function quietThroughCrash(shape: string, faults: FaultConfig[]): SimulationConfig {
  return frontendToBackend(
    shape,
    [
      [0, 100],
      [900, 0],
      [4500, 100],
    ],
    { durationMs: 6000, faults },
  );
}

describe('a restarted proxy process has no connections', () => {
  for (const [shape, role] of [
    ['istio-ambient', 'ztunnel'],
    ['istio-sidecar', 'sidecar'],
  ] as const) {
    it(`${shape}: after a crash of the callee's ${role}, its peers' pooled connections are gone (new ones, new handshakes)`, () => {
      const calm = simulate(quietThroughCrash(shape, []));
      const crashed = simulate(quietThroughCrash(shape, [crashProxy('backend', role)]));
      assertConservation(crashed);
      // Nothing was sent during the crash, so nothing failed: only the connections differ.
      expect(edgeOf(crashed, 'frontend', 'backend').failed).toBe(0);
      expect(crashed.connections.opened).toBeGreaterThan(calm.connections.opened);
      expect(crashed.connections.tlsHandshakes).toBeGreaterThan(calm.connections.tlsHandshakes);
    });
  }

  it("none: after the callee's crash, the caller's pooled connections to it are gone", () => {
    const crash: FaultConfig = {
      atMs: 1000,
      durationMs: 2000,
      service: 'backend',
      instances: 1,
      effect: { kind: 'crash' },
    };
    const calm = simulate(quietThroughCrash('none', []));
    const crashed = simulate(quietThroughCrash('none', [crash]));
    expect(crashed.connections.opened).toBeGreaterThan(calm.connections.opened);
  });
});

describe('a connection to a crashed process is refused at once', () => {
  /**
   * users → frontend ×1 → backend ×1 under `shape`, 100/s only from 1 s to 2.9 s, while backend's `fault` lasts; the
   * endpoint lists change only after 10 s, so a pod made NotReady by its sidecar's crash stays in them.
   */
  function duringCrash(shape: string, effect: FaultConfig['effect']): SimulationConfig {
    const built = frontendToBackend(
      shape,
      [
        [0, 0],
        [1000, 100],
        [2900, 0],
      ],
      {
        durationMs: 4000,
        faults: [{ atMs: 500, durationMs: 3000, service: 'backend', instances: 1, effect }],
      },
    );
    return { ...built, mesh: { ...built.mesh, endpointUpdateDelayMs: 10_000 } };
  }

  for (const [shape, proxy] of [
    ['istio-sidecar', 'sidecar'],
    ['istio-ambient', 'ztunnel'],
    ['linkerd', 'sidecar'],
  ] as const) {
    it(`${shape}: backend's ${proxy} down on a live node refuses every new connection (a RST): no TLS handshake with it`, () => {
      const result = simulate(duringCrash(shape, { kind: 'crash-proxy', proxy }));
      assertConservation(result);
      const edge = edgeOf(result, 'frontend', 'backend');
      if (shape === 'linkerd') {
        // linkerd2-proxy stops connecting after the first refusal: its endpoint backs off (reconnecting in the
        // background), and the later calls wait in its balancer queue for a ready endpoint (until the run ends).
        expect(edge.failures['connect-failure']).toBeGreaterThan(0);
        expect(edge.policyEvents['linkerd-queued']).toBe(edge.calls - edge.failures['connect-failure']);
      } else {
        expect(edge.failures['connect-failure']).toBe(edge.calls);
        expect(result.connections.opened).toBeGreaterThan(edge.calls);
      }
      // Every connection opened during the crash was to it (the source's to frontend's pod is plain).
      expect(result.connections.tlsHandshakes).toBe(0);
      expect(result.connections.handshakeCpuMs).toBe(0);
    });
  }
});

describe('a restarted proxy process starts with empty in-memory state', () => {
  /**
   * users → frontend ×1 → backend ×2 under istio-sidecar, 100/s for 10 s; backend-1 fails every request (500) and the
   * frontend's sidecar ejects it for 60 s (Envoy's outlier detection, 5 consecutive 5xx); `fault` then hits that
   * sidecar at 5 s.
   */
  function ejecting(fault: FaultConfig | null): SimulationConfig {
    const failing: FaultConfig = {
      atMs: 0,
      durationMs: Infinity,
      service: 'backend',
      instances: 1,
      effect: { kind: 'error', rate: 1 },
    };
    return frontendToBackend(
      'istio-sidecar',
      [[0, 100]],
      { durationMs: 10_000, faults: fault === null ? [failing] : [failing, fault] },
      {
        replicas: 2,
        destination: {
          ...NO_DESTINATION_POLICY,
          outlierDetection: {
            ...ENVOY_OUTLIER_DETECTION,
            baseEjectionTimeMs: 60_000,
            maxEjectionPercent: 100,
          },
        },
      },
    );
  }

  it("istio-sidecar: the caller's sidecar ejects the failing pod again after its restart (its old ejection died with it)", () => {
    const calm = edgeOf(simulate(ejecting(null)), 'frontend', 'backend');
    // The set-up: one ejection, which lasts the run.
    expect(calm.policyEvents['outlier-ejections']).toBe(1);
    const restarted = simulate(ejecting(crashProxy('frontend', 'sidecar')));
    assertConservation(restarted);
    const edge = edgeOf(restarted, 'frontend', 'backend');
    // Restarted at 3 s (crashed 1–3 s): the new sidecar sends to backend-1 again until its own 5 consecutive 5xx.
    expect(edge.policyEvents['outlier-ejections']).toBe(2);
    expect(edge.failures.error).toBeGreaterThanOrEqual(calm.failures.error + 5);
  });
});

describe("linkerd: an endpoint whose connect failed leaves the caller's balancer while its proxy reconnects", () => {
  it('a callee sidecar down for 2 s fails a handful of calls, not the share P2C would keep sending it', () => {
    const result = simulate(
      config(
        [
          service('frontend', {
            concurrency: 64,
            serviceTimeMs: { kind: 'constant', value: 1 },
            calls: [[call('backend')]],
          }),
          service('backend', {
            replicas: 4,
            concurrency: 64,
            serviceTimeMs: { kind: 'exponential', mean: 5 },
          }),
        ],
        [constantArrivals('frontend', 200, 'users')],
        { shape: 'linkerd', durationMs: 4000, faults: [crashProxy('backend', 'sidecar')] },
      ),
    );
    assertConservation(result);
    const edge = edgeOf(result, 'frontend', 'backend');
    // 400 calls during the crash: each of the two frontend sidecars loses the calls it had in flight on the dead
    // pod and its first connect to it; its reconnects (100, 200, 400, 800 ms apart) carry no request.
    expect(edge.failures['connect-failure']).toBeGreaterThan(0);
    expect(edge.failed).toBeLessThan(20);
  });
});
