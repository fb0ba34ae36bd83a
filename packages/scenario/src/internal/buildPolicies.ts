// Resolves the policy fields of a schema-valid scenario into the model's policy configs: presets and
// omitted parameters take the documented defaults (@meshsim/mesh policyDefaults, derived from the rule
// tables), units become ms and percent.

import {
  AWS_SDK_RETRY_QUOTA,
  CODEL_DEFAULTS,
  DEFAULT_CHOICE_COUNT,
  DEFAULT_MIRROR_PERCENT,
  DEFAULT_RATE_LIMIT_SCOPE,
  ENVOY_CONNECTION_POOL,
  ENVOY_FAILURE_PERCENTAGE,
  ENVOY_OUTLIER_DETECTION,
  ENVOY_RETRY_BUDGET,
  ENVOY_SUCCESS_RATE,
  GRPC_RETRY_THROTTLING,
  HYSTRIX_BREAKER,
  LINKERD_FAILURE_ACCRUAL,
  LINKERD_RETRY_BUDGET,
  NO_DESTINATION_POLICY,
  NO_INBOUND_POLICY,
  PEAK_EWMA_DEFAULTS,
  RATE_LIMIT_BURST_SECONDS,
} from '@meshsim/mesh';
import type {
  ConnectionPoolConfig,
  ConnectionPoolThreshold,
  DestinationPolicy,
  ErrorRateBreakerConfig,
  FailureAccrualConfig,
  FaultInjectionConfig,
  InboundPolicy,
  LoadBalancerConfig,
  MirrorConfig,
  OutlierDetectionConfig,
  RetryBudgetConfig,
  SheddingConfig,
  VersionConfig,
  VersionRoute,
  WeightStep,
} from '@meshsim/mesh';
import type {
  RawDestinationPolicy,
  RawFaultInjection,
  RawInbound,
  RawMirror,
  RawVersion,
  RawVersionRoute,
  RawWeightStep,
} from '../policySchema.js';
import { parseDurationMs, parsePercent, parseRate } from '../units.js';
import type { PathSegment } from './path.js';
import { resolveDistribution } from './resolveDistribution.js';
import type { PathIssue } from './PathIssue.js';

const ms = parseDurationMs;
type Duration = number | string;

/** `value` converted with `convert`, or `fallback` when it is omitted. */
function or<T, R>(value: T | undefined, fallback: R, convert: (v: T) => R): R {
  return value === undefined ? fallback : convert(value);
}

const msOr = (value: Duration | undefined, fallbackMs: number): number => or(value, fallbackMs, ms);
const limitOf = (value: number | 'unlimited' | undefined, fallback: number): number =>
  value === undefined ? fallback : value === 'unlimited' ? Infinity : value;

function loadBalancerOf(raw: NonNullable<RawDestinationPolicy['loadBalancer']>): LoadBalancerConfig {
  if (typeof raw === 'string') {
    switch (raw) {
      case 'least-request':
        return { kind: 'least-request', choiceCount: DEFAULT_CHOICE_COUNT };
      case 'peak-ewma':
        return { kind: 'peak-ewma', ...PEAK_EWMA_DEFAULTS };
      default:
        return { kind: raw };
    }
  }
  if (raw['least-request'] !== undefined) {
    return { kind: 'least-request', choiceCount: raw['least-request'].choiceCount ?? DEFAULT_CHOICE_COUNT };
  }
  if (raw['peak-ewma'] !== undefined) {
    const p = raw['peak-ewma'];
    return {
      kind: 'peak-ewma',
      defaultRttMs: msOr(p.defaultRtt, PEAK_EWMA_DEFAULTS.defaultRttMs),
      decayMs: msOr(p.decay, PEAK_EWMA_DEFAULTS.decayMs),
    };
  }
  const locality = raw['locality-aware'];
  if (locality === undefined) throw new Error('loadBalancer: no kind (the schema should have caught this)');
  return { kind: 'locality-aware', minHealthyPercent: parsePercent(locality.minHealthyPercent) };
}

const POOL_THRESHOLDS: readonly ConnectionPoolThreshold[] = [
  'maxConnections',
  'maxPendingRequests',
  'maxRequests',
  'maxRetries',
];

/**
 * The thresholds: written ones as written; unwritten ones at Envoy's defaults, listed in `fromDefault` so that a mesh
 * programming other defaults (Istio: 2³²−1) replaces them. `envoy-defaults` asks for Envoy's by name: all chosen.
 */
function connectionPoolOf(raw: NonNullable<RawDestinationPolicy['connectionPool']>): ConnectionPoolConfig {
  const d = ENVOY_CONNECTION_POOL;
  if (raw === 'envoy-defaults') return { ...d };
  const fromDefault = POOL_THRESHOLDS.filter((field) => raw[field] === undefined);
  return {
    maxConnections: limitOf(raw.maxConnections, d.maxConnections),
    maxPendingRequests: limitOf(raw.maxPendingRequests, d.maxPendingRequests),
    maxRequests: limitOf(raw.maxRequests, d.maxRequests),
    maxRetries: limitOf(raw.maxRetries, d.maxRetries),
    ...(raw.connectTimeout === undefined ? {} : { connectTimeoutMs: ms(raw.connectTimeout) }),
    ...(fromDefault.length > 0 && { fromDefault }),
  };
}

function outlierDetectionOf(
  raw: NonNullable<RawDestinationPolicy['outlierDetection']>,
): OutlierDetectionConfig {
  const d = ENVOY_OUTLIER_DETECTION;
  // An unwritten successRate is the default: a mesh that cannot express it (Istio) leaves it out without a warning.
  if (raw === 'envoy-defaults') {
    return {
      ...d,
      successRate: d.successRate === null ? null : { ...d.successRate },
      successRateFromDefault: true,
    };
  }
  const successRateDefault = ENVOY_SUCCESS_RATE;
  const fpDefault = ENVOY_FAILURE_PERCENTAGE;
  const sr = raw.successRate;
  const fp = raw.failurePercentage;
  return {
    consecutive5xx: raw.consecutive5xx ?? d.consecutive5xx,
    consecutiveGatewayErrors: raw.consecutiveGatewayErrors ?? d.consecutiveGatewayErrors,
    intervalMs: msOr(raw.interval, d.intervalMs),
    baseEjectionTimeMs: msOr(raw.baseEjectionTime, d.baseEjectionTimeMs),
    maxEjectionTimeMs: msOr(raw.maxEjectionTime, d.maxEjectionTimeMs),
    maxEjectionPercent: or(raw.maxEjectionPercent, d.maxEjectionPercent, parsePercent),
    alwaysEjectOneHost: raw.alwaysEjectOneHost ?? d.alwaysEjectOneHost,
    successRate:
      sr === undefined
        ? d.successRate === null
          ? null
          : { ...d.successRate }
        : sr === false
          ? null
          : {
              minimumHosts: sr.minimumHosts ?? successRateDefault.minimumHosts,
              requestVolume: sr.requestVolume ?? successRateDefault.requestVolume,
              stdevFactor: sr.stdevFactor ?? successRateDefault.stdevFactor,
            },
    ...(sr === undefined && { successRateFromDefault: true }),
    failurePercentage:
      fp === undefined
        ? d.failurePercentage === null
          ? null
          : { ...d.failurePercentage }
        : fp === false
          ? null
          : {
              threshold: or(fp.threshold, fpDefault.threshold, parsePercent),
              minimumHosts: fp.minimumHosts ?? fpDefault.minimumHosts,
              requestVolume: fp.requestVolume ?? fpDefault.requestVolume,
            },
  };
}

function failureAccrualOf(raw: NonNullable<RawDestinationPolicy['failureAccrual']>): FailureAccrualConfig {
  const d = LINKERD_FAILURE_ACCRUAL;
  if (raw === 'linkerd-defaults') return { ...d };
  return {
    maxFailures: raw.maxFailures ?? d.maxFailures,
    minPenaltyMs: msOr(raw.minPenalty, d.minPenaltyMs),
    maxPenaltyMs: msOr(raw.maxPenalty, d.maxPenaltyMs),
    jitterRatio: raw.jitter ?? d.jitterRatio,
  };
}

function errorRateBreakerOf(
  raw: NonNullable<RawDestinationPolicy['errorRateBreaker']>,
): ErrorRateBreakerConfig {
  const d = HYSTRIX_BREAKER;
  if (raw === 'hystrix-defaults') return { ...d };
  return {
    failureRateThreshold: or(raw.failureRate, d.failureRateThreshold, (p) => parsePercent(p) / 100),
    minimumRequests: raw.minimumRequests ?? d.minimumRequests,
    windowMs: msOr(raw.window, d.windowMs),
    openMs: msOr(raw.openFor, d.openMs),
    halfOpenProbes: raw.halfOpenProbes ?? d.halfOpenProbes,
  };
}

/** The documented defaults of each retry-budget kind. */
const BUDGET_DEFAULTS = {
  linkerd: LINKERD_RETRY_BUDGET,
  envoy: ENVOY_RETRY_BUDGET,
  grpc: GRPC_RETRY_THROTTLING,
  'aws-sdk': AWS_SDK_RETRY_QUOTA,
} as const;

function retryBudgetOf(raw: NonNullable<RawDestinationPolicy['retryBudget']>): RetryBudgetConfig {
  if (typeof raw === 'string') return { ...BUDGET_DEFAULTS[raw] };
  if (raw.linkerd !== undefined) {
    const d = LINKERD_RETRY_BUDGET as Extract<RetryBudgetConfig, { kind: 'linkerd' }>;
    return {
      kind: 'linkerd',
      retryRatio: raw.linkerd.retryRatio ?? d.retryRatio,
      minRetriesPerSecond: raw.linkerd.minRetriesPerSecond ?? d.minRetriesPerSecond,
      ttlMs: msOr(raw.linkerd.ttl, d.ttlMs),
    };
  }
  if (raw.envoy !== undefined) {
    const d = ENVOY_RETRY_BUDGET as Extract<RetryBudgetConfig, { kind: 'envoy' }>;
    return {
      kind: 'envoy',
      budgetPercent: or(raw.envoy.budgetPercent, d.budgetPercent, parsePercent),
      minRetryConcurrency: raw.envoy.minRetryConcurrency ?? d.minRetryConcurrency,
    };
  }
  if (raw.grpc !== undefined) {
    const d = GRPC_RETRY_THROTTLING as Extract<RetryBudgetConfig, { kind: 'grpc' }>;
    return {
      kind: 'grpc',
      maxTokens: raw.grpc.maxTokens ?? d.maxTokens,
      tokenRatio: raw.grpc.tokenRatio ?? d.tokenRatio,
    };
  }
  const aws = raw['aws-sdk'];
  if (aws === undefined) throw new Error('retryBudget: no kind (the schema should have caught this)');
  const d = AWS_SDK_RETRY_QUOTA as Extract<RetryBudgetConfig, { kind: 'aws-sdk' }>;
  return {
    kind: 'aws-sdk',
    capacity: aws.capacity ?? d.capacity,
    retryCost: aws.retryCost ?? d.retryCost,
    timeoutCost: aws.timeoutCost ?? d.timeoutCost,
    successRefund: aws.successRefund ?? d.successRefund,
  };
}

/** `services.*.destinationPolicy` → `ServiceConfig.destination`; omitted policies are null. */
export function destinationOf(raw: RawDestinationPolicy): DestinationPolicy {
  return {
    ...NO_DESTINATION_POLICY,
    loadBalancer: or(raw.loadBalancer, null, loadBalancerOf),
    connectionPool: or(raw.connectionPool, null, connectionPoolOf),
    outlierDetection: or(raw.outlierDetection, null, outlierDetectionOf),
    failureAccrual: or(raw.failureAccrual, null, failureAccrualOf),
    errorRateBreaker: or(raw.errorRateBreaker, null, errorRateBreakerOf),
    retryBudget: or(raw.retryBudget, null, retryBudgetOf),
  };
}

function sheddingOf(raw: NonNullable<RawInbound['shedding']>): SheddingConfig {
  const d = CODEL_DEFAULTS;
  if (raw === 'codel') return { kind: 'codel', targetMs: d.targetMs, intervalMs: d.intervalMs };
  const timeout = raw['queue-timeout'];
  if (timeout !== undefined) return { kind: 'queue-timeout', timeoutMs: ms(timeout) };
  return {
    kind: 'codel',
    targetMs: msOr(raw.codel?.target, d.targetMs),
    intervalMs: msOr(raw.codel?.interval, d.intervalMs),
  };
}

/** `services.*.inbound` → `ServiceConfig.inbound`; omitted protections are off. */
export function inboundOf(raw: RawInbound): InboundPolicy {
  const rateLimit = raw.rateLimit;
  return {
    ...NO_INBOUND_POLICY,
    rateLimit:
      rateLimit === undefined
        ? null
        : {
            ratePerSecond: parseRate(rateLimit.rps),
            burst: rateLimit.burst ?? Math.max(1, parseRate(rateLimit.rps) * RATE_LIMIT_BURST_SECONDS),
            scope: rateLimit.scope ?? DEFAULT_RATE_LIMIT_SCOPE,
          },
    shedding: or(raw.shedding, null, sheddingOf),
    allowedCallers: raw.allowedCallers === undefined ? null : [...raw.allowedCallers],
    bulkheads: { ...(raw.bulkheads ?? {}) },
  };
}

/** `services.*.versions` → `ServiceConfig.versions` (service time and error rate null = the service's). */
export function versionsOf(
  raw: readonly RawVersion[],
  path: readonly PathSegment[],
  issues: PathIssue[],
): VersionConfig[] {
  return raw.map((version, i) => ({
    name: version.name,
    replicas: version.replicas,
    weight: or(version.weight, null, parsePercent),
    serviceTimeMs:
      version.serviceTime === undefined
        ? null
        : resolveDistribution(version.serviceTime, [...path, i, 'serviceTime'], issues),
    errorRate: version.errorRate ?? null,
  }));
}

/** `services.*.weightSchedule` → `ServiceConfig.weightSchedule`. */
export function weightScheduleOf(raw: readonly RawWeightStep[]): WeightStep[] {
  return raw.map((step) => ({
    atMs: ms(step.at),
    weights: Object.fromEntries(Object.entries(step.weights).map(([name, w]) => [name, parsePercent(w)])),
  }));
}

/** `services.*.routes` → `ServiceConfig.routes`. */
export function routesOf(raw: readonly RawVersionRoute[]): VersionRoute[] {
  return raw.map((route) => ({ match: { requestClass: route.match.requestClass }, version: route.version }));
}

/** `calls[].mirror` → `CallConfig.mirror`. */
export function mirrorOf(raw: RawMirror): MirrorConfig {
  return { to: raw.to, percent: or(raw.percent, DEFAULT_MIRROR_PERCENT, parsePercent) };
}

/** `calls[].faultInjection` → `CallConfig.faultInjection` (status 500 → `error`, 503 → `rejected`). */
export function faultInjectionOf(raw: RawFaultInjection): FaultInjectionConfig {
  return {
    delay:
      raw.delay === undefined
        ? null
        : { percent: parsePercent(raw.delay.percent), delayMs: ms(raw.delay.fixed) },
    abort:
      raw.abort === undefined
        ? null
        : {
            percent: parsePercent(raw.abort.percent),
            status: raw.abort.status === 500 ? 'error' : 'rejected',
          },
  };
}
