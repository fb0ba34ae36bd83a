// The zod schemas of the resilience and traffic policies in a scenario file: a service's
// `destinationPolicy` and `inbound`, its `versions`/`weightSchedule`/`routes`, and a call's `mirror` and
// `faultInjection` (docs/scenario-format.md, "Policies"). Defaults are applied in internal/buildPolicies.ts.

import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import { got } from './internal/show.js';
import { didYouMean } from './internal/suggest.js';
import {
  Distribution,
  Duration,
  IF_VALID,
  Name,
  Percent,
  PositiveDuration,
  Probability,
  RateValue,
  doc,
  durationOrNaN,
  integer,
  must,
  percentOrNaN,
} from './schemaParts.js';
import { RATE_PATTERN, parseRate } from './units.js';

// ---------------------------------------------------------------------------------------------
// Names

/** Load balancers that need no parameter, written as a plain string (`loadBalancer: least-request`). */
export const LOAD_BALANCER_NAMES = [
  'round-robin',
  'random',
  'least-request',
  'peak-ewma',
  'weighted',
] as const;

/** Retry-budget kinds; the name alone selects that kind's documented defaults (`retryBudget: linkerd`). */
export const RETRY_BUDGET_KINDS = ['linkerd', 'envoy', 'grpc', 'aws-sdk'] as const;

/** Scopes of a rate limit: one bucket per instance (Envoy local rate limit) or one per service. */
export const RATE_LIMIT_SCOPES = ['instance', 'service'] as const;

/** The HTTP status an injected abort returns (500: application error, 503: rejected). */
export const ABORT_STATUSES = [500, 503] as const;

// ---------------------------------------------------------------------------------------------
// Helpers

/** Exactly one key of a one-key object must be set (`{ linkerd: {...} }`). */
function exactlyOneKey(what: string, kinds: readonly string[]) {
  return (object: object, ctx: z.RefinementCtx): void => {
    const set = Object.keys(object).filter((key) => (object as Record<string, unknown>)[key] !== undefined);
    if (set.length === 0) {
      ctx.addIssue({ code: 'custom', message: `must name one ${what}: ${kinds.join(', ')} (got {})` });
    } else if (set.length > 1) {
      ctx.addIssue({ code: 'custom', message: `must name exactly one ${what} (got ${set.join(' and ')})` });
    }
  };
}

/** A count limit: an integer >= `min`, or `unlimited`. */
function limit(min: number) {
  const reason = `must be an integer >= ${min} or "unlimited"`;
  return z.union([integer(min), z.literal('unlimited', must(reason))], must(reason));
}

/** A preset name: the string `name`, selecting documented defaults. */
function preset<N extends string>(name: N, objectHint: string) {
  return z.literal(name, must(`must be "${name}" or ${objectHint}`));
}

/** `max` must be >= `min`, each falling back to its default when omitted. */
function orderedDurations<T extends Record<string, unknown>>(
  minKey: keyof T & string,
  maxKey: keyof T & string,
  minDefaultMs: number,
  maxDefaultMs: number,
) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const min = value[minKey] === undefined ? minDefaultMs : durationOrNaN(value[minKey]);
    const max = value[maxKey] === undefined ? maxDefaultMs : durationOrNaN(value[maxKey]);
    if (max < min) {
      ctx.addIssue({
        code: 'custom',
        path: [value[maxKey] === undefined ? minKey : maxKey],
        message:
          value[maxKey] === undefined
            ? got(`must be <= ${maxKey} (default ${maxDefaultMs}ms)`, value[minKey])
            : got(
                `must be >= ${minKey} (${value[minKey] === undefined ? `default ${minDefaultMs}ms` : String(value[minKey])})`,
                value[maxKey],
              ),
      });
    }
  };
}

// ---------------------------------------------------------------------------------------------
// destinationPolicy: how callers treat a service

const LoadBalancerObject = z
  .strictObject({
    'least-request': doc(
      z
        .strictObject({ choiceCount: doc(integer(1).optional(), 'Endpoints drawn per pick. Default 2.') })
        .optional(),
      'Envoy LEAST_REQUEST: draw choiceCount endpoints at random, send to the one with the fewest active requests.',
    ),
    'peak-ewma': doc(
      z
        .strictObject({
          defaultRtt: doc(
            Duration.optional(),
            'RTT estimate of a new endpoint. Default 30ms (linkerd2-proxy).',
          ),
          decay: doc(PositiveDuration.optional(), 'Decay time of the EWMA. Default 10s (linkerd2-proxy).'),
        })
        .optional(),
      'Linkerd: power of two choices over peak-EWMA latency × (active + 1).',
    ),
    'locality-aware': doc(
      z
        .strictObject({
          minHealthyPercent: doc(
            Percent,
            'A locality tier (zone, then cluster) is used while at least this percentage of its instances is healthy.',
          ),
        })
        .optional(),
      "Prefer endpoints in the caller's zone, then its cluster; fail over when too few are healthy.",
    ),
  })
  .superRefine(exactlyOneKey('load balancer', ['least-request', 'peak-ewma', 'locality-aware']), IF_VALID)
  .register(scenarioRegistry, { minProperties: 1, maxProperties: 1 });

const LOAD_BALANCER_HELP = `${LOAD_BALANCER_NAMES.join(', ')}, or an object { least-request | peak-ewma | locality-aware: {...} } (locality-aware needs { locality-aware: { minHealthyPercent } })`;

/** `destinationPolicy.loadBalancer`: a name, or a one-key object with the kind's parameters. */
export const LoadBalancer = z
  .union(
    [
      z.enum(LOAD_BALANCER_NAMES, {
        error: (iss) =>
          iss.input === 'locality-aware'
            ? got('needs its parameter: write { locality-aware: { minHealthyPercent: 70 } }', iss.input)
            : got(`must be ${LOAD_BALANCER_HELP}`, iss.input) +
              (typeof iss.input === 'string'
                ? didYouMean(iss.input, [...LOAD_BALANCER_NAMES, 'locality-aware'])
                : ''),
      }),
      LoadBalancerObject,
    ],
    must(`must be ${LOAD_BALANCER_HELP}`),
  )
  .register(scenarioRegistry, {
    id: 'LoadBalancer',
    description:
      'Load balancer of every caller towards this service: round-robin, random, least-request, peak-ewma, weighted, or { least-request: { choiceCount } }, { peak-ewma: { defaultRtt, decay } }, { locality-aware: { minHealthyPercent } }.',
  });

const CONNECTION_POOL_HINT = 'an object { maxConnections, maxPendingRequests, maxRequests, maxRetries }';

/** `destinationPolicy.connectionPool`: Envoy circuit-breaker thresholds. */
export const ConnectionPool = z
  .union(
    [
      preset('envoy-defaults', CONNECTION_POOL_HINT),
      z.strictObject({
        maxConnections: doc(limit(1).optional(), 'Connections to the service. Default 1024 (Envoy).'),
        maxPendingRequests: doc(
          limit(0).optional(),
          'Requests waiting for a connection. Default 1024 (Envoy).',
        ),
        maxRequests: doc(limit(1).optional(), 'Requests in flight. Default 1024 (Envoy).'),
        maxRetries: doc(limit(0).optional(), 'Retries in flight at once. Default 3 (Envoy).'),
      }),
    ],
    must(`must be "envoy-defaults" or ${CONNECTION_POOL_HINT}`),
  )
  .register(scenarioRegistry, {
    id: 'ConnectionPool',
    description:
      'Envoy circuit-breaker thresholds per caller proxy; over a limit the call fails at once with a local 503. "envoy-defaults" or a partial object (omitted fields: Envoy defaults 1024/1024/1024/3; "unlimited" for no limit).',
  });

const OUTLIER_HINT = 'an object { consecutive5xx, interval, baseEjectionTime, maxEjectionPercent, ... }';

/** `destinationPolicy.outlierDetection`: Envoy outlier detection. */
export const OutlierDetection = z
  .union(
    [
      preset('envoy-defaults', OUTLIER_HINT),
      z.strictObject({
        consecutive5xx: doc(integer(0).optional(), 'Consecutive 5xx before ejection; 0 disables. Default 5.'),
        consecutiveGatewayErrors: doc(
          integer(0).optional(),
          'Consecutive 502/503/504 before ejection; 0 disables. Default 0 (Envoy: enforcing 0 %).',
        ),
        interval: doc(PositiveDuration.optional(), 'Time between ejection sweeps. Default 10s.'),
        baseEjectionTime: doc(
          Duration.optional(),
          'Ejection time, multiplied by the number of ejections of the host. Default 30s.',
        ),
        maxEjectionTime: doc(Duration.optional(), 'Cap on one ejection. Default 300s.'),
        maxEjectionPercent: doc(
          Percent.optional(),
          'An ejection must leave at most this percentage of hosts ejected (Envoy: with 10 % and fewer than 10 hosts, none is ejected). Default 10.',
        ),
        alwaysEjectOneHost: doc(
          z.boolean().optional(),
          'Allow one ejection whenever no host is ejected, whatever maxEjectionPercent says (Envoy always_eject_one_host). Default false.',
        ),
        successRate: doc(
          z
            .union(
              [
                z.literal(
                  false,
                  must('must be false (off) or an object { minimumHosts, requestVolume, stdevFactor }'),
                ),
                z.strictObject({
                  minimumHosts: doc(integer(0).optional(), 'Hosts with enough volume needed. Default 5.'),
                  requestVolume: doc(integer(0).optional(), 'Requests per host per interval. Default 100.'),
                  stdevFactor: doc(
                    z.number().min(0).optional(),
                    'Eject below mean − stdevFactor × stdev. Default 1.9.',
                  ),
                }),
              ],
              must('must be false (off) or an object { minimumHosts, requestVolume, stdevFactor }'),
            )
            .optional(),
          'Success-rate ejection (on by default in Envoy), or false to turn it off.',
        ),
        failurePercentage: doc(
          z
            .union(
              [
                z.literal(
                  false,
                  must('must be false (off) or an object { threshold, minimumHosts, requestVolume }'),
                ),
                z.strictObject({
                  threshold: doc(
                    Percent.optional(),
                    'Eject hosts failing at least this percentage. Default 85.',
                  ),
                  minimumHosts: doc(integer(0).optional(), 'Hosts with enough volume needed. Default 5.'),
                  requestVolume: doc(integer(0).optional(), 'Requests per host per interval. Default 50.'),
                }),
              ],
              must('must be false (off) or an object { threshold, minimumHosts, requestVolume }'),
            )
            .optional(),
          'Failure-percentage ejection (off by default in Envoy); an object turns it on.',
        ),
      }),
    ],
    must(`must be "envoy-defaults" or ${OUTLIER_HINT}`),
  )
  .register(scenarioRegistry, {
    id: 'OutlierDetection',
    description:
      'Envoy outlier detection per caller proxy: "envoy-defaults" or a partial object (omitted fields take Envoy\'s defaults).',
  });

const ACCRUAL_HINT = 'an object { maxFailures, minPenalty, maxPenalty, jitter }';

/** `destinationPolicy.failureAccrual`: Linkerd consecutive-failure accrual. */
export const FailureAccrual = z
  .union(
    [
      preset('linkerd-defaults', ACCRUAL_HINT),
      z
        .strictObject({
          maxFailures: doc(
            integer(1).optional(),
            'Consecutive failures that mark an endpoint unavailable. Default 7.',
          ),
          minPenalty: doc(Duration.optional(), 'First penalty (then doubling). Default 1s.'),
          maxPenalty: doc(Duration.optional(), 'Cap on the penalty. Default 1m.'),
          jitter: doc(z.number().min(0).optional(), 'Jitter ratio of the penalty. Default 0.5.'),
        })
        .superRefine(orderedDurations('minPenalty', 'maxPenalty', 1000, 60_000), IF_VALID),
    ],
    must(`must be "linkerd-defaults" or ${ACCRUAL_HINT}`),
  )
  .register(scenarioRegistry, {
    id: 'FailureAccrual',
    description:
      'Linkerd failure accrual (consecutive failures): "linkerd-defaults" or a partial object (omitted fields take Linkerd\'s defaults).',
  });

const BREAKER_HINT = 'an object { failureRate, minimumRequests, window, openFor, halfOpenProbes }';

/** `destinationPolicy.errorRateBreaker`: Hystrix / resilience4j error-percentage breaker. */
export const ErrorRateBreaker = z
  .union(
    [
      preset('hystrix-defaults', BREAKER_HINT),
      z.strictObject({
        failureRate: doc(
          Percent.refine((p) => percentOrNaN(p) > 0, {
            ...must('must be a percentage > 0'),
            ...IF_VALID,
          }).optional(),
          'Open when this percentage of the calls in the window failed. Default 50%.',
        ),
        minimumRequests: doc(
          integer(1).optional(),
          'Calls needed in the window before the rate is judged. Default 20.',
        ),
        window: doc(PositiveDuration.optional(), 'Rolling window. Default 10s.'),
        openFor: doc(Duration.optional(), 'Time open before half-open probes. Default 5s.'),
        halfOpenProbes: doc(
          integer(1).optional(),
          'Probe calls while half-open; all must succeed to close. Default 1.',
        ),
      }),
    ],
    must(`must be "hystrix-defaults" or ${BREAKER_HINT}`),
  )
  .register(scenarioRegistry, {
    id: 'ErrorRateBreaker',
    description:
      'Error-percentage circuit breaker (Hystrix, resilience4j): "hystrix-defaults" or a partial object (omitted fields take Hystrix\'s defaults).',
  });

const RetryBudgetObject = z
  .strictObject({
    linkerd: doc(
      z
        .strictObject({
          retryRatio: doc(
            z.number().min(0).max(1000).optional(),
            'Retries may add this fraction of the requests (0 to 1000; at most 1, Tower withdraws floor(1/ratio) tokens per retry). Default 0.2.',
          ),
          minRetriesPerSecond: doc(
            z.number().int().min(0).optional(),
            'Retries per second always allowed (an integer). Default 10.',
          ),
          ttl: doc(
            PositiveDuration.refine(
              (d) => !(durationOrNaN(d) < 1000 || durationOrNaN(d) > 60_000),
              must('must be between 1s and 60s (Tower TpsBudget asserts this range)'),
            ).optional(),
            'Window over which requests and retries count, 1s to 60s. Default 10s.',
          ),
        })
        .optional(),
      'Linkerd retry budget: retries <= retryRatio × requests + minRetriesPerSecond × ttl over ttl.',
    ),
    envoy: doc(
      z
        .strictObject({
          budgetPercent: doc(
            Percent.optional(),
            'Retries in flight <= this percentage of active + pending requests. Default 20.',
          ),
          minRetryConcurrency: doc(integer(0).optional(), 'Retries in flight always allowed. Default 3.'),
        })
        .optional(),
      'Envoy retry_budget (replaces connectionPool.maxRetries).',
    ),
    grpc: doc(
      z
        .strictObject({
          maxTokens: doc(
            z
              .number()
              .gt(0, must('must be > 0 and <= 1000'))
              .max(1000, must('must be > 0 and <= 1000'))
              .optional(),
            'Token bucket size; retries stop at or below maxTokens / 2. Default 10.',
          ),
          tokenRatio: doc(
            z.number().gt(0, must('must be > 0')).optional(),
            'Tokens a success gives back (a failure takes 1). Default 0.1.',
          ),
        })
        .optional(),
      'gRPC retry throttling (gRFC A6).',
    ),
    'aws-sdk': doc(
      z
        .strictObject({
          capacity: doc(z.number().min(0).optional(), 'Quota tokens. Default 500.'),
          retryCost: doc(z.number().min(0).optional(), 'Tokens a retry costs. Default 5.'),
          timeoutCost: doc(z.number().min(0).optional(), 'Tokens a retry after a timeout costs. Default 10.'),
          successRefund: doc(
            z.number().min(0).optional(),
            'Tokens a successful first try gives back. Default 1.',
          ),
        })
        .optional(),
      'AWS SDK standard-mode retry quota.',
    ),
  })
  .superRefine(exactlyOneKey('retry-budget kind', RETRY_BUDGET_KINDS), IF_VALID)
  .register(scenarioRegistry, { minProperties: 1, maxProperties: 1 });

/** `destinationPolicy.retryBudget`: a kind (its defaults) or `{ kind: { parameters } }`. */
export const RetryBudget = z
  .union(
    [z.enum(RETRY_BUDGET_KINDS), RetryBudgetObject],
    must(
      `must be ${RETRY_BUDGET_KINDS.join(', ')} (the kind's defaults) or an object { linkerd | envoy | grpc | aws-sdk: {...} }`,
    ),
  )
  .register(scenarioRegistry, {
    id: 'RetryBudget',
    description:
      "Retry budget of every caller towards this service: linkerd, envoy, grpc or aws-sdk (that kind's defaults), or { <kind>: { ...parameters } } (omitted parameters take the kind's defaults).",
  });

/** `services.*.destinationPolicy`: how every caller treats this service. */
export const DestinationPolicy = z
  .strictObject({
    loadBalancer: LoadBalancer.optional(),
    connectionPool: ConnectionPool.optional(),
    outlierDetection: OutlierDetection.optional(),
    failureAccrual: FailureAccrual.optional(),
    errorRateBreaker: ErrorRateBreaker.optional(),
    retryBudget: RetryBudget.optional(),
  })
  .register(scenarioRegistry, {
    id: 'DestinationPolicy',
    description:
      'How every caller treats this service (Istio DestinationRule, Linkerd ServiceProfile / annotations): balancer, circuit breakers, outlier detection, retry budget. Enforced in the callers (client side).',
  });

// ---------------------------------------------------------------------------------------------
// inbound: protections of a service's own inbound traffic

const RATE_HELP = 'a rate > 0 such as 500, 500/s or 30000/m';

const RateLimit = z
  .strictObject({
    rps: doc(
      RateValue.refine(
        (r) =>
          !(
            (typeof r === 'number' && r <= 0) ||
            (typeof r === 'string' && new RegExp(RATE_PATTERN).test(r) && parseRate(r) <= 0)
          ),
        must(`must be ${RATE_HELP}`),
      ),
      'Token refill rate: requests per second admitted in the long run.',
    ),
    burst: doc(
      z.number().min(1, must('must be a number >= 1')).optional(),
      'Bucket capacity (and initial fill): requests admitted at once. Default: one second of rps (at least 1).',
    ),
    scope: doc(
      z.enum(RATE_LIMIT_SCOPES).optional(),
      'One bucket per instance (Envoy local rate limit) or one for the service. Default instance.',
    ),
  })
  .register(scenarioRegistry, {
    id: 'RateLimit',
    description: 'Local rate limit (token bucket) of inbound requests; excess gets 429 before queueing.',
  });

const CoDelParameters = z.strictObject({
  target: doc(PositiveDuration.optional(), 'Acceptable standing queue delay. Default 5ms (RFC 8289).'),
  interval: doc(
    PositiveDuration.optional(),
    'Window above target before dropping. Default 100ms (RFC 8289).',
  ),
});

const SheddingObject = z
  .strictObject({
    'queue-timeout': doc(
      Duration.optional(),
      'Drop (503) a request that waited longer than this in the queue.',
    ),
    codel: doc(
      CoDelParameters.optional(),
      'CoDel on the queue sojourn time (RFC 8289); drops at the head with 503.',
    ),
  })
  .superRefine(exactlyOneKey('shedding kind', ['queue-timeout', 'codel']), IF_VALID)
  .register(scenarioRegistry, { minProperties: 1, maxProperties: 1 });

/** `inbound.shedding`: `codel` (RFC defaults), `{ codel: {...} }` or `{ queue-timeout: 200ms }`. */
export const Shedding = z
  .union(
    [
      z.literal(
        'codel',
        must('must be "codel" or an object { queue-timeout: <duration> } / { codel: { target, interval } }'),
      ),
      SheddingObject,
    ],
    must('must be "codel" or an object { queue-timeout: <duration> } / { codel: { target, interval } }'),
  )
  .register(scenarioRegistry, {
    id: 'Shedding',
    description:
      'Server-side load shedding of queued work: { queue-timeout: 200ms }, codel (5ms / 100ms) or { codel: { target, interval } }.',
  });

/** `services.*.inbound`: protections on the service's own inbound traffic. */
export const Inbound = z
  .strictObject({
    rateLimit: RateLimit.optional(),
    shedding: Shedding.optional(),
    allowedCallers: doc(
      z.array(z.string().min(1)).optional(),
      'Callers allowed to call this service (service or traffic-source names); others get 403. Default: everyone.',
    ),
    bulkheads: doc(
      z.record(z.string(), integer(1)).optional(),
      'Per-downstream concurrency caps of this service (client side): { payments: 20 } allows 20 calls in flight from each instance to payments; beyond, a local 503.',
    ),
  })
  .register(scenarioRegistry, {
    id: 'Inbound',
    description: 'Protections of this service: rate limit, load shedding, authorization, bulkheads.',
  });

// ---------------------------------------------------------------------------------------------
// Versions, weight schedule, class routes

/** One version (subset) of a service. */
export const Version = z
  .strictObject({
    name: doc(Name, 'Version name (e.g. v1, v2), unique within the service.'),
    replicas: doc(integer(0), "Instances of this version; the versions' replicas add up to the service's."),
    weight: doc(
      Percent.optional(),
      'Traffic share [percent] when a split is in force; set on every version or on none (then proportional to replicas).',
    ),
    serviceTime: doc(Distribution.optional(), "This version's service time. Default: the service's."),
    errorRate: doc(Probability.optional(), "This version's error rate. Default: the service's."),
  })
  .register(scenarioRegistry, { id: 'Version' });

/** One step of a weight schedule. */
export const WeightStep = z
  .strictObject({
    at: doc(Duration, 'When these weights take effect.'),
    weights: doc(
      z.record(z.string(), Percent),
      'Share per version name [percent], adding up to 100; versions not listed get 0.',
    ),
  })
  .register(scenarioRegistry, { id: 'WeightStep' });

/** A class-based (header) route. */
export const VersionRoute = z
  .strictObject({
    match: z.strictObject({
      requestClass: doc(z.string().min(1), 'Requests of this class (traffic[].requestClass) match.'),
    }),
    version: doc(z.string().min(1), 'The version they go to, whatever the weights.'),
  })
  .register(scenarioRegistry, { id: 'VersionRoute' });

// ---------------------------------------------------------------------------------------------
// Call routes: mirror, fault injection

/** `calls[].mirror`: a fire-and-forget copy of a percentage of the calls. */
export const Mirror = z
  .strictObject({
    to: doc(z.string(), 'Service receiving the copies (must exist); their results are ignored.'),
    percent: doc(Percent.optional(), 'Percentage of the calls copied. Default 100 (Istio mirrorPercentage).'),
  })
  .register(scenarioRegistry, { id: 'Mirror' });

/** `calls[].faultInjection`: Istio-style delays and aborts injected by the caller. */
export const FaultInjection = z
  .strictObject({
    delay: doc(
      z
        .strictObject({
          percent: doc(Percent, 'Percentage of the calls delayed.'),
          fixed: doc(Duration, 'Delay added before the call is sent (Istio fixedDelay).'),
        })
        .optional(),
      'Delay a percentage of the calls.',
    ),
    abort: doc(
      z
        .strictObject({
          percent: doc(Percent, 'Percentage of the calls aborted.'),
          status: doc(
            z.literal(ABORT_STATUSES),
            'Status returned: 500 (application error) or 503 (rejected), as Istio abort.httpStatus.',
          ),
        })
        .optional(),
      'Fail a percentage of the calls at once, without sending them.',
    ),
  })
  .superRefine((value, ctx) => {
    if (value.delay === undefined && value.abort === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must set delay, abort or both' });
    }
  }, IF_VALID)
  .register(scenarioRegistry, {
    id: 'FaultInjection',
    anyOf: [{ required: ['delay'] }, { required: ['abort'] }],
  });

/** `services.*.destinationPolicy` as written. */
export type RawDestinationPolicy = z.output<typeof DestinationPolicy>;
/** `services.*.inbound` as written. */
export type RawInbound = z.output<typeof Inbound>;
/** `services.*.versions[]` as written. */
export type RawVersion = z.output<typeof Version>;
/** `services.*.weightSchedule[]` as written. */
export type RawWeightStep = z.output<typeof WeightStep>;
/** `services.*.routes[]` as written. */
export type RawVersionRoute = z.output<typeof VersionRoute>;
/** `calls[].mirror` as written. */
export type RawMirror = z.output<typeof Mirror>;
/** `calls[].faultInjection` as written. */
export type RawFaultInjection = z.output<typeof FaultInjection>;
