// Retry conditions at scenario level, on the files of a resilience review: Envoy never retries "no healthy upstream",
// a call's version split is drawn once (its retries stay in that version).

import { simulate } from '@meshsim/mesh';
import type { EdgeMetrics, SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/index.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} → ${destination}`);
  return found;
}

// The reviewer's ne.yaml: a canary (v2, 1 pod, 10 %) whose only pod crashes at 5 s.
const CANARY_DOWN = `
name: ne
seed: 9
duration: 20s
mesh: istio-sidecar
services:
  frontend:
    replicas: 2
    concurrency: 64
    queue: 64
    serviceTime: 2ms
    calls:
      - { to: checkout, timeout: 500ms, retry: { attempts: 3, retryOn: [5xx] } }
  checkout:
    concurrency: 16
    queue: 64
    serviceTime: { exponential: { mean: 6ms } }
    versions:
      - { name: v2, replicas: 1, weight: 10 }
      - { name: v1, replicas: 9, weight: 90 }
traffic:
  - { to: frontend, rate: 300/s }
faults:
  - { at: 5s, service: checkout, instances: 1, crash: true }
`;

describe('a canary subset with no endpoints, under istio-sidecar and retryOn [5xx]', () => {
  const result = simulate(parseScenario(CANARY_DOWN, 'ne.yaml'));
  const checkout = edge(result, 'frontend', 'checkout');

  it('fails the canary share of the calls after the crash: about 10 % of 15 s × 300/s ≈ 450', () => {
    expect(checkout.failed).toBeGreaterThan(400);
    expect(checkout.failed).toBeLessThan(500);
  });

  it('never retries a no-endpoints attempt: each one ends its call', () => {
    expect(checkout.failures['no-endpoints']).toBeGreaterThan(350);
    expect(checkout.policyEvents['split-version-down']).toBe(checkout.failures['no-endpoints']);
  });

  it("retries only the crashed app's sidecar's 503s before the endpoint update, within the canary: they fail too", () => {
    expect(checkout.retries).toBeLessThan(100);
    // The canary's sidecar stays up: it answers 503 for its crashed application (no refused connection).
    expect(checkout.failures['connect-failure']).toBe(0);
    expect(checkout.failed).toBe(
      checkout.failures['no-endpoints'] + checkout.failures['service-unavailable'],
    );
  });
});

// Same split, the canary answering 500 to everything: its calls fail whatever they retry.
const CANARY_ERRORS = `
seed: 3
duration: 10s
mesh: istio-sidecar
services:
  frontend:
    replicas: 2
    concurrency: 64
    serviceTime: 1ms
    calls:
      - { to: checkout, timeout: 1s, retry: { attempts: 3, retryOn: [5xx] } }
  checkout:
    concurrency: 16
    serviceTime: 2ms
    versions:
      - { name: v2, replicas: 1, weight: 10, errorRate: 1 }
      - { name: v1, replicas: 4, weight: 90 }
traffic:
  - { to: frontend, rate: 300/s }
`;

describe('a call draws its version once: retries stay in the version of its first attempt', () => {
  const checkout = edge(simulate(parseScenario(CANARY_ERRORS, 'canary-errors.yaml')), 'frontend', 'checkout');

  it('fails the canary share of the calls (≈ 10 %), not 10 %³ as a new draw per attempt would', () => {
    expect(checkout.failed / checkout.calls).toBeGreaterThan(0.08);
    expect(checkout.failed / checkout.calls).toBeLessThan(0.12);
  });

  it('makes every failed call try three times on the canary (calls still running at the end aside)', () => {
    expect(checkout.failures.error).toBe(checkout.failed);
    expect(checkout.retries).toBeGreaterThanOrEqual(2 * checkout.failed);
    expect(checkout.retries).toBeLessThanOrEqual(2 * (checkout.failed + checkout.inFlight));
  });
});

// The reviewer's ptt.yaml: every attempt outlasts its 20 ms per-try timeout (the service takes 50 ms).
const PER_TRY_TIMEOUTS = `
name: ptt
seed: 1
duration: 5s
mesh: istio-sidecar
services:
  backend:
    replicas: 2
    concurrency: 64
    queue: 128
    serviceTime: 50ms
traffic:
  - { name: c, to: backend, rate: 100/s, timeout: 1s, retry: { attempts: 3, perTryTimeout: 20ms, retryOn: [reset] } }
`;

describe('retryOn [reset] retries per-try timeouts', () => {
  const backend = edge(simulate(parseScenario(PER_TRY_TIMEOUTS, 'ptt.yaml')), 'c', 'backend');

  it('tries every call three times: two retries per failed call (calls still running at the end aside)', () => {
    expect(backend.failed).toBeGreaterThan(450);
    expect(backend.failures['per-try-timeout']).toBe(backend.failed);
    expect(backend.retries).toBeGreaterThanOrEqual(2 * backend.failed);
    expect(backend.retries).toBeLessThanOrEqual(2 * (backend.failed + backend.inFlight));
  });
});

// A whole pod (application and sidecar) crashing under load, calls with no policy of their own: Istio's default retry
// applies. The sidecar goes first, so the application's requests are reset, not answered 503 by its sidecar.
const POD_CRASH = (retry: string): string => `
seed: 11
duration: 10s
mesh: istio-sidecar
services:
  frontend:
    replicas: 2
    concurrency: 64
    queue: 128
    serviceTime: 1ms
    calls:
      - { to: backend${retry} }
  backend:
    replicas: 4
    concurrency: 16
    queue: 64
    serviceTime: { exponential: { mean: 40ms } }
traffic:
  - { to: frontend, rate: 400/s }
faults:
  - { at: 5s, service: backend, instances: 1, crashProxy: sidecar }
  - { at: 5s, service: backend, instances: 1, crash: true }
`;

describe("Istio's default retry (connect-failure, refused-stream, …) and a crashed pod", () => {
  const byDefault = edge(simulate(parseScenario(POD_CRASH(''), 'crash.yaml')), 'frontend', 'backend');
  const withReset = edge(
    simulate(
      parseScenario(POD_CRASH(', retry: { attempts: 3, retryOn: [connect-failure, reset] }'), 'crash.yaml'),
    ),
    'frontend',
    'backend',
  );

  it('does not retry the requests the crash resets: refused-stream is no closed connection', () => {
    expect(byDefault.failures.reset).toBeGreaterThan(0);
    // The others: calls whose three tries all met the crashed pod before the endpoint update.
    expect(byDefault.failed).toBe(byDefault.failures.reset + byDefault.failures['connect-failure']);
  });

  it('retries the connect failures until the endpoint update, as retryOn [connect-failure, reset] retries both', () => {
    expect(byDefault.retries).toBeGreaterThan(0);
    expect(withReset.failures.reset).toBe(0);
    // The resets retried on other pods: fewer calls fail.
    expect(withReset.failed).toBeLessThan(byDefault.failed);
  });
});

/** The reviewer's S: back's 4th… first pod loses its sidecar (or, under ambient, its application) 5–10 s. */
function scenarioS(mesh: string, call: string, fault = 'crashProxy: sidecar'): string {
  return `
name: s
duration: 12s
mesh: ${mesh}
services:
  front: { replicas: 2, concurrency: 64, serviceTime: 1ms, calls: [ ${call} ] }
  back:  { replicas: 4, concurrency: 64, serviceTime: { exponential: { mean: 5ms } }, waypoint: ${mesh === 'istio-ambient'} }
traffic: [ { to: front, rate: 200/s } ]
faults: [ { at: 5s, for: 5s, service: back, instances: 1, ${fault} } ]
`;
}

function frontToBack(yaml: string): EdgeMetrics {
  return edge(simulate(parseScenario(yaml, 's.yaml')), 'front', 'back');
}

describe("a call that writes a timeout but no retry keeps Istio's default retry (VirtualService timeout and retries are apart)", () => {
  it('istio-sidecar: the refused connects to the pod whose sidecar crashed are retried, as with nothing written', () => {
    const nothing = frontToBack(scenarioS('istio-sidecar', '{ to: back }'));
    const timeout = frontToBack(scenarioS('istio-sidecar', '{ to: back, timeout: 2s }'));
    expect(nothing.retries).toBeGreaterThan(0);
    expect(timeout.retries).toBe(nothing.retries);
    expect(timeout.failures['connect-failure']).toBe(0);
  });

  it("istio-ambient: the waypoint retries a timeout-only call's refused connects to a crashed application", () => {
    const timeout = frontToBack(scenarioS('istio-ambient', '{ to: back, timeout: 2s }', 'crash: true'));
    expect(timeout.retries).toBeGreaterThan(0);
    expect(timeout.failures['connect-failure']).toBe(0);
  });

  it('app-mesh: a route timeout and its retry policy are apart too: a timeout-only call keeps App Mesh’s default retry', () => {
    const nothing = frontToBack(scenarioS('app-mesh', '{ to: back }'));
    const timeout = frontToBack(scenarioS('app-mesh', '{ to: back, timeout: 2s }'));
    expect(nothing.retries).toBeGreaterThan(0);
    expect(timeout.retries).toBe(nothing.retries);
    expect(timeout.failures).toEqual(nothing.failures);
  });

  it('a perTryTimeout (part of Istio’s retries) or a written retry is the call’s own; library keeps a timeout as no retry', () => {
    const perTry = frontToBack(scenarioS('istio-sidecar', '{ to: back, timeout: 2s, perTryTimeout: 1s }'));
    expect(perTry.retries).toBe(0);
    expect(perTry.failures['connect-failure']).toBeGreaterThan(0);
    const library = frontToBack(scenarioS('library', '{ to: back, timeout: 2s }', 'crash: true'));
    expect(library.retries).toBe(0);
    expect(library.failures['connect-failure']).toBeGreaterThan(0);
  });
});

/** front → back (10 % of its answers 500s) under `mesh`, the call written `call`. */
function erroring(mesh: string, call: string, extra = ''): string {
  return `
duration: 5s
mesh: ${mesh}
${extra}
services:
  front: { replicas: 2, concurrency: 64, serviceTime: 1ms, calls: [ ${call} ] }
  back:  { replicas: 4, concurrency: 64, serviceTime: 2ms, errorRate: 0.1, waypoint: ${mesh === 'istio-ambient'} }
traffic: [ { to: front, rate: 200/s } ]
`;
}

describe("a retry written without retryOn retries on Istio's default conditions under the Istio shapes, [5xx] elsewhere", () => {
  it("istio-sidecar and istio-ambient (waypoint): retry: { attempts: 3 } leaves the application's 500s alone", () => {
    for (const mesh of ['istio-sidecar', 'istio-ambient']) {
      const bare = frontToBack(erroring(mesh, '{ to: back, retry: { attempts: 3 } }'));
      expect(bare.failures.error, mesh).toBeGreaterThan(50);
      expect(bare.retries, mesh).toBe(0);
      const written = frontToBack(erroring(mesh, '{ to: back, retry: { attempts: 3, retryOn: [5xx] } }'));
      expect(written.retries, mesh).toBeGreaterThan(50);
    }
  });

  it('istio-sidecar: it still retries the refused connects of a crashed sidecar (connect-failure)', () => {
    const s = frontToBack(scenarioS('istio-sidecar', '{ to: back, retry: { attempts: 3 } }'));
    expect(s.retries).toBeGreaterThan(0);
    expect(s.failures['connect-failure']).toBe(0);
  });

  it('library: retry: { attempts: 3 } retries the 500s (retryOn defaults to [5xx])', () => {
    const library = frontToBack(erroring('library', '{ to: back, retry: { attempts: 3 } }'));
    expect(library.retries).toBeGreaterThan(50);
  });

  it("a mesh.defaultPolicy retry without retryOn takes the release's default conditions too (1.20: 503s as well)", () => {
    const config = parseScenario(
      erroring(
        'istio-sidecar',
        '{ to: back }',
        'mesh: { shape: istio-sidecar, istioVersion: "1.20", defaultPolicy: { retry: { attempts: 2 } } }',
      ).replace('mesh: istio-sidecar\n', ''),
      's.yaml',
    );
    expect(config.mesh.defaultPolicy.retry.retryOn).toEqual(['connect-failure', 'overflow']);
    expect(config.mesh.defaultPolicy.retry.maxAttempts).toBe(2);
  });
});
