import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  AWS_SDK_RETRY_QUOTA,
  ENVOY_CONNECTION_POOL,
  ENVOY_OUTLIER_DETECTION,
  ENVOY_RETRY_BUDGET,
  GRPC_RETRY_THROTTLING,
  HYSTRIX_BREAKER,
  LINKERD_FAILURE_ACCRUAL,
  LINKERD_RETRY_BUDGET,
  NO_DESTINATION_POLICY,
  NO_INBOUND_POLICY,
  simulate,
} from '@meshsim/mesh';
import type { DestinationPolicy, ServiceConfig, SimulationConfig } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseScenario, resolveScenario, scenarioJsonSchema } from '../src/index.js';
import { messagesOf, minimal } from './__helpers__/scenarios.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case pokes at arbitrary raw fields
type Mutation = (s: any) => void;

/** The resolved `backend` service after `mutate` is applied to the minimal scenario. */
function backendAfter(mutate: Mutation): ServiceConfig {
  const input = minimal();
  mutate(input);
  const service = resolveScenario(input).services.find((s) => s.name === 'backend');
  if (service === undefined) throw new Error('no backend');
  return service;
}

/** The resolved destination policy of `backend` given `destinationPolicy`. */
function destination(raw: unknown): DestinationPolicy | undefined {
  return backendAfter((s) => (s.services.backend.destinationPolicy = raw)).destination;
}

describe('destinationPolicy: presets select the documented defaults', () => {
  it.each([
    ['connectionPool', 'envoy-defaults', { connectionPool: ENVOY_CONNECTION_POOL }],
    [
      'outlierDetection',
      'envoy-defaults',
      { outlierDetection: { ...ENVOY_OUTLIER_DETECTION, successRateFromDefault: true } },
    ],
    ['failureAccrual', 'linkerd-defaults', { failureAccrual: LINKERD_FAILURE_ACCRUAL }],
    ['errorRateBreaker', 'hystrix-defaults', { errorRateBreaker: HYSTRIX_BREAKER }],
    ['retryBudget', 'linkerd', { retryBudget: LINKERD_RETRY_BUDGET }],
    ['retryBudget', 'envoy', { retryBudget: ENVOY_RETRY_BUDGET }],
    ['retryBudget', 'grpc', { retryBudget: GRPC_RETRY_THROTTLING }],
    ['retryBudget', 'aws-sdk', { retryBudget: AWS_SDK_RETRY_QUOTA }],
  ] as const)('%s: %s', (field, preset, expected) => {
    expect(destination({ [field]: preset })).toEqual({ ...NO_DESTINATION_POLICY, ...expected });
  });
});

describe('destinationPolicy: a partial block takes the documented defaults for the rest', () => {
  it('outlierDetection: { consecutive5xx: 3, interval: 1s } keeps Envoy defaults for the other fields', () => {
    expect(
      destination({ outlierDetection: { consecutive5xx: 3, interval: '1s' } })?.outlierDetection,
    ).toEqual({
      ...ENVOY_OUTLIER_DETECTION,
      consecutive5xx: 3,
      intervalMs: 1000,
      successRateFromDefault: true, // not written: Istio leaves it out without a warning
    });
  });

  it('outlierDetection: successRate false turns it off; failurePercentage {} turns it on with Envoy defaults', () => {
    const od = destination({
      outlierDetection: {
        successRate: false,
        failurePercentage: { threshold: '60%' },
        maxEjectionPercent: 50,
      },
    })?.outlierDetection;
    expect(od?.successRate).toBeNull();
    expect(od?.failurePercentage).toEqual({ threshold: 60, minimumHosts: 5, requestVolume: 50 });
    expect(od?.maxEjectionPercent).toBe(50);
    const written = destination({ outlierDetection: { successRate: { stdevFactor: 1 } } })?.outlierDetection;
    expect(written?.successRate).toEqual({ minimumHosts: 5, requestVolume: 100, stdevFactor: 1 });
    expect(written?.successRateFromDefault).toBeUndefined(); // written: warned where the mesh cannot express it
  });

  it('connectionPool: "unlimited" is Infinity, omitted fields are Envoy defaults, listed for the mesh to replace', () => {
    expect(
      destination({ connectionPool: { maxRequests: 'unlimited', maxRetries: 0 } })?.connectionPool,
    ).toEqual({
      ...ENVOY_CONNECTION_POOL,
      maxRequests: Infinity,
      maxRetries: 0,
      // Not written: Istio's shapes replace them with Istio's 2³²−1 (no limit), the others keep Envoy's.
      fromDefault: ['maxConnections', 'maxPendingRequests'],
    });
  });

  it("connectionPool.connectTimeout is a duration in ms, absent unless written (the mesh's applies)", () => {
    expect(destination({ connectionPool: { connectTimeout: '500ms' } })?.connectionPool).toEqual({
      ...ENVOY_CONNECTION_POOL,
      connectTimeoutMs: 500,
      fromDefault: ['maxConnections', 'maxPendingRequests', 'maxRequests', 'maxRetries'],
    });
    expect(destination({ connectionPool: { maxConnections: 8 } })?.connectionPool).not.toHaveProperty(
      'connectTimeoutMs',
    );
    const input = minimal();
    const backend = input.services.backend;
    if (backend === undefined) throw new Error('no backend');
    backend.destinationPolicy = { connectionPool: { connectTimeout: '0s' } };
    expect(messagesOf(input).join('\n')).toMatch(/connectionPool\.connectTimeout.*>= 1ms/);
  });

  it('failureAccrual and errorRateBreaker convert durations and the failure percentage', () => {
    expect(destination({ failureAccrual: { maxFailures: 3, maxPenalty: '30s' } })?.failureAccrual).toEqual({
      ...LINKERD_FAILURE_ACCRUAL,
      maxFailures: 3,
      maxPenaltyMs: 30_000,
    });
    expect(
      destination({ errorRateBreaker: { failureRate: '25%', window: '2s', openFor: '1s' } })
        ?.errorRateBreaker,
    ).toEqual({ ...HYSTRIX_BREAKER, failureRateThreshold: 0.25, windowMs: 2000, openMs: 1000 });
    expect(
      destination({ errorRateBreaker: { failureRate: 40 } })?.errorRateBreaker?.failureRateThreshold,
    ).toBe(0.4);
  });

  it.each([
    [{ linkerd: { retryRatio: 0.1 } }, { ...LINKERD_RETRY_BUDGET, retryRatio: 0.1 }],
    [{ linkerd: { ttl: '5s' } }, { ...LINKERD_RETRY_BUDGET, ttlMs: 5000 }],
    [{ envoy: { budgetPercent: '50%' } }, { ...ENVOY_RETRY_BUDGET, budgetPercent: 50 }],
    [{ grpc: { maxTokens: 100 } }, { ...GRPC_RETRY_THROTTLING, maxTokens: 100 }],
    [{ 'aws-sdk': { capacity: 50 } }, { ...AWS_SDK_RETRY_QUOTA, capacity: 50 }],
  ])('retryBudget %j', (raw, expected) => {
    expect(destination({ retryBudget: raw })?.retryBudget).toEqual(expected);
  });

  it.each([
    ['round-robin', { kind: 'round-robin' }],
    ['random', { kind: 'random' }],
    ['weighted', { kind: 'weighted' }],
    ['least-request', { kind: 'least-request', choiceCount: 2 }],
    [{ 'least-request': { choiceCount: 3 } }, { kind: 'least-request', choiceCount: 3 }],
    ['peak-ewma', { kind: 'peak-ewma', defaultRttMs: 30, decayMs: 10_000 }],
    [{ 'peak-ewma': { decay: '1s' } }, { kind: 'peak-ewma', defaultRttMs: 30, decayMs: 1000 }],
    [{ 'locality-aware': { minHealthyPercent: 70 } }, { kind: 'locality-aware', minHealthyPercent: 70 }],
  ])('loadBalancer %j', (raw, expected) => {
    expect(destination({ loadBalancer: raw })?.loadBalancer).toEqual(expected);
  });
});

describe('inbound, deadlines, versions, routes, mirror, fault injection', () => {
  it('inbound: rate limit (burst defaults to one second of rps), shedding, allowed callers, bulkheads', () => {
    const input = minimal();
    input.services['backend'] = {
      ...input.services['backend'],
      inbound: { rateLimit: { rps: '30000/m' }, shedding: 'codel', allowedCallers: ['frontend', 'client'] },
    };
    input.services['frontend'] = { ...input.services['frontend'], inbound: { bulkheads: { backend: 10 } } };
    const config = resolveScenario(input);
    expect(config.services[1]?.inbound).toEqual({
      ...NO_INBOUND_POLICY,
      rateLimit: { ratePerSecond: 500, burst: 500, scope: 'instance' },
      shedding: { kind: 'codel', targetMs: 5, intervalMs: 100 },
      allowedCallers: ['frontend', 'client'],
    });
    expect(config.services[0]?.inbound).toEqual({ ...NO_INBOUND_POLICY, bulkheads: { backend: 10 } });
    expect(
      backendAfter((s) => (s.services.backend.inbound = { shedding: { 'queue-timeout': '200ms' } })).inbound
        ?.shedding,
    ).toEqual({ kind: 'queue-timeout', timeoutMs: 200 });
    expect(
      backendAfter((s) => (s.services.backend.inbound = { shedding: { codel: { target: '10ms' } } })).inbound
        ?.shedding,
    ).toEqual({ kind: 'codel', targetMs: 10, intervalMs: 100 });
  });

  it('versions, weightSchedule and routes resolve; replicas default to the sum of the versions', () => {
    const backend = backendAfter((s) => {
      s.services.backend.versions = [
        { name: 'v1', replicas: 9, weight: 99 },
        { name: 'v2', replicas: 1, weight: '1%', errorRate: 0.5, serviceTime: '20ms' },
      ];
      s.services.backend.weightSchedule = [{ at: '10s', weights: { v1: 50, v2: 50 } }];
      s.services.backend.routes = [{ match: { requestClass: 'beta' }, version: 'v2' }];
    });
    expect(backend.replicas).toBe(10);
    // A fault may hit up to the inferred replica count.
    const input = minimal();
    input.services['backend'] = {
      ...input.services['backend'],
      versions: [
        { name: 'v1', replicas: 3 },
        { name: 'v2', replicas: 1 },
      ],
    };
    input['faults'] = [{ at: 0, service: 'backend', instances: 4, crash: true }];
    expect(resolveScenario(input).services[1]?.replicas).toBe(4);
    input['faults'] = [{ at: 0, service: 'backend', instances: 5, crash: true }];
    expect(messagesOf(input)).toEqual([
      'test.yaml: faults[0].instances: must be <= the replicas of backend (4) (got 5)',
    ]);
    expect(backend.versions).toEqual([
      { name: 'v1', replicas: 9, weight: 99, serviceTimeMs: null, errorRate: null },
      { name: 'v2', replicas: 1, weight: 1, serviceTimeMs: { kind: 'constant', value: 20 }, errorRate: 0.5 },
    ]);
    expect(backend.weightSchedule).toEqual([{ atMs: 10_000, weights: { v1: 50, v2: 50 } }]);
    expect(backend.routes).toEqual([{ match: { requestClass: 'beta' }, version: 'v2' }]);
    expect(backendAfter((s) => (s.services.backend.deadlinePropagation = true)).deadlinePropagation).toBe(
      true,
    );
  });

  it('traffic requestClass, call mirror (100 % by default) and fault injection', () => {
    const input = minimal();
    input.services['shadow'] = { serviceTime: '1ms' };
    input.traffic[0] = { ...input.traffic[0], requestClass: 'beta', connections: 64 };
    input.services['frontend'] = {
      serviceTime: '2ms',
      calls: [
        {
          to: 'backend',
          mirror: { to: 'shadow' },
          faultInjection: { delay: { percent: 5, fixed: '200ms' }, abort: { percent: '1%', status: 503 } },
        },
      ],
    };
    const config = resolveScenario(input);
    expect(config.traffic[0]?.requestClass).toBe('beta');
    expect(config.traffic[0]).toMatchObject({ kind: 'open', connections: 64 });
    const call = config.services[0]?.calls[0]?.[0];
    expect(call?.mirror).toEqual({ to: 'shadow', percent: 100 });
    expect(call?.faultInjection).toEqual({
      delay: { percent: 5, delayMs: 200 },
      abort: { percent: 1, status: 'rejected' },
    });
    input.services['frontend'] = {
      serviceTime: '2ms',
      calls: [{ to: 'backend', faultInjection: { abort: { percent: 10, status: 500 } } }],
    };
    expect(resolveScenario(input).services[0]?.calls[0]?.[0]?.faultInjection).toEqual({
      delay: null,
      abort: { percent: 10, status: 'error' },
    });
  });

  it('a scenario without policy fields resolves exactly as before (no policy keys appear)', () => {
    const config: SimulationConfig = resolveScenario(minimal());
    for (const service of config.services) {
      for (const key of [
        'destination',
        'inbound',
        'deadlinePropagation',
        'versions',
        'weightSchedule',
        'routes',
      ])
        expect(service).not.toHaveProperty(key);
      for (const call of service.calls.flat()) {
        expect(call).not.toHaveProperty('mirror');
        expect(call).not.toHaveProperty('faultInjection');
      }
    }
    expect(config.traffic[0]).not.toHaveProperty('requestClass');
  });
});

const CASES: [string, Mutation, string[]][] = [
  [
    'a misspelt preset',
    (s) => (s.services.backend.destinationPolicy = { outlierDetection: 'envoy-default' }),
    [
      'test.yaml: services.backend.destinationPolicy.outlierDetection: must be "envoy-defaults" or an object { consecutive5xx, interval, baseEjectionTime, maxEjectionPercent, ... } (got "envoy-default")',
    ],
  ],
  [
    "Istio's field name instead of meshsim's",
    (s) => (s.services.backend.destinationPolicy = { outlierDetection: { consecutive5xxErrors: 3 } }),
    [
      "test.yaml: services.backend.destinationPolicy.outlierDetection.consecutive5xxErrors: Istio's name; in meshsim write outlierDetection.consecutive5xx: 3",
    ],
  ],
  [
    "Istio's deprecated consecutiveErrors, which Istio ignores: no suggestion of a field it is not",
    (s) => (s.services.backend.destinationPolicy = { outlierDetection: { consecutiveErrors: 5 } }),
    [
      "test.yaml: services.backend.destinationPolicy.outlierDetection.consecutiveErrors: Istio's deprecated field, which Istio's control plane ignores (Envoy's default of 5 consecutive 5xx applies): leave it out, or write outlierDetection.consecutive5xx or consecutiveGatewayErrors for what you meant",
    ],
  ],
  [
    "Istio's loadBalancer: { simple: … }: the meshsim balancer to write, or that there is none",
    (s) =>
      (s.services.backend.destinationPolicy = {
        loadBalancer: { simple: 'LEAST_REQUEST', warmupDurationSecs: '10s' },
      }),
    [
      "test.yaml: services.backend.destinationPolicy.loadBalancer.simple: Istio's DestinationRule form; in meshsim write loadBalancer: least-request",
      "test.yaml: services.backend.destinationPolicy.loadBalancer.warmupDurationSecs: Istio's field, not modelled by meshsim: leave it out",
    ],
  ],
  [
    "Istio's loadBalancer: { simple: … } as the mesh's balancer",
    (s) => (s.mesh = { shape: 'istio-sidecar', loadBalancer: { simple: 'ROUND_ROBIN' } }),
    [
      'test.yaml: mesh.loadBalancer: must be one of "round-robin", "random", "least-request", "peak-ewma" (got {"simple":"ROUND_ROBIN"}): Istio\'s DestinationRule form; in meshsim write loadBalancer: round-robin',
    ],
  ],
  [
    "Istio's loadBalancer.simple with no meshsim balancer",
    (s) => (s.services.backend.destinationPolicy = { loadBalancer: { simple: 'PASSTHROUGH' } }),
    [
      "test.yaml: services.backend.destinationPolicy.loadBalancer.simple: Istio's DestinationRule form; PASSTHROUGH has no meshsim balancer: write loadBalancer: round-robin, random, least-request or peak-ewma",
    ],
  ],
  [
    "Istio's DestinationRule trafficPolicy under a service",
    (s) =>
      ((s.services.backend as Record<string, unknown>)['trafficPolicy'] = {
        loadBalancer: { simple: 'ROUND_ROBIN' },
      }),
    [
      "test.yaml: services.backend.trafficPolicy: Istio's DestinationRule trafficPolicy: write destinationPolicy (its loadBalancer, connectionPool and outlierDetection, in meshsim's names)",
    ],
  ],
  [
    "Istio's connectionPool names, flat: each says the meshsim field to write, with its value",
    (s) =>
      (s.services.backend.destinationPolicy = {
        connectionPool: { http1MaxPendingRequests: 5, http2MaxRequests: 10, tcp: { maxConnections: 3 } },
      }),
    [
      "test.yaml: services.backend.destinationPolicy.connectionPool.http1MaxPendingRequests: Istio's name (connectionPool.http.http1MaxPendingRequests); in meshsim write connectionPool.maxPendingRequests: 5",
      "test.yaml: services.backend.destinationPolicy.connectionPool.http2MaxRequests: Istio's name (connectionPool.http.http2MaxRequests); in meshsim write connectionPool.maxRequests: 10",
      "test.yaml: services.backend.destinationPolicy.connectionPool.tcp.maxConnections: Istio's nesting; in meshsim write connectionPool.maxConnections: 3 (meshsim's connectionPool is flat)",
    ],
  ],
  [
    "Istio's nested connectionPool (tcp, http): each field says the flat meshsim field it maps to, or that it is not modelled",
    (s) =>
      (s.services.backend.destinationPolicy = {
        connectionPool: {
          tcp: { connectTimeout: '30ms' },
          http: { http1MaxPendingRequests: 10, maxRetries: 'unlimited', idleTimeout: '1h', ttl: 1 },
        },
      }),
    [
      "test.yaml: services.backend.destinationPolicy.connectionPool.tcp.connectTimeout: Istio's nesting; in meshsim write connectionPool.connectTimeout: 30ms (meshsim's connectionPool is flat)",
      "test.yaml: services.backend.destinationPolicy.connectionPool.http.http1MaxPendingRequests: Istio's name; in meshsim write connectionPool.maxPendingRequests: 10",
      "test.yaml: services.backend.destinationPolicy.connectionPool.http.maxRetries: Istio's nesting; in meshsim write connectionPool.maxRetries: unlimited (meshsim's connectionPool is flat)",
      "test.yaml: services.backend.destinationPolicy.connectionPool.http.idleTimeout: Istio's field, not modelled by meshsim (no per-destination connection settings beyond the thresholds and connectTimeout): leave it out",
      "test.yaml: services.backend.destinationPolicy.connectionPool.http.ttl: unknown field (Istio's connectionPool.http has http1MaxPendingRequests, http2MaxRequests, maxRequestsPerConnection, maxRetries, idleTimeout, h2UpgradePolicy, useClientProtocol, maxConcurrentStreams, http2KeepAlive)",
    ],
  ],
  [
    'a tcp or http that is not an object keeps the generic hint',
    (s) => (s.services.backend.destinationPolicy = { connectionPool: { http: 10 } }),
    [
      'test.yaml: services.backend.destinationPolicy.connectionPool.http: unknown field (did you mean "maxPendingRequests" or "maxRequests" or "maxRetries"?)',
    ],
  ],
  [
    "Envoy's backoff names",
    (s) =>
      (s.services.frontend.calls[0].retry = {
        attempts: 2,
        backoff: { baseInterval: '25ms', max_interval: '1s' },
      }),
    [
      'test.yaml: services.frontend.calls[0].retry.backoff.baseInterval: unknown field (did you mean "base"?)',
      'test.yaml: services.frontend.calls[0].retry.backoff.max_interval: unknown field (did you mean "max"?)',
    ],
  ],
  [
    "Istio's and Envoy's retry conditions: a status code, retriable-status-codes, timeout",
    (s) =>
      (s.services.frontend.calls[0].retry = {
        attempts: 2,
        retryOn: [503, 'retriable-status-codes', 'timeout', 504],
      }),
    [
      'test.yaml: services.frontend.calls[0].retry.retryOn[0]: must be one of "connect-failure", "reset", "overflow", "5xx", "gateway-error", "per-try-timeout" (got 503) (did you mean "overflow"?)',
      'test.yaml: services.frontend.calls[0].retry.retryOn[1]: "retriable-status-codes" is an Istio/Envoy retry condition with no meshsim outcome of its own: it turns on the status codes listed with it; write their meshsim conditions instead (503 → overflow; 502, 504 → gateway-error)',
      'test.yaml: services.frontend.calls[0].retry.retryOn[2]: must be one of "connect-failure", "reset", "overflow", "5xx", "gateway-error", "per-try-timeout" (got "timeout") (did you mean "per-try-timeout"?)',
      'test.yaml: services.frontend.calls[0].retry.retryOn[3]: must be one of "connect-failure", "reset", "overflow", "5xx", "gateway-error", "per-try-timeout" (got 504) (did you mean "gateway-error"?)',
    ],
  ],
  [
    "Istio's default retryOn pasted, and Envoy's other conditions meshsim has no outcome for",
    (s) =>
      (s.services.frontend.calls[0].retry = {
        attempts: 2,
        retryOn: [
          'connect-failure',
          'refused-stream',
          'unavailable',
          'cancelled',
          'retriable-4xx',
          'reset-before-request',
          'deadline-exceeded',
        ],
      }),
    [
      'test.yaml: services.frontend.calls[0].retry.retryOn[1]: "refused-stream" is an Istio/Envoy retry condition with no meshsim outcome: Envoy retries a stream the upstream refused (HTTP/2 REFUSED_STREAM), which no meshsim attempt is (a pod crashing under a request is a reset); leave it out',
      "test.yaml: services.frontend.calls[0].retry.retryOn[2]: \"unavailable\" is an Istio/Envoy retry condition with no meshsim outcome: a gRPC status (Envoy's x-envoy-retry-grpc-on), and meshsim's calls carry no gRPC status (a full queue's 503 is overflow); leave it out",
      'test.yaml: services.frontend.calls[0].retry.retryOn[3]: "cancelled" is an Istio/Envoy retry condition with no meshsim outcome: a gRPC status (Envoy\'s x-envoy-retry-grpc-on), and meshsim\'s calls carry no gRPC status; leave it out',
      'test.yaml: services.frontend.calls[0].retry.retryOn[4]: "retriable-4xx" is an Istio/Envoy retry condition with no meshsim outcome: Envoy retries a 409 Conflict, which no meshsim attempt answers; leave it out',
      'test.yaml: services.frontend.calls[0].retry.retryOn[5]: "reset-before-request" is an Istio/Envoy retry condition with no meshsim outcome: Envoy retries a reset before the request was sent upstream, and meshsim\'s resets come while a request is served (reset retries those); leave it out',
      "test.yaml: services.frontend.calls[0].retry.retryOn[6]: \"deadline-exceeded\" is an Istio/Envoy retry condition with no meshsim outcome: a gRPC status (Envoy's x-envoy-retry-grpc-on), and meshsim's calls carry no gRPC status (a dropped expired deadline's 504 is retried by 5xx and gateway-error); leave it out",
    ],
  ],
  [
    'a misspelt retry-budget kind',
    (s) => (s.services.backend.destinationPolicy = { retryBudget: 'linkrd' }),
    [
      'test.yaml: services.backend.destinationPolicy.retryBudget: must be one of "linkerd", "envoy", "grpc", "aws-sdk" (got "linkrd") (did you mean "linkerd"?)',
    ],
  ],
  [
    'two retry-budget kinds',
    (s) => (s.services.backend.destinationPolicy = { retryBudget: { linkerd: {}, envoy: {} } }),
    [
      'test.yaml: services.backend.destinationPolicy.retryBudget: must name exactly one retry-budget kind (got linkerd and envoy)',
    ],
  ],
  [
    'a camelCase load-balancer key',
    (s) => (s.services.backend.destinationPolicy = { loadBalancer: { peakEwma: { decay: '1s' } } }),
    [
      'test.yaml: services.backend.destinationPolicy.loadBalancer.peakEwma: unknown field (did you mean "peak-ewma"?)',
    ],
  ],
  [
    'locality-aware without its parameter',
    (s) => (s.services.backend.destinationPolicy = { loadBalancer: 'locality-aware' }),
    [
      'test.yaml: services.backend.destinationPolicy.loadBalancer: needs its parameter: write { locality-aware: { minHealthyPercent: 70 } } (got "locality-aware")',
    ],
  ],
  [
    'connection-pool limits out of range',
    (s) =>
      (s.services.backend.destinationPolicy = { connectionPool: { maxConnections: -1, maxRetries: 'none' } }),
    [
      'test.yaml: services.backend.destinationPolicy.connectionPool.maxConnections: must be an integer >= 0 (got -1)',
      'test.yaml: services.backend.destinationPolicy.connectionPool.maxRetries: must be an integer >= 0 or "unlimited" (got "none")',
    ],
  ],
  [
    'a max penalty below the default min penalty',
    (s) => (s.services.backend.destinationPolicy = { failureAccrual: { maxPenalty: '500ms' } }),
    [
      'test.yaml: services.backend.destinationPolicy.failureAccrual.maxPenalty: must be >= minPenalty (default 1000ms) (got "500ms"): the penalty doubles from minPenalty up to maxPenalty',
    ],
  ],
  [
    'a failure rate of 0 or above 100 %',
    (s) => {
      s.services.backend.destinationPolicy = { errorRateBreaker: { failureRate: 0 } };
      s.services.frontend.destinationPolicy = { errorRateBreaker: { failureRate: '150%' } };
    },
    [
      'test.yaml: services.frontend.destinationPolicy.errorRateBreaker.failureRate: must be a percentage in [0, 100]: a number (12.5) or a string such as 12.5% (got "150%")',
      'test.yaml: services.backend.destinationPolicy.errorRateBreaker.failureRate: must be a percentage > 0 (got 0)',
    ],
  ],
  [
    'rate limit out of range',
    (s) => (s.services.backend.inbound = { rateLimit: { rps: 0, burst: 0.5, scope: 'pod' } }),
    [
      'test.yaml: services.backend.inbound.rateLimit.rps: must be a rate > 0 such as 500, 500/s or 30000/m (got 0)',
      'test.yaml: services.backend.inbound.rateLimit.burst: must be a number >= 1 (got 0.5)',
      'test.yaml: services.backend.inbound.rateLimit.scope: must be one of "instance", "service" (got "pod")',
    ],
  ],
  [
    'camelCase shedding kind',
    (s) => (s.services.backend.inbound = { shedding: { queueTimeout: '200ms' } }),
    [
      'test.yaml: services.backend.inbound.shedding.queueTimeout: unknown field (did you mean "queue-timeout"?)',
    ],
  ],
  [
    'an unknown allowed caller',
    (s) => (s.services.backend.inbound = { allowedCallers: ['frontnd', 'client'] }),
    [
      'test.yaml: services.backend.inbound.allowedCallers[0]: unknown caller "frontnd" (did you mean "frontend"?); known callers: frontend, backend, client (services and traffic sources)',
    ],
  ],
  [
    'bulkheads on services not called',
    (s) => (s.services.frontend.inbound = { bulkheads: { backend: 0, frontend: 3, nope: 2 } }),
    [
      'test.yaml: services.frontend.inbound.bulkheads.backend: must be an integer >= 1 (got 0)',
      "test.yaml: services.frontend.inbound.bulkheads.frontend: names a service that frontend never calls (a bulkhead caps frontend's own calls to a downstream service; frontend calls backend)",
      'test.yaml: services.frontend.inbound.bulkheads.nope: unknown service "nope"; known services: frontend, backend',
    ],
  ],
  [
    'version replicas not adding up, weights on some versions only',
    (s) => {
      s.services.backend.replicas = 10;
      s.services.backend.versions = [
        { name: 'v1', replicas: 8, weight: 99 },
        { name: 'v2', replicas: 1 },
      ];
    },
    [
      "test.yaml: services.backend.versions: the versions' replicas add up to 9, but services.backend.replicas is 10 (omit replicas to use the sum)",
      'test.yaml: services.backend.versions[1].weight: is required because v1 sets a weight: set weight on every version or on none',
    ],
  ],
  [
    'duplicate version names, weights not adding up to 100',
    (s) =>
      (s.services.backend.versions = [
        { name: 'v1', replicas: 1, weight: 90 },
        { name: 'v1', replicas: 1, weight: 5 },
      ]),
    [
      'test.yaml: services.backend.versions[1].name: duplicate version name "v1"',
      "test.yaml: services.backend.versions: the versions' weights must add up to 100 (got 95)",
    ],
  ],
  [
    'a weight schedule with an unknown version, going back in time, past the end',
    (s) => {
      s.duration = '10s';
      s.services.backend.versions = [
        { name: 'v1', replicas: 1, weight: 100 },
        { name: 'v2', replicas: 1, weight: 0 },
      ];
      s.services.backend.weightSchedule = [
        { at: '5s', weights: { v1: 90, v3: 10 } },
        { at: '4s', weights: { v1: 50 } },
        { at: '20s', weights: { v2: 100 } },
      ];
    },
    [
      'test.yaml: services.backend.weightSchedule[0].weights.v3: unknown version "v3" (did you mean "v1"?); known versions: v1, v2',
      'test.yaml: services.backend.weightSchedule[1].at: must be after the previous step (5s) (got "4s")',
      'test.yaml: services.backend.weightSchedule[1].weights: must add up to 100 (got 50)',
      'test.yaml: services.backend.weightSchedule[2].at: must be before the end of the run (duration 10s) (got "20s")',
    ],
  ],
  [
    'a weight step past the end of a run whose duration is a bare number (in quotes): milliseconds, said',
    (s) => {
      s.duration = '500';
      s.services.backend.versions = [
        { name: 'v1', replicas: 1, weight: 100 },
        { name: 'v2', replicas: 1, weight: 0 },
      ];
      s.services.backend.weightSchedule = [{ at: '1s', weights: { v1: 0, v2: 100 } }];
    },
    [
      'test.yaml: services.backend.weightSchedule[0].at: must be before the end of the run (duration 500 ms: a bare number is milliseconds; write 500s for seconds) (got "1s")',
    ],
  ],
  [
    'weight steps out of order after a bare number: milliseconds, said',
    (s) => {
      s.services.backend.versions = [
        { name: 'v1', replicas: 1, weight: 100 },
        { name: 'v2', replicas: 1, weight: 0 },
      ];
      s.services.backend.weightSchedule = [
        { at: 5000, weights: { v1: 50, v2: 50 } },
        { at: '2s', weights: { v1: 0, v2: 100 } },
      ];
    },
    [
      'test.yaml: services.backend.weightSchedule[1].at: must be after the previous step (5000 ms: a bare number is milliseconds; write 5000s for seconds) (got "2s")',
    ],
  ],
  [
    'a weight schedule without weighted versions',
    (s) => (s.services.backend.weightSchedule = [{ at: '5s', weights: { v1: 100 } }]),
    [
      'test.yaml: services.backend.weightSchedule: needs versions with a weight on every version (the split before the first step)',
    ],
  ],
  [
    'a route to an unknown version',
    (s) => (s.services.backend.routes = [{ match: { requestClass: 'beta' }, version: 'v2' }]),
    [
      'test.yaml: services.backend.routes[0].version: unknown version "v2" (did you mean "v1"?); known versions: v1',
    ],
  ],
  [
    'a mirror to an unknown service, over 100 %',
    (s) => (s.services.frontend.calls[0].mirror = { to: 'shadow', percent: 120 }),
    [
      'test.yaml: services.frontend.calls[0].mirror.percent: must be a percentage in [0, 100]: a number (12.5) or a string such as 12.5% (got 120)',
      'test.yaml: services.frontend.calls[0].mirror.to: unknown service "shadow"; known services: frontend, backend',
    ],
  ],
  [
    'a mirror that closes a call cycle',
    (s) => {
      s.services.backend.calls = [{ to: 'worker', mirror: { to: 'frontend' } }];
      s.services.worker = { serviceTime: '1ms' };
    },
    [
      'test.yaml: services.backend.calls[0].mirror.to: call cycle frontend → backend → frontend: a request would call itself forever (the model needs an acyclic call graph)',
    ],
  ],
  [
    'fault injection without an effect, or with a bad status and no delay',
    (s) => {
      s.services.frontend.calls = [
        { to: 'backend', faultInjection: {} },
        { to: 'backend', faultInjection: { abort: { percent: 1, status: 404 }, delay: { percent: 5 } } },
      ];
    },
    [
      'test.yaml: services.frontend.calls[0].faultInjection: must set delay, abort or both',
      'test.yaml: services.frontend.calls[1].faultInjection.delay.fixed: is required',
      'test.yaml: services.frontend.calls[1].faultInjection.abort.status: must be one of 500, 503 (got 404)',
    ],
  ],
  [
    'deadlinePropagation that is not a boolean, an empty request class',
    (s) => {
      s.services.backend.deadlinePropagation = 'yes';
      s.traffic[0].requestClass = '';
    },
    [
      'test.yaml: services.backend.deadlinePropagation: must be true or false (got "yes")',
      'test.yaml: traffic[0].requestClass: must not be empty',
    ],
  ],
];

describe('invalid policies: each error names the file, the field path and the reason', () => {
  it.each(CASES)('%s', (_name, mutate, expected) => {
    const input = minimal();
    mutate(input);
    expect(messagesOf(input)).toEqual(expected);
  });
});

/** The ```yaml blocks of a markdown section that are whole scenarios (they have `traffic:`). */
function scenarioBlocks(markdown: string, fromHeading: string, toHeading: string): string[] {
  const start = markdown.indexOf(fromHeading);
  const end = markdown.indexOf(toHeading, start + 1);
  const section = markdown.slice(start, end);
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .filter((block) => /^traffic:/m.test(block));
}

describe('docs/scenario-format.md: every complete policy example is valid and runs', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../../docs/scenario-format.md', import.meta.url)),
    'utf8',
  );
  const blocks = scenarioBlocks(doc, '## Policies', '## Traffic');
  const validate = new Ajv2020({ allErrors: true, strictTypes: false }).compile(scenarioJsonSchema());

  it('has at least one complete example per policy', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(blocks.map((block, i) => [i, block] as const))(
    'example %i parses, matches the JSON Schema and runs 1 s',
    (i, block) => {
      const config = parseScenario(block, `policy-example-${i}.yaml`);
      expect(validate(parseYaml(block))).toBe(true);
      const result = simulate({ ...config, durationMs: 1000 });
      expect(result.conservation.holds).toBe(true);
    },
  );
});

describe('mesh-shape options and per-service mesh fields', () => {
  it('istioVersion, mtls, encryption, appMeshLegacyAccount and layered reach the mesh config', () => {
    const input = minimal();
    input['mesh'] = { shape: 'istio-sidecar', istioVersion: '1.20', mtls: false };
    expect(resolveScenario(input).mesh).toMatchObject({ istioVersion: '1.20', mtls: false });
    input['mesh'] = { shape: 'layered', layered: { inCluster: 'linkerd', crossCluster: 'none' } };
    expect(resolveScenario(input).mesh).toMatchObject({
      inCluster: { shape: 'linkerd' },
      crossCluster: 'none',
    });
    input['mesh'] = { shape: 'cilium', encryption: true };
    expect(resolveScenario(input).mesh).toMatchObject({ encryption: true });
    input['mesh'] = { shape: 'app-mesh', appMeshLegacyAccount: true };
    expect(resolveScenario(input).mesh).toMatchObject({ appMeshLegacyAccount: true });
    input['mesh'] = { shape: 'linkerd', linkerdVersion: '2.10' };
    expect(resolveScenario(input).mesh).toMatchObject({ linkerdVersion: '2.10' });
  });

  it('waypoint, requestBytes and responseBytes reach the service config (sizes in bytes)', () => {
    const backend = backendAfter((s) => {
      s.services.backend.waypoint = { replicas: 2 };
      s.services.backend.requestBytes = '1Ki';
      s.services.backend.responseBytes = 512;
    });
    expect(backend.waypoint).toEqual({ replicas: 2 });
    expect(backend.requestBytes).toBe(1024);
    expect(backend.responseBytes).toBe(512);
  });

  it('an Istio release written as a YAML number is rejected with a hint to quote it', () => {
    const input = minimal();
    input['mesh'] = { shape: 'istio-sidecar', istioVersion: 1.2 };
    expect(messagesOf(input)[0]).toMatch(
      /^test\.yaml: mesh\.istioVersion: must be an Istio release with a cited profile, as a string: .* \(got 1\.2\) \(quote it: YAML reads 1\.20 as the number 1\.2\)$/,
    );
  });

  it('a Linkerd profile written as a YAML number or an unknown release is rejected, naming the choices', () => {
    const input = minimal();
    input['mesh'] = { shape: 'linkerd', linkerdVersion: 2.1 };
    expect(messagesOf(input)[0]).toBe(
      'test.yaml: mesh.linkerdVersion: must be a Linkerd profile, as a string: "2.10", "2.11", "current" (got 2.1) (quote it: YAML reads 2.10 as the number 2.1)',
    );
    input['mesh'] = { shape: 'linkerd', linkerdVersion: '2.14' };
    expect(messagesOf(input)[0]).toMatch(
      /^test\.yaml: mesh\.linkerdVersion: must be a Linkerd profile, as a string: .*\(got "2\.14"\)$/,
    );
  });
});
