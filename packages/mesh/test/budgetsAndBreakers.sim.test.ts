// End-to-end effects of retry budgets and circuit breakers in simulate(): a retry storm bounded by
// budgets, overflow instead of queueing, endpoint ejection, failing fast on a stalled dependency.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_SDK_RETRY_QUOTA,
  ENVOY_RETRY_BUDGET,
  GRPC_RETRY_THROTTLING,
  LINKERD_FAILURE_ACCRUAL,
  NO_RETRY,
  simulate,
  staticWarnings,
} from '../src/index.js';
import type {
  CallPolicy,
  ConnectionPoolThreshold,
  DestinationPolicy,
  EdgeMetrics,
  FaultConfig,
  MeshShapeName,
  RetryBudgetConfig,
  ServiceConfig,
  ServiceMetrics,
  SimulationConfig,
  SimulationResult,
} from '../src/index.js';
import { assertConservation, assertFinite } from './__helpers__/assertions.js';
import { call, config, poisson, service } from './__helpers__/configs.js';
import { destination } from './__helpers__/policyHarness.js';

function edge(result: SimulationResult, source: string, target: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === target);
  if (found === undefined) throw new Error(`no edge ${source} -> ${target}`);
  return found;
}

function svc(result: SimulationResult, name: string): ServiceMetrics {
  const found = result.services.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

/** 3 attempts on 5xx, 2 s overall timeout. */
const RETRY_3: CallPolicy = {
  timeoutMs: 2000,
  perTryTimeoutMs: Infinity,
  retry: { maxAttempts: 3, retryOn: ['5xx'], backoff: { baseMs: 25, maxMs: 250, jitter: 'full' } },
};

const STORM_MS = 5000;
const FAIL_EVERYTHING: FaultConfig = {
  atMs: 0,
  durationMs: STORM_MS,
  service: 'b',
  instances: Infinity,
  effect: { kind: 'error', rate: 1 },
};

/**
 * a (1 replica, so one client and one budget) calls b (2 replicas, 50 ms of work) at 200/s with 3 tries on 5xx
 * under `shape`, while b fails every request for the whole run; `b` overrides b's fields.
 */
function stormConfig(shape: MeshShapeName, b: Partial<ServiceConfig> = {}): SimulationConfig {
  return config(
    [
      service('a', { replicas: 1, concurrency: 512, queueCapacity: 4096, calls: [[call('b', RETRY_3)]] }),
      service('b', { replicas: 2, concurrency: 64, serviceTimeMs: { kind: 'constant', value: 50 }, ...b }),
    ],
    [poisson('a', 200)],
    { shape, durationMs: STORM_MS, faults: [FAIL_EVERYTHING] },
  );
}

/** The retry storm of {@link stormConfig} without a mesh (shape library), b's destination policy `dest`. */
function retryStorm(dest: DestinationPolicy | undefined): SimulationResult {
  return simulate(stormConfig('library', dest === undefined ? {} : { destination: dest }));
}

const POOL_THRESHOLDS: readonly ConnectionPoolThreshold[] = [
  'maxConnections',
  'maxPendingRequests',
  'maxRequests',
  'maxRetries',
];

/**
 * A destination policy whose connection pool writes only the `written` thresholds: the others are marked fromDefault
 * (simulate gives them the mesh's defaults), their values here (1024, and 3 retries) mere fillers.
 */
function poolWriting(written: Partial<Record<ConnectionPoolThreshold, number>>): DestinationPolicy {
  return destination({
    connectionPool: {
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 3,
      ...written,
      fromDefault: POOL_THRESHOLDS.filter((threshold) => written[threshold] === undefined),
    },
  });
}

describe('retry budgets in a retry storm (3 attempts on 5xx, dependency failing 100 % for 5 s)', () => {
  let unbudgeted: SimulationResult;
  let unbudgetedEdge: EdgeMetrics;
  beforeAll(() => {
    unbudgeted = retryStorm(undefined);
    unbudgetedEdge = edge(unbudgeted, 'a', 'b');
  });

  it('without a budget, retries triple the load on the failing dependency', () => {
    expect(unbudgetedEdge.attempts / unbudgetedEdge.calls).toBeGreaterThan(2.9);
    expect(unbudgetedEdge.policyEvents).toEqual({});
    assertConservation(unbudgeted);
  });

  it('a Linkerd budget bounds attempts/calls to 1 + retryRatio + minRetriesPerSecond × ttl / calls while nothing expires (ttl 10 s, run 5 s)', () => {
    const budget: RetryBudgetConfig = {
      kind: 'linkerd',
      retryRatio: 0.2,
      minRetriesPerSecond: 10,
      ttlMs: 10_000,
    };
    const result = retryStorm(destination({ retryBudget: budget }));
    const ab = edge(result, 'a', 'b');
    // Tower: reserve 10/s × 10 s × 5 tokens = 500, 1 token per call, 5 per retry; no slot expires
    // within the run's 5 s (generations of 1 s, slots 0, 2, 4, 6, 8 written), so
    // retries ≤ (500 + calls) / 5 = 100 + 0.2 × calls.
    expect(ab.attempts / ab.calls).toBeLessThanOrEqual(1 + 0.2 + 100 / ab.calls);
    expect(ab.attempts / ab.calls).toBeGreaterThan(1.2); // and the budget is used
    expect(ab.policyEvents['retry-budget-admitted']).toBe(Math.floor((500 + ab.calls) / 5));
    // Nearly every call whose first attempt failed was denied a retry once the budget was spent.
    expect(ab.policyEvents['retry-budget-denied']).toBeGreaterThan(0.7 * ab.calls);
    expect(svc(unbudgeted, 'b').arrived / svc(result, 'b').arrived).toBeGreaterThan(2.2);
    assertConservation(result);
  });

  const kinds: [string, RetryBudgetConfig, (admitted: number) => void][] = [
    // Concurrent retries ≤ max(3, 20 % of attempts in flight): far fewer retries than 2 per call.
    [
      'envoy retry_budget',
      ENVOY_RETRY_BUDGET,
      (admitted) => expect(admitted).toBeLessThan(unbudgetedEdge.retries / 2),
    ],
    // Tokens 10 → each failure −1, no successes: retries allowed only after failures 1–4 (tokens 9..6 > 5).
    ['gRPC retry throttling', GRPC_RETRY_THROTTLING, (admitted) => expect(admitted).toBe(4)],
    // 500 tokens at 5 per retry and nothing refunded: exactly 100 retries.
    ['AWS SDK retry quota', AWS_SDK_RETRY_QUOTA, (admitted) => expect(admitted).toBe(100)],
  ];
  for (const [label, budget, checkAdmitted] of kinds) {
    it(`the ${label} caps the retries and reports admitted / denied retries`, () => {
      const result = retryStorm(destination({ retryBudget: budget }));
      const ab = edge(result, 'a', 'b');
      const admitted = ab.policyEvents['retry-budget-admitted'] ?? -1;
      checkAdmitted(admitted);
      expect(ab.retries).toBeLessThanOrEqual(admitted); // a retry admitted near the end may not start
      expect(ab.policyEvents['retry-budget-denied']).toBeGreaterThan(0);
      expect(ab.retries).toBeLessThan(unbudgetedEdge.retries / 2);
      assertConservation(result);
    });
  }
});

describe('Envoy connection-pool thresholds end to end', () => {
  function overload(dest: DestinationPolicy | undefined): SimulationResult {
    return simulate(
      config(
        [
          service('a', {
            replicas: 1,
            concurrency: 256,
            queueCapacity: 4096,
            calls: [[call('b', { ...RETRY_3, timeoutMs: 10_000, retry: NO_RETRY })]],
          }),
          service('b', {
            replicas: 1,
            concurrency: 2,
            queueCapacity: 64,
            serviceTimeMs: { kind: 'constant', value: 50 },
            ...(dest === undefined ? {} : { destination: dest }),
          }),
        ],
        [poisson('a', 100)],
        { shape: 'istio-sidecar', durationMs: 3000 },
      ),
    );
  }

  it('fails attempts over maxRequests at once with breaker-open instead of queueing them at the server', () => {
    const without = overload(undefined);
    const limited = overload(
      destination({
        connectionPool: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 4, maxRetries: 3 },
      }),
    );
    const ab = edge(limited, 'a', 'b');
    expect(svc(without, 'b').maxQueueLength).toBeGreaterThan(30);
    // At most 4 attempts in flight from the one client: 2 served, at most 2 waiting.
    expect(svc(limited, 'b').maxQueueLength).toBeLessThanOrEqual(2);
    expect(ab.failures['breaker-open']).toBeGreaterThan(100);
    expect(ab.policyEvents['breaker-overflow']).toBe(ab.failures['breaker-open']); // no retries: one per call
    expect(ab.failures.rejected).toBe(0);
    assertConservation(limited);
  });
});

describe("Envoy max_retries end to end: a retry holds its slot through its backoff (Envoy's retries resource)", () => {
  it('with maxRetries 1 and a 50–100 ms backoff, at most one retry is backing off or in flight at a time', () => {
    const backoffRetry: CallPolicy = {
      ...RETRY_3,
      retry: { ...RETRY_3.retry, backoff: { baseMs: 50, maxMs: 100, jitter: 'none' } },
    };
    const unlimited = Infinity;
    const result = simulate(
      config(
        [
          service('a', {
            replicas: 1,
            concurrency: 512,
            queueCapacity: 4096,
            calls: [[call('b', backoffRetry)]],
          }),
          service('b', {
            replicas: 2,
            concurrency: 64,
            serviceTimeMs: { kind: 'constant', value: 20 },
            destination: destination({
              connectionPool: {
                maxConnections: unlimited,
                maxPendingRequests: unlimited,
                maxRequests: unlimited,
                maxRetries: 1,
              },
            }),
          }),
        ],
        [poisson('a', 200)],
        { shape: 'istio-sidecar', durationMs: STORM_MS, faults: [FAIL_EVERYTHING] },
      ),
    );
    const ab = edge(result, 'a', 'b');
    // Each retry holds the one slot for its backoff (≥ 50 ms) and its attempt (≥ 20 ms of service): one at a
    // time, so at most one per 70 ms of the run. Counting only retries in flight let ~10 times more through.
    expect(ab.retries).toBeLessThanOrEqual(Math.ceil(STORM_MS / 70));
    expect(ab.retries).toBeGreaterThan(STORM_MS / 120 / 2); // and the slot is reused
    // Refused by max_retries, not by a budget (none is set): Envoy's upstream_rq_retry_overflow.
    expect(ab.policyEvents['retry-overflow']).toBeGreaterThan(ab.calls / 2);
    expect(ab.policyEvents['retry-budget-denied']).toBeUndefined();
    expect(ab.policyEvents['retry-budget-admitted']).toBeUndefined();
    assertConservation(result);
  });
});

describe("a partial connectionPool: unwritten thresholds take the mesh's defaults (Istio 2³²−1, Envoy 1024/3)", () => {
  /** a calls b with 3 tries on 5xx while b fails everything; b's pool writes only maxPendingRequests. */
  function partialPool(shape: MeshShapeName): EdgeMetrics {
    const result = simulate(stormConfig(shape, { destination: poolWriting({ maxPendingRequests: 1024 }) }));
    assertConservation(result);
    return edge(result, 'a', 'b');
  }

  it('istio-sidecar: no max_retries of 3 Istio never programs, so no retry is refused', () => {
    const ab = partialPool('istio-sidecar');
    expect(ab.policyEvents['retry-overflow'] ?? 0).toBe(0);
    expect(ab.retries).toBeGreaterThan(ab.calls * 1.5); // both retries of (almost) every call
  });

  it("consul: Envoy's own max_retries of 3 refuses most retries of the storm", () => {
    const ab = partialPool('consul');
    expect(ab.policyEvents['retry-overflow']).toBeGreaterThan(ab.calls / 2);
  });
});

describe('failure accrual end to end', () => {
  function oneBadEndpoint(dest: DestinationPolicy | undefined, instances: number): SimulationResult {
    return simulate(
      config(
        [
          service('a', {
            replicas: 1,
            concurrency: 64,
            calls: [[call('b', { ...RETRY_3, retry: NO_RETRY })]],
          }),
          service('b', { replicas: 3, ...(dest === undefined ? {} : { destination: dest }) }),
        ],
        [poisson('a', 150)],
        {
          shape: 'library',
          durationMs: 10_000,
          faults: [
            { atMs: 0, durationMs: Infinity, service: 'b', instances, effect: { kind: 'error', rate: 1 } },
          ],
        },
      ),
    );
  }

  it('ejects an endpoint that keeps failing, so almost every call goes to the healthy ones', () => {
    const without = edge(oneBadEndpoint(undefined, 1), 'a', 'b');
    const result = oneBadEndpoint(
      destination({ failureAccrual: { ...LINKERD_FAILURE_ACCRUAL, maxFailures: 5 } }),
      1,
    );
    const ab = edge(result, 'a', 'b');
    expect(without.successRate).toBeLessThan(0.7);
    expect(ab.successRate).toBeGreaterThan(0.98);
    // 10 s of penalties 1, 2, 4, 8 s (+ jitter): the first opening and a few failed probes.
    expect(ab.policyEvents['failure-accrual-ejections']).toBeGreaterThanOrEqual(3);
    expect(ab.policyEvents['failure-accrual-ejections']).toBeLessThanOrEqual(5);
    expect(ab.policyEvents['breaker-half-open-probes']).toBe(
      (ab.policyEvents['failure-accrual-ejections'] ?? 0) - 1,
    );
    expect(ab.policyTimeMs['breaker-open']).toBeGreaterThan(9000);
    assertConservation(result);
  });

  it('fails calls with breaker-open when every endpoint is in penalty (Linkerd returns 503)', () => {
    const result = oneBadEndpoint(
      destination({ failureAccrual: { ...LINKERD_FAILURE_ACCRUAL, maxFailures: 5 } }),
      Infinity,
    );
    const ab = edge(result, 'a', 'b');
    expect(ab.failures['breaker-open']).toBeGreaterThan(ab.calls * 0.9);
    expect(svc(result, 'b').arrived).toBeLessThan(ab.calls * 0.05);
    assertConservation(result);
  });
});

describe('error-rate breaker end to end', () => {
  function stalled(dest: DestinationPolicy | undefined): SimulationResult {
    return simulate(
      config(
        [
          service('a', {
            replicas: 1,
            concurrency: 256,
            queueCapacity: 4096,
            calls: [
              [
                call('b', {
                  timeoutMs: 300,
                  perTryTimeoutMs: Infinity,
                  retry: NO_RETRY,
                }),
              ],
            ],
          }),
          service('b', {
            replicas: 2,
            concurrency: 8,
            queueCapacity: Infinity,
            ...(dest === undefined ? {} : { destination: dest }),
          }),
        ],
        [poisson('a', 100)],
        {
          shape: 'library',
          durationMs: 5000,
          faults: [
            {
              atMs: 1000,
              durationMs: 3000,
              service: 'b',
              instances: Infinity,
              effect: { kind: 'latency', addMs: { kind: 'constant', value: 2000 }, multiply: 1 },
            },
          ],
        },
      ),
    );
  }

  it('fails calls fast with breaker-open on a stalled dependency instead of letting them time out', () => {
    const without = stalled(undefined);
    const withBreaker = stalled(
      destination({
        errorRateBreaker: {
          failureRateThreshold: 0.5,
          minimumRequests: 20,
          windowMs: 1000,
          openMs: 500,
          halfOpenProbes: 1,
        },
      }),
    );
    const slow = edge(without, 'a', 'b');
    const fast = edge(withBreaker, 'a', 'b');
    expect(slow.failures.timeout).toBeGreaterThan(200);
    expect(slow.failures['breaker-open']).toBe(0);
    // Only the calls that tripped the breaker and the failed probes wait out the 300 ms timeout.
    expect(fast.failures['breaker-open']).toBeGreaterThan(3 * fast.failures.timeout);
    expect(fast.failures.timeout).toBeLessThan(slow.failures.timeout / 3);
    expect(fast.policyEvents['breaker-opened']).toBeGreaterThanOrEqual(1);
    expect(fast.policyTimeMs['breaker-open']).toBeGreaterThan(1000);
    expect(fast.policyEvents['breaker-half-open-probes']).toBeGreaterThanOrEqual(1);
    // The stalled dependency receives a fraction of the work.
    expect(svc(withBreaker, 'b').arrived).toBeLessThan(svc(without, 'b').arrived * 0.6);
    assertConservation(withBreaker);
  });
});

describe('budgets and breakers together', () => {
  const everything = (budget: RetryBudgetConfig): DestinationPolicy =>
    destination({
      retryBudget: budget,
      connectionPool: { maxConnections: 8, maxPendingRequests: 8, maxRequests: 12, maxRetries: 2 },
      failureAccrual: { ...LINKERD_FAILURE_ACCRUAL, maxFailures: 3, minPenaltyMs: 200 },
      errorRateBreaker: {
        failureRateThreshold: 0.6,
        minimumRequests: 10,
        windowMs: 1000,
        openMs: 300,
        halfOpenProbes: 2,
      },
    });

  function run(shape: MeshShapeName, budget: RetryBudgetConfig, seed: number): SimulationResult {
    return simulate(
      config(
        [
          service('a', {
            replicas: 2,
            concurrency: 32,
            calls: [[call('b', { ...RETRY_3, timeoutMs: 400, perTryTimeoutMs: 150 })]],
          }),
          service('b', { replicas: 3, concurrency: 4, queueCapacity: 16, destination: everything(budget) }),
        ],
        [poisson('a', 300)],
        {
          shape,
          seed,
          durationMs: 4000,
          faults: [
            { atMs: 500, durationMs: 1500, service: 'b', instances: 1, effect: { kind: 'error', rate: 0.8 } },
            { atMs: 1500, durationMs: 1000, service: 'b', instances: 1, effect: { kind: 'crash' } },
            {
              atMs: 2500,
              durationMs: 1000,
              service: 'b',
              instances: Infinity,
              effect: { kind: 'latency', addMs: { kind: 'exponential', mean: 100 }, multiply: 1 },
            },
          ],
        },
      ),
    );
  }

  it('conserve requests, stay deterministic and report every counter with all four policies on', () => {
    const budgets: RetryBudgetConfig[] = [
      { kind: 'linkerd', retryRatio: 0.2, minRetriesPerSecond: 10, ttlMs: 1000 },
      ENVOY_RETRY_BUDGET,
      GRPC_RETRY_THROTTLING,
      AWS_SDK_RETRY_QUOTA,
    ];
    const COUNTERS = [
      'retry-budget-admitted',
      'retry-budget-denied',
      'retry-overflow',
      'breaker-overflow',
      'breaker-opened',
      'failure-accrual-ejections',
      'breaker-half-open-probes',
    ];
    const totals = new Map<string, number>();
    budgets.forEach((budget, i) => {
      for (const shape of ['library', 'istio-sidecar'] as const) {
        const result = run(shape, budget, i + 1);
        assertConservation(result);
        assertFinite(result);
        expect(JSON.stringify(run(shape, budget, i + 1))).toBe(JSON.stringify(result));
        const ab = edge(result, 'a', 'b');
        // Envoy has neither of the client libraries' breakers: under istio-sidecar they are not applied, and said.
        const breakersApplied = shape === 'library';
        for (const name of COUNTERS) {
          const count = ab.policyEvents[name];
          if (name === 'retry-overflow' && budget.kind === 'envoy') {
            // An Envoy retry budget replaces max_retries: nothing can overflow it.
            expect(count, `${shape} ${budget.kind} ${name}`).toBeUndefined();
          } else if (breakersApplied || name.startsWith('retry-') || name === 'breaker-overflow') {
            expect(count, `${shape} ${budget.kind} ${name}`).toBeGreaterThanOrEqual(0);
          } else {
            expect(count ?? 0, `${shape} ${budget.kind} ${name}`).toBe(0);
          }
          totals.set(name, (totals.get(name) ?? 0) + (count ?? 0));
        }
        const openMs = ab.policyTimeMs['breaker-open'] ?? 0;
        expect(openMs, `${shape} ${budget.kind} breaker-open time`).toBeGreaterThanOrEqual(0);
        totals.set('breaker-open time', (totals.get('breaker-open time') ?? 0) + openMs);
        expect(
          result.warnings
            .filter((w) => /retry-budget|connection-pool|failure-accrual|error-rate/.test(w))
            .map((w) => w.split(' ')[0]),
        ).toEqual(breakersApplied ? [] : ['error-rate-breaker', 'failure-accrual']);
      }
    });
    // Every policy did something in at least one of the runs.
    for (const name of [...COUNTERS, 'breaker-open time']) expect(totals.get(name), name).toBeGreaterThan(0);
  });

  it('warns and applies nothing when the caller hop cannot enforce them (mesh shape none: application code)', () => {
    const result = run('none', GRPC_RETRY_THROTTLING, 1);
    for (const policy of ['retry-budget', 'connection-pool', 'failure-accrual', 'error-rate-breaker']) {
      expect(result.warnings.some((w) => w.includes(policy) && w.includes('"b"') && w.includes('none'))).toBe(
        true,
      );
    }
    expect(edge(result, 'a', 'b').policyEvents).toEqual({});
    assertConservation(result);
  });
});

describe('a written 0 threshold: istiod reads it as unset (2³²−1) under Istio, Envoy as a limit of 0 elsewhere', () => {
  /** a calls b with 3 tries on 5xx while b (with a waypoint) fails everything; b's pool writes only maxRetries: 0. */
  function zeroRetriesConfig(shape: MeshShapeName): SimulationConfig {
    return stormConfig(shape, {
      waypoint: true, // istio-ambient: its waypoint enforces the pool (the sidecars do elsewhere)
      destination: poolWriting({ maxRetries: 0 }),
    });
  }
  function zeroRetries(shape: MeshShapeName): SimulationResult {
    const result = simulate(zeroRetriesConfig(shape));
    assertConservation(result);
    return result;
  }

  it.each(['istio-sidecar', 'istio-ambient'] as const)(
    '%s: maxRetries 0 is no limit (istiod programs only thresholds above 0), warned at the field once',
    (shape) => {
      const result = zeroRetries(shape);
      const ab = edge(result, 'a', 'b');
      expect(ab.policyEvents['retry-overflow'] ?? 0).toBe(0);
      expect(ab.retries).toBeGreaterThan(ab.calls * 1.5);
      expect(result.warnings.filter((w) => w.includes('0 is unset'))).toHaveLength(1);
      const warned = staticWarnings(zeroRetriesConfig(shape)).filter((w) => w.message.includes('0 is unset'));
      expect(warned).toEqual([
        {
          message: expect.stringContaining(
            `under ${shape}, 0 is unset: istiod leaves the threshold at 2³²−1 (unlimited); write 1 or more to limit`,
          ),
          path: ['services', 'b', 'destinationPolicy', 'connectionPool', 'maxRetries'],
        },
      ]);
    },
  );

  it("cilium: Envoy's max_retries 0 refuses every retry, without a warning", () => {
    const result = zeroRetries('cilium');
    const ab = edge(result, 'a', 'b');
    expect(ab.retries).toBe(0);
    expect(ab.policyEvents['retry-overflow']).toBeGreaterThan(ab.calls / 2);
    expect(result.warnings.filter((w) => w.includes('0 is unset'))).toEqual([]);
  });
});

describe("consul: a written maxRetries is not Consul's to set (its Limits have no max_retries), so Envoy's 3 stands", () => {
  /** a calls b with 3 tries on 5xx while b fails everything; b's pool writes maxRetries: `maxRetries` only. */
  function writtenRetries(shape: MeshShapeName, maxRetries: number): SimulationConfig {
    return stormConfig(shape, { destination: poolWriting({ maxRetries }) });
  }
  const NOT_CONSULS = "Consul's service-defaults Limits have no max_retries";

  it("maxRetries: 1000 under consul: Envoy's 3 still refuses most retries of the storm, warned at the field", () => {
    const cfg = writtenRetries('consul', 1000);
    const result = simulate(cfg);
    assertConservation(result);
    expect(edge(result, 'a', 'b').policyEvents['retry-overflow']).toBeGreaterThan(
      edge(result, 'a', 'b').calls / 2,
    );
    expect(staticWarnings(cfg).filter((w) => w.message.includes(NOT_CONSULS))).toEqual([
      {
        message:
          'connectionPool.maxRetries of service "b": consul does not configure it (Consul\'s service-defaults Limits have ' +
          "no max_retries, only MaxConnections, MaxPendingRequests and MaxConcurrentRequests): Envoy's default of 3 " +
          'concurrent retries applies; not applied',
        path: ['services', 'b', 'destinationPolicy', 'connectionPool', 'maxRetries'],
      },
    ]);
  });

  it('maxRetries: 3 (what applies anyway) and the other Envoy shapes say nothing; cilium applies the written value', () => {
    expect(
      staticWarnings(writtenRetries('consul', 3)).filter((w) => w.message.includes(NOT_CONSULS)),
    ).toEqual([]);
    const cilium = simulate(writtenRetries('cilium', 1000));
    expect(cilium.warnings.filter((w) => w.includes(NOT_CONSULS))).toEqual([]);
    const ab = edge(cilium, 'a', 'b');
    expect(ab.policyEvents['retry-overflow'] ?? 0).toBe(0);
    expect(ab.retries).toBeGreaterThan(ab.calls * 1.5);
  });
});
