// The zod schemas of the resilience and traffic policies in a scenario file: a service's
// `destinationPolicy` and `inbound`, its `versions`/`weightSchedule`/`routes`, and a call's `mirror` and
// `faultInjection` (docs/scenario-format.md, "Policies"). The fields of each policy object come from its
// rule table (@meshsim/mesh config/rules, via internal/schemaFromRules.ts); defaults are applied in
// internal/buildPolicies.ts.

import {
  AWS_SDK_RETRY_QUOTA_RULES,
  BULKHEAD_RULES,
  CODEL_RULES,
  CONNECTION_POOL_RULES,
  ENVOY_RETRY_BUDGET_RULES,
  ERROR_RATE_BREAKER_RULES,
  FAILURE_ACCRUAL_RULES,
  FAILURE_PERCENTAGE_RULES,
  FAULT_ABORT_RULES,
  FAULT_DELAY_RULES,
  GRPC_RETRY_THROTTLING_RULES,
  LEAST_REQUEST_RULES,
  LINKERD_RETRY_BUDGET_RULES,
  LOCALITY_AWARE_RULES,
  MIRROR_RULES,
  OUTLIER_DETECTION_RULES,
  PEAK_EWMA_RULES,
  QUEUE_TIMEOUT_RULES,
  RATE_LIMIT_RULES,
  SUCCESS_RATE_RULES,
  VERSION_RULES,
} from '@meshsim/mesh';
import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import {
  ifRelationFieldsValid,
  ruleDescription,
  ruleFieldSchema,
  ruleRelations,
  ruleShape,
} from './internal/schemaFromRules.js';
import { got } from './internal/show.js';
import { didYouMean } from './internal/suggest.js';
import { Distribution, Duration, IF_VALID, Name, Percent, doc, must } from './schemaParts.js';

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

/** A preset name: the string `name`, selecting documented defaults. */
function preset<N extends string>(name: N, objectHint: string) {
  return z.literal(name, must(`must be "${name}" or ${objectHint}`));
}

// ---------------------------------------------------------------------------------------------
// destinationPolicy: how callers treat a service

const LoadBalancerObject = z
  .strictObject({
    'least-request': doc(
      z.strictObject(ruleShape(LEAST_REQUEST_RULES)).optional(),
      'Envoy LEAST_REQUEST: draw choiceCount endpoints at random, send to the one with the fewest active requests.',
    ),
    'peak-ewma': doc(
      z.strictObject(ruleShape(PEAK_EWMA_RULES)).optional(),
      'Linkerd: power of two choices over peak-EWMA latency × (active + 1).',
    ),
    'locality-aware': doc(
      z.strictObject(ruleShape(LOCALITY_AWARE_RULES)).optional(),
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

const CONNECTION_POOL_HINT =
  'an object { maxConnections, maxPendingRequests, maxRequests, maxRetries, connectTimeout }';

/** `destinationPolicy.connectionPool`: Envoy circuit-breaker thresholds. */
export const ConnectionPool = z
  .union(
    [preset('envoy-defaults', CONNECTION_POOL_HINT), z.strictObject(ruleShape(CONNECTION_POOL_RULES))],
    must(`must be "envoy-defaults" or ${CONNECTION_POOL_HINT}`),
  )
  .register(scenarioRegistry, {
    id: 'ConnectionPool',
    description:
      'Envoy circuit-breaker thresholds per caller proxy; over a limit the call fails at once with a local 503. "envoy-defaults" or a partial object (omitted thresholds: Envoy defaults 1024/1024/1024/3, but unlimited (Istio\'s 2^32-1) under istio-sidecar and istio-ambient; "unlimited" for no limit); connectTimeout: the callers\' sidecars\' connect timeout (default: the mesh\'s).',
  });

const OUTLIER_HINT = 'an object { consecutive5xx, interval, baseEjectionTime, maxEjectionPercent, ... }';

/** `destinationPolicy.outlierDetection`: Envoy outlier detection. */
export const OutlierDetection = z
  .union(
    [
      preset('envoy-defaults', OUTLIER_HINT),
      z.strictObject({
        ...ruleShape(OUTLIER_DETECTION_RULES),
        successRate: doc(
          z
            .union(
              [
                z.literal(
                  false,
                  must('must be false (off) or an object { minimumHosts, requestVolume, stdevFactor }'),
                ),
                z.strictObject(ruleShape(SUCCESS_RATE_RULES)),
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
                z.strictObject(ruleShape(FAILURE_PERCENTAGE_RULES)),
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
        .strictObject(ruleShape(FAILURE_ACCRUAL_RULES))
        .superRefine(ruleRelations(FAILURE_ACCRUAL_RULES), ifRelationFieldsValid(FAILURE_ACCRUAL_RULES)),
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
    [preset('hystrix-defaults', BREAKER_HINT), z.strictObject(ruleShape(ERROR_RATE_BREAKER_RULES))],
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
      z.strictObject(ruleShape(LINKERD_RETRY_BUDGET_RULES)).optional(),
      'Linkerd retry budget: retries <= retryRatio × requests + minRetriesPerSecond × ttl over ttl.',
    ),
    envoy: doc(
      z.strictObject(ruleShape(ENVOY_RETRY_BUDGET_RULES)).optional(),
      'Envoy retry_budget (replaces connectionPool.maxRetries).',
    ),
    grpc: doc(
      z.strictObject(ruleShape(GRPC_RETRY_THROTTLING_RULES)).optional(),
      'gRPC retry throttling (gRFC A6).',
    ),
    'aws-sdk': doc(
      z.strictObject(ruleShape(AWS_SDK_RETRY_QUOTA_RULES)).optional(),
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

const RateLimit = z.strictObject(ruleShape(RATE_LIMIT_RULES)).register(scenarioRegistry, {
  id: 'RateLimit',
  description: 'Local rate limit (token bucket) of inbound requests; excess gets 429 before queueing.',
});

const CoDelParameters = z.strictObject(ruleShape(CODEL_RULES));

const QUEUE_TIMEOUT = QUEUE_TIMEOUT_RULES.rows[0];

const SheddingObject = z
  .strictObject({
    'queue-timeout': doc(ruleFieldSchema(QUEUE_TIMEOUT).optional(), ruleDescription(QUEUE_TIMEOUT)),
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
      z.record(z.string(), ruleFieldSchema(BULKHEAD_RULES.rows[0])).optional(),
      'Per-downstream concurrency caps of this service (client side): { payments: 20 } allows 20 calls in flight from each instance to payments; beyond, a local 503.',
    ),
  })
  .register(scenarioRegistry, {
    id: 'Inbound',
    description: 'Protections of this service: rate limit, load shedding, authorization, bulkheads.',
  });

// ---------------------------------------------------------------------------------------------
// Versions, weight schedule, class routes

const versionFields = ruleShape(VERSION_RULES);

/** One version (subset) of a service. */
export const Version = z
  .strictObject({
    name: doc(Name, 'Version name (e.g. v1, v2), unique within the service.'),
    replicas: versionFields.replicas,
    weight: versionFields.weight,
    serviceTime: doc(Distribution.optional(), "This version's service time. Default: the service's."),
    errorRate: versionFields.errorRate,
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
    ...ruleShape(MIRROR_RULES),
  })
  .register(scenarioRegistry, { id: 'Mirror' });

/** `calls[].faultInjection`: Istio-style delays and aborts injected by the caller. */
export const FaultInjection = z
  .strictObject({
    delay: doc(z.strictObject(ruleShape(FAULT_DELAY_RULES)).optional(), 'Delay a percentage of the calls.'),
    abort: doc(
      z.strictObject(ruleShape(FAULT_ABORT_RULES)).optional(),
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
