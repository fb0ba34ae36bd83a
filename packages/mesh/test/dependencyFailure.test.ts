// Contracts of what a service answers for a failed dependency (onDependencyFailure, docs/model.md "What a failed
// dependency returns"): the caller sees the status as its failure cause, and the service counts the answer in
// its `errors`, whichever status it is (500, 502, 504).

import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import type { DependencyFailureAnswer, FailureCause, TrafficConfig } from '../src/index.js';
import { call, config, policy, service } from './__helpers__/configs.js';
import { assertConservation } from './__helpers__/assertions.js';
import { edgeOf, serviceOf } from './__helpers__/protection.js';

/** 50 req/s to `api` for 2 s, then none, so every call has its answer by the end of the 5 s run. */
const TRAFFIC: TrafficConfig = {
  kind: 'open',
  name: 'client',
  to: 'api',
  arrival: 'constant',
  rate: [
    { atMs: 0, rps: 50, rampToNext: false },
    { atMs: 2000, rps: 0, rampToNext: false },
  ],
  policy: policy(Infinity),
};

/** api → db, db failing as `db` says; api answers a failed db call as `answer` says. */
function run(answer: DependencyFailureAnswer, db: 'errors' | 'slow') {
  const result = simulate(
    config(
      [
        service('api', { onDependencyFailure: answer, calls: [[call('db', policy(50))]] }),
        db === 'errors'
          ? service('db', { errorRate: 1 })
          : service('db', { serviceTimeMs: { kind: 'constant', value: 200 } }),
      ],
      [TRAFFIC],
      { durationMs: 5000 },
    ),
  );
  assertConservation(result);
  return { api: serviceOf(result, 'api'), client: edgeOf(result, 'client', 'api') };
}

describe('a service answering for a failed dependency', () => {
  it.each([
    [{ kind: 'status', status: 502 }, 'errors', 'bad-gateway'],
    [{ kind: 'status', status: 504 }, 'errors', 'gateway-timeout'],
    [{ kind: 'passthrough' }, 'slow', 'gateway-timeout'],
    [{ kind: 'status', status: 500 }, 'errors', 'error'],
  ] as const)(
    '%j (db %s): the caller sees %s, and the service counts each answer in errors',
    (answer, db, cause) => {
      const { api, client } = run(answer, db);
      expect(client.failed).toBe(100);
      expect(client.failures[cause as FailureCause]).toBe(100);
      expect(api.errors).toBe(100);
    },
  );
});

describe('passthrough of a refused connection: what the application received', () => {
  /** api ×1 → db ×1 under `shape`, db's sidecar down for the whole run (10 s endpoint delay keeps it listed). */
  function refused(shape: string, proxy: 'sidecar' | 'ztunnel' = 'sidecar') {
    const built = config(
      [
        service('api', {
          replicas: 1,
          onDependencyFailure: { kind: 'passthrough' },
          // No retries: the first refusal is the call's failure.
          calls: [[call('db', policy(1000))]],
        }),
        service('db', { replicas: 1 }),
      ],
      [TRAFFIC],
      {
        shape,
        durationMs: 5000,
        faults: [
          {
            atMs: 0,
            durationMs: 10_000,
            service: 'db',
            instances: 1,
            effect: { kind: 'crash-proxy', proxy },
          },
        ],
      },
    );
    const result = simulate({ ...built, mesh: { ...built.mesh, endpointUpdateDelayMs: 10_000 } });
    assertConservation(result);
    return { db: edgeOf(result, 'api', 'db'), client: edgeOf(result, 'client', 'api') };
  }

  it("istio-sidecar and consul: the caller's Envoy answered the app 503 (UF), so the app passes a 503 on", () => {
    for (const shape of ['istio-sidecar', 'consul']) {
      const { db, client } = refused(shape);
      expect(db.failures['connect-failure'], shape).toBe(100);
      expect(client.failures['service-unavailable'], shape).toBe(100);
      expect(client.failures['bad-gateway'], shape).toBe(0);
    }
  });

  it("linkerd: linkerd2-proxy answers its app's refused connection with 502, which the app passes on", () => {
    const { db, client } = refused('linkerd');
    // Only the calls sent before the endpoint went into reconnect backoff meet the refusal: each reaches the app as
    // the proxy's 502. The next ones wait in the balancer queue for a ready endpoint, until the app's 1 s timeout or
    // the proxy's 3 s failfast (both 504 to the app); from then on the proxy refuses at once (503, passed on).
    expect(db.failures['connect-failure']).toBeGreaterThan(0);
    expect(client.failures['bad-gateway']).toBe(db.failures['connect-failure']);
    expect(db.failures.timeout).toBeGreaterThan(0);
    expect(client.failures['gateway-timeout']).toBe(db.failures.timeout + db.failures['gateway-timeout']);
    expect(db.failures['no-endpoints']).toBeGreaterThan(0);
    expect(client.failures['service-unavailable']).toBe(db.failures['no-endpoints']);
    expect(db.failed).toBe(db.calls);
  });
});
