// Documented defaults of each policy, derived from the rule tables (config/rules/), where each default
// is written once with its source. A scenario that enables a policy starts from these.

import type {
  ConnectionPoolConfig,
  DestinationPolicy,
  ErrorRateBreakerConfig,
  FailureAccrualConfig,
  InboundPolicy,
  OutlierDetectionConfig,
  RetryBudgetConfig,
} from './PolicyConfig.js';
import { AWS_SDK_RETRY_QUOTA_RULES } from './rules/awsSdkRetryQuotaRules.js';
import { configDefaults } from './rules/configDefaults.js';
import { CONNECTION_POOL_RULES } from './rules/connectionPoolRules.js';
import { ENVOY_RETRY_BUDGET_RULES } from './rules/envoyRetryBudgetRules.js';
import { ERROR_RATE_BREAKER_RULES } from './rules/errorRateBreakerRules.js';
import { FAILURE_ACCRUAL_RULES } from './rules/failureAccrualRules.js';
import { GRPC_RETRY_THROTTLING_RULES } from './rules/grpcRetryThrottlingRules.js';
import { LINKERD_RETRY_BUDGET_RULES } from './rules/linkerdRetryBudgetRules.js';
import { MIRROR_RULES } from './rules/mirrorRules.js';
import {
  FAILURE_PERCENTAGE_RULES,
  OUTLIER_DETECTION_RULES,
  SUCCESS_RATE_RULES,
} from './rules/outlierDetectionRules.js';
import { RATE_LIMIT_RULES } from './rules/rateLimitRules.js';
import { CODEL_RULES } from './rules/sheddingRules.js';

/** No destination policy: the mesh's default balancer, nothing else. */
export const NO_DESTINATION_POLICY: DestinationPolicy = {
  loadBalancer: null,
  connectionPool: null,
  outlierDetection: null,
  failureAccrual: null,
  errorRateBreaker: null,
  retryBudget: null,
};

/** No inbound protection. */
export const NO_INBOUND_POLICY: InboundPolicy = {
  rateLimit: null,
  shedding: null,
  allowedCallers: null,
  bulkheads: {},
};

/** Envoy circuit-breaker defaults: 1024 connections / pending / requests, 3 concurrent retries (CONNECTION_POOL_RULES). */
export const ENVOY_CONNECTION_POOL: ConnectionPoolConfig = configDefaults(CONNECTION_POOL_RULES);

/** Envoy's success-rate ejection parameters (on by default): 5 hosts, 100 requests, factor 1.9 (SUCCESS_RATE_RULES). */
export const ENVOY_SUCCESS_RATE: NonNullable<OutlierDetectionConfig['successRate']> =
  configDefaults(SUCCESS_RATE_RULES);

/** Envoy's failure-percentage parameters, used when it is turned on (off by default): 85 %, 5 hosts, 50 requests. */
export const ENVOY_FAILURE_PERCENTAGE: NonNullable<OutlierDetectionConfig['failurePercentage']> =
  configDefaults(FAILURE_PERCENTAGE_RULES);

/**
 * Envoy outlier-detection defaults (OUTLIER_DETECTION_RULES): 5 consecutive 5xx, 10 s interval, 30 s base,
 * 300 s max, 10 %; success-rate ejection on, failure-percentage ejection off (enforcing 0 %).
 */
export const ENVOY_OUTLIER_DETECTION: OutlierDetectionConfig = {
  ...configDefaults(OUTLIER_DETECTION_RULES),
  successRate: { ...ENVOY_SUCCESS_RATE },
  failurePercentage: null,
};

/** Linkerd retry budget defaults: ratio 0.2, 10 retries/s, 10 s TTL (LINKERD_RETRY_BUDGET_RULES). */
export const LINKERD_RETRY_BUDGET: RetryBudgetConfig = {
  kind: 'linkerd',
  ...configDefaults(LINKERD_RETRY_BUDGET_RULES),
};

/** Envoy retry_budget defaults: 20 % of active + pending, minimum 3 concurrent retries (ENVOY_RETRY_BUDGET_RULES). */
export const ENVOY_RETRY_BUDGET: RetryBudgetConfig = {
  kind: 'envoy',
  ...configDefaults(ENVOY_RETRY_BUDGET_RULES),
};

/** gRPC retry throttling, the example values of gRFC A6: maxTokens 10, tokenRatio 0.1 (GRPC_RETRY_THROTTLING_RULES). */
export const GRPC_RETRY_THROTTLING: RetryBudgetConfig = {
  kind: 'grpc',
  ...configDefaults(GRPC_RETRY_THROTTLING_RULES),
};

/** AWS SDK standard retry quota: 500 tokens, 5 per retry, 10 per timeout, 1 back per success (AWS_SDK_RETRY_QUOTA_RULES). */
export const AWS_SDK_RETRY_QUOTA: RetryBudgetConfig = {
  kind: 'aws-sdk',
  ...configDefaults(AWS_SDK_RETRY_QUOTA_RULES),
};

/** Linkerd failure accrual defaults: 7 consecutive failures, 1 s → 1 min penalty, jitter 0.5 (FAILURE_ACCRUAL_RULES). */
export const LINKERD_FAILURE_ACCRUAL: FailureAccrualConfig = configDefaults(FAILURE_ACCRUAL_RULES);

/** Hystrix defaults: 50 % errors over a 10 s window with ≥ 20 requests opens for 5 s; one probe (ERROR_RATE_BREAKER_RULES). */
export const HYSTRIX_BREAKER: ErrorRateBreakerConfig = configDefaults(ERROR_RATE_BREAKER_RULES);

/** CoDel's parameters in the `codel` preset: RFC 8289's TARGET 5 ms and INTERVAL 100 ms (CODEL_RULES). */
export const CODEL_DEFAULTS: { readonly targetMs: number; readonly intervalMs: number } =
  configDefaults(CODEL_RULES);

/** The rate-limit scope when none is given: one bucket per instance, as Envoy's local rate limit (RATE_LIMIT_RULES). */
export const DEFAULT_RATE_LIMIT_SCOPE: 'instance' | 'service' = configDefaults(RATE_LIMIT_RULES).scope;

/** `inbound.rateLimit.burst` when omitted = this many seconds of the rate, at least 1 token (RATE_LIMIT_RULES `burst`). */
export const RATE_LIMIT_BURST_SECONDS = 1;

/** The mirrored share when `mirror.percent` is omitted: all calls, as Istio without `mirrorPercentage` (MIRROR_RULES). */
export const DEFAULT_MIRROR_PERCENT: number = configDefaults(MIRROR_RULES).percent;
